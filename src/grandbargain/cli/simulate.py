"""``simulate``, ``tournament`` and ``strategies``: thin shells over the simulation API."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.api import Calendar
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
    make_console,
    parse_conditions,
    parse_date,
    progress_bar,
)
from grandbargain.cli.names import Names
from grandbargain.report import agreed_package

StrategyOpt = Annotated[
    list[str] | None,
    typer.Option("--strategy", help="PARTY=STRATEGY; repeat per party (default boulware)."),
]
RoundsOpt = Annotated[int, typer.Option(min=1, max=100_000, help="Round limit.")]
SeedOpt = Annotated[int, typer.Option(help="Seed; the same seed gives the same transcript.")]


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for value in values or []:
        party, sep, name = value.rpartition("=")
        if not sep or not party.strip() or not name.strip():
            bad_option(option, f"{value!r}: expected PARTY=VALUE")
        chosen[party.strip()] = name.strip()
    return chosen


def _factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        bad_option("--discount", f"{text!r}: expected a number in (0, 1]")
    return value


def simulate(
    scenario: ScenarioArg = None,
    strategy: StrategyOpt = None,
    rounds: RoundsOpt = 60,
    agenda: Annotated[
        str, typer.Option(help="package, issue-by-issue or bucket-by-bucket.")
    ] = "package",
    order: Annotated[
        str | None, typer.Option(help="Issue order for issue-by-issue: id,id,...")
    ] = None,
    seed: SeedOpt = 0,
    as_of: AsOfOpt = None,
    condition: ConditionOpt = None,
    discount: Annotated[
        list[str] | None,
        typer.Option("--discount", help="PARTY=D: discount utility by D^t (0 < D <= 1)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Calendar: date of round 0 (YYYY-MM-DD).")
    ] = None,
    days_per_round: Annotated[
        float, typer.Option(min=0.001, max=3660, help="Calendar: days per round (with --start).")
    ] = 1.0,
    include_event: Annotated[
        list[str] | None, typer.Option("--include-event", help="Apply this event on its date.")
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Simulate the talks: transcript, outcome, distance to Nash, joint gain by agenda."""
    date = parse_date(as_of, "--as-of")
    first_day = parse_date(start, "--start")
    chosen = _pairs(strategy, "--strategy")
    conditions = parse_conditions(condition)
    discounts = {party: _factor(value) for party, value in _pairs(discount, "--discount").items()}
    calendar = None
    if first_day is not None:
        calendar = Calendar(start=first_day, days_per_round=days_per_round)
    loaded = loaded_scenario(scenario)
    result = guarded(
        lambda: api.simulate(
            loaded,
            chosen,
            rounds,
            agenda,
            order.split(",") if order else None,
            seed,
            date,
            conditions,
            discounts=discounts,
            calendar=calendar,
            include_events=frozenset(include_event or ()),
        )
    )
    data = result.to_dict()
    emit(data, output, lambda: _simulation_tables(data, loaded))


def _simulation_tables(data: dict[str, Any], scenario: api.Scenario) -> list[Any]:
    parties = data["parties"]
    names = Names.of(scenario)
    shown: list[Any] = [
        Text(
            f"{data['scenario']}: {data['agenda']} agenda, {data['rounds']} rounds, seed "
            f"{data['seed']}; " + ", ".join(f"{p}={s}" for p, s in data["strategies"].items()),
            style="bold",
        )
    ]
    for stage in data["stages"]:
        table = Table(title=f"Stage {stage['name']}: {stage['ended']}")
        for column in ("round", "date", "party", "action", "offer (changes only)"):
            table.add_column(column)
        for party in parties:
            table.add_column(party, justify="right")
        previous: dict[str, str] = {}
        for step in stage["transcript"]:
            package = step["package"] or {}
            changed = {k: v for k, v in package.items() if previous.get(k) != v}
            if step["action"] == "offer":
                previous = package
            text = "; ".join(names.move(k, v) for k, v in changed.items())
            utilities = step["utilities"] or {}
            table.add_row(
                str(step["round"]),
                step["date"] or "",
                step["party"],
                step["action"],
                text,
                *(f"{utilities[p]:.3f}" if p in utilities else "" for p in parties),
            )
        shown.append(table)
    deal = agreed_package(data, scenario)
    shown.append(_deal_table(deal))
    outcome = data["outcome"]
    summary = Table(title="Outcome")
    summary.add_column("measure")
    summary.add_column("value")
    summary.add_row("agreement", deal["headline"])
    summary.add_row("rounds used", str(outcome["rounds_used"]))
    for party in parties:
        summary.add_row(
            f"{party} utility (reservation)",
            f"{outcome['utilities'][party]:.3f} ({outcome['reservation'][party]:.3f})",
        )
    measures = {
        "distance_to_nash": "distance to Nash",
        "distance_to_frontier": "distance to frontier",
        "joint_gain": "joint gain",
    }
    for key, measure in measures.items():
        value = outcome[key]
        summary.add_row(measure, "-" if value is None else f"{value:.4f}")
    for agenda, gain in data["agenda_joint_gains"].items():
        summary.add_row(f"joint gain, {agenda} agenda", "-" if gain is None else f"{gain:.4f}")
    shown.append(summary)
    return shown


def _deal_table(deal: dict[str, Any]) -> Table:
    """The package the talks ended with, in issue titles and option labels."""
    table = Table(title=f"{deal['headline']} What each issue ends with:")
    table.add_column("issue")
    table.add_column("option")
    table.add_column("agreed?")
    for row in deal["issues"]:
        agreed = "agreed" if row["agreed"] else "no deal: status quo stays"
        table.add_row(row["title"], row["label"] or "status quo", agreed)
    return table


def strategies() -> None:
    """List the strategies, one line each."""
    for name, description in api.strategy_descriptions().items():
        make_console().print(f"{name:14} {description}", markup=False, highlight=False)


def tournament(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            help="Scenario files, folders or shipped names; omitted: us-china-2025.",
            metavar="SCENARIO",
        ),
    ] = None,
    strategies_option: Annotated[
        str, typer.Option("--strategies", help="'all' or a comma-separated list.")
    ] = "all",
    repeats: Annotated[int, typer.Option(min=1, max=10_000, help="Repeats per pairing.")] = 10,
    rounds: RoundsOpt = 60,
    seed: SeedOpt = 0,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Every strategy against every other, in every seat; ranked by normalised utility."""
    names = (
        list(api.strategy_descriptions())
        if strategies_option == "all"
        else [s.strip() for s in strategies_option.split(",") if s.strip()]
    )
    refs: list[str | None] = list(scenarios) if scenarios else [None]
    loaded = [loaded_scenario(ref) for ref in refs]
    with progress_bar("tournament", output) as tick:
        result = guarded(
            lambda: api.tournament(loaded, names, repeats, rounds, seed, progress=tick)
        )
    data = result.to_dict()
    emit(data, output, lambda: [_ranking_table(data)])


def _ranking_table(data: dict[str, Any]) -> Table:
    table = Table(
        title=f"Tournament: {data['sessions']} sessions on " + ", ".join(data["scenarios"])
    )
    for column in ("rank", "strategy", "normalised utility", "agreement rate", "joint gain"):
        table.add_column(column, justify="right" if column != "strategy" else "left")
    for row in data["ranking"]:
        table.add_row(
            str(row["rank"]),
            row["strategy"],
            f"{row['mean_normalised_utility']:.3f}",
            f"{row['agreement_rate']:.2f}",
            f"{row['mean_joint_gain']:.4f}",
        )
    return table
