"""Expected failures of files and foreign formats end a command with exit 2 and a message
naming the file; anything else (a bug) keeps its traceback."""

from __future__ import annotations

import csv
import errno
import io
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
import typer
import yaml
from typer.testing import CliRunner

from grandbargain.cli.common import guarded
from grandbargain.cli.failures import GuardedGroup


def _exit_message(action: Callable[[], object], source: str | None = None) -> str:
    """Run ``guarded(action, source)`` as a command; its stderr, after checking exit 2."""
    app = typer.Typer(cls=GuardedGroup)

    @app.command()
    def run() -> None:
        guarded(action, source)

    @app.command()
    def other() -> None:  # a second command, so that "run" is a subcommand
        """Unused."""

    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    return str(result.stderr).strip()


def _raise(error: Exception) -> Callable[[], object]:
    def action() -> object:
        raise error

    return action


def test_an_os_error_names_its_file_and_reason(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    assert _exit_message(lambda: missing.read_text()) == f"{missing}: no such file or folder"
    assert _exit_message(lambda: open(tmp_path, "rb")) == (  # noqa: SIM115
        f"{tmp_path}: is a folder; expected a file"
    )
    full = OSError(errno.ENOSPC, "No space left on device")
    assert _exit_message(_raise(full), "out.html") == "out.html: no space left on the device"


def test_foreign_format_errors_name_the_source(tmp_path: Path) -> None:
    garbage = tmp_path / "corpus.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)

    def query() -> object:
        with sqlite3.connect(garbage) as connection:
            return connection.execute("select 1 from sqlite_master").fetchall()

    assert _exit_message(query, str(garbage)) == f"{garbage}: file is not a database"
    xml = _exit_message(lambda: ElementTree.fromstring("<a><b></a>"), "domain.xml")
    assert xml.startswith("domain.xml: mismatched tag")
    text = _exit_message(lambda: b"\xff\xfe\x00".decode("utf-8"), "notes.txt")
    assert text.startswith("notes.txt: 'utf-8' codec can't decode byte 0xff")
    yml = _exit_message(lambda: yaml.safe_load("a: [1, 2"), "spec.yaml")
    assert yml.startswith("spec.yaml: while parsing a flow sequence")

    def bad_csv() -> object:
        return list(csv.reader(io.StringIO('a,"b\x00'), strict=True))

    assert _exit_message(bad_csv, "points.csv").startswith("points.csv: ")


def test_a_parquet_error_is_bad_input(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    garbage = tmp_path / "draws.parquet"
    garbage.write_bytes(b"not parquet at all")
    message = _exit_message(lambda: parquet.read_table(garbage))
    assert str(garbage) in message and "Parquet magic bytes not found" in message


def test_the_command_group_catches_what_no_call_site_guarded(tmp_path: Path) -> None:
    app = typer.Typer(cls=GuardedGroup)
    missing = tmp_path / "nothing.csv"

    @app.command()
    def read() -> None:
        missing.read_bytes()

    @app.command()
    def bug() -> None:
        raise KeyError("a bug")

    result = CliRunner().invoke(app, ["read"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{missing}: no such file or folder"
    crashed = CliRunner().invoke(app, ["bug"])
    assert isinstance(crashed.exception, KeyError)  # a bug is not bad input: not swallowed


@pytest.mark.parametrize("args", [["show", "--format", "json"], ["convert", "--help"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(args: list[str]) -> None:
    """``grandbargain ... | head``: no traceback, no message, exit code 1."""
    command = [sys.executable, "-m", "grandbargain", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 1
    assert error == ""
