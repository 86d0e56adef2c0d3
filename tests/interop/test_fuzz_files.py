"""Fuzzing the CSV readers: mutated actor, KTAB, Decide and points files raise only InputError.

Each seed is a small valid file of its format, written for these tests. A mutated file is read
by its own format's reader (so a broken header still reaches the parser's checks) and by the
reader the command uses (``read_forecast_file``, which picks the format from the content).
Every problem must name the file, sit on a line the file has and print as one line. The
counts are fixed and the examples derandomised; :data:`PER_FORMAT` files per format.

A small sample also goes through the commands (``validate``, ``forecast FILE.csv``,
``fair-division FILE.csv``), which must exit 2 with one line per problem and no traceback.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from grandbargain.cli import app
from grandbargain.interop.forecast_files import (
    read_actor_csv,
    read_decide_csv,
    read_forecast_file,
    read_ktab_csv,
)
from grandbargain.interop.points_csv import read_points_csv
from grandbargain.model.errors import InputError

from ..conftest import DATA
from ..mutations import check_input_error, mutated_bytes

PER_FORMAT = 300
"""Mutated files per format (four formats; about 10 s in all)."""
CLI_SAMPLE = 8
"""Mutated files per command run through the command line."""

ACTOR = (
    "Actor,Capability,Position,Salience\n"
    "Netherlands,0.08,4,0.8\n"
    "France,0.16,10,0.6\n"
    "Germany,0.16,7.5,0.9\n"
    "Italy,0.16,7,0.5\n"
)
ACTOR_SEMICOLON = "Name;Power;Position;Salience\nA;10;0;40\nB;20;100;60\nC;5;50;100\n"
KTAB = (
    'Demo,"A made-up scenario",3,2\n'
    "Actor,Description,Power,Tax Position,Tax Salience,Trade Position,Trade Salience\n"
    "A,First,100,30,40,20,50\n"
    "B,Second,50,70,20,60,30\n"
    "C,Third,80,50,35,40,45\n"
)
DECIDE = (
    "#A\ta1\tFirst\t\n#A\ta2\tSecond\t\n#A\ta3\tThird\t\n"
    "#P\tp1\tIssue one\t\n#M\tp1\t0\tlow\n#M\tp1\t100\thigh\n"
    "#P\tp2\tIssue two\t\n"
    "#D\ta1\tp1\t10\t0.5\t0.8\n#D\ta2\tp1\t90\t0.7\t0.3\n#D\ta3\tp1\t50\t0,2\t0.6\n"
    "#D\ta1\tp2\t20\t0.5\t0.8\n#D\ta2\tp2\t80\t0.7\t0.3\t'a comment'\n"
)
DECIDE_QUOTED = (
    "'#A';'x';'X'\n'#A';'y';'Y'\n'#P';'q';'Q'\n'#D';'x';'q';30;0.4;0.5\n'#D';'y';'q';70;0.6;0.5\n"
)
POINTS = (
    "issue,Carol,Bob\nretirement,50,40\nhome,20,30\ncottage,15,10\ninvestments,10,10\nother,5,10\n"
)

READERS: dict[str, tuple[tuple[str, ...], Callable[[Path], Any]]] = {
    "actor": ((ACTOR, ACTOR_SEMICOLON), read_actor_csv),
    "ktab": ((KTAB,), read_ktab_csv),
    "decide": ((DECIDE, DECIDE_QUOTED), read_decide_csv),
    "points": ((POINTS,), read_points_csv),
}


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for every mutated file of this module (hypothesis runs many per test)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def fuzz_settings(examples: int) -> settings:
    """Fixed example counts, the same examples every run, no deadline."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


def _data_lines(kind: str, text: str) -> int:
    """How many data rows the file has, counted from its lines (no CSV parsing): every one
    must be read when the reader reports no problem - none may be dropped silently."""
    lines = [line for line in re.split(r"\r\n|\r|\n", text) if re.sub(r"[\s,;\"']", "", line)]
    if kind == "decide":
        return sum(bool(re.match(r"\s*['\"]?\s*#D\s*['\"]?\s*[\t;,]", line)) for line in lines)
    return len(lines) - (2 if kind == "ktab" else 1)


def _read(reader: Callable[[Path], Any], path: Path, raw: bytes, kind: str) -> None:
    text = raw.decode("utf-8", "replace")
    try:
        found = reader(path)
    except InputError as error:
        check_input_error(error, str(path), text)
        return
    if kind == "points":
        assert len(found.points) == _data_lines(kind, text)
    elif kind == "ktab":
        assert all(len(issue.actors) == _data_lines(kind, text) for issue in found.issues)
    else:
        assert sum(len(issue.actors) for issue in found.issues) == _data_lines(kind, text)


@pytest.mark.parametrize("kind", list(READERS))
def test_the_seeds_are_valid(folder: Path, kind: str) -> None:
    seeds, reader = READERS[kind]
    for seed in seeds:
        path = folder / f"seed-{kind}.csv"
        path.write_text(seed, encoding="utf-8")
        reader(path)
        if kind != "points":
            read_forecast_file(path)


def _fuzz(kind: str) -> Callable[[Path, Any], None]:
    seeds, reader = READERS[kind]

    @fuzz_settings(PER_FORMAT)
    @given(raw=mutated_bytes(seeds))
    def run(folder: Path, raw: bytes) -> None:
        path = folder / f"{kind}.csv"
        path.write_bytes(raw)
        _read(reader, path, raw, kind)
        if kind != "points":
            _read(read_forecast_file, path, raw, kind)

    return run


test_mutated_actor_csv_raises_only_located_input_errors = _fuzz("actor")
test_mutated_ktab_csv_raises_only_located_input_errors = _fuzz("ktab")
test_mutated_decide_csv_raises_only_located_input_errors = _fuzz("decide")
test_mutated_points_csv_raises_only_located_input_errors = _fuzz("points")


# --- through the commands -----------------------------------------------------------------

COMMANDS = {
    "validate": ((DATA / "small.yaml").read_text(encoding="utf-8"), "yaml"),
    "forecast": (DECIDE, "csv"),
    "fair-division": (POINTS, "csv"),
}


def _invalid(command: str, path: Path) -> bool:
    """Whether ``path`` is bad input for ``command`` (the API raises InputError)."""
    from grandbargain import api

    try:
        if command == "validate":
            api.load_scenario(path)
        elif command == "forecast":
            api.forecast(str(path), rounds=2)
        else:
            api.fair_division(str(path))
    except InputError:
        return True
    return False


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_sample_of_mutated_files_exits_2_through_the_command(folder: Path, command: str) -> None:
    seed, suffix = COMMANDS[command]
    runner = CliRunner()
    bad = 0
    for index, raw in enumerate(_sample(seed, CLI_SAMPLE * 3)):
        path = folder / f"cli-{command}-{index}.{suffix}"
        path.write_bytes(raw)
        if not _invalid(command, path):
            continue
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, (raw, result.output)
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith(str(path)) for line in lines), result.stderr
        bad += 1
        if bad == CLI_SAMPLE:
            break
    assert bad == CLI_SAMPLE


def _sample(seed: str, count: int) -> list[bytes]:
    """``count`` mutated copies of ``seed``, the same every run."""
    found: list[bytes] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None)
    @given(mutated_bytes((seed,)))
    def collect(raw: bytes) -> None:
        found.append(raw)

    collect()
    return found[:count]
