"""``analyze``, ``fair-division`` and ``report``: thin shells over the analysis API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from grandbargain import api
from grandbargain.cli.common import (
    AsOfOpt,
    ConditionOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    bad_option,
    emit,
    guarded,
    loaded_scenario,
    parse_conditions,
    parse_date,
    progress_bar,
    save_output,
)
from grandbargain.cli.names import Names

if TYPE_CHECKING:
    from rich.console import RenderableType

# rich and the table modules are imported where a table is made, so JSON output loads neither


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
    ratify: Annotated[
        bool,
        typer.Option(
            "--ratify",
            help="Only packages each side can ratify at home (the scenario's ratification "
            "rules: win-sets, veto players, package votes), and which rule blocks each move.",
        ),
    ] = False,
) -> None:
    """Frontier, Nash / Kalai-Smorodinsky / utilitarian / egalitarian, logrolls, linkage."""
    date = parse_date(as_of, "--as-of")
    chosen = parse_conditions(condition)
    loaded = loaded_scenario(scenario)
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
            ratify=ratify,
        )
    )

    def tables() -> Iterable[RenderableType]:
        from grandbargain.cli.analysis_tables import analysis_tables

        return analysis_tables(result, Names.of(loaded))

    emit(result.to_dict(), output, tables)


class PointsOpt(StrEnum):
    """How fair-division uses a CSV's points."""

    RAW = "raw"
    NORMALISED = "normalised"


def _ratio(text: str) -> str:
    """``"143/2"`` -> ``"143/2 (71.5)"``; ``"65/1"`` -> ``"65"``."""
    numerator, denominator = (int(part) for part in text.split("/"))
    if denominator == 1:
        return str(numerator)
    return f"{text} ({numerator / denominator:.6g})"


def fair_division(
    source: Annotated[
        str | None,
        typer.Argument(
            help="Points CSV (issue,<A>,<B>) or a scenario; omitted: us-china-2025.",
            metavar="SOURCE",
        ),
    ] = None,
    parties: Annotated[
        str | None, typer.Option("--parties", help="A,B: the two parties (scenario only).")
    ] = None,
    points: Annotated[
        PointsOpt | None,
        typer.Option(
            "--points",
            help="CSV only: raw (default) divides the points as written, both columns summing "
            "to the same total; normalised rescales each column to sum to 100. A scenario's "
            "points are always normalised.",
        ),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Adjusted Winner (Brams and Taylor): who gets each issue, the one split, equal scores."""
    pair = None
    if parties is not None:
        names = [name.strip() for name in parties.split(",")]
        if len(names) != 2 or not all(names):
            bad_option("--parties", f"{parties!r}: expected two names, A,B")
        pair = (names[0], names[1])
    mode = None if points is None else points.value
    result = guarded(lambda: api.fair_division(source, pair, points=mode), source)
    data = result.to_dict()
    emit(data, output, lambda: _fair_division_tables(data))


def _fair_division_tables(data: dict[str, Any]) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    table = Table("issue", "goes to", title="Adjusted Winner")
    split = data["split"]
    for issue, party in data["winners"].items():
        if split is not None and split["issue"] == issue:
            shares = ", ".join(f"{p} {_ratio(f)}" for p, f in split["fractions"].items())
            table.add_row(issue, f"split: {shares}")
        else:
            table.add_row(issue, party)
    scores = ", ".join(f"{p} {_ratio(v)}" for p, v in data["scores"].items())
    if data["points"] == "raw":
        how = f"points as written; each party's total is {_ratio(data['total'])}"
    else:
        how = "each party's points rescaled to a total of 100"
    return [table, Text(f"Equal final scores: {scores} ({how})")]


OutcomesOpt = Annotated[
    str | None,
    typer.Option("--outcomes", help="Add a backtest against this outcomes file.", metavar="FILE"),
]
BacktestOpt = Annotated[
    bool, typer.Option("--backtest", help="Add a backtest against the scenario's own outcomes.")
]


DrawsOpt = Annotated[
    int,
    typer.Option(
        min=0,
        help="Monte Carlo draws of the outlook and briefing; 0: once, on the nominal numbers.",
    ),
]
NoOutlookOpt = Annotated[
    bool, typer.Option("--no-outlook", help="Leave out the briefing and the outlook (faster).")
]


def _answer_first(
    scenario: api.Scenario, date: dt.date | None, draws: int, seed: int
) -> tuple[api.Briefing, api.Outlook]:
    """The report's briefing and outlook: the outlook computed once, the briefing told from it."""
    with progress_bar("draws") as tick:
        found = guarded(lambda: api.outlook(scenario, date, draws, seed, progress=tick))
    return api.briefing_of(found, scenario), found


def _pair(parties: str | None) -> tuple[str, str] | None:
    if parties is None:
        return None
    names = [p.strip() for p in parties.split(",")]
    return (names[0], names[1]) if len(names) == 2 else (parties, "")


HtmlOpt = Annotated[
    str, typer.Option("--output", "-o", help="HTML file to write.", metavar="OUTPUT")
]
PairOpt = Annotated[
    str | None, typer.Option("--parties", help="Two parties for the frontier chart: A,B.")
]
SimulationFlag = Annotated[
    bool, typer.Option("--simulate", help="Add a simulation (default strategies).")
]
ConflictsDbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Corpus database: add the conflicting figures it holds."),
]


def report(
    scenario: ScenarioArg = None,
    output: HtmlOpt = "report.html",
    as_of: AsOfOpt = None,
    condition: ConditionOpt = None,
    parties: PairOpt = None,
    with_forecast: Annotated[bool, typer.Option("--forecast", help="Add the forecast.")] = False,
    with_simulation: SimulationFlag = False,
    rounds: Annotated[int, typer.Option(min=1, help="Simulation rounds.")] = 60,
    outcomes: OutcomesOpt = None,
    with_backtest: BacktestOpt = False,
    db: ConflictsDbOpt = None,
    draws: DrawsOpt = api.OUTLOOK_DRAWS,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the draws and simulations.")] = 0,
    no_outlook: NoOutlookOpt = False,
) -> None:
    """Write a self-contained offline HTML report, answer first: the briefing and the
    outlook's probabilities, then trades, charts, tables, evidence and timeline."""
    from grandbargain.report import build_report

    date = parse_date(as_of, "--as-of")
    chosen = parse_conditions(condition)
    guarded(lambda: api.check_output(output, "--output"))  # before the work, not after
    loaded = loaded_scenario(scenario)
    backtest = None
    if outcomes is not None or with_backtest:  # forecasts made on the report's date
        backtest = guarded(lambda: api.backtest(loaded, outcomes, date), outcomes)
    analysis = guarded(lambda: api.analyze(loaded, date, chosen))
    briefing, outlook = (None, None) if no_outlook else _answer_first(loaded, date, draws, seed)
    pair = _pair(parties)
    forecast = guarded(lambda: api.forecast(loaded, as_of=date)) if with_forecast else None
    simulation = (
        guarded(
            lambda: api.simulate(
                loaded, rounds=rounds, seed=seed, as_of=date, conditions=chosen, analysis=analysis
            )
        )
        if with_simulation
        else None
    )
    conflicts = None
    if db is not None:
        corpus = Path(guarded(lambda: api.corpus_path(db, False)))
        conflicts = guarded(lambda: api.conflicting_figures(corpus, loaded))
    html = guarded(
        lambda: build_report(
            loaded,
            analysis,
            parties=pair,
            forecast=forecast,
            simulation=simulation,
            backtest=backtest,
            conflicts=conflicts,
            briefing=briefing,
            outlook=outlook,
        )
    )
    save_output(output, html)
