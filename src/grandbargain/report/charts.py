"""Plotly figures as plain data (``{"data": [...], "layout": {...}}``) plus the table rows
that carry the same facts. User text in hover labels is HTML-escaped here.

Every figure has a title and axis titles with their units; its text alternative (a sentence
for the figure's caption, see :func:`pareto_summary`) and a table with the same facts are
rendered beside it by the template."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np

from grandbargain.api import SOLUTION_NAMES, Analysis, admissible_cloud
from grandbargain.report.output import hover_text

FRONTIER_POINTS = 2_000
"""Largest number of frontier points drawn (and tabulated); larger frontiers are thinned."""

Labels = Mapping[tuple[str, str], str]
UTILITY_AXIS = "utility of {} (0-1 scale)"
"""Axis title of a party's utility: utilities are on the 0..1 scale of CONVENTIONS.md."""


def layout(title: str, x: str, y: str) -> dict[str, Any]:
    """A figure's layout: title, axis titles (escaped here), legend below the plot."""
    return {
        "title": {"text": html.escape(title)},
        "xaxis": {"title": {"text": html.escape(x)}},
        "yaxis": {"title": {"text": html.escape(y)}},
        "hovermode": "closest",
        "margin": {"l": 60, "r": 20, "t": 50, "b": 90},
        "legend": {"orientation": "h", "y": -0.25},
    }


def _point(
    name: str, xs: list[float], ys: list[float], text: list[str], **style: Any
) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": style.pop("mode", "markers"),
        "name": html.escape(name),
        "x": xs,
        "y": ys,
        "text": text,
        "hovertemplate": "%{text}<extra>%{fullData.name}</extra>",
        **style,
    }


Point = tuple[dict[str, float], dict[str, str]]


def _frontier_trace(
    analysis: Analysis, a: int, b: int, labels: Labels
) -> tuple[dict[str, Any], list[float], list[float], list[Point]]:
    """The frontier as a line (thinned evenly to FRONTIER_POINTS), its coordinates, and each
    drawn point's utilities (every party) and package."""
    frontier = analysis.frontier
    order = np.argsort(frontier.utilities[:, a], kind="stable")
    if len(order) > FRONTIER_POINTS:
        order = order[np.unique(np.linspace(0, len(order) - 1, FRONTIER_POINTS).astype(int))]
    xs = [float(frontier.utilities[k, a]) for k in order]
    ys = [float(frontier.utilities[k, b]) for k in order]
    packages = [analysis.space.package_dict(frontier.packages[k]) for k in order]
    text = [hover_text(package, labels) for package in packages]
    points = [
        ({p: float(frontier.utilities[k, n]) for n, p in enumerate(analysis.parties)}, package)
        for k, package in zip(order, packages, strict=True)
    ]
    style = {"marker": {"size": 5, "color": "#1f4e8c"}, "line": {"width": 1}}
    trace = _point("Pareto frontier", xs, ys, text, mode="lines+markers", **style)
    return trace, xs, ys, points


def _solution_traces(
    analysis: Analysis, parties: tuple[str, str], labels: Labels
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A marker per solution concept that has a package, and the facts for the table."""
    traces, solutions = [], []
    symbols = ("star", "diamond", "triangle-up", "cross")
    for (concept, name), symbol in zip(SOLUTION_NAMES.items(), symbols, strict=True):
        solution = getattr(analysis.solutions, concept)
        if solution is None:
            continue
        x, y = solution.utilities[parties[0]], solution.utilities[parties[1]]
        solutions.append({"name": name, "x": x, "y": y})
        marker = {"size": 14, "symbol": symbol}
        traces.append(_point(name, [x], [y], [hover_text(solution.package, labels)], marker=marker))
    return traces, solutions


def _reservation_lines(ra: float, rb: float) -> list[dict[str, Any]]:
    """Dotted lines at the two parties' reservation values."""
    dotted = {"dash": "dot", "color": "#c0392b"}
    vertical = {"xref": "x", "yref": "paper", "x0": ra, "x1": ra, "y0": 0, "y1": 1}
    horizontal = {"xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": rb, "y1": rb}
    return [{"type": "line", **where, "line": dotted} for where in (vertical, horizontal)]


def pareto_figure(
    analysis: Analysis, parties: tuple[str, str], labels: Labels
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The frontier chart for two parties, and the facts for its tables."""
    a, b = (analysis.parties.index(p) for p in parties)
    traces: list[dict[str, Any]] = []
    cloud = admissible_cloud(analysis)  # None above api.CLOUD_LIMIT packages
    if cloud is not None:
        text = [hover_text(analysis.space.package_dict(p), labels) for p in cloud.packages]
        xs, ys = cloud.utilities[:, a].tolist(), cloud.utilities[:, b].tolist()
        marker = {"size": 4, "color": "#b8c4d6"}
        traces.append(_point("admissible packages", xs, ys, text, marker=marker))
    frontier, front_x, front_y, points = _frontier_trace(analysis, a, b, labels)
    traces.append(frontier)
    if analysis.status_quo is not None and analysis.status_quo_utilities is not None:
        sq = analysis.status_quo_utilities
        marker = {"size": 12, "symbol": "square", "color": "#555"}
        text = [hover_text(analysis.status_quo, labels)]
        traces.append(_point("status quo", [sq[parties[0]]], [sq[parties[1]]], text, marker=marker))
    solution_traces, solutions = _solution_traces(analysis, parties, labels)
    traces += solution_traces
    ra, rb = analysis.reservation[parties[0]], analysis.reservation[parties[1]]
    figure_layout = layout(
        f"Pareto frontier: {parties[0]} vs {parties[1]}",
        UTILITY_AXIS.format(parties[0]),
        UTILITY_AXIS.format(parties[1]),
    )
    figure_layout["shapes"] = _reservation_lines(ra, rb)
    facts = {
        "parties": parties,
        "cloud": None if cloud is None else len(cloud),
        "frontier": list(zip(front_x, front_y, strict=True)),
        "points": points,
        "frontier_size": len(analysis.frontier),
        "solutions": solutions,
        "reservation": (ra, rb),
    }
    return {"data": traces, "layout": figure_layout}, facts


def pareto_summary(facts: Mapping[str, Any]) -> str:
    """The frontier chart's text alternative: what is drawn, and where each marked package
    lies (utilities on the 0-1 scale)."""
    a, b = facts["parties"]
    ra, rb = facts["reservation"]
    marks = "; ".join(f"{s['name']} at ({s['x']:.3f}, {s['y']:.3f})" for s in facts["solutions"])
    cloud = "" if facts["cloud"] is None else f" over {facts['cloud']:,} admissible packages"
    return (
        f"Scatter chart of the utility of {a} (x axis, 0-1) against the utility of {b} "
        f"(y axis, 0-1): the Pareto frontier of {facts['frontier_size']:,} packages{cloud}; "
        f"dotted lines at the reservation values ({a} {ra:.3f}, {b} {rb:.3f}); "
        + (f"solutions: {marks}." if marks else "no solution concept finds a package.")
    )
