"""Plotly figures as plain data (``{"data": [...], "layout": {...}}``) plus the table rows
that carry the same facts. User text in hover labels is HTML-escaped here."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np

from grandbargain.api import Analysis, admissible_cloud
from grandbargain.report.context import SOLUTION_NAMES
from grandbargain.report.output import hover_text

FRONTIER_POINTS = 2_000
"""Largest number of frontier points drawn (and tabulated); larger frontiers are thinned."""

Labels = Mapping[tuple[str, str], str]


def _layout(title: str, x: str, y: str) -> dict[str, Any]:
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


def _frontier_trace(
    analysis: Analysis, a: int, b: int, labels: Labels
) -> tuple[dict[str, Any], list[float], list[float]]:
    """The frontier as a line (thinned evenly to FRONTIER_POINTS), and its coordinates."""
    frontier = analysis.frontier
    order = np.argsort(frontier.utilities[:, a], kind="stable")
    if len(order) > FRONTIER_POINTS:
        order = order[np.unique(np.linspace(0, len(order) - 1, FRONTIER_POINTS).astype(int))]
    xs = [float(frontier.utilities[k, a]) for k in order]
    ys = [float(frontier.utilities[k, b]) for k in order]
    text = [hover_text(analysis.space.package_dict(frontier.packages[k]), labels) for k in order]
    style = {"marker": {"size": 5, "color": "#1f4e8c"}, "line": {"width": 1}}
    return _point("Pareto frontier", xs, ys, text, mode="lines+markers", **style), xs, ys


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
    frontier, front_x, front_y = _frontier_trace(analysis, a, b, labels)
    traces.append(frontier)
    if analysis.status_quo is not None and analysis.status_quo_utilities is not None:
        sq = analysis.status_quo_utilities
        marker = {"size": 12, "symbol": "square", "color": "#555"}
        text = [hover_text(analysis.status_quo, labels)]
        traces.append(_point("status quo", [sq[parties[0]]], [sq[parties[1]]], text, marker=marker))
    solution_traces, solutions = _solution_traces(analysis, parties, labels)
    traces += solution_traces
    ra, rb = analysis.reservation[parties[0]], analysis.reservation[parties[1]]
    layout = _layout(
        f"Pareto frontier: {parties[0]} vs {parties[1]}",
        f"utility of {parties[0]}",
        f"utility of {parties[1]}",
    )
    layout["shapes"] = _reservation_lines(ra, rb)
    facts = {
        "parties": parties,
        "cloud": None if cloud is None else len(cloud),
        "frontier": list(zip(front_x, front_y, strict=True)),
        "frontier_size": len(analysis.frontier),
        "solutions": solutions,
        "reservation": (ra, rb),
    }
    return {"data": traces, "layout": layout}, facts


def forecast_figure(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every issue's weighted-mean trajectory by round (one line per issue and model)."""
    traces = []
    rows = []
    for issue in data["issues"]:
        for model, result in issue["models"].items():
            trajectory = result["trajectory"]
            name = f"{issue['id']} ({model})"
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": html.escape(name),
                    "x": [step["round"] for step in trajectory],
                    "y": [step["mean"] for step in trajectory],
                }
            )
            rows.append(
                {
                    "issue": issue["id"],
                    "title": issue["title"],
                    "model": model,
                    "prediction": result["prediction"],
                    "nearest": result["nearest_option"],
                    "stopped": result["stopped"],
                    "trajectory": ", ".join(
                        f"{step['round']}: {step['mean']:.1f}" for step in trajectory
                    ),
                }
            )
    layout = _layout("Forecast trajectories", "round", "weighted mean position (0-100)")
    return {"data": traces, "layout": layout}, rows


def simulation_figure(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Each party's utility of every offer made, by turn across the stages."""
    parties: list[str] = data["parties"]
    series: dict[str, tuple[list[int], list[float]]] = {p: ([], []) for p in parties}
    offers = []
    turn = 0
    for stage in data["stages"]:
        for step in stage["transcript"]:
            if step["utilities"] is None:
                continue
            for party in parties:
                series[party][0].append(turn)
                series[party][1].append(step["utilities"][party])
            offers.append(
                {
                    "turn": turn,
                    "stage": stage["name"],
                    "round": step["round"],
                    "party": step["party"],
                    "action": step["action"],
                    "utilities": step["utilities"],
                }
            )
            turn += 1
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": html.escape(f"utility of {party}"),
            "x": xs,
            "y": ys,
        }
        for party, (xs, ys) in series.items()
    ]
    layout = _layout("Simulation: utilities of the offers", "offer (in order)", "utility")
    return {"data": traces, "layout": layout}, offers
