"""Every path parameter of the app, found from the app itself, rejects bad paths with exit 2.

A parameter is a path when it is typed ``Path`` (or ``list[Path]``) or carries one of the
path metavars of :data:`grandbargain.cli.common.PATH_METAVARS` (SCENARIO, SOURCE, FILE,
FOLDER, OUTPUT). Any other parameter must be a flag, a number or a choice, or be listed in
:data:`TEXT_PARAMETERS` with what it holds, so a new path parameter cannot pass unnoticed: it
is either found, and then tested, or it fails
:func:`test_every_other_parameter_is_known_not_to_be_a_path`.

Each path parameter is pointed at a folder (holding a garbage file), a missing path, a binary
garbage file and a text garbage file; a parameter naming a file to write (metavar OUTPUT, or
listed in :data:`WRITTEN`) at a folder, a path in a missing folder and a socket file, instead
of the garbage files (replacing an existing file is what writing does). Every case must end
with exit code 2, a message and no traceback, except the few in :data:`EXIT_1`.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import pytest
import typer

from grandbargain.cli import app
from grandbargain.cli.common import PATH_METAVARS

from ..conftest import DATA, SHARED
from .helpers import assert_clean_exit, invoke

TEXT_PARAMETERS = {
    "as_of": "a date",
    "start": "a date",
    "end": "a date",
    "since": "a date (brief --since)",
    "condition": "NAME=STATE",
    "include_event": "an event id",
    "exclude_event": "an event id",
    "parties": "party names A,B",
    "strategy": "PARTY=STRATEGY",
    "strategies_option": "strategy names",
    "agenda": "an agenda name",
    "order": "issue ids",
    "discount": "PARTY=D",
    "weight": "PREDICTOR=W",
    "model": "a forecasting model's name",
    "forecast": "a forecasting model's name (montecarlo --forecast)",
    "simulate": "strategy names (montecarlo --simulate)",
    "issue": "an issue id",
    "query": "words to search for",
    "scheduler": "a Dask scheduler address",
    "host": "a network address",
    "allow_host": "a host name",
    "items": "document ids, source ids, or paths documents were read from (gone or not)",
    "item": "a document id, source id, or path a document was read from (gone or not)",
    "llm_url": "an endpoint URL (simulate, tournament)",
    "llm_model": "a language model's name",
    "llm_key_env": "an environment variable's name",
}
"""Text parameters that are not paths, by parameter name, with what they hold."""

WRITTEN = {("montecarlo", "save"): "writes the draws (Parquet)"}
"""Parameters that name a file to write but carry no OUTPUT metavar."""

EXIT_1 = {
    ("corpus add", "paths", "folder"): "files it cannot read inside a folder are skipped",
    ("cite check", "corpus", "folder"): "the check ran: the quotes are not in that folder",
}
"""Cases documented to end with exit 1: the command ran and reported what it skipped or
found wrong."""

EXIT_0 = {
    ("corpus add", "paths", "text"): "any UTF-8 text file named on the command line is a document",
}
"""Cases where the 'garbage' file is a valid input for the parameter."""

REQUIRED_VALUES = {
    ("convert", "folder"): "{genius}",
    ("validate", "scenarios"): "{small}",
    ("evidence", "issue"): "rare-earths",
    ("search", "query"): "tariff",
    ("corpus add", "paths"): "{text}",
    ("corpus remove", "items"): "1",
    ("corpus show", "item"): "1",
}
"""Good values for the required parameters of commands while another one is tested."""

PRECEDING_VALUES = {("backtest", "scenario"): "us-china-phase-one-2019"}
"""Good values for optional arguments that come before the argument being tested, so that the
bad path lands in its own place (``backtest SCENARIO FILE``)."""

EXTRA_OPTIONS = {
    "diff": ["--from", "2025-06-08", "--to", "2025-07-20"],
    "brief": ["--draws", "0"],
    "montecarlo": ["--draws", "2"],
    "tournament": ["--strategies", "boulware,conceder", "--repeats", "1", "--rounds", "4"],
    "simulate": ["--rounds", "4"],
}
"""Options a command needs before it reads its paths (diff checks its dates first), or that
keep it short should it run past a bad path (it must not)."""

READ_CASES = ("folder", "missing", "binary", "text")
WRITE_CASES = ("folder", "missing", "socket")


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


COMMANDS = dict(_commands(typer.main.get_command(app)))


def _typed_as_path(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:  # a click-based typer: click.Path
        return type(getattr(param, "type", None)).__name__ == "Path"
    annotation = descriptor.annotation
    return annotation is Path or Path in get_args(annotation)


def _is_a_plain_value(param: Any) -> bool:
    """A flag, a number or a choice from a fixed set: it cannot name a file."""
    annotation = param.type_descriptor.annotation
    kinds = [kind for kind in get_args(annotation) or (annotation,) if kind is not type(None)]
    return all(
        kind in (bool, int, float) or (isinstance(kind, type) and issubclass(kind, Enum))
        for kind in kinds
    )


def is_path(param: Any) -> bool:
    """The rule: typed as a path, or marked with a path metavar."""
    return _typed_as_path(param) or param.metavar in PATH_METAVARS


def _is_written(command: str, param: Any) -> bool:
    return param.metavar == "OUTPUT" or (command, param.name) in WRITTEN


PATH_PARAMETERS = [
    (command, param.name)
    for command, cmd in COMMANDS.items()
    for param in cmd.params
    if is_path(param)
]
CASES = [
    (command, name, case)
    for command, name in PATH_PARAMETERS
    for case in (
        WRITE_CASES
        if _is_written(command, next(p for p in COMMANDS[command].params if p.name == name))
        else READ_CASES
    )
]


def test_the_rule_finds_the_path_parameters_of_every_kind() -> None:
    found = set(PATH_PARAMETERS)
    assert ("show", "scenario") in found  # the SCENARIO argument (file, folder or name)
    assert ("validate", "scenarios") in found and ("tournament", "scenarios") in found
    assert ("forecast", "source") in found and ("fair-division", "source") in found
    assert ("convert", "folder") in found and ("convert", "out") in found
    assert ("report", "output") in found and ("serve", "scenario") in found
    assert ("montecarlo", "load") in found and ("corpus add", "paths") in found  # Path-typed
    assert ("cite check", "corpus") in found and ("search", "db") in found
    assert ("backtest", "scenario") in found and ("backtest", "outcomes") in found
    assert ("report", "outcomes") in found
    assert len(found) >= 25


def test_every_other_parameter_is_known_not_to_be_a_path() -> None:
    unknown = [
        f"{command} {param.opts[0]}"
        for command, cmd in COMMANDS.items()
        for param in cmd.params
        if not (is_path(param) or _is_a_plain_value(param) or param.name in TEXT_PARAMETERS)
    ]
    assert not unknown, (
        "a parameter is neither marked as a path (metavar SCENARIO, SOURCE, FILE, FOLDER or "
        "OUTPUT; grandbargain.cli.common), nor a flag, number or choice, nor text listed in "
        "TEXT_PARAMETERS: " + ", ".join(unknown)
    )


def test_every_table_entry_names_a_real_parameter() -> None:
    names = {param.name for cmd in COMMANDS.values() for param in cmd.params}
    assert set(TEXT_PARAMETERS) <= names
    pairs = {(c, p.name) for c, cmd in COMMANDS.items() for p in cmd.params}
    assert set(WRITTEN) <= pairs and set(REQUIRED_VALUES) <= pairs
    assert set(PRECEDING_VALUES) <= pairs
    assert {(c, n) for c, n, _ in EXIT_1.keys() | EXIT_0.keys()} <= set(PATH_PARAMETERS)
    assert set(EXTRA_OPTIONS) <= set(COMMANDS)


def socket_file(folder: Path) -> Path:
    """A Unix socket file in ``folder`` (the current folder): not a regular file, and opening
    it fails at once, where a named pipe would wait for a partner for ever."""
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket")  # relative: socket addresses are short
    return folder / "socket"


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The bad paths, good values for other parameters, and a private data folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.chdir(tmp_path)
    binary = b"\x00\xff\xfe\x89PNG garbage \x00\x01"
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "garbage.yaml").write_bytes(binary)
    (tmp_path / "binary.bin").write_bytes(binary)
    (tmp_path / "text.csv").write_text("[[[: not: {valid\n,,,\n\t\x0b\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Tariffs and rare earths.\n", encoding="utf-8")
    return {
        "folder": str(tmp_path / "folder"),
        "missing": str(tmp_path / "missing" / "nothing.yaml"),
        "binary": str(tmp_path / "binary.bin"),
        "text": str(tmp_path / "text.csv"),
        "socket": str(socket_file(tmp_path)),
        "{genius}": str(SHARED / "data" / "genius-domains" / "Laptop"),
        "{small}": str(DATA / "small.yaml"),
        "{text}": str(tmp_path / "note.txt"),
    }


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` must reject a bad path before any server starts."""
    import uvicorn

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a server was started")

    monkeypatch.setattr(uvicorn, "run", refuse)


