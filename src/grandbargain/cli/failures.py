"""Bad input, however it shows itself, ends a command with one line per problem and exit 2.

Besides :class:`~grandbargain.api.InputError`, the expected failures of reading and writing
files and of foreign formats count as bad input: an ``OSError`` (missing, unreadable or
unwritable file, a folder where a file was expected), text that is not in its encoding, a
database, XML, CSV, YAML, JSON or Parquet file that is not one. :func:`guarded` (in
``common``) turns them into a message around one call; :class:`GuardedGroup` is the net
around every command, for a failure no call site foresaw. Anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from typing import Any, NoReturn
from xml.etree import ElementTree

import typer
from typer.core import TyperGroup

from grandbargain.api import InputError, Problem, os_problem


def fail(problems: tuple[Problem, ...] | list[Problem]) -> NoReturn:
    """Print every problem, one line each, on stderr and exit with code 2."""
    from rich.console import Console  # here, not at the top: a command that succeeds needs none

    err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
    for problem in problems:
        err.print(str(problem))
    raise typer.Exit(code=2)


def option_problem(option: str, message: str, value: str = "") -> Problem:
    """A problem with what a command line gave ``option`` (or an argument, by its metavar):
    the option stands where a file would, with no line; ``value`` names one bad item of it."""
    return Problem(option, 0, 0, value, message)


def bad_option(option: str, message: str) -> NoReturn:
    """End the command over what was given to ``option``: one line, exit code 2."""
    fail([option_problem(option, message)])


def expected_failures() -> tuple[type[Exception], ...]:
    """The exception types that mean bad input rather than a bug (see the module docstring).

    YAML's and Parquet's errors count only once yaml or pyarrow has been imported by the
    command itself (none can be raised before), so that a command which reads no YAML does
    not pay for importing it.
    """
    kinds: list[type[Exception]] = [
        OSError,
        UnicodeError,
        sqlite3.DatabaseError,
        ElementTree.ParseError,
        csv.Error,
        json.JSONDecodeError,
    ]
    yaml = sys.modules.get("yaml")
    if yaml is not None:
        kinds.append(yaml.YAMLError)
    arrow = sys.modules.get("pyarrow.lib")
    if arrow is not None:
        kinds.append(arrow.ArrowException)
    return tuple(kinds)


def expected_failure_problem(error: Exception, source: str | os.PathLike[str] | None) -> Problem:
    """One problem line for an expected failure: the file it names (else ``source``) and why."""
    named: Any = getattr(error, "filename", None)
    name = os.fsdecode(named) if isinstance(named, str | bytes) else ""
    if not name and source is not None:
        name = os.fspath(source)
    if isinstance(error, OSError) and error.errno is not None:
        return os_problem(name, "", error)
    lines = str(error).strip().splitlines()
    reason = lines[0] if lines else type(error).__name__
    return Problem(name, 0, 0, "", reason)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test runner's stream)
        pass


class GuardedGroup(TyperGroup):
    """The app's command group: bad input escaping any command becomes exit code 2.

    A reader that stops early (``grandbargain show | head``) closes the pipe: the command
    then ends quietly with exit code 1, as Python's documentation advises for SIGPIPE.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(code=1) from None
        except InputError as error:
            fail(error.problems)
        except expected_failures() as error:
            fail([expected_failure_problem(error, None)])
