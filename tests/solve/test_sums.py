"""The compiled pass over a merge's candidates (``solve/sums.py``) gives numpy's quantised
order, runs and distinct vectors; candidates it is told to leave out (``solve/suffixes.py``)
are dominated; the two-thread kernel gives the one-thread answer.

Utilities are drawn on a grid of half tolerances, so that sums land exactly between two grid
points (rounding to even decides) and many candidates tie or repeat.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grandbargain.model.schema import Scenario
from grandbargain.solve import dominance, frontier, suffixes
from grandbargain.solve.frontier import pareto_frontier, quantise
from grandbargain.solve.units import build_units
from grandbargain.space import TOLERANCE, build_space

from ..builders import random_additive, scenario_data
from .numba_modules import compiled_modules
from .test_frontier import _check

compiled, sums = compiled_modules("compiled", "sums")


@st.composite
def _merge(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """A frontier so far (any rows, in lexicographic order on the grid) and unit values."""
    d = draw(st.integers(3, 6))
    scale = draw(st.sampled_from([0.5 * TOLERANCE, 0.37 * TOLERANCE, 1e-3]))
    grid = st.integers(0, draw(st.sampled_from([2, 5, 60])))
    u = draw(arrays(np.int64, st.tuples(st.integers(1, 40), st.just(d)), elements=grid)) * scale
    v = draw(arrays(np.int64, st.tuples(st.integers(1, 6), st.just(d)), elements=grid)) * scale
    u = u + draw(st.sampled_from([0.0, 0.25, 1.0]))  # offsets change the rounding of the sums
    return u[dominance.lex_desc_order(quantise(u))], v


def _numpy_order(candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ``frontier.pareto_indices`` computes before the maximal-vector step."""
    q = quantise(candidates)
    order = dominance.lex_desc_order(q)
    ordered = q[order]
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    low = ordered.min(axis=0) if len(ordered) else 0
    return order, starts, ordered[starts] - low


@settings(max_examples=300, deadline=None)
@given(_merge())
def test_sorted_sums_equal_numpys(merge: tuple[np.ndarray, np.ndarray]) -> None:
    u, v = merge
    candidates = (u[:, None, :] + v[None, :, :]).reshape(-1, u.shape[1])  # np.add.outer's sums
    got = sums.distinct_sums(u, v)
    assert got is not None
    for mine, numpys in zip(got, _numpy_order(candidates), strict=True):
        assert mine.tolist() == numpys.tolist()


@settings(max_examples=200, deadline=None)
@given(_merge(), st.data())
def test_candidates_left_out_are_not_listed(
    merge: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    u, v = merge
    suffix = data.draw(arrays(np.int64, len(u), elements=st.integers(0, 2)))
    table = data.draw(arrays(np.bool_, 3 * len(v)))
    left_out = table[suffix[:, None] * len(v) + np.arange(len(v))].ravel()
    got = sums.distinct_sums(u, v, (suffix, table))
    assert got is not None
    order, starts, distinct = got
    assert sorted(order.tolist()) == np.flatnonzero(~left_out).tolist()
    candidates = (u[:, None, :] + v[None, :, :]).reshape(-1, u.shape[1])
    listed = np.flatnonzero(~left_out)
    expected = _numpy_order(candidates[listed])
    assert order.tolist() == listed[expected[0]].tolist()
    assert starts.tolist() == expected[1].tolist()
    assert distinct.tolist() == expected[2].tolist()


def test_keys_too_wide_for_one_word_leave_the_work_to_numpy() -> None:
    u = np.array([[3e9, 0.0, 0.0], [0.0, 1.0, 1.0]])  # 3e18 on the grid: over 2^60
    assert sums.distinct_sums(u, np.zeros((1, 3))) is None


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 30), st.integers(3, 5)), elements=st.integers(0, 4))
)
def test_unbeaten_equals_a_direct_comparison(values: np.ndarray) -> None:
    margin = 0.5
    above = np.all(values[None, :, :] >= values[:, None, :] + margin, axis=2)
    assert sums.unbeaten(values, margin).tolist() == (~above.any(axis=1)).tolist()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        arrays(np.float64, st.tuples(st.integers(1, 6), st.just(3)), elements=st.integers(0, 3)),
        min_size=1,
        max_size=4,
    )
)
def test_unbeaten_combinations_equal_every_combination_compared(fronts: list[np.ndarray]) -> None:
    """Built front by front, the unbeaten combinations are those no combination of all the
    fronts beats (small integers, margin 1: many ties, many beaten by exactly the margin)."""
    every = fronts[0]
    for front in fronts[1:]:
        every = (every[:, None, :] + front[None, :, :]).reshape(-1, 3)
    above = np.all(every[None, :, :] >= every[:, None, :] + 1.0, axis=2)
    got = suffixes._unbeaten_combinations(fronts, 1.0)
    assert got is not None
    assert sorted(got.tolist()) == np.flatnonzero(~above.any(axis=1)).tolist()


def _recording(patch: pytest.MonkeyPatch, events: list[str] | None = None) -> list[tuple[Any, ...]]:
    """Record every call of the compiled pass that leaves candidates out (and, in
    ``events``, whether each call left some out)."""
    calls: list[tuple[Any, ...]] = []
    real = sums.distinct_sums

    def spy(u: np.ndarray, v: np.ndarray, beaten: Any = None) -> Any:
        if beaten is not None:
            calls.append((u.copy(), v.copy(), beaten))
        if events is not None:
            events.append("some left out" if beaten is not None else "none left out")
        return real(u, v, beaten)

    patch.setattr(sums, "distinct_sums", spy)
    return calls


