"""Relative tit-for-tat: reciprocate the opponent's concessions in proportion.

After the relative tit-for-tat of Baarslag, Hindriks and Jonker (2013), itself the relative
imitative tactic of Faratin, Sierra and Jennings (1998, section 4.2.3). The opponent's
concession is measured **with the party's own utility** of the opponent's last two offers (not
with an opponent model, which could mistake a retraction for a concession): the opponent
closed a fraction ``c = (u(last) - u(previous)) / (best - u(previous))`` of the distance
between its previous offer and the party's best. The party then concedes the same fraction of
the distance between its own target and its reservation value, or, when the opponent retracted
(``c < 0``), takes back that fraction of the distance to its best. It starts from its best
package, never aims below its reservation value, and accepts like AC_next. Against an opponent
who never concedes it never concedes either (two tit-for-tat players stay at their best).

Baarslag, T., Hindriks, K. and Jonker, C. (2013). A tit for tat negotiation strategy for
real-time bilateral negotiations. In Complex Automated Negotiations, SCI 435, 229-233.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Observation, Offer
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import TargetStrategy, is_pending
from grandbargain.space import TOLERANCE


def reciprocate(target: float, previous: float, last: float, best: float, floor: float) -> float:
    """The party's new target after the opponent's offers moved from ``previous`` to ``last``
    (own utilities), given its ``best`` utility and reservation level ``floor``."""
    gap = best - previous
    concession = (last - previous) / gap if gap > TOLERANCE else 0.0
    concession = min(max(concession, -1.0), 1.0)
    if concession >= 0:
        return target - concession * max(target - floor, 0.0)
    return target - concession * max(best - target, 0.0)


class TitForTat(TargetStrategy):
    """Relative tit-for-tat (Baarslag et al. 2013), measured in own utility."""

    name: ClassVar[str] = "tit-for-tat"
    description: ClassVar[str] = (
        "Relative tit-for-tat (Baarslag et al. 2013): concedes, in its own utility, the same "
        "fraction the opponent conceded, measured by its own utility of the opponent's offers."
    )

    def __init__(self, rng: np.random.Generator) -> None:
        super().__init__(rng)
        self._target: float | None = None
        self._last: float | None = None
        self._seen = 0

    def target(self, observation: Observation, curve: OfferCurve, floor: float) -> float:
        """Own utility aimed at now, after the offers in the history."""
        preferences = observation.preferences
        if self._target is None:
            self._target = curve.best
        history = observation.history
        for index in range(self._seen, len(history)):
            offer = history[index]
            if offer.proposer == observation.party:
                continue
            value = preferences.utility(offer.package)
            if self._last is not None:
                self._target = reciprocate(self._target, self._last, value, curve.best, floor)
            self._last = value
        self._seen = len(history)
        return min(max(self._target, floor), curve.best)

    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """AC_next: the offer is worth at least what the party would propose in reply."""
        target = self.target(observation, curve, floor)
        if is_pending(observation, offer) and self._last is not None:
            target = reciprocate(target, self._last, value, curve.best, floor)
            target = min(max(target, floor), curve.best)
        proposal = curve.at_least(target)
        return value >= observation.preferences.utility(proposal) - TOLERANCE
