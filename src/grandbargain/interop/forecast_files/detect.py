"""Which forecast input format a file holds, from its content (the extension is not trusted)."""

from __future__ import annotations

import os
from collections.abc import Callable

from grandbargain.interop.forecast_files._common import first_cells, load_text
from grandbargain.interop.forecast_files.actor_csv import (
    REQUIRED,
    normalise_header,
    parse_actor_csv,
)
from grandbargain.interop.forecast_files.decide_csv import looks_like_decide, parse_decide_csv
from grandbargain.interop.forecast_files.ktab_csv import parse_ktab_csv
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.forecast_input import ForecastInput

EXPECTED = (
    "expected an actor CSV (header Actor,Capability,Position,Salience), a KTAB CSV (line 1: "
    "scenario name, description, number of actors, number of dimensions; line 2: "
    "Actor,Description,Power, then a position and a salience column per dimension) or a "
    "Decide CSV (rows tagged #A, #P, #M, #D)"
)

PARSERS: dict[str, Callable[[str, str], ForecastInput]] = {
    "actor-csv": parse_actor_csv,
    "ktab-csv": parse_ktab_csv,
    "decide-csv": parse_decide_csv,
}
"""Each format's name and the parser of its text."""


def format_of_text(text: str) -> str | None:
    """The name of the format ``text`` is in, or ``None`` when it is none of them."""
    if looks_like_decide(text):
        return "decide-csv"
    lines = [line for line in text.splitlines() if line.strip()]
    first = first_cells(lines[0]) if lines else []
    if len(first) == 1 and ";" in first[0]:
        first = first[0].split(";")
    elif len(first) == 1 and "\t" in first[0]:
        first = first[0].split("\t")
    if set(REQUIRED) <= {normalise_header(cell) for cell in first}:
        return "actor-csv"
    if len(first) >= 4 and first[2].strip().isdigit() and first[3].strip().isdigit():
        second = first_cells(lines[1]) if len(lines) > 1 else []
        if len(second) >= 5:
            return "ktab-csv"
    return None


def _unknown(file: str, text: str) -> InputError:
    hint = ""
    if text.lstrip("\ufeff \t\n").startswith("<"):
        hint = " (this is XML; KTAB's XML scenarios are not read: use its CSV layout)"
    return InputError([Problem(file, 0, 0, "", f"unknown forecast input format{hint}: {EXPECTED}")])


def detect_format(path: str | os.PathLike[str]) -> str:
    """``"actor-csv"``, ``"ktab-csv"`` or ``"decide-csv"``; :class:`InputError` otherwise."""
    text = load_text(path)
    found = format_of_text(text)
    if found is None:
        raise _unknown(os.fspath(path), text)
    return found


def read_forecast_file(path: str | os.PathLike[str]) -> ForecastInput:
    """Read any supported forecast input file, choosing the reader from its content."""
    text = load_text(path)
    found = format_of_text(text)
    if found is None:
        raise _unknown(os.fspath(path), text)
    return PARSERS[found](text, os.fspath(path))