@pytest.mark.parametrize(("parties", "issues", "seed"), [(3, 6, 1), (4, 6, 2), (5, 5, 3)])
def test_every_candidate_left_out_is_strictly_dominated(
    parties: int, issues: int, seed: int
) -> None:
    """The margin argument of ``solve/suffixes.py``, checked on every merge where it left
    candidates out: another candidate of the same merge is larger on the grid."""
    space = build_space(Scenario.model_validate(random_additive(seed, issues, 4, parties)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 1)
        calls = _recording(patch)
        pareto_frontier(build_units(space), space.n_issues, space.n_parties)
    assert _left_out_are_dominated(calls)  # and the argument was used


def _left_out_are_dominated(calls: list[tuple[Any, ...]]) -> int:
    """Check that every candidate the recorded calls left out is strictly dominated on the
    grid by another candidate of its merge; give how many were left out."""
    left_out = 0
    for u, v, (suffix, table) in calls:
        q = quantise((u[:, None, :] + v[None, :, :]).reshape(-1, u.shape[1]))
        out = np.flatnonzero(table[suffix[:, None] * len(v) + np.arange(len(v))].ravel())
        left_out += len(out)
        for row in out:
            above = np.all(q >= q[row], axis=1) & np.any(q > q[row], axis=1)
            assert above.any()
    return left_out


@pytest.mark.parametrize("cap", [300, 2_000])
def test_candidates_left_out_after_a_thinned_merge_are_dominated(cap: int) -> None:
    """An epsilon-thinned merge drops points for a kept one in the same cell, possibly worse
    by up to the cell's side: the merges that follow it (``suffixes.DEPTH`` of them) leave a
    candidate out only if it loses by that side more, so what they leave out is still
    strictly dominated by a candidate of its merge, and the frontier equals numpy's."""
    space = build_space(Scenario.model_validate(random_additive(5, 10, 5, 4)))
    units = build_units(space)
    events: list[str] = []
    real_thin = frontier._thin

    def spy_thin(points: np.ndarray, cap: int) -> Any:
        events.append("thinned")
        return real_thin(points, cap)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 10**12)
        expected = pareto_frontier(units, space.n_issues, space.n_parties, cap=cap)
        patch.setattr(dominance, "COMPILED", 1)
        calls = _recording(patch, events)
        patch.setattr(frontier, "_thin", spy_thin)
        got = pareto_frontier(units, space.n_issues, space.n_parties, cap=cap)
    assert got.epsilon > 0
    assert np.array_equal(got.utilities, expected.utilities)
    assert np.array_equal(got.packages, expected.packages)
    assert "thinned" in events
    after = events[events.index("thinned") :].count("some left out")
    assert after  # the argument was used after a thinned merge
    assert _left_out_are_dominated(calls)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(parties=(3, 6), issues=(3, 5), options=(2, 4)))
def test_compiled_merges_with_left_out_candidates_equal_brute_force(data: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 1)
        patch.setattr(dominance, "PAIRWISE", 0)
        _check(data)


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(1, 300), st.integers(3, 6)), elements=st.integers(0, 6))
)
def test_two_threads_give_the_one_thread_answer(points: np.ndarray) -> None:
    q = np.unique(points, axis=0)
    q = np.ascontiguousarray(q[dominance.lex_desc_order(q)])
    expected = compiled._maximal(q, compiled.LEAF, compiled.STRIDE)
    assert compiled._in_halves(q).tolist() == expected.tolist()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compiled, "HALVES", 1)
        patch.setattr(compiled, "_cores", lambda: 2)
        assert compiled.maximal_mask(q).tolist() == expected.tolist()


def test_no_candidate_is_left_out_with_a_floor() -> None:
    """A floor drops points that nothing kept dominates, so the argument is never used with
    one; the frontier of the packages reaching the floor equals numpy's."""
    space = build_space(Scenario.model_validate(random_additive(6, 7, 4, 4)))
    units = build_units(space)
    floor = np.full(space.n_parties, -np.inf)
    floor[0] = 0.5
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 10**12)
        expected = pareto_frontier(units, space.n_issues, space.n_parties, floor=floor)
        patch.setattr(dominance, "COMPILED", 1)
        calls = _recording(patch)
        got = pareto_frontier(units, space.n_issues, space.n_parties, floor=floor)
        assert not calls  # not used with the floor
        pareto_frontier(units, space.n_issues, space.n_parties)
        assert calls  # used without it, on the same domain
    assert len(got) and np.array_equal(got.utilities, expected.utilities)
    assert np.array_equal(got.packages, expected.packages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.integers(3, 6),
    st.integers(6, 9),
    st.integers(3, 4),
    st.sampled_from([10, 40, 150, 10**6]),
)
def test_thinned_frontiers_through_the_compiled_path_are_numpys(
    seed: int, parties: int, issues: int, options: int, cap: int
) -> None:
    """With small caps most merges are thinned, and the suffix test then runs with the cells'
    sides added to its margin: the frontier, its packages and epsilon are the numpy path's."""
    space = build_space(Scenario.model_validate(random_additive(seed, issues, options, parties)))
    units = build_units(space)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 10**12)
        expected = pareto_frontier(units, space.n_issues, space.n_parties, cap=cap)
        patch.setattr(dominance, "COMPILED", 1)
        got = pareto_frontier(units, space.n_issues, space.n_parties, cap=cap)
    assert got.epsilon == expected.epsilon
    assert np.array_equal(got.utilities, expected.utilities)
    assert np.array_equal(got.packages, expected.packages)
