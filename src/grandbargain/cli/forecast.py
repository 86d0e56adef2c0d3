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
from grandbargain.cli.console import longest_word
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
    chosen: str | api.Scenario | None = source
    names = Names()
    if not api.is_forecast_file(source):
        chosen = loaded_scenario(source)  # a scenario: its titles and labels for the tables
        names = Names.of(chosen)
    result = guarded(
        lambda: api.forecast(
            chosen, tuple(model) if model else None, rounds, date, tuple(issue) if issue else None
        ),
        source,
    )
    data = result.to_dict()
    emit(data, output, lambda: _forecast_tables(data, names))


def _models(data: dict[str, Any]) -> list[str]:
    models: list[str] = []
    for item in data["issues"]:
        for name in item["models"]:
            if name not in models:
                models.append(name)
    return models


def _title(item: dict[str, Any], names: Names) -> str:
    """An issue's title: its own when the forecast input gave one, else the scenario's."""
    return str(item.get("title") or names.issue(item["id"]))


def _forecast_table(data: dict[str, Any], names: Names) -> Table:
    """A row per issue and model: the issue's title and actor count (on its first row), the
    model's mean and median, and the label of the option nearest its headline statistic.
    Titles and labels wrap within their cells; every number stays on its model's row."""
    table = Table(
        title="Forecasts on each issue's position scale; nearest option to the headline "
        "(compromise: mean, expected-utility: median)"
    )
    models = _models(data)
    titles = [_title(item, names) for item in data["issues"]]
    labels = [
        names.option(item["id"], r["nearest_option"])
        for item in data["issues"]
        for r in item["models"].values()
        if r["nearest_option"]
    ]
    table.add_column("issue", min_width=longest_word(titles, 5))  # wraps between words
    table.add_column("model", no_wrap=True)
    table.add_column("mean", justify="right", no_wrap=True)
    table.add_column("median", justify="right", no_wrap=True)
    table.add_column("nearest option", min_width=longest_word(labels, 5))
    for title, item in zip(titles, data["issues"], strict=True):
        shown = [name for name in models if name in item["models"]]
        for k, name in enumerate(shown):
            result = item["models"][name]
            nearest = result["nearest_option"]
            table.add_row(
                f"{title} ({len(item['actors'])} actors)" if k == 0 else "",
                name,
                f"{result['mean']:.1f}",
                f"{result['median']:.1f}",
                "-" if nearest is None else names.option(item["id"], nearest),
                end_section=k == len(shown) - 1,
            )
    return table


def _forecast_tables(data: dict[str, Any], names: Names) -> list[Any]:
    shown: list[Any] = [
        Text(
            f"{data['source']}: saliences {data['salience_scale']} ({data['salience_note']})",
            style="bold",
        ),
        _forecast_table(data, names),
    ]
    for item in data["issues"]:
        result = item["models"].get("expected-utility")
        if result is None or len(result["trajectory"]) <= 1:
            continue
        title = _title(item, names)
        rounds = Table(title=f"{title}: expected-utility trajectory ({result['stopped']})")
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
        shown.append(Text(f"skipped {names.issue(skipped['issue'])}: {skipped['reason']}"))
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
