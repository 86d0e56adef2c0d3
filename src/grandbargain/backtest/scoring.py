"""Forecast scores, as ``CONVENTIONS.md`` ("Outcomes and forecast scores") defines them.

Pure functions on plain numbers and mappings; nothing here knows a scenario or an engine.

- The **outcome position** is the outcome option's position, or the position the outcomes
  file gives; for a position, the **outcome option** is the option nearest it.
- **Nearest option** and **most probable option**: ties (within 1e-9) go to the status quo,
  then to the lower position (then, for options at the same position, the first listed).
- A **point prediction** is an option (its position is the option's) or a position (its
  option, for the Brier and log scores, the nearest one); it has probability 1 on that option.
  A **probabilistic prediction** gives options probabilities (missing options have 0; they
  must sum to 1 within 1e-9, else it is a bug and ``ValueError`` is raised); its point, for
  the absolute error and the direction, is its most probable option.
- **Absolute error** = |predicted position - outcome position|, on the 0-100 scale.
- **Direction** against the status-quo position s: stay (within 1e-9 of s), up or down; a
  hit when the prediction and the outcome give the same of the three.
- **Brier** (multi-category) = sum over the issue's options of (p - 1[outcome])^2, in 0..2.
- **Log score** = -ln max(p_outcome, 1e-6): 0 for certainty on the outcome, 13.8 at most.
- A predictor's scores are the means over the issues scored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

TOLERANCE = 1e-9
LOG_FLOOR = 1e-6


class Direction(StrEnum):
    """Where a position lies against the status quo."""

    STAY = "stay"
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class IssueScale:
    """An issue's options with their positions, and its status-quo option on the forecast date."""

    options: tuple[tuple[str, float], ...]
    status_quo: str

    def position(self, option: str) -> float:
        """The position of ``option`` (KeyError if the issue has no such option)."""
        for name, at in self.options:
            if name == option:
                return at
        raise KeyError(option)

    @property
    def status_quo_position(self) -> float:
        """The position of the status quo."""
        return self.position(self.status_quo)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The option ids, in scenario order."""
        return tuple(name for name, _ in self.options)


@dataclass(frozen=True)
class Point:
    """A point prediction: an option, or a position (exactly one of them)."""

    option: str | None = None
    position: float | None = None

    def __post_init__(self) -> None:
        if (self.option is None) == (self.position is None):
            raise ValueError("a point prediction is an option or a position, not both")


@dataclass(frozen=True)
class Probabilities:
    """A probabilistic prediction: option -> probability (missing options have 0)."""

    probabilities: Mapping[str, float]


Prediction = Point | Probabilities


def _ranked_first(scale: IssueScale, candidates: Sequence[str]) -> str:
    """Of tied options, the status quo, else the one at the lower position (then the first)."""
    if scale.status_quo in candidates:
        return scale.status_quo
    order = {name: k for k, name in enumerate(scale.option_ids)}
    return min(candidates, key=lambda name: (scale.position(name), order[name]))


def nearest_option(scale: IssueScale, position: float) -> str:
    """The option nearest ``position``; ties go to the status quo, then the lower position."""
    distances = [abs(at - position) for _, at in scale.options]
    best = min(distances)
    tied = [
        name for (name, _), d in zip(scale.options, distances, strict=True) if d <= best + TOLERANCE
    ]
    return _ranked_first(scale, tied)


def check_probabilities(scale: IssueScale, probabilities: Mapping[str, float]) -> None:
    """Raise ``ValueError`` unless ``probabilities`` name only the issue's options, are
    non-negative and sum to 1 within 1e-9 (a predictor that breaks this has a bug)."""
    unknown = sorted(set(probabilities) - set(scale.option_ids))
    if unknown:
        raise ValueError(f"probabilities for unknown options: {', '.join(unknown)}")
    if any(p < -TOLERANCE or not math.isfinite(p) for p in probabilities.values()):
        raise ValueError(f"probabilities must be finite and >= 0: {dict(probabilities)}")
    total = math.fsum(probabilities.values())
    if abs(total - 1.0) > TOLERANCE:
        raise ValueError(f"probabilities sum to {total!r}, not 1")


def most_probable(scale: IssueScale, probabilities: Mapping[str, float]) -> str:
    """The most probable option; ties go to the status quo, then the lower position."""
    check_probabilities(scale, probabilities)
    values = [probabilities.get(name, 0.0) for name in scale.option_ids]
    best = max(values)
    tied = [name for name, p in zip(scale.option_ids, values, strict=True) if p >= best - TOLERANCE]
    return _ranked_first(scale, tied)


def outcome_point(
    scale: IssueScale, option: str | None, position: float | None
) -> tuple[str, float]:
    """The outcome option and position of an outcome given as an option or a position."""
    if option is not None:
        return option, scale.position(option)
    if position is None:
        raise ValueError("an outcome is an option or a position")
    return nearest_option(scale, position), position


def point_of(scale: IssueScale, prediction: Prediction) -> tuple[str, float]:
    """The option and position a prediction is scored by for error and direction."""
    if isinstance(prediction, Probabilities):
        option = most_probable(scale, prediction.probabilities)
        return option, scale.position(option)
    return outcome_point(scale, prediction.option, prediction.position)


def probabilities_of(scale: IssueScale, prediction: Prediction) -> Mapping[str, float]:
    """The probabilities a prediction gives (a point prediction: 1 on its option)."""
    if isinstance(prediction, Probabilities):
        check_probabilities(scale, prediction.probabilities)
        return MappingProxyType(dict(prediction.probabilities))
    option, _ = point_of(scale, prediction)
    return MappingProxyType({option: 1.0})


def absolute_error(predicted: float, outcome: float) -> float:
    """|predicted - outcome| on the position scale."""
    return abs(predicted - outcome)


def direction(position: float, status_quo: float) -> Direction:
    """Stay (within 1e-9 of the status quo), up or down."""
    if abs(position - status_quo) <= TOLERANCE:
        return Direction.STAY
    return Direction.UP if position > status_quo else Direction.DOWN


def direction_hit(predicted: float, outcome: float, status_quo: float) -> bool:
    """Whether the prediction and the outcome move the same way from the status quo."""
    return direction(predicted, status_quo) is direction(outcome, status_quo)


def brier(scale: IssueScale, probabilities: Mapping[str, float], outcome: str) -> float:
    """Multi-category Brier score over the issue's options, in 0..2."""
    check_probabilities(scale, probabilities)
    return math.fsum(
        (probabilities.get(name, 0.0) - (1.0 if name == outcome else 0.0)) ** 2
        for name in scale.option_ids
    )


