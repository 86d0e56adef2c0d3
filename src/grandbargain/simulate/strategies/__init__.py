"""Built-in negotiation strategies and their registry.

``STRATEGIES`` is an explicit, read-only mapping from names to classes (STYLE rule 8: no
self-registration); a test checks that every strategy class defined here is registered.
Every class is built as ``cls(rng, **params)`` with a ``numpy.random.Generator`` and has
``name`` and ``description`` class attributes; all derive from ``CurveStrategy``, which
guarantees the contract (never offer or accept a disallowed package or one below the
reservation value; walk away when nothing is worth it).

``ENDPOINT_STRATEGIES`` holds the strategies that need an endpoint to talk to (``llm``): they
are built with the run's client (``client=``, and ``view=``, ``transcript=``), so they are
kept out of ``STRATEGIES`` (``--strategies all`` and the web app's list) and chosen by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np

from grandbargain.simulate.base import Strategy
from grandbargain.simulate.llm import Endpoint
from grandbargain.simulate.llm.strategy import LLMNegotiator, Transcript
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

__all__ = ["ENDPOINT_STRATEGIES", "STRATEGIES", "make_players", "make_strategy"]

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

ENDPOINT_STRATEGIES: Mapping[str, type[LLMNegotiator]] = MappingProxyType(
    {LLMNegotiator.name: LLMNegotiator}
)
"""Strategies that talk to an endpoint, by name (built with the run's client)."""


def make_strategy(name: str, rng: np.random.Generator, **params: Any) -> Strategy:
    """Build the strategy registered as ``name`` with its ``rng`` and parameters."""
    if name in ENDPOINT_STRATEGIES:
        if "client" not in params:
            raise ValueError(f"the {name} strategy needs an endpoint client (--llm-url)")
        return ENDPOINT_STRATEGIES[name](rng, **params)
    try:
        cls = STRATEGIES[name]
    except KeyError:
        known = ", ".join(sorted([*STRATEGIES, *ENDPOINT_STRATEGIES]))
        raise ValueError(f"unknown strategy {name!r}; known strategies: {known}") from None
    return cls(rng, **params)


def make_players(
    names: Sequence[str], rngs: Sequence[np.random.Generator], endpoint: Endpoint | None = None
) -> tuple[list[Strategy], Transcript]:
    """One strategy per seat, and the session's transcript of model exchanges (which the
    seats of endpoint strategies share)."""
    transcript = Transcript()
    players = []
    for name, rng in zip(names, rngs, strict=True):
        if name in ENDPOINT_STRATEGIES and endpoint is not None:
            extra = {"view": endpoint.view, "transcript": transcript, "progress": endpoint.progress}
            players.append(make_strategy(name, rng, client=endpoint.client, **extra))
        else:
            players.append(make_strategy(name, rng))
    return players, transcript
