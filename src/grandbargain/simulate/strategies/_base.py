"""Plumbing shared by the built-in strategies: reservation levels, a lazily built offer curve,
and the standard response rule.

Every built-in strategy keeps the same contract: it never proposes or accepts a package it
does not allow (own red lines, public constraints, withdrawn options) or one worth less than
its reservation value now (within the 1e-9 tolerance of CONVENTIONS), and it walks away, rather
than accepting, once no package it allows is worth its reservation value. Offers come from the
party's :class:`~grandbargain.simulate.iso.OfferCurve`, so the outcome space is never
enumerated.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Action, Observation, Offer, OwnPreferences, Package
from grandbargain.simulate.iso import OfferCurve, offer_curve
from grandbargain.space import TOLERANCE, FloatArray

MODEL_REBUILD_THRESHOLD = 0.05
"""Rebuild the offer curve once some entry of the opponent model moved by more than this
since the curve was built (model tables lie in 0..1)."""


def _last_chance(observation: Observation) -> bool:
    """No later turn of this party can still lead to an agreement."""
    return observation.turn + observation.n_parties >= observation.turns_total


def reservation_level(observation: Observation) -> float:
    """The undiscounted utility a package needs to be worth the reservation value now.

    ``observation.reservation`` is already ``r * d**t`` and a package's discounted utility is
    ``u * d**t``, so the comparison is ``u >= r``: we undo the discount once here.
    """
    if observation.discount is None:
        return observation.reservation
    return float(observation.reservation / observation.discount**observation.t)


def is_pending(observation: Observation, offer: Offer) -> bool:
    """Whether ``offer`` is not yet the last entry of the observed history."""
    history = observation.history
    return len(history) == 0 or history[-1] != offer


def model_moved(
    old: Sequence[FloatArray] | None,
    new: Sequence[FloatArray] | None,
    threshold: float = MODEL_REBUILD_THRESHOLD,
) -> bool:
    """Whether an opponent model changed materially (or appeared or vanished)."""
    if old is new:
        return False
    if old is None or new is None:
        return True
    if len(old) != len(new):
        raise ValueError("the models cover different numbers of issues")
    # one array operation over every issue (the tables are small; a loop costs more)
    gap = np.abs(np.concatenate(old) - np.concatenate(new))
    return bool(gap.size) and float(gap.max()) > threshold


class CurveStrategy(ABC):
    """Base of the built-in strategies: owns the offer curve and the response rule.

    Subclasses say what to offer (:meth:`offer`) and when an acceptable offer is good enough
    (:meth:`accepts`); this class guarantees the contract around them. The curve is built
    lazily against :meth:`model` and rebuilt only when the preferences object changes (an
    agenda stage, say) or the model moves materially.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    accepts_at_deadline: ClassVar[bool] = True
    """Accept any acceptable offer on the party's last chance to agree (GENIUS's AC_time
    idea): with no turn left to propose in, a deal worth the reservation value beats none."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._curve: OfferCurve | None = None
        self._curve_preferences: OwnPreferences | None = None
        self._curve_model: tuple[FloatArray, ...] | None = None

    def model(self, observation: Observation) -> tuple[FloatArray, ...] | None:
        """Model tables of the others' utilities (None: the neutral opposed model)."""
        return None

    def curve(self, observation: Observation) -> OfferCurve:
        """The party's offer curve against its current opponent model."""
        preferences = observation.preferences
        model = self.model(observation)
        if (
            self._curve is None
            or self._curve_preferences is not preferences
            or model_moved(self._curve_model, model)
        ):
            # without a model every session shares the cached neutral curve
            self._curve = preferences.curve if model is None else offer_curve(preferences, model)
            self._curve_preferences = preferences
            self._curve_model = model
        return self._curve

    def propose(self, observation: Observation) -> Package | None:
        """The package to offer now: the subclass's choice, checked against the contract.

        When no allowed package is worth the reservation value the party has nothing it could
        properly offer, and walks away (returns None).
        """
        curve = self.curve(observation)
        floor = reservation_level(observation)
        if curve.best < floor - TOLERANCE:
            return None
        package = self.offer(observation, curve, floor)
        preferences = observation.preferences
        if not preferences.allows(package) or preferences.utility(package) < floor - TOLERANCE:
            return curve.at_least(floor)
        return package

    def respond(self, observation: Observation, offer: Offer) -> Action:
        """Walk away if nothing is worth the reservation value; reject what is not allowed or
        below it; otherwise accept when the subclass's rule says so."""
        curve = self.curve(observation)
        floor = reservation_level(observation)
        if curve.best < floor - TOLERANCE:
            return Action.WALK_AWAY
        preferences = observation.preferences
        if not preferences.allows(offer.package):
            return Action.REJECT
        value = preferences.utility(offer.package)
        if value < floor - TOLERANCE:
            return Action.REJECT
        if self.accepts(observation, curve, floor, offer, value):
            return Action.ACCEPT
        if self.accepts_at_deadline and _last_chance(observation):
            return Action.ACCEPT  # an acceptable deal now beats certain breakdown
        return Action.REJECT

    @abstractmethod
    def offer(self, observation: Observation, curve: OfferCurve, floor: float) -> Package:
        """The package to offer, given the curve and the undiscounted reservation level."""

    @abstractmethod
    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """Whether to accept an allowed ``offer`` worth ``value`` (>= ``floor``) to the party."""


class TargetStrategy(CurveStrategy):
    """A curve strategy that aims at a target utility: it offers the model's favourite package
    worth at least the target and accepts by AC_next (an offer worth at least its own next
    proposal; Baarslag et al. 2014)."""

    @abstractmethod
    def target(self, observation: Observation, curve: OfferCurve, floor: float) -> float:
        """Own (undiscounted) utility aimed at now."""

    def offer(self, observation: Observation, curve: OfferCurve, floor: float) -> Package:
        """The model's favourite package worth at least the target."""
        return curve.at_least(self.target(observation, curve, floor))

    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """AC_next: the offer is worth at least the party's own next proposal."""
        proposal = self.offer(observation, curve, floor)
        return value >= observation.preferences.utility(proposal) - TOLERANCE
