"""Read an Adjusted Winner points table: ``issue,<party A>,<party B>``, one issue a row.

Cells are decimal numbers (``12``, ``0.5``, ``1e2``), read exactly as fractions, never
through ``float``: at most 30 digits before and after the decimal point and an exponent of at
most two digits, so that no cell can demand an integer too large to compute with or print.
Blank lines are skipped. The points are returned **as written**; whether they are used as
written or rescaled to 100 is the caller's choice (see :meth:`PointsTable.check_equal_totals`
and :func:`grandbargain.solve.fair_division.normalise_points`).

Every problem names the file, the 1-based line, the 1-based CSV column (cell number) and the
field (the column's header). Problems with the file as a whole (missing, too large) have line
0. Limits: 1 MB, 10,000 issues.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from grandbargain.files import read_input
from grandbargain.interop._common import csv_rows
from grandbargain.model.errors import InputError, Problem

MAX_CSV_BYTES = 1_000_000
MAX_CSV_ROWS = 10_000
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_BOUNDED = re.compile(r"[+-]?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})([eE][+-]?\d{1,2})?")


@dataclass(frozen=True)
class PointsTable:
    """A points table as written: the two parties and each issue's points, in file order."""

    file: str
    parties: tuple[str, str]
    points: Mapping[str, tuple[Fraction, Fraction]]
    header_line: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", MappingProxyType(dict(self.points)))

    @property
    def totals(self) -> tuple[Fraction, Fraction]:
        """Each party's points summed over the issues."""
        first = sum((row[0] for row in self.points.values()), Fraction(0))
        second = sum((row[1] for row in self.points.values()), Fraction(0))
        return first, second

    def check_equal_totals(self) -> None:
        """Raise :class:`InputError` unless both parties' points sum to the same total, as
        Adjusted Winner needs when the points are used as written."""
        first, second = self.totals
        if first == second:
            return
        message = (
            f"{self.parties[0]}'s points sum to {_number(first)} and {self.parties[1]}'s to "
            f"{_number(second)}; Adjusted Winner divides equal totals: make both columns sum "
            "to the same total (Brams and Taylor use 100), or rescale each to 100 with "
            "--points normalised"
        )
        raise InputError([Problem(self.file, self.header_line, 3, self.parties[1], message)])


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


def _decode(name: str, raw: bytes) -> str:
    def fail(at: int, message: str) -> InputError:
        return InputError([Problem(name, raw.count(b"\n", 0, at) + 1, 1, "", message)])

    if b"\x00" in raw:
        raise fail(raw.index(b"\x00"), "binary file; expected CSV text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(error.start, f"not UTF-8 text (byte {error.start}); expected CSV") from None


def _records(name: str, text: str) -> list[tuple[int, list[str]]]:
    rows, problems = csv_rows(name, text)
    if problems:
        raise InputError(problems)
    return [
        (line, [cell.strip() for cell in cells])
        for line, cells in rows
        if any(c.strip() for c in cells)
    ]


def _header(name: str, records: list[tuple[int, list[str]]]) -> tuple[int, tuple[str, str]]:
    def fail(line: int, column: int, field: str, message: str) -> InputError:
        return InputError([Problem(name, line, column, field, message)])

    if not records:
        raise fail(1, 1, "header", "empty file; expected a header issue,<party A>,<party B>")
    line, header = records[0]
    if len(header) != 3 or header[0] != "issue":
        shown = ",".join(header)[:80]
        raise fail(line, 1, "header", f"header is {shown!r}; expected issue,<A>,<B>")
    for column in (2, 3):
        if not header[column - 1]:
            raise fail(line, column, "header", "party name is empty")
    if header[1] == header[2]:
        raise fail(line, 3, header[2], "both party columns have the same name")
    if len(records) - 1 > MAX_CSV_ROWS:
        raise fail(records[MAX_CSV_ROWS + 1][0], 1, "issue", f"more than {MAX_CSV_ROWS} issues")
    return line, (header[1], header[2])


def _cell(name: str, line: int, column: int, field: str, cell: str) -> Fraction | Problem:
    """The number in ``cell``, or the problem with it."""
    if not _DECIMAL.fullmatch(cell):
        return Problem(name, line, column, field, f"{cell[:40]!r} is not a number")
    if not _BOUNDED.fullmatch(cell):
        message = (
            f"{cell[:20]}... has too many digits: at most 30 before and after the decimal "
            "point, and an exponent of at most 2 digits"
        )
        return Problem(name, line, column, field, message)
    value = Fraction(cell)
    if value < 0:
        return Problem(name, line, column, field, f"{cell} is negative")
    return value


def read_points_csv(path: str | os.PathLike[str]) -> PointsTable:
    """Read a points table ``issue,<party A>,<party B>`` as written (see the module notes)."""
    name = os.fspath(path)
    if not os.path.lexists(name):
        raise InputError([Problem(name, 0, 0, "", "no such file")])
    if os.path.isdir(name):
        raise InputError([Problem(name, 0, 0, "", "is a folder; expected a CSV file")])
    records = _records(name, _decode(name, read_input(name, "", MAX_CSV_BYTES)))
    header_line, parties = _header(name, records)
    fields = ("issue", *parties)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    points: dict[str, tuple[Fraction, Fraction]] = {}
    for line, cells in records[1:]:
        issue = cells[0]
        if len(cells) != 3:
            message = f"{len(cells)} columns; expected 3 (issue,A,B)"
            problems.append(Problem(name, line, 1, "issue", message))
        elif not issue:
            problems.append(Problem(name, line, 1, "issue", "issue id is empty"))
        elif issue in seen:
            message = f"duplicate issue {issue[:40]!r} (line {seen[issue]})"
            problems.append(Problem(name, line, 1, "issue", message))
        else:
            seen[issue] = line
            row = [_cell(name, line, k + 1, fields[k], cells[k]) for k in (1, 2)]
            problems += [value for value in row if isinstance(value, Problem)]
            numbers = [value for value in row if isinstance(value, Fraction)]
            if len(numbers) == 2:
                points[issue] = (numbers[0], numbers[1])
    if not problems and not points:
        problems.append(Problem(name, header_line, 1, "issue", "no issues after the header"))
    if not problems:
        for column, party in ((2, parties[0]), (3, parties[1])):
            if all(row[column - 2] == 0 for row in points.values()):
                message = "every point is 0; nothing to divide"
                problems.append(Problem(name, header_line, column, party, message))
    if problems:
        raise InputError(problems)
    return PointsTable(name, parties, points, header_line)
