"""The ``grandbargain`` command: a thin shell over :mod:`grandbargain.api`.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input or usage, with one
line per problem naming file, line, column and field.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from grandbargain import api
from grandbargain.model.errors import InputError, Problem

app = typer.Typer(
    name="grandbargain",
    help="Model, solve, simulate, forecast and stress-test multi-issue negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    JSON = "json"


ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="YAML/JSON file or shipped scenario name; omitted: us-china-2025.",
        show_default=False,
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="table or json.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Analysis date YYYY-MM-DD; events on it apply.")
]


def _console() -> Console:
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def _fail(problems: tuple[Problem, ...] | list[Problem]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for problem in problems:
        err.print(str(problem), markup=False)
    raise typer.Exit(code=2)


def _guarded(action: Callable[[], T]) -> T:
    try:
        return action()
    except InputError as error:
        _fail(error.problems)
        raise  # unreachable: _fail always exits


def _parse_date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail([Problem(option, 0, 0, "", f"{text!r} is not a date; expected YYYY-MM-DD")])
        raise


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@app.command()
def show(
    scenario: ScenarioArg = None,
    output: FormatOpt = OutputFormat.TABLE,
    as_of: AsOfOpt = None,
) -> None:
    """Show a scenario: parties, buckets, issues, options, status quo, events."""
    date = _parse_date(as_of, "--as-of")
    loaded = _guarded(lambda: api.load_scenario(scenario))
    if output is OutputFormat.JSON:
        _print_json(api.scenario_to_dict(loaded))
        return
    state = _guarded(lambda: api.state_as_of(loaded, date))
    from grandbargain.cli_tables import scenario_tables

    console = _console()
    for renderable in scenario_tables(loaded, state):
        console.print(renderable)


ConditionOpt = Annotated[
    list[str] | None,
    typer.Option("--condition", help="NAME=STATE; repeat for several conditions."),
]


def _conditions(pairs: list[str] | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    problems = []
    for pair in pairs or []:
        name, sep, state = pair.partition("=")
        if not sep or not name or not state:
            problems.append(Problem("--condition", 0, 0, "", f"{pair!r}: expected NAME=STATE"))
        chosen[name.strip()] = state.strip()
    if problems:
        _fail(problems)
    return chosen


@app.command()
def analyze(
    scenario: ScenarioArg = None,
    output: FormatOpt = OutputFormat.TABLE,
    as_of: AsOfOpt = None,
    condition: ConditionOpt = None,
    include_event: Annotated[
        list[str] | None, typer.Option("--include-event", help="Apply this event (its date).")
    ] = None,
    exclude_event: Annotated[
        list[str] | None, typer.Option("--exclude-event", help="Do not apply this event.")
    ] = None,
    frontier_cap: Annotated[
        int, typer.Option(min=10, help="Largest exact frontier; beyond, epsilon-Pareto.")
    ] = 200_000,
    logroll_size: Annotated[
        int, typer.Option(min=2, max=4, help="Most issues a logroll may move.")
    ] = 2,
    seed: Annotated[int, typer.Option(help="Seed, used only to estimate huge counts.")] = 0,
) -> None:
    """Frontier, Nash / Kalai-Smorodinsky / utilitarian / egalitarian, logrolls, linkage."""
    date = _parse_date(as_of, "--as-of")
    chosen = _conditions(condition)
    loaded = _guarded(lambda: api.load_scenario(scenario))
    result = _guarded(
        lambda: api.analyze(
            loaded,
            date,
            chosen,
            include_events=frozenset(include_event or ()),
            exclude_events=frozenset(exclude_event or ()),
            frontier_cap=frontier_cap,
            logroll_size=logroll_size,
            seed=seed,
        )
    )
    if output is OutputFormat.JSON:
        _print_json(result.to_dict())
        return
    from grandbargain.cli_analysis import analysis_tables

    console = _console()
    for renderable in analysis_tables(result):
        console.print(renderable)


@app.command("fair-division")
def fair_division(
    source: Annotated[
        str | None,
        typer.Argument(help="Points CSV (issue,<A>,<B>) or a scenario; omitted: us-china-2025."),
    ] = None,
    parties: Annotated[
        str | None, typer.Option("--parties", help="A,B: the two parties (scenario only).")
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Adjusted Winner (Brams and Taylor): who gets each issue, the one split, equal scores."""
    pair = None
    if parties is not None:
        names = [name.strip() for name in parties.split(",")]
        if len(names) != 2 or not all(names):
            _fail([Problem("--parties", 0, 0, "", f"{parties!r}: expected two names, A,B")])
        pair = (names[0], names[1])
    result = _guarded(lambda: api.fair_division(source, pair))
    data = result.to_dict()
    if output is OutputFormat.JSON:
        _print_json(data)
        return
    table = Table("issue", "goes to", title="Adjusted Winner")
    split = data["split"]
    for issue, party in data["winners"].items():
        if split is not None and split["issue"] == issue:
            shares = ", ".join(f"{p} {f}" for p, f in split["fractions"].items())
            table.add_row(issue, f"split: {shares}")
        else:
            table.add_row(issue, party)
    console = _console()
    console.print(table)
    scores = ", ".join(f"{p} {v}" for p, v in data["scores"].items())
    console.print(f"Equal final scores (points out of 100): {scores}", markup=False)


@app.command()
def convert(
    folder: Annotated[str, typer.Argument(help="GENIUS domain or LLM-Deliberation game folder.")],
    out: Annotated[
        str | None, typer.Option("-o", "--output", help="YAML file to write; default stdout.")
    ] = None,
) -> None:
    """Convert a GENIUS or LLM-Deliberation folder into a grandbargain scenario YAML file."""
    text = _guarded(lambda: api.convert_folder(folder))
    if out is None:
        sys.stdout.write(text)
        return
    import os
    import tempfile

    target = os.path.abspath(out)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        _fail([Problem(out, 0, 0, "", "the folder to write into does not exist")])
    # write to a temporary file and rename, so a failure never leaves a half-written file
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".yaml.tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)
    _console().print(f"wrote {out}", markup=False)


@app.command()
def validate(
    scenarios: Annotated[list[str], typer.Argument(help="Scenario files or shipped names.")],
) -> None:
    """Check scenario files; print every problem with file:line:column and field; exit 2 if any."""
    problems: list[Problem] = []
    console = _console()
    for ref in scenarios:
        try:
            loaded = api.load_scenario(ref)
        except InputError as error:
            problems.extend(error.problems)
            continue
        console.print(
            f"ok: {ref} ({len(loaded.parties)} parties, {len(loaded.issues)} issues, "
            f"{sum(len(i.options) for i in loaded.issues)} options)",
            markup=False,
        )
    if problems:
        _fail(problems)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editors and validators)."""
    _print_json(api.scenario_json_schema())


@app.command()
def scenarios(output: FormatOpt = OutputFormat.TABLE) -> None:
    """List the shipped scenarios."""
    shipped = _guarded(api.list_shipped_scenarios)
    if output is OutputFormat.JSON:
        _print_json(
            {
                "schema_version": api.SCHEMA_VERSION,
                "scenarios": [
                    {"name": s.name, "title": s.title, "parties": s.parties, "issues": s.issues}
                    for s in shipped
                ],
            }
        )
        return
    table = Table("name", "title", "parties", "issues", title="Shipped scenarios")
    for s in shipped:
        table.add_row(s.name, s.title, str(s.parties), str(s.issues))
    _console().print(table)


def main() -> None:
    """Console-script entry point."""
    app()
