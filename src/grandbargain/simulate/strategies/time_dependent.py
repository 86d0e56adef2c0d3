"""Time-dependent concession (Faratin, Sierra and Jennings 1998).

The party aims at ``target(t) = r + (best - r) * (1 - t**(1/e))`` of its own utility, where
``r`` is its reservation value now, ``best`` its best utility and ``t`` normalised time: the
polynomial tactic of Faratin et al. (1998, section 4.2.1) with ``k = 0``. ``e < 1`` is Boulware
(holds firm, concedes at the deadline), ``e = 1`` linear, ``e > 1`` Conceder. It offers the
package its opponent model rates best among those worth at least the target, and accepts an
offer worth at least what it would propose now (AC_next, Baarslag et al. 2014) and at least
its reservation value.

Faratin, P., Sierra, C. and Jennings, N. R. (1998). Negotiation decision functions for
autonomous agents. Robotics and Autonomous Systems 24(3-4), 159-182.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Observation
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import TargetStrategy
from grandbargain.space import FloatArray


def faratin_target(t: float, e: float, reservation: float, best: float) -> float:
    """``reservation + (best - reservation) * (1 - t**(1/e))``, with ``t`` clipped to [0, 1]."""
    t = min(max(t, 0.0), 1.0)
    return float(reservation + (best - reservation) * (1.0 - t ** (1.0 / e)))


class TimeDependent(TargetStrategy):
    """Concedes along Faratin et al.'s (1998) polynomial time-dependent tactic with exponent
    ``e``; accepts like AC_next."""

    name: ClassVar[str] = "time-dependent"
    description: ClassVar[str] = (
        "Concedes from its best utility to its reservation value as t**(1/e) (Faratin et al. "
        "1998; parameter e, default 1); accepts offers worth what it would propose next."
    )
    default_e: ClassVar[float] = 1.0

    def __init__(self, rng: np.random.Generator, e: float | None = None) -> None:
        super().__init__(rng)
        self.e = self.default_e if e is None else float(e)
        if not self.e > 0:
            raise ValueError(f"the concession exponent e must be > 0, not {e}")

    memoryless: ClassVar[bool] = True
    """Decides from the clock and its reservation value only (no model, no memory), so the
    engine may play it turn-vectorised (:mod:`grandbargain.simulate.fast`)."""

    def target(self, observation: Observation, curve: OfferCurve, floor: float) -> float:
        """Own utility aimed at now."""
        return faratin_target(observation.t, self.e, floor, curve.best)

    def targets(self, t: FloatArray, floor: FloatArray, best: float) -> FloatArray:
        """:meth:`target` for many times at once (same arithmetic, element by element)."""
        clipped = np.minimum(np.maximum(t, 0.0), 1.0)
        result: FloatArray = floor + (best - floor) * (1.0 - clipped ** (1.0 / self.e))
        return result


class Boulware(TimeDependent):
    """Time-dependent with ``e = 0.2``: concedes little until near the deadline."""

    name: ClassVar[str] = "boulware"
    description: ClassVar[str] = (
        "Time-dependent concession with e = 0.2 (Faratin et al. 1998): holds firm, then "
        "concedes near the deadline."
    )
    default_e: ClassVar[float] = 0.2


class Linear(TimeDependent):
    """Time-dependent with ``e = 1``: concedes at a constant rate."""

    name: ClassVar[str] = "linear"
    description: ClassVar[str] = (
        "Time-dependent concession with e = 1 (Faratin et al. 1998): concedes at a constant rate."
    )
    default_e: ClassVar[float] = 1.0


class Conceder(TimeDependent):
    """Time-dependent with ``e = 2``: concedes early."""

    name: ClassVar[str] = "conceder"
    description: ClassVar[str] = (
        "Time-dependent concession with e = 2 (Faratin et al. 1998): concedes early."
    )
    default_e: ClassVar[float] = 2.0
