"""Optional per draw: a simulated session and a stakeholder forecast.

These need the draw as a validated Scenario (the simulation and forecasting engines take one),
so they cost milliseconds per draw on top of the array path; a Monte Carlo run does them only
when asked. Each draw's session gets its own seed from the draw's seed sequence, so results do
not depend on batching or workers either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from grandbargain.forecast.runner import run_forecast, scenario_forecast_input
from grandbargain.model.schema import Scenario
from grandbargain.simulate.runner import simulate_session
from grandbargain.uncertainty.result import FloatArray
from grandbargain.uncertainty.sampling import DrawLayout, Draws, sampled_scenario


@dataclass(frozen=True)
class DrawExtras:
    """What to run on each draw besides the exact analysis.

    ``strategies``: one strategy name per party (empty: no simulation); ``rounds``: the
    session's deadline; ``forecast``: a forecasting model name, or None.
    """

    strategies: tuple[str, ...] = ()
    rounds: int = 60
    forecast: str | None = None

    @property
    def wanted(self) -> bool:
        """Whether anything beyond the exact analysis is asked for."""
        return bool(self.strategies) or self.forecast is not None


def forecast_issues(scenario: Scenario) -> tuple[str, ...]:
    """Issues a forecast covers: those with at least two stakeholders."""
    data = scenario_forecast_input(scenario)
    return tuple(issue.id for issue in data.issues if len(issue.actors) >= 2)


def extra_columns(scenario: Scenario, extras: DrawExtras) -> tuple[str, ...]:
    """Names of the per-draw numbers ``extras`` produces, in order."""
    columns: list[str] = []
    if extras.strategies:
        columns += ["simulation:agreement", "simulation:rounds"]
        columns += [f"simulation:utility:{party}" for party in scenario.party_names]
    if extras.forecast is not None:
        columns += [f"forecast:{extras.forecast}:{i}" for i in forecast_issues(scenario)]
    return tuple(columns)


def extra_values(
    scenario: Scenario,
    layout: DrawLayout,
    draws: Draws,
    seeds: Sequence[np.random.SeedSequence],
    extras: DrawExtras,
) -> FloatArray:
    """(draws, columns) of :func:`extra_columns` for every draw."""
    columns = extra_columns(scenario, extras)
    values = np.full((len(draws), len(columns)), np.nan)
    if not columns:
        return values
    issues = forecast_issues(scenario) if extras.forecast is not None else ()
    for row in range(len(draws)):
        sampled = sampled_scenario(scenario, layout, draws, row)
        found: list[float] = []
        if extras.strategies:
            session = simulate_session(
                sampled.scenario,
                dict(zip(scenario.party_names, extras.strategies, strict=True)),
                extras.rounds,
                seed=int(seeds[row].generate_state(1)[0]),
                conditions=sampled.conditions,
                include_events=sampled.include_events,
                exclude_events=sampled.exclude_events,
            )
            found += [float(session.agreement is not None), float(session.rounds_used)]
            found += [float(u) for u in session.utilities]
        if extras.forecast is not None:
            forecast = run_forecast(
                scenario_forecast_input(sampled.scenario), models=(extras.forecast,)
            )
            predicted = {
                item.issue.id: item.models[extras.forecast].prediction for item in forecast.issues
            }
            found += [float(predicted[issue]) for issue in issues]
        values[row] = found
    return values
