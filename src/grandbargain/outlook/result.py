"""The outlook's frozen result: per issue a probability for every option, the most likely
package, the trades that carry it, each party's gain, blocking constraints, disagreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

OUTLOOK_SCHEMA_VERSION = 1
NOT_AVAILABLE = "blocking constraints: not available (no ratification rules)"
NOT_EXPLAINED = (
    "blocking constraints: not named in quick mode (the rules were applied; run without quick"
    " to re-solve without each rule and name the blockers)"
)


@dataclass(frozen=True)
class OptionProbability:
    """One option of an issue and the outlook's probability that the issue settles on it."""

    id: str
    label: str
    position: float | None
    probability: float


@dataclass(frozen=True)
class Answer:
    """One predictor's most likely option on an issue (its share of the predictor's draws)
    and one line on why."""

    predictor: str
    family: str
    option: str
    label: str
    share: float
    why: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class IssueOutlook:
    """One issue: every option's probability (in the scenario's order), the most likely
    option and the runner-up, the status quo, and each predictor's answer."""

    id: str
    title: str
    status_quo: str
    options: tuple[OptionProbability, ...]
    answers: tuple[Answer, ...]

    @property
    def probabilities(self) -> Mapping[str, float]:
        """Option id -> probability, every option of the issue."""
        return MappingProxyType({o.id: o.probability for o in self.options})

    @property
    def ranked(self) -> tuple[OptionProbability, ...]:
        """Options by probability, highest first (ties: the scenario's order)."""
        return tuple(sorted(self.options, key=lambda o: -o.probability))

    @property
    def most_likely(self) -> OptionProbability:
        """The most likely option."""
        return self.ranked[0]

    @property
    def runner_up(self) -> OptionProbability | None:
        """The second most likely option (None for an issue with one option)."""
        ranked = self.ranked
        return ranked[1] if len(ranked) > 1 else None

    @property
    def disagreement(self) -> bool:
        """Whether the predictors' most likely options differ (the no-change prior left out:
        it disagrees with every move by definition)."""
        return len({a.option for a in self.answers if a.family != "prior"}) > 1

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        runner = self.runner_up
        return {
            "id": self.id,
            "title": self.title,
            "status_quo": self.status_quo,
            "most_likely": self.most_likely.id,
            "runner_up": None if runner is None else runner.id,
            "options": [dict(o.__dict__) for o in self.options],
            "answers": [a.to_dict() for a in self.answers],
            "disagreement": self.disagreement,
        }


@dataclass(frozen=True)
class MostLikely:
    """The mode of the ensemble's joint distribution over packages, and its probability."""

    package: Mapping[str, str]
    labels: Mapping[str, str]
    probability: float
    is_status_quo: bool


@dataclass(frozen=True)
class Trade:
    """A logroll contained in the most likely package: its moves off the status quo, each
    party's gain (over the status quo, the rest of the package at the status quo) and the
    joint gain (their sum)."""

    moves: Mapping[str, str]
    labels: Mapping[str, str]
    gains: Mapping[str, float]
    joint_gain: float


@dataclass(frozen=True)
class Gain:
    """A party's gain from the most likely package over no deal (its reservation value):
    nominal, and the 5%, 50% and 95% quantiles over draws (None with no draws)."""

    party: str
    nominal: float
    low: float | None
    median: float | None
    high: float | None


@dataclass(frozen=True)
class Blocking:
    """What blocks the moves an unconstrained deal would make, from the ratification rules:
    ``available`` False (with ``note``) when the analysis carries no ratification;
    ``named`` False when the rules were applied but, in quick mode, no rule was re-solved to
    name the blockers."""

    available: bool
    note: str
    no_ratifiable_agreement: bool | None
    blockers: tuple[Mapping[str, Any], ...]
    named: bool = True


@dataclass(frozen=True)
class PredictorInfo:
    """One predictor of the ensemble: its weight, the draws it ran on, and its share of draws
    with no package (no deal, counted as the status quo)."""

    name: str
    family: str
    weight: float
    draws: int
    no_deal_share: float


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in value.__dict__.items()}
    return value


@dataclass(frozen=True)
class Outlook:
    """The outlook of a scenario on a date. Build one with :func:`grandbargain.outlook`.

    ``most_likely`` is the mode of the ensemble's joint distribution over packages (it may
    be no deal, the status quo); ``likely_deal`` the mode among the other packages (None
    when no predictor ever found a deal). ``trades`` and ``gains`` are those of
    ``likely_deal`` (none when it is None). ``no_deal_probability`` is the ensemble's
    probability of the status quo package."""

    scenario: str
    as_of: dt.date | None
    draws: int
    seed: int
    forecast_draws: int
    simulation_draws: int
    parties: tuple[str, ...]
    predictors: tuple[PredictorInfo, ...]
    issues: tuple[IssueOutlook, ...]
    most_likely: MostLikely
    likely_deal: MostLikely | None
    no_deal_probability: float
    trades: tuple[Trade, ...]
    gains: tuple[Gain, ...]
    blocking: Blocking
    notes: tuple[str, ...]
    conditions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Condition states the caller fixed in every draw (a what-if); the others are drawn."""

    @property
    def nominal(self) -> bool:
        """True without draws: every predictor ran once, on the nominal numbers."""
        return self.draws == 0

    def issue(self, issue_id: str) -> IssueOutlook:
        """One issue's outlook (KeyError if the scenario has no such issue)."""
        for item in self.issues:
            if item.id == issue_id:
                return item
        raise KeyError(issue_id)

    @property
    def disagreements(self) -> tuple[IssueOutlook, ...]:
        """The issues where the predictors' most likely options differ."""
        return tuple(item for item in self.issues if item.disagreement)

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/outlook.schema.json``."""
        return {
            "schema_version": OUTLOOK_SCHEMA_VERSION,
            "scenario": self.scenario,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "conditions": dict(self.conditions),
            "draws": self.draws,
            "nominal": self.nominal,
            "seed": self.seed,
            "subsamples": {
                "forecast": self.forecast_draws,
                "simulation": self.simulation_draws,
            },
            "parties": list(self.parties),
            "predictors": [_plain(p) for p in self.predictors],
            "issues": [item.to_dict() for item in self.issues],
            "most_likely": _plain(self.most_likely),
            "likely_deal": None if self.likely_deal is None else _plain(self.likely_deal),
            "no_deal_probability": self.no_deal_probability,
            "trades": [_plain(t) for t in self.trades],
            "gains": [_plain(g) for g in self.gains],
            "blocking": _plain(self.blocking),
            "disagreements": [item.id for item in self.disagreements],
            "notes": list(self.notes),
        }
