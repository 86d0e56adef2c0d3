"""Helpers shared by the importers: ids from free text, problems, and validating a scenario.

Importers build a scenario as plain data, then :func:`validated` checks it exactly as the YAML
loader would (the pydantic schema, then :func:`grandbargain.model.checks.check_scenario`), so an
imported scenario obeys the same rules as a hand-written one. Only :class:`InputError` escapes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from grandbargain.model.checks import check_scenario
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.model.yaml_source import format_path

MAX_FILE_BYTES = 5_000_000
"""Largest input file an importer reads."""

_NOT_ALLOWED = re.compile(r"[^a-z0-9_.-]+")
_MAX_SLUG = 70  # leaves room for a "-N" suffix within the 80-character id limit


def slugify(name: str, fallback: str = "x") -> str:
    """An id for free text: accents folded, lower-case, runs of other characters -> ``-``.

    >>> slugify("External Monitor")
    'external-monitor'
    >>> slugify("19'' LCD")
    '19-lcd'
    >>> slugify("  ", fallback="issue")
    'issue'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _NOT_ALLOWED.sub("-", folded.lower())
    text = re.sub(r"-{2,}", "-", text)
    text = text.lstrip("_.-")[:_MAX_SLUG].rstrip("_.-")
    return text or fallback


class UniqueIds:
    """Hands out slug ids that are unique within one scope (``x``, ``x-2``, ``x-3``, ...)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, name: str, fallback: str = "x") -> str:
        """A fresh id for ``name``."""
        base = slugify(name, fallback)
        candidate, number = base, 1
        while candidate in self._taken:
            number += 1
            candidate = f"{base}-{number}"
        self._taken.add(candidate)
        return candidate


def problem(
    file: str | os.PathLike[str], message: str, line: int = 0, field: str = "", column: int = 1
) -> Problem:
    """A problem in ``file`` at ``line`` and ``column`` (line 0 means no line)."""
    return Problem(os.fspath(file), line, column if line > 0 else 0, field, message)


def fail(file: str | os.PathLike[str], message: str, line: int = 0, field: str = "") -> InputError:
    """An :class:`InputError` holding one problem (raise it)."""
    return InputError([problem(file, message, line, field)])


def existing_folder(path: str | os.PathLike[str]) -> Path:
    """``path`` as a resolved folder; :class:`InputError` when it is missing or a file."""
    folder = Path(path)
    if not folder.exists():
        raise fail(folder, "no such folder")
    if not folder.is_dir():
        raise fail(folder, "is a file; expected a folder")
    return folder.resolve()


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, at most :data:`MAX_FILE_BYTES` whatever ``stat`` says;
    :class:`InputError` when unreadable or larger."""
    from grandbargain.files import read_input  # files imports model.errors: import late

    return read_input(path, "", MAX_FILE_BYTES)


def read_text(path: Path) -> str:
    """UTF-8 text of ``path`` (BOM dropped, newlines normalised); :class:`InputError` if not."""
    raw = read_bytes(path)
    if b"\x00" in raw:
        raise fail(path, "binary file; expected UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(path, f"not UTF-8 text (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def validated(data: dict[str, Any], file: str | os.PathLike[str]) -> Scenario:
    """Validate imported scenario data as the loader does; problems are blamed on ``file``."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        problems = [
            problem(file, str(item["msg"]).removeprefix("Value error, "), 0, _where(item["loc"]))
            for item in error.errors(include_url=False)
        ]
        raise InputError(problems) from None
    findings = check_scenario(scenario)
    if findings:
        raise InputError([problem(file, message, 0, format_path(at)) for at, message in findings])
    return scenario


def _where(location: tuple[int | str, ...]) -> str:
    return format_path(tuple(location))


def csv_rows(
    file: str, text: str, delimiter: str = ","
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every row of CSV ``text`` (blank ones too, as ``[]``) with the line it starts on, and
    the problems found.

    A quoted cell that runs over a line end is taken for a missing closing quote - it would
    swallow the rows after it - so its row is left out with a problem. A cell over the csv
    module's size limit (131,072 characters) stops reading: :class:`InputError`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows, problems
        except csv.Error as error:
            message = f"not valid CSV: {error}"
            if "field larger than field limit" in str(error):
                message = (
                    f"a cell from line {last + 1} on is longer than {csv.field_size_limit():,} "
                    'characters; is a closing quote (") missing?'
                )
            raise InputError([Problem(file, last + 1, 1, "", message)]) from None
        start, last = last + 1, reader.line_num
        spans = [k for k, cell in enumerate(row) if "\n" in cell or "\r" in cell]
        if spans:
            message = (
                f"a quoted cell runs from line {start} to line {last}; is a closing quote "
                '(") missing?'
                if last > start
                else 'a quoted cell has no closing quote (")'
            )
            problems.append(Problem(file, start, spans[0] + 1, "", message))
            continue
        rows.append((start, row))
