"""Run the forecasting models on every issue of a scenario or a forecast input file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grandbargain.forecast.data import (
    Actor,
    ForecastInput,
    ForecastIssue,
    ModelForecast,
    nearest_option,
)
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.model.timeline import state_as_of

MODELS = ("compromise", "expected-utility")


@dataclass(frozen=True)
class IssueForecast:
    """Every requested model's forecast for one issue, with the nearest option of each."""

    issue: ForecastIssue
    models: Mapping[str, ModelForecast]

    def nearest(self, model: str) -> str | None:
        """The option nearest the model's prediction (None when the issue has no options)."""
        return nearest_option(self.issue, self.models[model].prediction)


@dataclass(frozen=True)
class Forecast:
    """Forecasts for every issue of one input."""

    source: str
    salience_scale: str
    salience_note: str
    rounds: int | None
    issues: tuple[IssueForecast, ...]
    skipped: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/forecast.schema.json``."""
        return {
            "schema_version": 1,
            "source": self.source,
            "salience_scale": self.salience_scale,
            "salience_note": self.salience_note,
            "rounds": self.rounds,
            "skipped": [{"issue": i, "reason": r} for i, r in self.skipped],
            "issues": [_issue_dict(item) for item in self.issues],
        }


def _issue_dict(item: IssueForecast) -> dict[str, Any]:
    issue = item.issue
    return {
        "id": issue.id,
        "title": issue.title,
        "scale": list(issue.scale),
        "status_quo": issue.status_quo,
        "outcome": issue.outcome,
        "actors": [
            {
                "name": a.name,
                "capability": a.capability,
                "position": a.position,
                "salience": a.salience,
            }
            for a in issue.actors
        ],
        "models": {
            name: {
                "prediction": result.prediction,
                "mean": result.mean,
                "median": result.median,
                "nearest_option": item.nearest(name),
                "stopped": result.stopped,
                "trajectory": [
                    {"round": r.round, "mean": r.mean, "median": r.median}
                    for r in result.trajectory
                ],
                "moves": [
                    {
                        "round": m.round,
                        "actor": m.actor,
                        "pressured_by": m.pressured_by,
                        "offer": m.offer,
                        "from": m.from_position,
                        "to": m.to_position,
                    }
                    for m in result.moves
                ],
            }
            for name, result in item.models.items()
        },
    }


def scenario_forecast_input(scenario: Scenario, as_of: dt.date | None = None) -> ForecastInput:
    """The scenario's stakeholders as forecasting actors: clout is capability."""
    state = state_as_of(scenario, as_of)
    issues = []
    for issue in scenario.issues:
        actors = tuple(
            Actor(
                h.name,
                h.stances[issue.id].clout,
                h.stances[issue.id].position,
                h.stances[issue.id].salience,
            )
            for h in scenario.stakeholders
            if issue.id in h.stances
        )
        options = tuple((o.id, o.position) for o in issue.options if o.position is not None)
        issues.append(
            ForecastIssue(
                issue.id, issue.title, actors, (0.0, 100.0), options, state.status_quo.get(issue.id)
            )
        )
    return ForecastInput(
        scenario.id, tuple(issues), "0-1", "scenario saliences are declared on 0-1 by the format"
    )


def run_forecast(
    data: ForecastInput,
    models: Sequence[str] = MODELS,
    rounds: int | None = None,
    issues: Sequence[str] | None = None,
) -> Forecast:
    """Every requested model on every issue with at least two actors."""
    from grandbargain.forecast.compromise import compromise
    from grandbargain.forecast.expected_utility import EUOptions, expected_utility

    unknown = [m for m in models if m not in MODELS]
    if unknown:
        raise InputError(
            [
                Problem("--model", 0, 0, m, "unknown model; expected one of: " + ", ".join(MODELS))
                for m in unknown
            ]
        )
    wanted = set(issues) if issues else None
    if wanted:
        missing = sorted(wanted - {i.id for i in data.issues})
        if missing:
            raise InputError([Problem("--issue", 0, 0, i, "unknown issue") for i in missing])
    results, skipped = [], []
    for issue in data.issues:
        if wanted is not None and issue.id not in wanted:
            continue
        if len(issue.actors) < 2:
            skipped.append((issue.id, f"{len(issue.actors)} actor(s); at least two are needed"))
            continue
        forecasts: dict[str, ModelForecast] = {}
        for model in models:
            if model == "compromise":
                forecasts[model] = compromise(issue)
            else:
                forecasts[model] = expected_utility(issue, rounds=rounds, options=EUOptions())
        results.append(IssueForecast(issue, forecasts))
    return Forecast(
        data.source, data.salience_scale, data.salience_note, rounds, tuple(results), tuple(skipped)
    )
