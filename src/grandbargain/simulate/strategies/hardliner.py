"""The hard-liner: never concedes.

The classic baseline of the ANAC competitions and of Faratin et al.'s (1998) Boulware limit
``e -> 0``: it always offers its best package and accepts nothing worth less to it.
"""

from __future__ import annotations

from typing import ClassVar

from grandbargain.simulate.base import Observation, Offer, Package
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import CurveStrategy
from grandbargain.space import TOLERANCE


class Hardliner(CurveStrategy):
    """Always proposes its best package; accepts only its best utility (within 1e-9)."""

    name: ClassVar[str] = "hardliner"
    description: ClassVar[str] = (
        "Always proposes its best package and accepts only offers worth its best utility."
    )
    accepts_at_deadline = False

    def offer(self, observation: Observation, curve: OfferCurve, floor: float) -> Package:
        """The party's best package."""
        return curve.at_least(curve.best)

    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """Only an offer worth the party's best utility."""
        return value >= curve.best - TOLERANCE
