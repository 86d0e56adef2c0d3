"""Pieces shared by the forecast input readers: reading text, collecting problems, numbers,
and the salience-scale rule.

Every reader collects all the problems it can find (file, line, column and column name) and
raises them together as one :class:`~grandbargain.model.errors.InputError`.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grandbargain.interop._common import MAX_FILE_BYTES, read_text
from grandbargain.interop._common import csv_rows as read_csv_rows
from grandbargain.model.errors import InputError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "Cell",
    "Problems",
    "SalienceRule",
    "check_actor_count",
    "csv_rows",
    "declared_salience",
    "detect_salience",
    "first_cells",
    "load_text",
    "parse_number",
]

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def load_text(path: str | os.PathLike[str]) -> str:
    """UTF-8 text of a forecast input file; :class:`InputError` if missing, too big (over
    5 MB), binary, not UTF-8 or empty."""
    file = Path(path)
    if not file.exists():
        raise InputError([Problem(os.fspath(path), 0, 0, "", "no such file")])
    if file.is_dir():
        raise InputError([Problem(os.fspath(path), 0, 0, "", "is a folder; expected a file")])
    text = read_text(file)
    if not text.strip():
        raise InputError([Problem(os.fspath(path), 0, 0, "", "empty file")])
    return text


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """``text`` as a finite number, or ``None`` (``nan``, ``inf`` and ``1_000`` are refused).

    >>> parse_number(" 4.5 "), parse_number("1e2"), parse_number("x"), parse_number("nan")
    (4.5, 100.0, None, None)
    >>> parse_number("0,75", decimal_comma=True)
    0.75
    """
    value = text.strip()
    if decimal_comma and value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    return float(value) if _NUMBER.fullmatch(value) else None


@dataclass(frozen=True)
class Cell:
    """A number read from a file, with where it was read (for later problems)."""

    line: int
    column: int
    field: str
    value: float


@dataclass
class Problems:
    """Problems found in one file, raised together by :meth:`raise_if_any`."""

    file: str
    found: list[Problem] = field(default_factory=list)

    def add(self, line: int, column: int, name: str, message: str) -> None:
        """Record a problem at ``line`` (0 = whole file), ``column`` (1-based), column ``name``."""
        self.found.append(Problem(self.file, line, column if line > 0 else 0, name, message))

    def at(self, cell: Cell, message: str) -> None:
        """Record a problem about a number read earlier."""
        self.add(cell.line, cell.column, cell.field, message)

    def fatal(self, line: int, column: int, name: str, message: str) -> InputError:
        """Record a problem that stops reading; returns the error to raise (with all so far)."""
        self.add(line, column, name, message)
        return InputError(self.found)

    def number(
        self, text: str, line: int, column: int, name: str, decimal_comma: bool = False
    ) -> Cell | None:
        """``text`` as a :class:`Cell`, or ``None`` after recording why it is not a number."""
        if not text.strip():
            self.add(line, column, name, "empty cell; expected a number")
            return None
        value = parse_number(text, decimal_comma)
        if value is None:
            self.add(line, column, name, f"not a number: {text.strip()!r}")
            return None
        return Cell(line, column, name, value)

    def raise_if_any(self) -> None:
        """Raise every problem recorded so far, if there is one."""
        if self.found:
            raise InputError(self.found)


@dataclass(frozen=True)
class SalienceRule:
    """How saliences were read: the input scale, the divisor to 0-1, and a note for people."""

    scale: str
    divisor: float
    note: str


def declared_salience(
    problems: Problems, cells: Iterable[Cell], top: float, declared_by: str
) -> SalienceRule:
    """Check saliences against a scale the format declares (0-1 or 0-100)."""
    for cell in cells:
        if not 0 <= cell.value <= top:
            problems.at(cell, f"salience {cell.value:g} is outside 0-{top:g} ({declared_by})")
    scale = f"0-{top:g}"
    divided = "; divided by 100 to 0-1" if top == 100 else ""
    return SalienceRule(scale, top, f"declared: {declared_by}{divided}")


def detect_salience(problems: Problems, cells: Iterable[Cell]) -> SalienceRule:
    """The salience rule for a format that declares no scale.

    All saliences within 0-1: the scale is 0-1. Any above 1 and all within 0-100: 0-100, and
    saliences are divided by 100. Anything below 0 or above 100 is a problem.
    """
    values = list(cells)
    for cell in values:
        if cell.value < 0:
            problems.at(cell, f"salience {cell.value:g} is below 0; saliences are 0-1 or 0-100")
        elif cell.value > 100:
            problems.at(cell, f"salience {cell.value:g} is above 100; saliences are 0-1 or 0-100")
    top = max((cell.value for cell in values), default=0.0)
    if top <= 1:
        return SalienceRule("0-1", 1.0, "detected: every salience lies within 0-1")
    return SalienceRule(
        "0-100",
        100.0,
        f"detected: the largest salience is {top:g} (above 1, within 100), "
        "so saliences are read as 0-100 and divided by 100",
    )


def check_actor_count(problems: Problems, issue: str, lines: list[int]) -> None:
    """An issue needs at least two actors: a problem when it has fewer."""
    if not lines:
        problems.add(0, 0, issue, "no actors on this issue; at least two are needed")
    elif len(lines) == 1:
        problems.add(lines[0], 1, issue, "only one actor on this issue; at least two are needed")


def csv_rows(problems: Problems, text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Every row of ``text`` with the line it starts on (see :func:`.._common.csv_rows`); its
    problems are recorded in ``problems``."""
    try:
        rows, found = read_csv_rows(problems.file, text, delimiter)
    except InputError as error:
        problems.found.extend(error.problems)
        raise InputError(problems.found) from None
    problems.found.extend(found)
    return rows


def first_cells(line: str) -> list[str]:
    """The cells of one line, split as CSV (plainly at commas if the csv module refuses it)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return line.split(",")
