"""``show``, ``validate``, ``schema``, ``scenarios`` and ``convert``: scenario files in and out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import RenderableType
from rich.table import Table

from grandbargain import api
from grandbargain.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    emit,
    fail,
    guarded,
    loaded_scenario,
    make_console,
    parse_date,
    print_json,
    save_output,
)
from grandbargain.cli.failures import expected_failure_problem, expected_failures
from grandbargain.cli.scenario_tables import scenario_tables


def show(
    scenario: ScenarioArg = None,
    output: FormatOpt = OutputFormat.TABLE,
    as_of: AsOfOpt = None,
) -> None:
    """Show a scenario: parties, buckets, issues, options, status quo, events."""
    date = parse_date(as_of, "--as-of")
    loaded = loaded_scenario(scenario)

    def tables() -> Iterator[RenderableType]:  # the state as of the date, for tables only
        return scenario_tables(loaded, guarded(lambda: api.state_as_of(loaded, date)))

    emit(api.scenario_to_dict(loaded), output, tables)


def convert(
    folder: Annotated[
        str,
        typer.Argument(help="GENIUS domain or LLM-Deliberation game folder.", metavar="FOLDER"),
    ],
    out: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", help="YAML file to write; default stdout.", metavar="OUTPUT"
        ),
    ] = None,
) -> None:
    """Convert a GENIUS or LLM-Deliberation folder into a grandbargain scenario YAML file."""
    if out is not None:
        guarded(lambda: api.check_output(out, "--output"))
    text = guarded(lambda: api.convert_folder(folder), folder)
    if out is None:
        sys.stdout.write(text)
        return
    save_output(out, text)


def validate(
    scenarios: Annotated[
        list[str],
        typer.Argument(help="Scenario files, folders or shipped names.", metavar="SCENARIO"),
    ],
) -> None:
    """Check scenario files; print every problem with file:line:column and field; exit 2 if any."""
    problems: list[api.Problem] = []
    out = make_console()
    for ref in scenarios:
        try:
            loaded = api.load_scenario(ref)
        except api.InputError as error:
            problems.extend(error.problems)
            continue
        except expected_failures() as error:
            problems.append(expected_failure_problem(error, ref))
            continue
        out.print(
            f"ok: {ref} ({len(loaded.parties)} parties, {len(loaded.issues)} issues, "
            f"{sum(len(i.options) for i in loaded.issues)} options)",
            markup=False,
        )
    if problems:
        fail(problems)


def schema(
    outcomes: Annotated[
        bool, typer.Option("--outcomes", help="The outcomes-file format's schema instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the scenario format (for editors and validators)."""
    print_json(api.outcomes_json_schema() if outcomes else api.scenario_json_schema())


def scenarios(output: FormatOpt = OutputFormat.TABLE) -> None:
    """List the shipped scenarios."""
    shipped = guarded(api.list_shipped_scenarios)
    data = {
        "schema_version": api.SCHEMA_VERSION,
        "scenarios": [
            {"name": s.name, "title": s.title, "parties": s.parties, "issues": s.issues}
            for s in shipped
        ],
    }
    emit(data, output, lambda: [_shipped_table(shipped)])


def _shipped_table(shipped: tuple[api.ShippedScenario, ...]) -> Table:
    table = Table("name", "title", "parties", "issues", title="Shipped scenarios")
    for s in shipped:
        table.add_row(s.name, s.title, str(s.parties), str(s.issues))
    return table
