"""The ``grandbargain`` command: a thin shell over :mod:`grandbargain.api`.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input or usage, with one
line per problem naming file, line, column and field.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from grandbargain import (
    api,
    cli_evidence,
    cli_forecast,
    cli_simulate,
    cli_time,
    cli_uncertainty,
    cli_web,
)
from grandbargain.cli_common import (
    AsOfOpt,
    ConditionOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    fail,
    guarded,
    make_console,
    parse_conditions,
    parse_date,
    print_json,
)
from grandbargain.model.errors import InputError, Problem

app = typer.Typer(
    name="grandbargain",
    help="Model, solve, simulate, forecast and stress-test multi-issue negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def show(
    scenario: ScenarioArg = None,
    output: FormatOpt = OutputFormat.TABLE,
    as_of: AsOfOpt = None,
) -> None:
    """Show a scenario: parties, buckets, issues, options, status quo, events."""
    date = parse_date(as_of, "--as-of")
    loaded = guarded(lambda: api.load_scenario(scenario))
    if output is OutputFormat.JSON:
        print_json(api.scenario_to_dict(loaded))
        return
    state = guarded(lambda: api.state_as_of(loaded, date))
    from grandbargain.cli_tables import scenario_tables

    out = make_console()
    for renderable in scenario_tables(loaded, state):
        out.print(renderable)


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
    date = parse_date(as_of, "--as-of")
    chosen = parse_conditions(condition)
    loaded = guarded(lambda: api.load_scenario(scenario))
    result = guarded(
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
        print_json(result.to_dict())
        return
    from grandbargain.cli_analysis import analysis_tables

    out = make_console()
    for renderable in analysis_tables(result):
        out.print(renderable)


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
            fail([Problem("--parties", 0, 0, "", f"{parties!r}: expected two names, A,B")])
        pair = (names[0], names[1])
    result = guarded(lambda: api.fair_division(source, pair))
    data = result.to_dict()
    if output is OutputFormat.JSON:
        print_json(data)
        return
    table = Table("issue", "goes to", title="Adjusted Winner")
    split = data["split"]
    for issue, party in data["winners"].items():
        if split is not None and split["issue"] == issue:
            shares = ", ".join(f"{p} {f}" for p, f in split["fractions"].items())
            table.add_row(issue, f"split: {shares}")
        else:
            table.add_row(issue, party)
    out = make_console()
    out.print(table)
    scores = ", ".join(f"{p} {v}" for p, v in data["scores"].items())
    out.print(f"Equal final scores (points out of 100): {scores}", markup=False)


@app.command()
def convert(
    folder: Annotated[str, typer.Argument(help="GENIUS domain or LLM-Deliberation game folder.")],
    out: Annotated[
        str | None, typer.Option("-o", "--output", help="YAML file to write; default stdout.")
    ] = None,
) -> None:
    """Convert a GENIUS or LLM-Deliberation folder into a grandbargain scenario YAML file."""
    text = guarded(lambda: api.convert_folder(folder))
    if out is None:
        sys.stdout.write(text)
        return
    import os
    import tempfile

    target = os.path.abspath(out)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        fail([Problem(out, 0, 0, "", "the folder to write into does not exist")])
    # write to a temporary file and rename, so a failure never leaves a half-written file
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".yaml.tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)
    make_console().print(f"wrote {out}", markup=False)


@app.command()
def validate(
    scenarios: Annotated[list[str], typer.Argument(help="Scenario files or shipped names.")],
) -> None:
    """Check scenario files; print every problem with file:line:column and field; exit 2 if any."""
    problems: list[Problem] = []
    out = make_console()
    for ref in scenarios:
        try:
            loaded = api.load_scenario(ref)
        except InputError as error:
            problems.extend(error.problems)
            continue
        out.print(
            f"ok: {ref} ({len(loaded.parties)} parties, {len(loaded.issues)} issues, "
            f"{sum(len(i.options) for i in loaded.issues)} options)",
            markup=False,
        )
    if problems:
        fail(problems)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editors and validators)."""
    print_json(api.scenario_json_schema())


@app.command()
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


@app.command()
def report(
    scenario: ScenarioArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    as_of: AsOfOpt = None,
    condition: ConditionOpt = None,
    parties: Annotated[
        str | None, typer.Option("--parties", help="Two parties for the frontier chart: A,B.")
    ] = None,
    with_forecast: Annotated[bool, typer.Option("--forecast", help="Add the forecast.")] = False,
    with_simulation: Annotated[
        bool, typer.Option("--simulate", help="Add a simulation (default strategies).")
    ] = False,
    rounds: Annotated[int, typer.Option(min=1, help="Simulation rounds.")] = 60,
) -> None:
    """Write a self-contained offline HTML report (charts, tables, evidence, timeline)."""
    from grandbargain.report import build_report, write_report

    date = parse_date(as_of, "--as-of")
    chosen = parse_conditions(condition)
    loaded = guarded(lambda: api.load_scenario(scenario))
    analysis = guarded(lambda: api.analyze(loaded, date, chosen))
    pair = None
    if parties is not None:
        names = [p.strip() for p in parties.split(",")]
        pair = (names[0], names[1]) if len(names) == 2 else (parties, "")
    forecast = guarded(lambda: api.forecast(loaded, as_of=date)) if with_forecast else None
    simulation = (
        guarded(
            lambda: api.simulate(
                loaded, rounds=rounds, as_of=date, conditions=chosen, analysis=analysis
            )
        )
        if with_simulation
        else None
    )
    html = guarded(
        lambda: build_report(
            loaded, analysis, parties=pair, forecast=forecast, simulation=simulation
        )
    )
    target = output
    if not target.parent.is_dir():
        fail([Problem(str(output), 0, 0, "--output", "the folder to write into does not exist")])
    write_report(target, html)
    make_console().print(f"wrote {output}", markup=False)


app.command()(cli_simulate.simulate)
app.command()(cli_simulate.tournament)
app.command()(cli_simulate.strategies)
app.command()(cli_forecast.forecast)
app.command()(cli_forecast.winsets)
app.command()(cli_time.timeline)
app.command()(cli_time.diff)
app.command()(cli_uncertainty.montecarlo)
app.command()(cli_uncertainty.sensitivity)
app.command()(cli_web.serve)
app.command()(cli_evidence.evidence)
app.command()(cli_evidence.search)
app.add_typer(cli_evidence.corpus_app, name="corpus")
app.add_typer(cli_evidence.cite_app, name="cite")


def main() -> None:
    """Console-script entry point."""
    app()
