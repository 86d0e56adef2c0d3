"""Helpers for the forecast-reader tests: write an input file, read it expecting problems."""

from __future__ import annotations

from collections.abc import Callable
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
