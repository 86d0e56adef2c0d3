"""The forecast as small multiples: one small chart per issue, one line per model, all on the
issue's 0-100 position scale, instead of one chart with a line for every issue and model."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

COLUMNS = 3
"""Small charts per row."""
ROW_HEIGHT = 210
"""Pixels per row of small charts."""
MODEL_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")

Labels = Mapping[tuple[str, str], str]


def _axis_names(k: int) -> tuple[str, str]:
    """Plotly's names of the k-th subplot's axes (k from 1): x, x2, ... and y, y2, ..."""
    suffix = "" if k == 1 else str(k)
    return f"x{suffix}", f"y{suffix}"


def _subplot(
    k: int, issue: Mapping[str, Any], colours: Mapping[str, str], shown: set[str]
) -> list[dict[str, Any]]:
    x, y = _axis_names(k)
    traces = []
    for model, result in issue["models"].items():
        trajectory = result["trajectory"]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": html.escape(model),
                "legendgroup": html.escape(model),
                "showlegend": model not in shown,
                "x": [step["round"] for step in trajectory],
                "y": [step["mean"] for step in trajectory],
                "xaxis": x,
                "yaxis": y,
                "line": {"color": colours[model]},
                "marker": {"size": 4, "color": colours[model]},
                "hovertemplate": f"{html.escape(issue['title'])}<br>round %{{x}}: %{{y:.1f}}"
                "<extra>%{fullData.name}</extra>",
            }
        )
        shown.add(model)
    return traces


def forecast_figure(
    data: Mapping[str, Any], labels: Labels | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """Small multiples of every issue's weighted-mean position by round, one line per model;
    the table rows with the same facts; and the chart's text alternative."""
    labels = labels or {}
    issues = data["issues"]
    models = list(dict.fromkeys(m for issue in issues for m in issue["models"]))
    colours = {m: MODEL_COLOURS[n % len(MODEL_COLOURS)] for n, m in enumerate(models)}
    rows_count = max(1, math.ceil(len(issues) / COLUMNS))
    traces: list[dict[str, Any]] = []
    plot_height = ROW_HEIGHT * rows_count
    last_round = max(
        (s["round"] for i in issues for m in i["models"].values() for s in m["trajectory"]),
        default=1,
    )
    figure_layout: dict[str, Any] = {
        "title": {"text": "Forecast: weighted mean position by round, one chart per issue"},
        "grid": {"rows": rows_count, "columns": COLUMNS, "pattern": "independent"},
        "height": 170 + plot_height,
        "margin": {"l": 60, "r": 20, "t": 110, "b": 60},
        # the legend sits between the title and the first row of small charts
        "legend": {"orientation": "h", "y": 1 + 40 / plot_height, "yanchor": "bottom", "x": 0},
        "hovermode": "closest",
        "annotations": [],
    }
    shown: set[str] = set()
    for k, issue in enumerate(issues, start=1):
        traces += _subplot(k, issue, colours, shown)
        x, y = _axis_names(k)
        first_column, last_row = (k - 1) % COLUMNS == 0, k > len(issues) - COLUMNS
        figure_layout[f"{x[0]}axis{x[1:]}"] = {
            "title": {"text": "round" if last_row else ""},
            "rangemode": "tozero",
            "dtick": max(1, math.ceil(last_round / 6)),
        }
        figure_layout[f"{y[0]}axis{y[1:]}"] = {
            "title": {"text": "position (0-100)" if first_column else ""},
            "range": [0, 100],
        }
        figure_layout["annotations"].append(
            {
                "text": html.escape(_short(issue["title"])),
                "xref": f"{x} domain",
                "yref": f"{y} domain",
                "x": 0.5,
                "y": 1.0,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    rows = _rows(issues, labels)
    return {"data": traces, "layout": figure_layout}, rows, _summary(rows, models)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _rows(issues: list[Mapping[str, Any]], labels: Labels) -> list[dict[str, Any]]:
    rows = []
    for issue in issues:
        for model, result in issue["models"].items():
            nearest = result["nearest_option"]
            rows.append(
                {
                    "issue": issue["id"],
                    "title": issue["title"],
                    "model": model,
                    "prediction": result["prediction"],
                    "nearest": None
                    if nearest is None
                    else labels.get((issue["id"], nearest), nearest),
                    "stopped": result["stopped"],
                    "trajectory": ", ".join(
                        f"{step['round']}: {step['mean']:.1f}" for step in result["trajectory"]
                    ),
                }
            )
    return rows


def _summary(rows: list[dict[str, Any]], models: list[str]) -> str:
    issues = len({r["issue"] for r in rows})
    return (
        f"Small multiples, one line chart per issue ({issues} issues): the weighted mean "
        f"position (y axis, 0-100 scale) by bargaining round (x axis) under each model "
        f"({', '.join(models)}). The table below gives each issue's predicted position and "
        "nearest option under each model."
    )
