"""``show``, ``validate``, ``schema``, ``scenarios`` and ``convert``: scenario files in and out."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from grandbargain import api
from grandbargain.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    fail,
    guarded,
    make_console,
    parse_date,
    print_json,
)
from grandbargain.cli.failures import expected_failure_problem, expected_failures


def show(
    scenario: ScenarioArg = None,
    output: FormatOpt = OutputFormat.TABLE,
    as_of: AsOfOpt = None,
) -> None:
    """Show a scenario: parties, buckets, issues, options, status quo, events."""
    date = parse_date(as_of, "--as-of")
    loaded = guarded(lambda: api.load_scenario(scenario), scenario)
    if output is OutputFormat.JSON:
        print_json(api.scenario_to_dict(loaded))
        return
    state = guarded(lambda: api.state_as_of(loaded, date))
    from grandbargain.cli.scenario_tables import scenario_tables

    out = make_console()
    for renderable in scenario_tables(loaded, state):
        out.print(renderable)


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
    guarded(lambda: api.write_output(out, text, "--output"))
    make_console().print(f"wrote {out}")


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
    if output is OutputFormat.JSON:
        print_json(
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
    make_console().print(table)
