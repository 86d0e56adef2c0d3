"""``backtest``: a thin shell over :func:`grandbargain.api.backtest`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.cli.common import (
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    guarded,
    make_console,
    print_json,
)
from grandbargain.cli.console import longest_word
from grandbargain.cli.names import Names

TOLERANCE = 1e-9
BASELINES = ("no-change", "uniform")


def backtest(
    scenario: ScenarioArg = None,
    outcomes: Annotated[
        str | None,
        typer.Argument(
            help="Outcomes file (YAML or JSON); omitted: NAME.outcomes.yaml beside the "
            "scenario file NAME.yaml, else the one the scenario ships.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    as_of: Annotated[
        list[str] | None,
        typer.Option(
            "--as-of",
            help="Date the forecasts are made on, YYYY-MM-DD; repeat for several; default the "
            "scenario's as_of. Must not be after the outcomes' date.",
        ),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
    seed: Annotated[
        int, typer.Option(min=0, help="Seed of the simulations and Monte Carlo draws.")
    ] = 0,
    draws: Annotated[
        int, typer.Option(min=1, help="Monte Carlo draws per date (scenarios with distributions).")
    ] = api.BACKTEST_DRAWS,
) -> None:
    """Score every predictor's forecasts, made as of past dates, against what happened."""
    loaded = guarded(lambda: api.load_scenario(scenario), scenario)
    source = outcomes
    if source is None and scenario is not None:
        source = api.outcomes_beside(scenario)
    result = guarded(
        lambda: api.backtest(loaded, source, as_of or None, seed=seed, draws=draws), source
    )
    data = result.to_dict()
    if output is OutputFormat.JSON:
        print_json(data)
        return
    out = make_console()
    for renderable in backtest_tables(data, Names.of(loaded)):
        out.print(renderable)


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _versus(value: float, baselines: dict[str, float]) -> str:
    """Which baselines a headline score beats, and a plain flag when no change did better."""
    beaten = [name for name, score in baselines.items() if value < score - TOLERANCE]
    text = {2: "both", 0: "neither"}.get(len(beaten), f"{''.join(beaten)} only")
    if value > baselines["no-change"] + TOLERANCE:
        text += ", WORSE"
    return text


def _header(data: dict[str, Any], names: Names) -> list[Any]:
    outcomes, settings = data["outcomes"], data["settings"]
    skipped = ", ".join(names.issue(issue) for issue in outcomes["not_scored"])
    lines = [
        f"Backtest of {data['scenario']} against {outcomes['file']} (what stood on "
        f"{outcomes['date']}): {len(outcomes['scored'])} issues scored"
        + (f"; not scored: {skipped}." if skipped else "."),
        "Headline (lower is better): MAE on the 0-100 position scale for point predictors, Brier "
        "(0-2) for probabilistic ones; a table per kind. dir. = direction hit rate (share of "
        "issues moved the right way from the status quo: stay, up or down); log = log score; "
        "no deal = share of sessions or draws without a package. 'beats' names the baselines "
        "whose score on the same metric the headline beats; WORSE: worse than no change.",
        f"Simulation: {settings['sessions']} sessions ({', '.join(settings['strategies'])}, every "
        f"pairing), {settings['rounds']} rounds, seed {settings['seed']}; "
        + (
            f"Monte Carlo: {settings['draws']} draws, seed {settings['seed']}."
            if settings["montecarlo"]
            else "Monte Carlo: not run (the scenario has no distributions)."
        )
        + f" Outlook: {settings['outlook_draws']} draws, default weights (grandbargain outlook).",
    ]
    return [Text(line) for line in lines]


KINDS = {"point": "MAE", "probabilistic": "Brier"}
"""Each kind of predictor and its headline metric."""


def _kind_table(item: dict[str, Any], kind: str) -> Table:
    """One kind's predictors on one date, in rank order: names wrap (never cut) within their
    cell, every number stays on its predictor's first line."""
    table = Table(
        title=f"{kind.capitalize()} forecasts made as of {item['as_of']} (headline: {KINDS[kind]})",
        title_justify="left",
        box=box.MINIMAL,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    kept = [p for p in item["predictors"] if p["kind"] == kind]
    shown = [api.predictor_name(p["name"]) for p in kept]
    # wraps between words
    table.add_column("predictor", overflow="fold", min_width=longest_word(shown, 9))
    for column in ("rank", "MAE", "dir.", "Brier", "log", "n"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("no\ndeal", justify="right", no_wrap=True)
    table.add_column("beats", no_wrap=True)
    baselines = {p["name"]: p for p in item["predictors"] if p["family"] == "baseline"}
    for name, p in zip(shown, kept, strict=True):
        metric = p["headline"]["metric"]
        versus = (
            "(baseline)"
            if p["family"] == "baseline"
            else _versus(p["headline"]["value"], {n: baselines[n][metric] for n in BASELINES})
        )
        table.add_row(
            name,
            str(p["rank"]),
            _number(p["mae"], 2),
            _number(p["direction_hit_rate"], 2),
            _number(p["brier"], 3),
            _number(p["log_score"], 2),
            str(p["n"]),
            _number(p["no_deal_share"], 2),
            versus,
        )
    return table


def _verdict(item: dict[str, Any]) -> Text:
    both = ", ".join(api.predictor_name(p) for p in item["beat_both_baselines"]) or "none"
    lost = ", ".join(api.predictor_name(p) for p in item["lost_to_no_change"])
    text = f"As of {item['as_of']}: beat both baselines: {both}."
    if lost:
        text += f" Worse than no change (a finding: the status quo forecast better): {lost}."
    else:
        text += " No predictor did worse than no change."
    return Text(text)


def backtest_tables(data: dict[str, Any], names: Names | None = None) -> list[Any]:
    """The header lines, then per date a table per kind of predictor and a plain verdict on
    the baselines; issues by their titles in ``names``, predictors by their display names."""
    shown: list[Any] = _header(data, names or Names())
    for item in data["dates"]:
        kinds = [k for k in KINDS if any(p["kind"] == k for p in item["predictors"])]
        shown += [*(_kind_table(item, kind) for kind in kinds), _verdict(item)]
    return shown
