"""How good a run's outcome is against the exact analysis, and what its model calls cost.

Pure functions of the outcome (each party's undiscounted utility of the agreement, or its
reservation value on breakdown), the exact analysis (the Pareto frontier and the Nash
solution) and the transcript of model exchanges:

* ``frontier_distance``: the Euclidean distance in utility space to the nearest frontier
  point (0 on the frontier).
* ``frontier_gap``: the largest gain every party could have had at once, from some frontier
  point ``f``: ``max_f min_p (f_p - u_p)``, at least 0. It is 0 exactly when no frontier
  point gives every party more (the outcome is weakly Pareto-optimal), and it is the money
  left on the table for everyone.
* ``nash_share``: the product of the gains over the reservation values ``prod_p (u_p - r_p)``
  (0 when any gain is not positive, so 0 without agreement) divided by the Nash product of
  the analysis; 1 at the Nash package; None when the analysis has no Nash package.
* ``gains``: each party's ``u_p - r_p``.
* From the exchanges: requests sent, invalid moves (replies that could not be used, failed
  requests included), failed requests (no HTTP 200 after the re-sends), fallbacks (moves whose
  attempts all failed; see :mod:`grandbargain.simulate.llm.strategy`), tokens in and out
  as the server reported them, and the total latency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from grandbargain.simulate.llm.exchange import Exchange
from grandbargain.space import FloatArray


@dataclass(frozen=True)
class ExchangeCounts:
    """What a transcript of model exchanges adds up to."""

    requests: int = 0
    invalid_moves: int = 0
    failed_requests: int = 0
    fallbacks: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: float = 0.0


@dataclass(frozen=True)
class RunMetrics:
    """A run's outcome against the exact frontier and Nash solution, and its model costs."""

    agreement: bool
    frontier_distance: float | None
    frontier_gap: float | None
    nash_share: float | None
    gains: Mapping[str, float]
    rounds: int
    counts: ExchangeCounts

    def to_dict(self) -> dict[str, Any]:
        """Plain data (schema ``$defs/metrics`` of simulation.schema.json)."""
        return {
            "agreement": self.agreement,
            "frontier_distance": self.frontier_distance,
            "frontier_gap": self.frontier_gap,
            "nash_share": self.nash_share,
            "gains": dict(self.gains),
            "rounds": self.rounds,
            **asdict(self.counts),
        }


def frontier_distance(frontier: FloatArray, utilities: FloatArray) -> float | None:
    """Euclidean distance from ``utilities`` to the nearest row of ``frontier``."""
    if len(frontier) == 0:
        return None
    return float(np.min(np.linalg.norm(frontier - utilities, axis=1)))


def frontier_gap(frontier: FloatArray, utilities: FloatArray) -> float | None:
    """``max_f min_p (f_p - u_p)``, at least 0 (see the module docstring)."""
    if len(frontier) == 0:
        return None
    return max(float(np.max(np.min(frontier - utilities, axis=1))), 0.0)


def nash_share(
    utilities: FloatArray, reservation: FloatArray, nash_gains: FloatArray | None
) -> float | None:
    """The outcome's product of gains over the Nash product (see the module docstring)."""
    if nash_gains is None:
        return None
    product = float(np.prod(nash_gains))
    if product <= 0:
        return None
    gains = utilities - reservation
    if np.any(gains <= 0):
        return 0.0
    return float(np.prod(gains)) / product


def exchange_counts(exchanges: Sequence[Exchange]) -> ExchangeCounts:
    """Requests, invalid moves, failures, fallbacks, tokens and latency of a transcript."""
    moves: dict[tuple[int, int, str], bool] = {}
    for exchange in exchanges:
        if exchange.kind != "tool":
            key = (exchange.party, exchange.turn, exchange.kind)
            moves[key] = moves.get(key, False) or exchange.move is not None
    return ExchangeCounts(
        requests=len(exchanges),
        invalid_moves=sum(1 for e in exchanges if e.invalid),
        failed_requests=sum(1 for e in exchanges if e.status != 200),
        fallbacks=sum(1 for used in moves.values() if not used),
        tokens_in=sum(e.tokens_in for e in exchanges),
        tokens_out=sum(e.tokens_out for e in exchanges),
        latency_ms=round(sum(e.latency_ms for e in exchanges), 3),
    )


def run_metrics(
    parties: Sequence[str],
    agreement: bool,
    utilities: FloatArray,
    reservation: FloatArray,
    frontier: FloatArray,
    nash_gains: FloatArray | None,
    rounds: int,
    exchanges: Sequence[Exchange] = (),
) -> RunMetrics:
    """Every measure of one run (``utilities`` undiscounted; see the module docstring)."""
    return RunMetrics(
        agreement=agreement,
        frontier_distance=frontier_distance(frontier, utilities),
        frontier_gap=frontier_gap(frontier, utilities),
        nash_share=nash_share(utilities, reservation, nash_gains),
        gains={p: float(u - r) for p, u, r in zip(parties, utilities, reservation, strict=True)},
        rounds=rounds,
        counts=exchange_counts(exchanges),
    )
