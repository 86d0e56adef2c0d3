"""``outlook``: a thin shell over :func:`grandbargain.api.outlook`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.cli.common import (
    ConditionOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    emit,
    fail,
    guarded,
    loaded_scenario,
    option_problem,
    parse_conditions,
    progress_bar,
)


def _weights(pairs: list[str] | None) -> dict[str, float] | None:
    if not pairs:
        return None
    chosen: dict[str, float] = {}
    problems = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            chosen[name.strip()] = float(value)
        except ValueError:
            problems.append(option_problem("--weight", f"{pair!r}: expected PREDICTOR=NUMBER"))
        if not sep:
            problems.append(option_problem("--weight", f"{pair!r}: expected PREDICTOR=NUMBER"))
    if problems:
        fail(problems[:1])
    return chosen


def outlook(
    scenario: ScenarioArg = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date YYYY-MM-DD; only events on or before it apply."),
    ] = None,
    draws: Annotated[
        int,
        typer.Option(min=0, help="Monte Carlo draws; 0: once, on the nominal numbers."),
    ] = api.OUTLOOK_DRAWS,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the draws and simulations.")] = 0,
    weight: Annotated[
        list[str] | None,
        typer.Option(
            "--weight",
            help="PREDICTOR=W, repeatable: replaces the default weights (equal per family); "
            "predictors left out get 0. Predictors: " + ", ".join(api.OUTLOOK_PREDICTORS) + ".",
        ),
    ] = None,
    condition: ConditionOpt = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: 2 from 400 draws).")
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """The likely deal as of a date: per issue a probability for every option, the most
    likely package, its trades, each side's gain, blockers and where the models disagree."""
    loaded = loaded_scenario(scenario)
    weights = _weights(weight)
    conditions = parse_conditions(condition)
    with progress_bar("draws") as tick:
        result = guarded(
            lambda: api.outlook(
                loaded,
                as_of,
                draws,
                seed,
                weights=weights,
                conditions=conditions,
                workers=workers,
                progress=tick,
            )
        )
    data = result.to_dict()
    emit(data, output, lambda: outlook_tables(data))


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _issue_table(data: dict[str, Any]) -> Table:
    table = Table(
        title=f"Outlook for {data['scenario']} as of {data['as_of']}", box=box.SIMPLE_HEAD
    )
    for column in ("issue", "most likely", "p", "runner-up", "p ", "status quo"):
        table.add_column(column, justify="right" if column.startswith("p") else "left")
    for item in data["issues"]:
        label = {o["id"]: o["label"] for o in item["options"]}
        p = {o["id"]: o["probability"] for o in item["options"]}
        runner = item["runner_up"]
        if runner is not None and p[runner] <= 0:
            runner = None  # nothing else has any probability
        table.add_row(
            item["title"],
            label[item["most_likely"]] + (" *" if item["disagreement"] else ""),
            _pct(p[item["most_likely"]]),
            "-" if runner is None else label[runner],
            "-" if runner is None else _pct(p[runner]),
            label[item["status_quo"]],
        )
    return table


def _package_lines(data: dict[str, Any]) -> list[Text]:
    top, deal = data["most_likely"], data["likely_deal"]
    lines = []
    if top["is_status_quo"]:
        lines.append(
            Text(f"Most likely package: no deal (the status quo), p = {_pct(top['probability'])}.")
        )
    else:
        lines.append(Text(f"Most likely package (a deal), p = {_pct(top['probability'])}."))
    if deal is None:
        lines.append(Text("No predictor found a deal on any draw."))
        return lines
    moved = [
        f"{item['title']}: {deal['labels'][item['id']]}"
        for item in data["issues"]
        if deal["package"][item["id"]] != item["status_quo"]
    ]
    lines.append(
        Text(f"Most likely deal, p = {_pct(deal['probability'])}, moves: " + "; ".join(moved) + ".")
    )
    return lines


def _trades_and_gains(data: dict[str, Any]) -> list[Any]:
    shown: list[Any] = []
    trades = Table(title="Trades that carry the most likely deal", box=box.SIMPLE_HEAD)
    trades.add_column("trade")
    for party in data["parties"]:
        trades.add_column(f"{party} gain", justify="right")
    trades.add_column("joint", justify="right")
    titles = {item["id"]: item["title"] for item in data["issues"]}
    for trade in data["trades"]:
        text = " <-> ".join(f"{titles[i]}: {trade['labels'][i]}" for i in trade["moves"])
        gains = [f"{trade['gains'][p]:+.3f}" for p in data["parties"]]
        trades.add_row(text, *gains, f"{trade['joint_gain']:+.3f}")
    shown.append(trades if data["trades"] else Text("No two-issue trade is contained in the deal."))
    for gain in data["gains"]:
        if gain["low"] is None:
            span = "nominal"
        else:
            span = f"5-95% over draws {gain['low']:+.3f} to {gain['high']:+.3f}"
        shown.append(Text(f"{gain['party']} gains {gain['nominal']:+.3f} over no deal ({span})."))
    return shown


def _disagreements(data: dict[str, Any]) -> Table:
    table = Table(title="Where the predictors disagree (* above)", box=box.SIMPLE_HEAD)
    for column in ("issue", "predictor", "answer", "share", "why"):
        table.add_column(column, justify="right" if column == "share" else "left")
    for item in data["issues"]:
        if not item["disagreement"]:
            continue
        for k, answer in enumerate(item["answers"]):
            table.add_row(
                item["title"] if k == 0 else "",
                api.predictor_name(answer["predictor"]),
                answer["label"],
                _pct(answer["share"]),
                answer["why"],
            )
    return table


def outlook_tables(data: dict[str, Any]) -> list[Any]:
    """The issue table, the package lines, trades and gains, blockers, disagreements, notes."""
    shown: list[Any] = [_issue_table(data), *_package_lines(data), *_trades_and_gains(data)]
    blocking = data["blocking"]
    shown.append(Text(blocking["note"]))
    for item in blocking["blockers"]:
        shown.append(Text("  " + ", ".join(f"{k}: {v}" for k, v in item.items())))
    shown.append(_disagreements(data))
    shown += [Text(note) for note in data["notes"]]
    return shown
