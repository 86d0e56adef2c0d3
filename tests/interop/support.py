"""Helpers for the reader tests: write an input file, read it expecting problems, and tables of
files with one located problem each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from grandbargain.interop.forecast_files import read_forecast_file
from grandbargain.model.errors import InputError, Problem


def write(tmp_path: Path, text: str, name: str = "input.csv") -> Path:
    """``text`` as the UTF-8 file ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(
    path: Path, reader: Callable[[Path], object] = read_forecast_file
) -> tuple[Problem, ...]:
    """The problems of the input error ``reader`` raises on ``path``; each names the file."""
    with pytest.raises(InputError) as caught:
        reader(path)
    for problem in caught.value.problems:
        assert problem.file == str(path)
    return caught.value.problems


def only(path: Path, reader: Callable[[Path], object] = read_forecast_file) -> Problem:
    """The one problem ``reader`` finds in ``path``."""
    (problem,) = problems_in(path, reader)
    return problem


LOCATED_FIELDS = ("case", "text", "where", "field", "fragment")
"""The columns of a table of bad files: the case's name, the file's text, the problem's
``"line:column"``, its field and a fragment of its message."""


def located_cases(table: Sequence[tuple[str, str, str, str, str]]) -> pytest.MarkDecorator:
    """Parametrize a test over the rows of ``table`` (:data:`LOCATED_FIELDS`), named by case."""
    return pytest.mark.parametrize(LOCATED_FIELDS, table, ids=[row[0] for row in table])


def assert_located(problem: Problem, path: Path, where: str, field: str, fragment: str) -> None:
    """``problem`` names the file ``path``, ``where`` (line:column) and ``field``, says
    ``fragment``, and prints as one short line."""
    prefix = f"{path}:{where}: {field}: " if field else f"{path}:{where}: "
    assert str(problem).startswith(prefix), str(problem)
    assert fragment in problem.message
    assert problem.file == str(path) and problem.field == field
    assert len(str(problem)) < 400
