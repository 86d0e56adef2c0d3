"""The Nash seeker: heads for the Nash package of its own utility and its opponent model.

Before the others have made an offer it proposes its own best package. Once it has seen
offers, it learns a HardHeaded frequency model of them (:mod:`.frequency`; van Krimpen et al.
2013) and concedes along a time-dependent target (Faratin et al. 1998, exponent ``e``) towards
the Nash package of (own utility, modelled utility) - the curve package maximising
``(u - r) * m`` (Nash 1950, with the model's disagreement value taken as 0). Until
``t = patience`` (0.9) it never aims below the Nash package's own utility; after that its floor
falls linearly to its reservation value at the deadline, so it may end up accepting anything
worth its reservation value. It accepts an offer worth at least its current proposal.

Nash, J. (1950). The bargaining problem. Econometrica 18(2), 155-162.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Observation
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import TargetStrategy
from grandbargain.simulate.strategies.frequency import FrequencyModel
from grandbargain.simulate.strategies.time_dependent import faratin_target
from grandbargain.space import FloatArray


def nash_floor(t: float, patience: float, nash_utility: float, reservation: float) -> float:
    """The lowest own utility aimed at: the Nash package's until ``patience``, then falling
    linearly to ``reservation`` at ``t = 1``."""
    if t <= patience or patience >= 1.0:
        return max(nash_utility, reservation)
    share = min((t - patience) / (1.0 - patience), 1.0)
    return max(nash_utility - share * (nash_utility - reservation), reservation)


class NashSeeker(TargetStrategy):
    """Concedes towards the Nash package against a frequency model of the others."""

    name: ClassVar[str] = "nash-seeker"
    description: ClassVar[str] = (
        "Learns a HardHeaded frequency model of the others and concedes over time towards the "
        "Nash package of (own, modelled) utility; below it only after t = 0.9."
    )

    def __init__(self, rng: np.random.Generator, e: float = 0.5, patience: float = 0.9) -> None:
        super().__init__(rng)
        if not e > 0:
            raise ValueError(f"the concession exponent e must be > 0, not {e}")
        if not 0 <= patience <= 1:
            raise ValueError(f"patience must lie in [0, 1], not {patience}")
        self.e = float(e)
        self.patience = float(patience)
        self._frequency = FrequencyModel()

    def model(self, observation: Observation) -> tuple[FloatArray, ...] | None:
        """The frequency model's tables (None, the opposed model, before any offer)."""
        self._frequency.update(observation)
        return self._frequency.tables()

    def target(self, observation: Observation, curve: OfferCurve, floor: float) -> float:
        """Own utility aimed at now."""
        if not self._frequency.observed:
            return curve.best
        nash = curve.nash(floor, 0.0)
        nash_utility = floor if nash is None else observation.preferences.utility(nash)
        lowest = nash_floor(observation.t, self.patience, nash_utility, floor)
        return max(faratin_target(observation.t, self.e, floor, curve.best), lowest)
