"""Draws of an uncertain scenario: numbers, condition states and which events happen.

Each draw takes its uniform random numbers from its own generator, one call for the whole
draw: the spec's numbers in order (a Dirichlet takes one per weight), then one per condition,
then one per open event, in scenario order. Uniforms become draws through inverse CDFs
(:func:`~grandbargain.uncertainty.distributions.quantile`), so a batch of draws is a few array
operations and a draw depends only on its generator, never on the batch it ran in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from grandbargain.model.schema import EventStatus, Scenario
from grandbargain.uncertainty.distributions import quantile, row_sums, weights_quantile
from grandbargain.uncertainty.paths import put
from grandbargain.uncertainty.spec import UncertaintySpec

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


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


@dataclass(frozen=True)
class ConditionDraw:
    """How one condition's state is drawn: its states, their stated chances (NaN = not
    stated) and, per state, the column of a drawn chance (-1 = fixed)."""

    id: str
    default: str
    states: tuple[str, ...]
    given: tuple[float, ...]
    columns: tuple[int, ...]


@dataclass(frozen=True)
class DrawLayout:
    """Where each draw's uniform numbers go, built once per scenario and spec."""

    spec: UncertaintySpec
    columns: tuple[str, ...]
    uniforms: int
    conditions: tuple[ConditionDraw, ...]
    events: tuple[tuple[str, float, int], ...]  # (event id, stated chance, drawn column or -1)


@dataclass(frozen=True)
class Draws:
    """A batch of draws: ``numbers`` (draws, columns), ``conditions`` (draws, conditions) as
    state indices, ``events`` (draws, open events) as happened or not."""

    numbers: FloatArray
    conditions: IntArray
    events: BoolArray

    def __len__(self) -> int:
        return int(self.numbers.shape[0])


def state_probabilities(scenario: Scenario) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per condition, each state's chance.

    States without a probability share what the others leave (equally); the result is
    normalised to sum to 1. A condition whose states give no chance at all stays at default.
    """
    result: dict[str, tuple[tuple[str, float], ...]] = {}
    for condition in scenario.conditions:
        given = np.array(
            [[np.nan if s.probability is None else s.probability] for s in condition.states]
        )
        chances = normalised_chances(given.T)[0]
        if chances.sum() <= 0:
            result[condition.id] = ((condition.default, 1.0),)
        else:
            result[condition.id] = tuple(
                (s.id, float(c)) for s, c in zip(condition.states, chances, strict=True)
            )
    return result


def normalised_chances(given: FloatArray) -> FloatArray:
    """Rows of stated chances (NaN = not stated) -> normalised chances (all 0 if none)."""
    missing = np.isnan(given)
    count = missing.sum(axis=1, keepdims=True)
    rest = np.maximum(0.0, 1.0 - row_sums(np.where(missing, 0.0, given))[:, None])
    share = np.divide(rest, count, out=np.zeros_like(rest), where=count > 0)
    chances = np.where(missing, share, given)
    total = row_sums(chances)[:, None]
    result: FloatArray = np.divide(chances, total, out=np.zeros_like(chances), where=total > 0)
    return result


def on_date(scenario: Scenario, as_of: dt.date | None) -> Scenario:
    """``scenario`` as of ``as_of`` (None: its own ``as_of``).

    Every engine reads the date from the scenario: events dated up to and including it apply
    (or, if open, are drawn), later ones never do, and the status quo and reservation values
    are those ``analyze(scenario, as_of=as_of)`` finds.
    """
    return scenario if as_of is None else scenario.model_copy(update={"as_of": as_of})


def open_events(scenario: Scenario) -> tuple[tuple[str, float], ...]:
    """Events that may or may not apply on the scenario's date, with their chances."""
    as_of = scenario.as_of
    return tuple(
        (event.id, 1.0 if event.probability is None else event.probability)
        for event in scenario.events
        if event.status is not EventStatus.HAPPENED and (as_of is None or event.date <= as_of)
    )