def _arguments(command: str, tested: str, bad: str, places: dict[str, str]) -> list[str]:
    positional: list[str] = []
    options: list[str] = []
    names = [param.name for param in COMMANDS[command].params]
    for param in COMMANDS[command].params:
        if param.name == tested:
            value = bad
        elif (command, param.name) in PRECEDING_VALUES and names.index(tested) > names.index(
            param.name
        ):
            value = PRECEDING_VALUES[command, param.name]
        elif param.required:
            assert (command, param.name) in REQUIRED_VALUES, f"add {command} {param.name}"
            value = REQUIRED_VALUES[command, param.name]
            value = places.get(value, value)
        else:
            continue
        if param.opts[0].startswith("-"):
            options += [param.opts[0], value]
        else:
            positional.append(value)
    return [*command.split(), *positional, *options, *EXTRA_OPTIONS.get(command, [])]


@pytest.mark.skipif(os.name != "posix", reason="socket files are POSIX")
@pytest.mark.usefixtures("no_server")
@pytest.mark.parametrize(("command", "name", "case"), CASES)
def test_a_bad_path_exits_2_with_a_message(
    command: str, name: str, case: str, places: dict[str, str], shared: Path
) -> None:
    args = _arguments(command, name, places[case], places)
    result = invoke(args)
    code = 1 if (command, name, case) in EXIT_1 else 0 if (command, name, case) in EXIT_0 else 2
    assert_clean_exit(result, code, " ".join(args))
    if code == 2:
        assert places[case] in result.stderr or name in result.stderr, result.stderr
