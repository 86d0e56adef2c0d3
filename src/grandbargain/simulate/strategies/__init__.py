"""Built-in negotiation strategies and their registry.

``STRATEGIES`` is an explicit, read-only mapping from names to classes (STYLE rule 8: no
self-registration); a test checks that every strategy class defined here is registered.
Every class is built as ``cls(rng, **params)`` with a ``numpy.random.Generator`` and has
``name`` and ``description`` class attributes; all derive from ``CurveStrategy``, which
guarantees the contract (never offer or accept a disallowed package or one below the
reservation value; walk away when nothing is worth it).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

from grandbargain.simulate.base import Strategy
from grandbargain.simulate.strategies._base import CurveStrategy
from grandbargain.simulate.strategies.hardliner import Hardliner
from grandbargain.simulate.strategies.nash_seeker import NashSeeker
from grandbargain.simulate.strategies.random_offers import RandomNegotiator
from grandbargain.simulate.strategies.rubinstein import Rubinstein
from grandbargain.simulate.strategies.time_dependent import (
    Boulware,
    Conceder,
    Linear,
    TimeDependent,
)
from grandbargain.simulate.strategies.tit_for_tat import TitForTat

__all__ = ["STRATEGIES", "make_strategy"]

STRATEGIES: Mapping[str, type[CurveStrategy]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            TimeDependent,
            Boulware,
            Linear,
            Conceder,
            Hardliner,
            TitForTat,
            NashSeeker,
            RandomNegotiator,
            Rubinstein,
        )
    }
)
"""Strategy classes by name."""


def make_strategy(name: str, rng: np.random.Generator, **params: Any) -> Strategy:
    """Build the strategy registered as ``name`` with its ``rng`` and parameters."""
    try:
        cls = STRATEGIES[name]
    except KeyError:
        known = ", ".join(sorted(STRATEGIES))
        raise ValueError(f"unknown strategy {name!r}; known strategies: {known}") from None
    return cls(rng, **params)