def draw_layout(scenario: Scenario, spec: UncertaintySpec) -> DrawLayout:
    """The layout of ``spec``'s draws for ``scenario``."""
    columns = spec.columns
    where = {name: k for k, name in enumerate(columns)}
    conditions: list[ConditionDraw] = []
    if spec.conditions == "draw":
        for condition in scenario.conditions:
            prefix = f"conditions.{condition.id}.states."
            conditions.append(
                ConditionDraw(
                    condition.id,
                    condition.default,
                    tuple(s.id for s in condition.states),
                    tuple(
                        np.nan if s.probability is None else s.probability for s in condition.states
                    ),
                    tuple(where.get(f"{prefix}{s.id}.probability", -1) for s in condition.states),
                )
            )
    events: list[tuple[str, float, int]] = []
    if spec.events == "draw":
        events = [
            (e, p, where.get(f"events.{e}.probability", -1)) for e, p in open_events(scenario)
        ]
    uniforms = sum(len(n.names) for n in spec.numbers) + len(conditions) + len(events)
    return DrawLayout(spec, columns, uniforms, tuple(conditions), tuple(events))


def draw_batch(layout: DrawLayout, seeds: Sequence[np.random.SeedSequence]) -> Draws:
    """The draws of ``seeds``, one generator per draw."""
    uniforms = np.array(
        [np.random.default_rng(seed).random(layout.uniforms) for seed in seeds], dtype=np.float64
    ).reshape(len(seeds), layout.uniforms)
    return draws_from_uniforms(layout, uniforms)


def draws_from_uniforms(layout: DrawLayout, uniforms: FloatArray) -> Draws:
    """Turn uniform numbers (draws, ``layout.uniforms``) into draws."""
    count = len(uniforms)
    numbers = np.empty((count, len(layout.columns)))
    at = 0
    column = 0
    for number in layout.spec.numbers:
        width = len(number.names)
        block = uniforms[:, at : at + width]
        if number.distribution.kind == "dirichlet":
            nominal = np.array(number.nominal, dtype=np.float64)
            concentration = number.distribution.get("concentration")
            numbers[:, column : column + width] = weights_quantile(nominal, concentration, block)
        else:
            numbers[:, column] = quantile(number.distribution, block[:, 0])
        at += width
        column += width
    conditions = np.zeros((count, len(layout.conditions)), dtype=np.int64)
    for k, condition in enumerate(layout.conditions):
        given = np.repeat(np.array(condition.given)[None, :], count, axis=0)
        for state, drawn in enumerate(condition.columns):
            if drawn >= 0:
                given[:, state] = numbers[:, drawn]
        chances = normalised_chances(given)
        cumulative = np.cumsum(chances, axis=1)
        chosen = np.minimum(
            (uniforms[:, at, None] >= cumulative).sum(axis=1), len(condition.states) - 1
        )
        default = condition.states.index(condition.default)
        conditions[:, k] = np.where(chances.sum(axis=1) > 0, chosen, default)
        at += 1
    events = np.zeros((count, len(layout.events)), dtype=np.bool_)
    for k, (_, chance, drawn) in enumerate(layout.events):
        chances_k = numbers[:, drawn] if drawn >= 0 else np.full(count, chance)
        events[:, k] = uniforms[:, at] < chances_k
        at += 1
    return Draws(numbers, conditions, events)


def sample_scenario(
    scenario: Scenario, spec: UncertaintySpec, rng: np.random.Generator
) -> SampledScenario:
    """One sampled scenario, as a validated Scenario (the slow path, for one-off draws)."""
    layout = draw_layout(scenario, spec)
    draws = draws_from_uniforms(layout, rng.random((1, layout.uniforms)))
    return sampled_scenario(scenario, layout, draws, 0)


def sampled_scenario(
    scenario: Scenario, layout: DrawLayout, draws: Draws, row: int
) -> SampledScenario:
    """Draw ``row`` of ``draws`` as a validated Scenario with its conditions and events."""
    numbers = {name: float(v) for name, v in zip(layout.columns, draws.numbers[row], strict=True)}
    sampled = scenario
    if layout.spec.numbers:
        data = scenario.model_dump(mode="json")
        for number in layout.spec.numbers:
            for steps, name in zip(number.targets, number.names, strict=True):
                put(data, steps, numbers[name])
        sampled = Scenario.model_validate(data)
    conditions = {
        c.id: c.states[int(draws.conditions[row, k])] for k, c in enumerate(layout.conditions)
    }
    include = {e for k, (e, _, _) in enumerate(layout.events) if draws.events[row, k]}
    exclude = {e for k, (e, _, _) in enumerate(layout.events) if not draws.events[row, k]}
    return SampledScenario(sampled, numbers, conditions, frozenset(include), frozenset(exclude))
