"""Shared pieces of the command line: output formats, error reporting, option types."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from grandbargain.api import InputError, load_scenario, write_output

# bad_option, fail and option_problem are re-exported: the command modules end with them
from grandbargain.cli.failures import bad_option as bad_option
from grandbargain.cli.failures import expected_failure_problem, expected_failures
from grandbargain.cli.failures import fail as fail
from grandbargain.cli.failures import option_problem as option_problem

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from grandbargain.api import Scenario

T = TypeVar("T")

PATH_METAVARS = {
    "SCENARIO": "a scenario file (YAML or JSON), a GENIUS or LLM-Deliberation folder, or the "
    "name of a shipped scenario",
    "SOURCE": "a scenario (as SCENARIO) or a CSV table",
    "FILE": "a file to read",
    "FOLDER": "a folder to read",
    "OUTPUT": "a file to write: created or replaced whole; folders and devices are refused",
}
"""The metavars that mark a parameter as a path (a parameter typed ``Path`` is one too).

Every path parameter of the app carries one of them, so that the test suite finds it: it
points each at a folder, a missing path and a garbage file and expects exit code 2.
"""


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    JSON = "json"


ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="YAML/JSON file, GENIUS or LLM-Deliberation folder, or shipped scenario name; "
        "omitted: us-china-2025.",
        show_default=False,
        metavar="SCENARIO",
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="table or json.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Analysis date YYYY-MM-DD; events on it apply.")
]


def piped_width() -> int:
    """Columns of table output that is not on a terminal: ``COLUMNS`` when set, else 120."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 20 else 120


def make_console(stderr: bool = False) -> Console:
    """A console for tables: full width on a terminal; when piped, ``COLUMNS`` wide if set,
    else 120 columns. Cells wrap at word boundaries instead of being cut off (rich is
    imported here, not with the module, so that JSON output never loads it).

    Text is data here: rich markup, emoji codes and highlighting are off, so a name such as
    ``[/red]`` or a location such as ``file:100:1`` prints as written. Styling is applied
    with :class:`rich.text.Text` objects, never with markup in strings.
    """
    from grandbargain.cli.console import DataConsole  # rich: only when a table is printed

    stream = sys.stderr if stderr else sys.stdout
    return DataConsole(
        soft_wrap=False,
        width=None if stream.isatty() else piped_width(),
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
    )


def guarded(action: Callable[[], T], source: str | os.PathLike[str] | None = None) -> T:
    """Run ``action``; bad input ends the command with one line per problem and exit code 2.

    Bad input is an :class:`InputError`, or an expected failure of file input and output or
    of a foreign format (:func:`~grandbargain.cli.failures.expected_failures`): its line
    names the file the error names, else ``source``.
    """
    try:
        return action()
    except InputError as error:
        fail(error.problems)
    except expected_failures() as error:
        fail([expected_failure_problem(error, source)])


def loaded_scenario(scenario: str | None) -> Scenario:
    """The scenario a command names (a file, a folder or a shipped name; ``None``: the
    default); bad input ends the command with exit code 2 (see :func:`guarded`)."""
    return guarded(lambda: load_scenario(scenario), scenario)


def save_output(path: str, text: str) -> None:
    """Write ``text`` to the ``--output`` file ``path`` (whole, atomically) and say so; bad
    input ends the command with exit code 2."""
    guarded(lambda: write_output(path, text, "--output"))
    make_console().print(f"wrote {path}")


def parse_date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        bad_option(option, f"{text!r} is not a date; expected YYYY-MM-DD")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def emit(data: Any, output: OutputFormat, tables: Callable[[], Iterable[RenderableType]]) -> None:
    """A command's result: ``data`` as JSON, or the tables (and lines) ``tables`` makes.

    ``tables`` is called only for table output, so work that only the tables need (and its
    bad input) is done only then.
    """
    if output is OutputFormat.JSON:
        print_json(data)
        return
    out = make_console()
    for renderable in tables():
        out.print(renderable)


ConditionOpt = Annotated[
    list[str] | None,
    typer.Option("--condition", help="NAME=STATE; repeat for several conditions."),
]


def parse_conditions(pairs: list[str] | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    problems = []
    for pair in pairs or []:
        name, sep, state = pair.partition("=")
        if not sep or not name or not state:
            problems.append(option_problem("--condition", f"{pair!r}: expected NAME=STATE"))
        chosen[name.strip()] = state.strip()
    if problems:
        fail(problems)
    return chosen


@contextmanager
def progress_bar(
    label: str, output: OutputFormat = OutputFormat.TABLE
) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar (count, rate, time left) on stderr when stderr is a terminal and
    the output is a table; silent with ``--format json`` and when not on a terminal.

    Yields ``tick(done, total)`` for engines that report progress through a callback, or
    None when no bar is shown (so the engine need not report at all).
    """
    if output is OutputFormat.JSON:
        yield None
        return
    out = make_console(stderr=True)
    if not out.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=out, transient=True) as bar:
        task = bar.add_task(label, total=None, rate="")

        def tick(done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f}/s")

        yield tick
