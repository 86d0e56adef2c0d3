"""Run metrics against hand-worked examples and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.api import simulate
from grandbargain.simulate.llm.exchange import Exchange
from grandbargain.simulate.metrics import (
    exchange_counts,
    frontier_distance,
    frontier_gap,
    nash_share,
)

FRONTIER = np.array([[1.0, 0.0], [0.6, 0.6], [0.0, 1.0]])


def test_hand_worked_distance_gap_and_nash_share() -> None:
    inside = np.array([0.2, 0.3])
    # nearest frontier point (0.6, 0.6): sqrt(0.4^2 + 0.3^2) = 0.5
    assert frontier_distance(FRONTIER, inside) == pytest.approx(0.5)
    # (0.6, 0.6) gives both at least min(0.4, 0.3) = 0.3 more; (1, 0) and (0, 1) give -0.3
    assert frontier_gap(FRONTIER, inside) == pytest.approx(0.3)
    assert frontier_gap(FRONTIER, np.array([0.6, 0.6])) == 0.0
    assert frontier_gap(np.empty((0, 2)), inside) is None
    # gains (0.2 - 0.1)(0.3 - 0.1) = 0.02 of a Nash product 0.5 * 0.5 = 0.25
    reservation = np.array([0.1, 0.1])
    assert nash_share(inside, reservation, np.array([0.5, 0.5])) == pytest.approx(0.08)
    assert nash_share(np.array([0.05, 0.9]), reservation, np.array([0.5, 0.5])) == 0.0
    assert nash_share(inside, reservation, None) is None


def _dominated(point: np.ndarray, points: np.ndarray) -> bool:
    return bool(np.any(np.all(points >= point, axis=1) & np.any(points > point, axis=1)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
        min_size=1,
        max_size=25,
    )
)
def test_gap_is_zero_exactly_off_strict_domination(rows: list[tuple[int, int, int]]) -> None:
    points = np.array(rows, dtype=float) / 20
    frontier = np.array([p for p in points if not _dominated(p, points)])
    for point in points:
        gap = frontier_gap(frontier, point)
        assert gap is not None
        # brute force: the largest t with point + t (1, 1, 1) weakly below some point
        best = max(float(np.min(other - point)) for other in points)
        assert gap == pytest.approx(max(best, 0.0))
        strictly_dominated = bool(np.any(np.all(points > point, axis=1)))
        assert (gap > 0) == strictly_dominated
        if not _dominated(point, points):
            assert frontier_distance(frontier, point) == 0.0


def test_simulation_metrics_agree_with_the_exact_analysis() -> None:
    us = gb.load_scenario("us-china-2025")
    analysis = gb.analyze(us)
    run = simulate(
        us,
        {"United States": "nash-seeker", "China": "nash-seeker"},
        rounds=30,
        seed=2,
        compare_agendas=False,
    )
    metrics = run.metrics
    assert metrics is not None and run.agreement
    u = np.array([run.utilities[p] for p in run.parties])
    assert metrics.frontier_distance == pytest.approx(run.distance_to_frontier)
    nash = analysis.solutions.nash
    assert nash is not None
    product = np.prod([nash.gains[p] for p in run.parties])
    gains = [run.utilities[p] - run.reservation[p] for p in run.parties]
    assert metrics.nash_share == pytest.approx(np.prod(gains) / product)
    assert metrics.gains == pytest.approx(dict(zip(run.parties, gains, strict=True)))
    assert (
        metrics.frontier_gap is not None
        and metrics.frontier_gap <= metrics.frontier_distance + 1e-12
    )
    assert len(u) == 2 and metrics.counts.requests == 0


def _exchange(
    sequence: int, party: int, turn: int, kind: str, move: bool, status: int | None = 200
) -> Exchange:
    return Exchange(
        sequence, party, turn, turn, kind, 0, (), None if status != 200 else "{}",
        {"action": "offer", "package": {}} if move else None,
        None if move else "bad", 10, 2, 5.0, 1, status,
    )  # fmt: skip


def test_exchange_counts_by_hand() -> None:
    exchanges = [
        _exchange(0, 0, 0, "offer", False),  # invalid, then
        _exchange(1, 0, 0, "offer", True),  # valid: no fallback
        _exchange(2, 1, 1, "tool", False),  # a tool call is not a move
        _exchange(3, 1, 1, "respond", False, None),  # a failed request ...
        _exchange(4, 1, 1, "respond", False),  # ... and an invalid reply: fallback
    ]
    counts = exchange_counts(exchanges)
    assert (counts.requests, counts.invalid_moves, counts.failed_requests) == (5, 3, 1)
    assert (counts.fallbacks, counts.tokens_in, counts.tokens_out) == (1, 50, 10)
    assert counts.latency_ms == 25.0
