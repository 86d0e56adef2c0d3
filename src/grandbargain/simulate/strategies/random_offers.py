"""The random negotiator: a baseline that offers random acceptable packages.

Each proposal draws up to ``tries`` packages (every issue's option uniformly among the options
the party allows on it, from the strategy's ``rng``) and offers the first that passes the
public rules and is worth the reservation value - the outcome space is sampled, never
enumerated. When none does, it offers its best package. It accepts an acceptable offer with
probability ``p_accept``. The same baseline as GENIUS's random agents (Lin et al. 2014).

Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K. and Jonker, C. M. (2014).
Genius: an integrated environment for supporting the design of generic automated negotiators.
Computational Intelligence 30(1), 48-70.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Observation, Offer, OwnPreferences, Package
from grandbargain.simulate.iso import OfferCurve
from grandbargain.simulate.strategies._base import CurveStrategy
from grandbargain.space import TOLERANCE


def sample_package(
    preferences: OwnPreferences, rng: np.random.Generator, floor: float, tries: int
) -> Package | None:
    """The first of ``tries`` random packages that is allowed and worth ``floor`` (or None).

    Always draws ``tries`` options per issue, so the stream of random numbers does not depend
    on which sample succeeds.
    """
    columns = []
    for allowed in preferences.allowed_options:
        if len(allowed) == 0:
            return None
        columns.append(allowed[rng.integers(0, len(allowed), size=tries)])
    packages = np.stack(columns, axis=1).astype(np.int64)
    values = preferences.utilities(packages)
    for row in np.flatnonzero(values >= floor - TOLERANCE):
        package = tuple(int(x) for x in packages[row])
        if preferences.allows(package):
            return package
    return None


class RandomNegotiator(CurveStrategy):
    """Offers random packages worth its reservation value; accepts acceptable offers at random."""

    name: ClassVar[str] = "random"
    description: ClassVar[str] = (
        "Offers random allowed packages worth its reservation value; accepts such offers with "
        "probability 0.5."
    )
    accepts_at_deadline = False

    def __init__(self, rng: np.random.Generator, tries: int = 200, p_accept: float = 0.5) -> None:
        super().__init__(rng)
        if tries < 1:
            raise ValueError(f"tries must be at least 1, not {tries}")
        if not 0 <= p_accept <= 1:
            raise ValueError(f"p_accept must lie in [0, 1], not {p_accept}")
        self.tries = int(tries)
        self.p_accept = float(p_accept)

    def offer(self, observation: Observation, curve: OfferCurve, floor: float) -> Package:
        """A random acceptable package, or the party's best when sampling finds none."""
        package = sample_package(observation.preferences, self._rng, floor, self.tries)
        return curve.at_least(curve.best) if package is None else package

    def accepts(
        self, observation: Observation, curve: OfferCurve, floor: float, offer: Offer, value: float
    ) -> bool:
        """A coin flip (the offer is already known to be acceptable)."""
        return bool(self._rng.random() < self.p_accept)
