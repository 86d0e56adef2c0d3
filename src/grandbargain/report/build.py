"""Assemble the report: facts and figures into one Jinja2 template, autoescaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment

from grandbargain.api import (
    SOLUTION_NAMES,
    Analysis,
    Backtest,
    Briefing,
    FigureConflict,
    Forecast,
    InputError,
    Outlook,
    Problem,
    Scenario,
    Simulation,
    timeline_to_dict,
)
from grandbargain.report import charts, context, downloads, forecast_chart
from grandbargain.report import offers as offers_chart
from grandbargain.report.brief import render_briefing_html
from grandbargain.report.deal import agreed_package
from grandbargain.report.output import html_templates, json_for_script, plotly_bundle

TRADES_SHOWN = 5
"""Trades shown open at the top of the report; the rest are folded away."""


def _environment() -> Environment:
    env = html_templates("grandbargain.report")
    env.filters["num"] = _number
    return env


def _number(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _chosen_parties(analysis: Analysis, parties: tuple[str, str] | None) -> tuple[str, str]:
    chosen = parties or (analysis.parties[0], analysis.parties[1])
    unknown = [p for p in chosen if p not in analysis.parties]
    if unknown or len(chosen) != 2 or chosen[0] == chosen[1]:
        raise InputError(
            [
                Problem(
                    "--parties",
                    0,
                    0,
                    "",
                    f"choose two different parties of {', '.join(analysis.parties)}; "
                    f"got {', '.join(chosen)}",
                )
            ]
        )
    return chosen[0], chosen[1]


def build_report(
    scenario: Scenario,
    analysis: Analysis,
    *,
    parties: tuple[str, str] | None = None,
    forecast: Forecast | None = None,
    simulation: Simulation | None = None,
    backtest: Backtest | None = None,
    conflicts: list[FigureConflict] | None = None,
    briefing: Briefing | None = None,
    outlook: Outlook | None = None,
) -> str:
    """One self-contained HTML document, answer first: the briefing
    (:func:`grandbargain.api.brief` or :func:`grandbargain.api.briefing_of`, rendered by
    :func:`render_briefing_html`) and the outlook's probability bars per issue (each left out
    when ``None``), the trades (logrolls and the value of linkage), the
    Pareto chart for two ``parties`` (default the first two), the solutions, and, when given,
    the forecast and the simulation; then the evidence per issue with the corpus's
    conflicting figures (``conflicts``: see :func:`grandbargain.api.conflicting_figures`),
    the timeline (dates the scenario assumes are marked), the backtest, and the scenario's
    parties, buckets and issues.

    Every name, label and quote is text, escaped by the templates.

    Offline (plotly.js inline); every chart has a caption and a table with its facts; long
    tables are folded away with a CSV download inside the page (a ``data:`` URI).
    """
    chosen = _chosen_parties(analysis, parties)
    labels = context.option_labels(scenario)
    data = analysis.to_dict()
    trades = context.logroll_rows(scenario, data)
    pareto, pareto_facts = charts.pareto_figure(analysis, chosen, labels)
    views = _Views(labels)
    views.add("pareto", pareto, charts.pareto_summary(pareto_facts))
    views.csv("frontier", downloads.frontier_csv(analysis.parties, pareto_facts["points"], labels))
    views.csv("trades", downloads.trades_csv(analysis.parties, trades))
    forecast_rows = None if forecast is None else views.forecast(forecast.to_dict())
    sim = None if simulation is None else simulation.to_dict()
    offers = None if sim is None else views.simulation(sim, pareto_facts)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            **_analysis_values(scenario, analysis, data, trades),
            **_optional_values(scenario, briefing, outlook, forecast, sim, backtest, conflicts),
            chosen=chosen,
            pareto=pareto_facts,
            captions=views.captions,
            downloads=views.downloads,
            forecast_rows=forecast_rows,
            offers=offers,
            figures_json=json_for_script(views.figures),
            plotly_js=plotly_bundle(),
        )
    )


def _optional_values(
    scenario: Scenario,
    briefing: Briefing | None,
    outlook: Outlook | None,
    forecast: Forecast | None,
    sim: dict[str, Any] | None,
    backtest: Backtest | None,
    conflicts: list[FigureConflict] | None,
) -> dict[str, Any]:
    """The template's values for the parts a report may leave out (None when left out)."""
    return {
        "briefing_html": None if briefing is None else render_briefing_html(briefing),
        "outlook": None if outlook is None else context.outlook_bars(outlook.to_dict()),
        "forecast": None if forecast is None else forecast.to_dict(),
        "simulation": sim,
        "deal": None if sim is None else agreed_package(sim, scenario),
        "backtest": None
        if backtest is None
        else context.backtest_facts(backtest.to_dict(), scenario),
        "conflicts": None if conflicts is None else [c.to_dict() for c in conflicts],
    }


def _analysis_values(
    scenario: Scenario,
    analysis: Analysis,
    data: Mapping[str, Any],
    trades: list[dict[str, Any]],
) -> dict[str, Any]:
    """The template's values that come from the scenario and its analysis alone."""
    return {
        "summary": context.summary(scenario, analysis),
        "parties": analysis.parties,
        "file_stem": scenario.id,
        "solutions": context.solution_rows(analysis),
        "solution_names": SOLUTION_NAMES,
        "issues": context.issue_rows(scenario, analysis),
        "logrolls": trades,
        "trades_shown": TRADES_SHOWN,
        "logroll_count": analysis.logroll_count,
        "linkage": context.linkage_rows(data),
        "timeline": timeline_to_dict(scenario)["events"],
    }


class _Views:
    """The report's figures (by chart element id), their captions and its CSV downloads."""

    def __init__(self, labels: Mapping[tuple[str, str], str]) -> None:
        self.labels = labels
        self.figures: dict[str, Any] = {}
        self.captions: dict[str, str] = {}
        self.downloads: dict[str, str] = {}

    def add(self, name: str, figure: dict[str, Any], caption: str) -> None:
        self.figures[f"chart-{name}"] = figure
        self.captions[name] = caption

    def csv(self, name: str, text: str) -> None:
        self.downloads[name] = downloads.data_uri(text)

    def forecast(self, data: Mapping[str, Any]) -> list[dict[str, Any]]:
        figure, rows, caption = forecast_chart.forecast_figure(data, self.labels)
        self.add("forecast", figure, caption)
        return rows

    def simulation(
        self, data: Mapping[str, Any], pareto: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        figure, rows, caption = offers_chart.offers_figure(data, pareto)
        self.add("simulation", figure, caption)
        self.csv("transcript", downloads.transcript_csv(data, self.labels))
        return rows
