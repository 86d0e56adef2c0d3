"""Rubinstein's subgame-perfect strategy for alternating offers between impatient parties.

In Rubinstein's (1982) game two parties alternate offers on dividing a pie; a share worth
``x`` now is worth ``delta * x`` one offer later. The unique subgame-perfect equilibrium has
the proposer ask for ``(1 - delta_other) / (1 - delta_self * delta_other)`` of the pie and the
responder accept any offer worth at least ``delta_self`` times its own share as next proposer.

Here the pie is the party's surplus over its reservation value, ``best - r`` of own utility,
and a share ``s`` is the package worth ``r + s * (best - r)``. Discounting is GENIUS-style
(``u * d**t``, ``t = turn / turns_total``), so the per-offer factor is
``delta = d ** (1 / turns_total)``; no discounting (``discount`` None) means ``delta = 1``, and
when both factors are 1 the split is the limit of equal factors, one half. A party knows only
its own discount factor: the other's is the ``other_discount`` parameter, or assumed equal to
its own. On a curve of discrete packages it asks for the package closest to its share from
below (rounding in the responder's favour, so the equilibrium offer is accepted), or the
nearest above when that would fall under its reservation value. The analysis is exact for one
divisible issue between two parties; elsewhere it is a heuristic.

Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. Econometrica 50(1), 97-109.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Observation, Offer, Package
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import CurveStrategy
from grandbargain.space import TOLERANCE


def per_offer_factor(discount: float | None, turns_total: int) -> float:
    """The per-offer factor ``d ** (1 / turns_total)`` (1 without discounting)."""
    if discount is None:
        return 1.0
    return float(discount ** (1.0 / max(turns_total, 1)))


def proposer_share(delta_self: float, delta_other: float) -> float:
    """The proposer's equilibrium share ``(1 - delta_other) / (1 - delta_self * delta_other)``
    (one half when both factors are 1)."""
    denominator = 1.0 - delta_self * delta_other
    if denominator <= TOLERANCE:
        return 0.5
    return (1.0 - delta_other) / denominator


class Rubinstein(CurveStrategy):
    """Plays the subgame-perfect equilibrium of Rubinstein's (1982) alternating-offers game."""

    name: ClassVar[str] = "rubinstein"
    description: ClassVar[str] = (
        "Subgame-perfect play of Rubinstein's (1982) alternating-offers game: asks for "
        "(1 - d_other) / (1 - d_self d_other) of its surplus; accepts d_self times that."
    )

    def __init__(self, rng: np.random.Generator, other_discount: float | None = None) -> None:
        super().__init__(rng)
        if other_discount is not None and not 0 < other_discount <= 1:
            raise ValueError(f"other_discount must lie in (0, 1], not {other_discount}")
        self.other_discount = other_discount

    def share(self, observation: Observation) -> tuple[float, float]:
        """The party's equilibrium share as proposer and its own per-offer factor."""
        own = per_offer_factor(observation.discount, observation.turns_total)
        assumed = observation.discount if self.other_discount is None else self.other_discount
        other = per_offer_factor(assumed, observation.turns_total)
        return proposer_share(own, other), own

    def offer(self, observation: Observation, curve: OfferCurve, floor: float) -> Package:
        """The package closest to the equilibrium share from below (above if below ``floor``)."""
        share, _ = self.share(observation)
        target = floor + share * (curve.best - floor)
        row = int(np.searchsorted(-curve.own, -(target + TOLERANCE), side="left"))
        if row < len(curve.own) and curve.own[row] >= floor - TOLERANCE:
            return tuple(int(x) for x in curve.packages[row])
        return curve.at_least(target)

    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """The offer is worth at least ``delta_self`` times the party's share as proposer."""
        share, own = self.share(observation)
        return value >= floor + own * share * (curve.best - floor) - TOLERANCE
