"""``forecast`` and ``winsets``: thin shells over the forecasting API."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    emit,
    guarded,
    loaded_scenario,
    parse_date,
)
from grandbargain.cli.names import Names


def forecast(
    source: Annotated[
        str | None,
        typer.Argument(
            help="Scenario, or an actor / KTAB / Decide CSV; omitted: us-china-2025.",
            metavar="SOURCE",
        ),
    ] = None,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", help="compromise or expected-utility; repeat; default both."),
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option(min=1, max=1000, help="Most rounds of the EU model (default: its own, 8)."),
    ] = None,
    as_of: AsOfOpt = None,
    issue: Annotated[list[str] | None, typer.Option("--issue", help="Only these issues.")] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Where each issue settles, from the actors behind it (compromise and expected utility)."""
    date = parse_date(as_of, "--as-of")
    result = guarded(
        lambda: api.forecast(
            source, tuple(model) if model else None, rounds, date, tuple(issue) if issue else None
        ),
        source,
    )
    data = result.to_dict()
    emit(data, output, lambda: _forecast_tables(data))


def _forecast_tables(data: dict[str, Any]) -> list[Any]:
    shown: list[Any] = [
        Text(
            f"{data['source']}: saliences {data['salience_scale']} ({data['salience_note']})",
            style="bold",
        )
    ]
    table = Table(title="Forecasts (position scale of each issue; nearest option in brackets)")
    # ids print on one line (the console folds long words in other columns, never cuts them)
    longest = max((len(item["id"]) for item in data["issues"]), default=5)
    table.add_column("issue", no_wrap=True, min_width=longest)
    table.add_column("actors", justify="right")
    models: list[str] = []
    for item in data["issues"]:
        for name in item["models"]:
            if name not in models:
                models.append(name)
    for name in models:
        table.add_column(f"{name} mean", justify="right")
        table.add_column(f"{name} median", justify="right")
    for item in data["issues"]:
        cells = [item["id"], str(len(item["actors"]))]
        for name in models:
            result = item["models"].get(name)
            if result is None:
                cells += ["-", "-"]
                continue
            near = f" [{result['nearest_option']}]" if result["nearest_option"] else ""
            head = "mean" if name == "compromise" else "median"
            cells.append(f"{result['mean']:.1f}" + (near if head == "mean" else ""))
            cells.append(f"{result['median']:.1f}" + (near if head == "median" else ""))
        table.add_row(*cells)
    shown.append(table)
    for item in data["issues"]:
        result = item["models"].get("expected-utility")
        if result is None or len(result["trajectory"]) <= 1:
            continue
        rounds = Table(title=f"{item['id']}: expected-utility trajectory ({result['stopped']})")
        for column in ("round", "mean", "median", "moves (actor <- pressured by: offer)"):
            rounds.add_column(column)
        for step in result["trajectory"]:
            moves = [m for m in result["moves"] if m["round"] == step["round"]]
            text = "; ".join(
                f"{m['actor']} <- {m['pressured_by']}: {m['offer']}" for m in moves[:4]
            )
            if len(moves) > 4:
                text += f"; +{len(moves) - 4} more"
            rounds.add_row(str(step["round"]), f"{step['mean']:.2f}", f"{step['median']:.2f}", text)
        shown.append(rounds)
    for skipped in data["skipped"]:
        shown.append(Text(f"skipped {skipped['issue']}: {skipped['reason']}"))
    return shown


def winsets(
    scenario: ScenarioArg = None,
    as_of: AsOfOpt = None,
    ratification: Annotated[
        float, typer.Option(min=0.01, max=1.0, help="Share of clout x salience to ratify.")
    ] = 0.5,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Each party's domestic win-set per issue, from its stakeholders (Putnam's two levels)."""
    date = parse_date(as_of, "--as-of")
    loaded = loaded_scenario(scenario)
    data = guarded(lambda: api.winsets(loaded, date, ratification)).to_dict()
    emit(data, output, lambda: [_winsets_table(data, Names.of(loaded))])


def _winsets_table(data: dict[str, Any], names: Names) -> Table:
    table = Table(title=f"Domestic win-sets (ratification share {data['ratification']:g})")
    for column in ("party", "issue", "inside the win-set", "support of the others (share)"):
        table.add_column(column)
    for item in data["winsets"]:
        issue = names.issue(item["issue"])
        if not item["derived"]:
            table.add_row(item["party"], issue, f"- ({item['reason']})", "")
            continue
        outside = ", ".join(
            f"{names.option(item['issue'], o['option'])} {o['support']:.2f}"
            for o in item["options"]
            if not o["inside"]
        )
        inside = ", ".join(names.option(item["issue"], o) for o in item["inside"])
        table.add_row(item["party"], issue, inside, outside)
    return table
