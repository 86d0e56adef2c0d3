"""Inputs and results of the forecasting models: actors on one-dimensional issues.

Every input format (scenario stakeholders, actor CSV, KTAB CSV, Decide CSV) is read into a
:class:`ForecastInput`; every model returns a :class:`ModelForecast`. The input types are
plain data defined in :mod:`grandbargain.model.forecast_input` (below the file readers of
``interop``) and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from grandbargain.model.forecast_input import Actor, ForecastInput, ForecastIssue

__all__ = [
    "Actor",
    "ForecastInput",
    "ForecastIssue",
    "ModelForecast",
    "Move",
    "RoundState",
    "nearest_option",
    "weighted_mean",
    "weighted_median",
]


@dataclass(frozen=True)
class RoundState:
    """Positions after a round (round 0 = the input) and their weighted mean and median."""

    round: int
    mean: float
    median: float
    positions: tuple[float, ...]


@dataclass(frozen=True)
class Move:
    """An actor changing position in a round because another pressured it."""

    round: int
    actor: str
    pressured_by: str
    offer: str
    from_position: float
    to_position: float


@dataclass(frozen=True)
class ModelForecast:
    """A model's forecast for one issue.

    ``prediction`` is the model's headline number: the final weighted mean for the compromise
    model, the final weighted median for the expected-utility model. Both are reported.
    """

    model: str
    prediction: float
    mean: float
    median: float
    trajectory: tuple[RoundState, ...]
    moves: tuple[Move, ...] = ()
    stopped: str = ""


def weighted_mean(positions: tuple[float, ...], weights: tuple[float, ...]) -> float:
    """Capability x salience weighted mean (weights given); plain mean if all weights are 0."""
    total = sum(weights)
    if total <= 0:
        return sum(positions) / len(positions)
    return sum(p * w for p, w in zip(positions, weights, strict=True)) / total


def weighted_median(positions: tuple[float, ...], weights: tuple[float, ...]) -> float:
    """The position where half the weight lies on either side.

    Positions are sorted; the median is the first position at which the cumulative weight
    reaches half the total. When the cumulative weight equals exactly half at a position, the
    tie goes to that (lower) position.
    """
    order = sorted(range(len(positions)), key=lambda k: positions[k])
    total = sum(weights)
    if total <= 0:
        weights = tuple(1.0 for _ in positions)
        total = float(len(positions))
    cumulative = 0.0
    for k in order:
        cumulative += weights[k]
        if cumulative >= total / 2 - 1e-12:
            return positions[k]
    return positions[order[-1]]


def nearest_option(issue: ForecastIssue, position: float) -> str | None:
    """The option closest to ``position``: ties go to the status quo, then the lower position."""
    if not issue.options:
        return None

    def key(option: tuple[str, float]) -> tuple[float, int, float]:
        name, at = option
        return (round(abs(at - position), 9), 0 if name == issue.status_quo else 1, at)

    return min(issue.options, key=key)[0]
