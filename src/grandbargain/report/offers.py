"""The simulation chart as GENIUS users know it: each side's offers as points in the utility
space of two parties, moving towards the Pareto frontier, with the Nash package and the
outcome (the agreement, or the no-deal point) marked."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from grandbargain.report.charts import UTILITY_AXIS, layout

PARTY_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def offer_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every offer made (steps with a package and utilities), numbered in order."""
    rows: list[dict[str, Any]] = []
    for stage in data["stages"]:
        for step in stage["transcript"]:
            if step["action"] != "offer" or step["utilities"] is None:
                continue
            rows.append(
                {
                    "turn": len(rows),
                    "stage": stage["name"],
                    "round": step["round"],
                    "party": step["party"],
                    "action": step["action"],
                    "utilities": step["utilities"],
                }
            )
    return rows


def _party_trace(
    party: str, colour: str, rows: list[dict[str, Any]], pair: tuple[str, str]
) -> dict[str, Any]:
    mine = [r for r in rows if r["party"] == party]
    count = max(len(mine) - 1, 1)
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": html.escape(f"offers by {party}"),
        "x": [r["utilities"][pair[0]] for r in mine],
        "y": [r["utilities"][pair[1]] for r in mine],
        "text": [
            f"offer {r['turn']}, round {r['round']} ({html.escape(r['stage'])})" for r in mine
        ],
        "hovertemplate": "%{text}<br>(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>",
        # early offers faint, late ones solid: the eye follows the concessions
        "marker": {
            "size": 7,
            "color": colour,
            "opacity": [0.25 + 0.75 * k / count for k in range(len(mine))],
        },
        "line": {"width": 1, "color": colour},
    }


def _marker(name: str, x: float, y: float, symbol: str, colour: str) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": html.escape(name),
        "x": [x],
        "y": [y],
        "hovertemplate": "(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>",
        "marker": {
            "size": 16,
            "symbol": symbol,
            "color": colour,
            "line": {"width": 1, "color": "#000"},
        },
    }


def outcome_name(data: Mapping[str, Any]) -> str:
    """What the outcome point is: an agreement, a partial one, or no deal."""
    agreed = [s["ended"] == "agreement" for s in data["stages"]]
    if all(agreed):
        return "agreement"
    return "partial agreement" if any(agreed) else "no deal (reservation values)"


def offers_figure(
    data: Mapping[str, Any], pareto: Mapping[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """The offers chart of a simulation (``Simulation.to_dict()``) over the frontier facts of
    :func:`~grandbargain.report.charts.pareto_figure` (same two parties); the offers, and the
    chart's text alternative."""
    pair: tuple[str, str] = pareto["parties"]
    rows = offer_rows(data)
    frontier = pareto["frontier"]
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Pareto frontier",
            "x": [x for x, _ in frontier],
            "y": [y for _, y in frontier],
            "hoverinfo": "skip",
            "line": {"width": 2, "color": "#9aa5b1"},
        }
    ]
    for n, party in enumerate(data["parties"]):
        traces.append(_party_trace(party, PARTY_COLOURS[n % len(PARTY_COLOURS)], rows, pair))
    nash = next((s for s in pareto["solutions"] if s["name"] == "Nash"), None)
    if nash is not None:
        traces.append(_marker("Nash", nash["x"], nash["y"], "star", "#f2c14e"))
    utilities = data["outcome"]["utilities"]
    end = (utilities[pair[0]], utilities[pair[1]])
    name = outcome_name(data)
    traces.append(
        _marker(name, *end, "diamond" if name != "no deal (reservation values)" else "x", "#111")
    )
    figure_layout = layout(
        f"Offers over the Pareto frontier: {pair[0]} vs {pair[1]}",
        UTILITY_AXIS.format(pair[0]),
        UTILITY_AXIS.format(pair[1]),
    )
    return (
        {"data": traces, "layout": figure_layout},
        rows,
        _summary(data, rows, pair, nash, name, end),
    )


def _summary(
    data: Mapping[str, Any],
    rows: list[dict[str, Any]],
    pair: tuple[str, str],
    nash: Mapping[str, Any] | None,
    name: str,
    end: tuple[float, float],
) -> str:
    parts = []
    for party in data["parties"]:
        mine = [r["utilities"] for r in rows if r["party"] == party]
        if mine:
            first, last = mine[0], mine[-1]
            parts.append(
                f"{party} made {len(mine)} offers, from ({first[pair[0]]:.3f}, "
                f"{first[pair[1]]:.3f}) to ({last[pair[0]]:.3f}, {last[pair[1]]:.3f})"
            )
        else:
            parts.append(f"{party} made no offer")
    nash_text = "" if nash is None else f" Nash at ({nash['x']:.3f}, {nash['y']:.3f});"
    return (
        f"Scatter chart of each side's offers by the utility of {pair[0]} (x axis, 0-1) and of "
        f"{pair[1]} (y axis, 0-1), over the Pareto frontier. {'; '.join(parts)}.{nash_text} "
        f"{name} at ({end[0]:.3f}, {end[1]:.3f})."
    )
