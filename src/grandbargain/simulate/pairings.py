"""Default strategy pairings: the sessions the backtest and the outlook simulate."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

PAIRING_STRATEGIES = ("boulware", "linear", "conceder", "tit-for-tat", "nash-seeker")
"""The strategies of the default pairings."""
PAIRING_ROUNDS = 60
"""Rounds of each session of the default pairings."""


def seat_pairings(strategies: Sequence[str], n_parties: int) -> tuple[tuple[str, ...], ...]:
    """Strategy per seat of every session: for each ordered pair (A, B) of strategies (A = B
    included), A in one seat and B in every other, each seat in turn; duplicates dropped.
    Two parties: every ordered pair, len(strategies) ** 2 sessions."""
    seen: dict[tuple[str, ...], None] = {}
    for first, other in itertools.product(strategies, repeat=2):
        for seat in range(n_parties):
            seen.setdefault(tuple(first if k == seat else other for k in range(n_parties)))
    return tuple(seen)
