"""One draw of an uncertain scenario: numbers, condition states and which events happen.

Random numbers are used in a fixed order - the spec's numbers in order, then each condition,
then each open event, in scenario order - so a draw depends only on its generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import EventStatus, Scenario
from grandbargain.uncertainty.distributions import draw, draw_weights
from grandbargain.uncertainty.paths import put
from grandbargain.uncertainty.spec import UncertaintySpec


@dataclass(frozen=True)
class SampledScenario:
    """A sampled scenario with the condition states and events drawn for it.

    Pass ``conditions``, ``include_events`` and ``exclude_events`` to
    :func:`grandbargain.analyze` with ``scenario``.
    """

    scenario: Scenario
    numbers: dict[str, float]
    conditions: dict[str, str]
    include_events: frozenset[str]
    exclude_events: frozenset[str]


def state_probabilities(scenario: Scenario) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per condition, each state's chance.

    States without a probability share what the others leave (equally); the result is
    normalised to sum to 1. A condition whose states give no chance at all stays at default.
    """
    result: dict[str, tuple[tuple[str, float], ...]] = {}
    for condition in scenario.conditions:
        given = [s.probability for s in condition.states]
        missing = sum(p is None for p in given)
        rest = max(0.0, 1.0 - sum(p for p in given if p is not None))
        chances = [(rest / missing if missing else 0.0) if p is None else p for p in given]
        total = sum(chances)
        if total <= 0:
            result[condition.id] = ((condition.default, 1.0),)
        else:
            result[condition.id] = tuple(
                (s.id, c / total) for s, c in zip(condition.states, chances, strict=True)
            )
    return result


def open_events(scenario: Scenario) -> tuple[tuple[str, float], ...]:
    """Events that may or may not apply on the scenario's date, with their chances."""
    as_of = scenario.as_of
    return tuple(
        (event.id, 1.0 if event.probability is None else event.probability)
        for event in scenario.events
        if event.status is not EventStatus.HAPPENED and (as_of is None or event.date <= as_of)
    )


def draw_numbers(
    data: dict[str, Any], spec: UncertaintySpec, rng: np.random.Generator
) -> dict[str, float]:
    """Draw every uncertain number into ``data`` (a scenario's JSON form) in place."""
    drawn: dict[str, float] = {}
    for number in spec.numbers:
        if number.distribution.kind == "dirichlet":
            nominal = np.array(number.nominal, dtype=np.float64)
            values = draw_weights(nominal, number.distribution.get("concentration"), rng)
            chosen = [float(v) for v in values]
        else:
            chosen = [draw(number.distribution, rng)]
        for steps, name, value in zip(number.targets, number.names, chosen, strict=True):
            put(data, steps, value)
            drawn[name] = value
    return drawn


def sample_scenario(
    scenario: Scenario, spec: UncertaintySpec, rng: np.random.Generator
) -> SampledScenario:
    """One sampled scenario: numbers drawn, then conditions and events drawn per ``spec``."""
    data = scenario.model_dump(mode="json")
    numbers = draw_numbers(data, spec, rng)
    sampled = Scenario.model_validate(data) if spec.numbers else scenario
    conditions: dict[str, str] = {}
    if spec.conditions == "draw":
        for condition, chances in state_probabilities(sampled).items():
            states = [s for s, _ in chances]
            weights = np.array([c for _, c in chances])
            conditions[condition] = states[int(rng.choice(len(states), p=weights / weights.sum()))]
    include: set[str] = set()
    exclude: set[str] = set()
    if spec.events == "draw":
        for event, chance in open_events(sampled):
            (include if float(rng.random()) < chance else exclude).add(event)
    return SampledScenario(sampled, numbers, conditions, frozenset(include), frozenset(exclude))
