"""``simulate``, ``tournament`` and ``strategies``: thin shells over the simulation API."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

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
    make_console,
    parse_conditions,
    parse_date,
    progress_bar,
)
from grandbargain.cli.llm import (
    NO_LLM_OPTIONS,
    LLMOptions,
    confirm_cost,
    llm_progress,
    with_llm_options,
)
from grandbargain.cli.names import Names

StrategyOpt = Annotated[
    list[str] | None,
    typer.Option("--strategy", help="PARTY=STRATEGY; repeat per party (default boulware)."),
]
RoundsOpt = Annotated[int, typer.Option(min=1, max=100_000, help="Round limit.")]
SeedOpt = Annotated[int, typer.Option(help="Seed; the same seed gives the same transcript.")]
AgendaOpt = Annotated[str, typer.Option(help="package, issue-by-issue or bucket-by-bucket.")]
OrderOpt = Annotated[str | None, typer.Option(help="Issue order for issue-by-issue: id,id,...")]
DiscountOpt = Annotated[
    list[str] | None,
    typer.Option("--discount", help="PARTY=D: discount utility by D^t (0 < D <= 1)."),
]
StartOpt = Annotated[
    str | None, typer.Option("--start", help="Calendar: date of round 0 (YYYY-MM-DD).")
]
DaysOpt = Annotated[
    float, typer.Option(min=0.001, max=3660, help="Calendar: days per round (with --start).")
]
IncludeEventOpt = Annotated[
    list[str] | None, typer.Option("--include-event", help="Apply this event on its date.")
]
RatifyFlag = Annotated[
    bool,
    typer.Option(
        "--ratify",
        help="Each party only proposes and accepts packages its ratification rules let "
        "through (the scenario's ratification blocks).",
    ),
]


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


@with_llm_options
def simulate(
    scenario: ScenarioArg = None,
    strategy: StrategyOpt = None,
    rounds: RoundsOpt = 60,
    agenda: AgendaOpt = "package",
    order: OrderOpt = None,
    seed: SeedOpt = 0,
    as_of: AsOfOpt = None,
    condition: ConditionOpt = None,
    discount: DiscountOpt = None,
    start: StartOpt = None,
    days_per_round: DaysOpt = 1.0,
    include_event: IncludeEventOpt = None,
    ratify: RatifyFlag = False,
    output: FormatOpt = OutputFormat.TABLE,
    llm: LLMOptions = NO_LLM_OPTIONS,
) -> None:
    """Simulate the talks: transcript, outcome, distance to Nash, joint gain by agenda.

    A party may be played by a language model: --strategy PARTY=llm with --llm-url and
    --llm-model (see docs/how-to/negotiate-with-a-language-model.md)."""
    date = parse_date(as_of, "--as-of")
    first_day = parse_date(start, "--start")
    chosen = _pairs(strategy, "--strategy")
    conditions = parse_conditions(condition)
    discounts = {party: _factor(value) for party, value in _pairs(discount, "--discount").items()}
    calendar = None
    if first_day is not None:
        calendar = api.Calendar(start=first_day, days_per_round=days_per_round)
    loaded = loaded_scenario(scenario)
    llm.check_files()
    settings = llm.settings()
    if settings is not None and "llm" in chosen.values():
        cost = lambda: api.llm_simulation_cost(loaded, chosen, rounds, settings, agenda)  # noqa: E731
        confirm_cost(cost, settings, llm)
    with llm_progress(settings, "talks") as tick:
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
                llm=settings,
                record=llm.record,
                replay=llm.replay,
                progress=tick,
                ratify=ratify,
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
    shown += [_stage_table(stage, parties, names) for stage in data["stages"]]
    from grandbargain.report import agreed_package  # here: the report is not loaded for --help

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
    _metric_rows(summary, data["metrics"], data["llm"] is not None)
    _ratification_row(summary, data["ratification"])
    shown.append(summary)
    return shown


def _stage_table(stage: dict[str, Any], parties: list[str], names: Names) -> Table:
    """One stage's transcript: each step's offer by what changed since the last offer."""
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
    return table


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


def _ratification_row(summary: Table, note: dict[str, Any] | None) -> None:
    if note is None:
        return
    parties = ", ".join(note["parties"]) or "none (no ratification rules)"
    text = f"applied to {parties}"
    if note["no_ratifiable_offer"]:
        text += f"; no ratifiable offer: {', '.join(note['no_ratifiable_offer'])}"
    caused = note["caused_no_deal"]
    if caused is not None:
        text += "; caused the no-deal" if caused else "; no deal without the rules either"
    summary.add_row("ratification", text)


def _metric_rows(summary: Table, metrics: dict[str, Any] | None, llm: bool) -> None:
    if metrics is None:
        return
    summary.add_row("frontier gap", _number(metrics["frontier_gap"], 4))
    summary.add_row("share of the Nash product", _number(metrics["nash_share"], 3))
    if not llm:
        return
    summary.add_row("model requests", str(metrics["requests"]))
    summary.add_row(
        "invalid moves (fallbacks)", f"{metrics['invalid_moves']} ({metrics['fallbacks']})"
    )
    summary.add_row("failed requests", str(metrics["failed_requests"]))
    summary.add_row("tokens in / out", f"{metrics['tokens_in']:,} / {metrics['tokens_out']:,}")
    summary.add_row("model latency, total", f"{metrics['latency_ms'] / 1000:.1f} s")


def strategies() -> None:
    """List the strategies, one line each (llm needs an endpoint: --llm-url)."""
    for name, description in api.strategy_descriptions(endpoint=True).items():
        make_console().print(f"{name:14} {description}", markup=False, highlight=False)


@with_llm_options
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
    llm: LLMOptions = NO_LLM_OPTIONS,
) -> None:
    """Every strategy against every other, in every seat; ranked by normalised utility.

    'all' is every built-in strategy; add llm to the list (all,llm) to play a language model
    (see docs/how-to/negotiate-with-a-language-model.md)."""
    names = _strategy_list(strategies_option)
    refs: list[str | None] = list(scenarios) if scenarios else [None]
    loaded = [loaded_scenario(ref) for ref in refs]
    llm.check_files()
    settings = llm.settings()
    if settings is not None and "llm" in names:
        cost = lambda: api.llm_tournament_cost(loaded, names, repeats, rounds, settings)  # noqa: E731
        confirm_cost(cost, settings, llm)
    with progress_bar("tournament", output) as tick:
        result = guarded(
            lambda: api.tournament(
                loaded,
                names,
                repeats,
                rounds,
                seed,
                progress=tick,
                llm=settings,
                record=llm.record,
                replay=llm.replay,
            )
        )
    data = result.to_dict()
    emit(data, output, lambda: _tournament_tables(data))


def _strategy_list(text: str) -> list[str]:
    """The names of ``--strategies``: 'all' stands for every built-in strategy."""
    names: list[str] = []
    for item in (s.strip() for s in text.split(",")):
        for name in list(api.strategy_descriptions()) if item == "all" else [item] if item else []:
            if name not in names:
                names.append(name)
    return names


def _tournament_tables(data: dict[str, Any]) -> list[Any]:
    shown: list[Any] = [_ranking_table(data)]
    if len(data["by_scenario"]) > 1:
        for block in data["by_scenario"]:
            shown.append(_ranking_table({**data, "ranking": block["ranking"]}, block["scenario"]))
    return shown


_COLUMNS = (
    "rank",
    "strategy",
    "normalised utility",
    "agreed",
    "joint gain",
    "frontier dist.",
    "frontier gap",
    "Nash share",
    "invalid",
    "tokens",
)


def _ranking_table(data: dict[str, Any], scenario: str | None = None) -> Table:
    where = scenario or ", ".join(data["scenarios"])
    sessions = sum(row["sessions"] for row in data["ranking"])
    table = Table(title=f"Tournament: {sessions} sessions on {where}")
    for column in _COLUMNS:
        table.add_column(column, justify="right" if column != "strategy" else "left")
    for row in data["ranking"]:
        table.add_row(
            str(row["rank"]),
            row["strategy"],
            f"{row['mean_normalised_utility']:.3f}",
            f"{row['agreement_rate']:.2f}",
            f"{row['mean_joint_gain']:.4f}",
            _number(row["mean_frontier_distance"], 4),
            _number(row["mean_frontier_gap"], 4),
            _number(row["mean_nash_share"], 3),
            f"{row['mean_invalid_moves']:.2f}",
            f"{row['mean_tokens']:,.0f}",
        )
    return table


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"
