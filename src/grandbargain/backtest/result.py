"""The result of a backtest: per as-of date, per predictor, its scores and per-issue rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grandbargain.backtest.predictors import Family, Kind, Settings
from grandbargain.backtest.scoring import TOLERANCE, IssueScore, Point, Prediction, Summary

BACKTEST_SCHEMA_VERSION = 1
HEADLINE = {Kind.POINT: "mae", Kind.PROBABILISTIC: "brier"}
"""The headline metric of each kind of predictor (lower is better for both)."""
BASELINES = ("no-change", "uniform")


@dataclass(frozen=True)
class IssueRow:
    """One issue: what the predictor said, and how it scored against the outcome."""

    issue: str
    prediction: Prediction
    score: IssueScore
    counted_as_status_quo: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        given: dict[str, Any]
        if isinstance(self.prediction, Point):
            given = {"option": self.prediction.option, "position": self.prediction.position}
        else:
            given = {"probabilities": dict(self.prediction.probabilities)}
        s = self.score
        return {
            "issue": self.issue,
            "prediction": given,
            "counted_as_status_quo": self.counted_as_status_quo,
            "predicted_option": s.predicted_option,
            "predicted_position": s.predicted_position,
            "outcome_option": s.outcome_option,
            "outcome_position": s.outcome_position,
            "status_quo": s.status_quo,
            "status_quo_position": s.status_quo_position,
            "error": s.error,
            "predicted_direction": s.predicted_direction.value,
            "outcome_direction": s.outcome_direction.value,
            "direction_hit": s.hit,
            "p_outcome": s.p_outcome,
            "brier": s.brier,
            "log_score": s.log_score,
        }


@dataclass(frozen=True)
class PredictorScore:
    """A predictor's scores on one date; ``rank`` is within its kind, by headline (1 best).

    ``beats_no_change`` / ``beats_uniform``: whether its headline score is lower than that
    baseline's score on the same metric (None for the baselines themselves).
    """

    name: str
    family: Family
    kind: Kind
    summary: Summary
    rank: int
    beats_no_change: bool | None
    beats_uniform: bool | None
    no_deal_share: float | None
    issues: tuple[IssueRow, ...]

    @property
    def headline_metric(self) -> str:
        """``mae`` for point predictors, ``brier`` for probabilistic ones."""
        return HEADLINE[self.kind]

    @property
    def headline(self) -> float:
        """The value of the headline metric."""
        return float(getattr(self.summary, self.headline_metric))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        s = self.summary
        return {
            "name": self.name,
            "family": self.family.value,
            "kind": self.kind.value,
            "rank": self.rank,
            "headline": {"metric": self.headline_metric, "value": self.headline},
            "n": s.n,
            "mae": s.mae,
            "direction_hit_rate": s.direction_hit_rate,
            "brier": s.brier,
            "log_score": s.log_score,
            "no_deal_share": self.no_deal_share,
            "beats_no_change": self.beats_no_change,
            "beats_uniform": self.beats_uniform,
            "issues": [row.to_dict() for row in self.issues],
        }


@dataclass(frozen=True)
class DateScores:
    """Every predictor scored on forecasts made as of one date: point predictors ranked by
    MAE, then probabilistic ones by Brier."""

    as_of: dt.date
    status_quo: Mapping[str, str]
    predictors: tuple[PredictorScore, ...]

    def predictor(self, name: str) -> PredictorScore:
        """The scores of the predictor called ``name`` (KeyError if none)."""
        for item in self.predictors:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def beat_both_baselines(self) -> tuple[str, ...]:
        """Predictors whose headline beats both no change and uniform."""
        return tuple(p.name for p in self.predictors if p.beats_no_change and p.beats_uniform)

    @property
    def lost_to_no_change(self) -> tuple[str, ...]:
        """Predictors whose headline is worse than no change's (a finding, not a failure)."""
        baseline = self.predictor("no-change").summary
        return tuple(
            p.name
            for p in self.predictors
            if p.name not in BASELINES
            and p.headline > getattr(baseline, p.headline_metric) + TOLERANCE
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "as_of": self.as_of.isoformat(),
            "status_quo": dict(self.status_quo),
            "beat_both_baselines": list(self.beat_both_baselines),
            "lost_to_no_change": list(self.lost_to_no_change),
            "predictors": [p.to_dict() for p in self.predictors],
        }


@dataclass(frozen=True)
class Backtest:
    """A backtest: the predictors' forecasts made on each as-of date, scored against the
    outcomes file. Build one with :func:`grandbargain.backtest`."""

    scenario: str
    outcomes_file: str
    outcomes_date: dt.date
    scored: tuple[str, ...]
    not_scored: tuple[str, ...]
    settings: Settings
    sessions: int
    montecarlo: bool
    dates: tuple[DateScores, ...]

    def on(self, as_of: dt.date | str) -> DateScores:
        """The scores of forecasts made on ``as_of`` (KeyError if it was not one of the dates)."""
        date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        for item in self.dates:
            if item.as_of == date:
                return item
        raise KeyError(str(date))

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/backtest.schema.json``."""
        return {
            "schema_version": BACKTEST_SCHEMA_VERSION,
            "scenario": self.scenario,
            "outcomes": {
                "file": self.outcomes_file,
                "date": self.outcomes_date.isoformat(),
                "scored": list(self.scored),
                "not_scored": list(self.not_scored),
            },
            "settings": {
                "seed": self.settings.seed,
                "draws": self.settings.draws if self.montecarlo else None,
                "rounds": self.settings.rounds,
                "outlook_draws": min(self.settings.draws, self.settings.outlook_draws),
                "strategies": list(self.settings.strategies),
                "sessions": self.sessions,
                "montecarlo": self.montecarlo,
            },
            "dates": [item.to_dict() for item in self.dates],
        }
