"""Assemble the report: facts and figures into one Jinja2 template, autoescaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment

from grandbargain.api import (
    Analysis,
    Backtest,
    FigureConflict,
    Forecast,
    InputError,
    Problem,
    Scenario,
    Simulation,
    timeline_to_dict,
)
from grandbargain.report import charts, context
from grandbargain.report.output import html_templates, json_for_script, plotly_bundle


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
) -> str:
    """One self-contained HTML document: scenario summary, Pareto chart for two ``parties``
    (default the first two), per-issue solutions with their evidence, logrolls and linkage,
    the timeline (dates the scenario assumes are marked), and, when given, the forecast, the
    simulation, the backtest and the corpus's conflicting figures (``conflicts``: see
    :func:`grandbargain.api.conflicting_figures`).

    The page embeds plotly.js inline and makes no network request; every chart's facts are
    also in a table, so it reads without JavaScript and prints cleanly.
    """
    chosen = _chosen_parties(analysis, parties)
    labels = context.option_labels(scenario)
    data = analysis.to_dict()
    figures: dict[str, Any] = {}
    pareto, pareto_facts = charts.pareto_figure(analysis, chosen, labels)
    figures["chart-pareto"] = pareto
    forecast_rows: list[dict[str, Any]] | None = None
    if forecast is not None:
        figures["chart-forecast"], forecast_rows = charts.forecast_figure(forecast.to_dict())
    sim: Mapping[str, Any] | None = None
    offers: list[dict[str, Any]] | None = None
    if simulation is not None:
        sim = simulation.to_dict()
        figures["chart-simulation"], offers = charts.simulation_figure(sim)
    page = _environment().get_template("report.html.j2")
    return page.render(
        summary=context.summary(scenario, analysis),
        parties=analysis.parties,
        chosen=chosen,
        pareto=pareto_facts,
        solutions=context.solution_rows(analysis),
        solution_names=context.SOLUTION_NAMES,
        issues=context.issue_rows(scenario, analysis),
        logrolls=context.logroll_rows(scenario, data),
        logroll_count=analysis.logroll_count,
        linkage=context.linkage_rows(data),
        timeline=timeline_to_dict(scenario)["events"],
        forecast=None if forecast is None else forecast.to_dict(),
        forecast_rows=forecast_rows,
        simulation=sim,
        offers=offers,
        backtest=None if backtest is None else context.backtest_facts(backtest.to_dict()),
        conflicts=None if conflicts is None else [c.to_dict() for c in conflicts],
        figures_json=json_for_script(figures),
        plotly_js=plotly_bundle(),
    )