def log_score(probabilities: Mapping[str, float], outcome: str) -> float:
    """-ln max(p_outcome, 1e-6)."""
    return 0.0 - math.log(max(probabilities.get(outcome, 0.0), LOG_FLOOR))  # 0.0, never -0.0


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (``ValueError`` on no values: nothing scored is a bug)."""
    if not values:
        raise ValueError("no values to average")
    return math.fsum(values) / len(values)


@dataclass(frozen=True)
class IssueScore:
    """One prediction scored against one outcome."""

    predicted_option: str
    predicted_position: float
    probabilities: Mapping[str, float]
    outcome_option: str
    outcome_position: float
    status_quo: str
    status_quo_position: float
    error: float
    predicted_direction: Direction
    outcome_direction: Direction
    hit: bool
    p_outcome: float
    brier: float
    log_score: float


def score_issue(
    scale: IssueScale, prediction: Prediction, outcome: str | None, position: float | None
) -> IssueScore:
    """Score ``prediction`` on one issue against an outcome option or position."""
    outcome_option, outcome_position = outcome_point(scale, outcome, position)
    predicted_option, predicted_position = point_of(scale, prediction)
    probabilities = probabilities_of(scale, prediction)
    base = scale.status_quo_position
    return IssueScore(
        predicted_option=predicted_option,
        predicted_position=predicted_position,
        probabilities=probabilities,
        outcome_option=outcome_option,
        outcome_position=outcome_position,
        status_quo=scale.status_quo,
        status_quo_position=base,
        error=absolute_error(predicted_position, outcome_position),
        predicted_direction=direction(predicted_position, base),
        outcome_direction=direction(outcome_position, base),
        hit=direction_hit(predicted_position, outcome_position, base),
        p_outcome=probabilities.get(outcome_option, 0.0),
        brier=brier(scale, probabilities, outcome_option),
        log_score=log_score(probabilities, outcome_option),
    )


@dataclass(frozen=True)
class Summary:
    """A predictor's scores: means over the issues scored."""

    n: int
    mae: float
    direction_hit_rate: float
    brier: float
    log_score: float


def summarise(scores: Sequence[IssueScore]) -> Summary:
    """Mean absolute error, direction hit rate, Brier and log score over ``scores``."""
    return Summary(
        n=len(scores),
        mae=mean([s.error for s in scores]),
        direction_hit_rate=mean([1.0 if s.hit else 0.0 for s in scores]),
        brier=mean([s.brier for s in scores]),
        log_score=mean([s.log_score for s in scores]),
    )
