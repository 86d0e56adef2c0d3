"""The compiled maximal-vector kernel (numba) equals a direct pairwise comparison and the
numpy path, and the numpy path takes over where numba is missing.

The kernel is called on small inputs with trees of every shape (one sampled row per leaf up
to all rows in one leaf), so that its edge cases are reached: rows equal in every coordinate
but the first, leaves shared by many kept rows, a tree shaped by a single row.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import grandbargain.solve
from grandbargain.model.schema import Scenario
from grandbargain.solve import dominance
from grandbargain.solve.frontier import pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import build_space

from ..builders import random_additive, scenario_data
from .numba_modules import compiled_modules
from .test_frontier import _check

(compiled,) = compiled_modules("compiled")


@st.composite
def _sorted_vectors(draw: st.DrawFn) -> np.ndarray:
    """Distinct integer rows in 3 to 7 coordinates, sorted lexicographically descending, with
    many ties per coordinate and now and then very wide values."""
    d = draw(st.integers(3, 7))
    top = draw(st.sampled_from([1, 2, 3, 6, 40]))
    q = draw(
        arrays(np.int64, st.tuples(st.integers(1, 120), st.just(d)), elements=st.integers(0, top))
    )
    scale = draw(st.sampled_from([1, 1, 10**9, 2**40]))
    q = np.unique(q * scale - draw(st.integers(0, 5)), axis=0)
    return q[dominance.lex_desc_order(q)]


def _maximal_by_pairs(q: np.ndarray) -> np.ndarray:
    at_least = np.all(q[:, None, :] >= q[None, :, :], axis=2)
    np.fill_diagonal(at_least, False)
    return ~at_least.any(axis=0)


@settings(max_examples=400, deadline=None)
@given(_sorted_vectors(), st.integers(1, 9), st.integers(1, 9))
def test_kernel_equals_pairwise_comparison(q: np.ndarray, leaf: int, stride: int) -> None:
    truth = _maximal_by_pairs(q)
    assert compiled.maximal_mask(q).tolist() == truth.tolist()
    shifted = np.ascontiguousarray(q - q.min(axis=0))
    assert compiled._maximal(shifted, leaf, stride).tolist() == truth.tolist()


@settings(max_examples=400, deadline=None)
@given(_sorted_vectors())
def test_three_column_kernel_equals_pairwise_comparison(q: np.ndarray) -> None:
    """The Fenwick tree of three columns, on the same vectors' first three coordinates."""
    q = np.unique(q[:, :3], axis=0)
    q = q[dominance.lex_desc_order(q)]
    assert compiled.maximal_mask_three(q).tolist() == _maximal_by_pairs(q).tolist()


@settings(max_examples=200, deadline=None)
@given(_sorted_vectors())
def test_listed_by_the_compiled_pass_any_size_goes_to_the_kernel(q: np.ndarray) -> None:
    """Candidates the compiled pass listed (numba already loaded) go to the kernel however
    few they are (above ``PAIRWISE``), with numpy's answer."""
    calls: list[int] = []
    real = {3: compiled.maximal_mask_three, 4: compiled.maximal_mask}

    def spy(rows: np.ndarray) -> Any:
        calls.append(len(rows))
        return real[min(rows.shape[1], 4)](rows)

    expected = dominance.maximal(q)  # numpy: fewer than COMPILED rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compiled, "maximal_mask", spy)
        patch.setattr(compiled, "maximal_mask_three", spy)
        got = dominance.maximal(q, compiled=True)
    assert got.tolist() == expected.tolist()
    assert calls == ([len(q)] if len(q) > dominance.PAIRWISE and q.shape[1] >= 3 else [])


@pytest.mark.parametrize("d", [3, 4, 5, 6])
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("top", [20, 10**11])
def test_kernel_equals_the_numpy_path_on_many_vectors(d: int, seed: int, top: int) -> None:
    rng = np.random.default_rng(seed)
    points = rng.integers(0, top, size=(90_000, d))
    q = np.unique(points - np.roll(points, 1, axis=1) // 3, axis=0)  # correlated: many dominated
    q = q[dominance.lex_desc_order(q)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 10**12)  # numpy only
        expected = dominance.maximal(q)
    kernel = compiled.maximal_mask if d > 3 else compiled.maximal_mask_three
    with pytest.MonkeyPatch.context() as patch:  # three narrow columns: fewer distinct rows
        patch.setattr(dominance, "COMPILED", min(dominance.COMPILED, len(q)))
        assert dominance.compiled_kernel(*q.shape) is kernel
        assert dominance.maximal(q).tolist() == expected.tolist()


def _frontier(data: dict[str, Any]) -> tuple[np.ndarray, float, np.ndarray]:
    space = build_space(Scenario.model_validate(data))
    front = pareto_frontier(build_units(space), space.n_issues, space.n_parties, cap=3_000)
    return front.utilities, front.epsilon, front.packages


@pytest.mark.parametrize(
    ("parties", "issues", "seed"), [(3, 9, 9), (4, 7, 10), (5, 6, 11), (6, 6, 12)]
)
def test_frontiers_through_the_kernel_are_the_numpy_ones(
    parties: int, issues: int, seed: int
) -> None:
    """Random domains like the benchmark's rows (smaller), with a cap that thins: the same
    points, epsilon and packages whichever path filters the candidates."""
    data = random_additive(seed, issues, 5, n_parties=parties)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 10**12)
        expected = _frontier(data)
        patch.setattr(dominance, "COMPILED", 1)
        got = _frontier(data)
    assert np.array_equal(got[0], expected[0])
    assert got[1] == expected[1]
    assert np.array_equal(got[2], expected[2])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(parties=(3, 6), issues=(2, 4), options=(2, 4)))
def test_many_parties_through_the_kernel_equal_brute_force(data: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "PAIRWISE", 0)
        patch.setattr(dominance, "COMPILED", 1)
        _check(data)


def test_without_numba_the_numpy_path_gives_the_same_answer(monkeypatch: Any) -> None:
    rng = np.random.default_rng(3)
    q = np.unique(rng.integers(0, 50, size=(60_000, 5)), axis=0)
    q = q[dominance.lex_desc_order(q)]
    with_kernel = dominance.maximal(q)
    monkeypatch.setitem(sys.modules, "numba", None)  # import numba now fails
    monkeypatch.delitem(sys.modules, "grandbargain.solve.compiled")
    monkeypatch.delattr(grandbargain.solve, "compiled")
    with pytest.raises(ImportError):
        importlib.import_module("grandbargain.solve.compiled")
    assert dominance.compiled_kernel(*q.shape) is None
    assert dominance.maximal(q).tolist() == with_kernel.tolist()


def test_numpy_answers_when_numba_cannot_cache(monkeypatch: Any) -> None:
    """With no writable folder for its cache, numba's ``njit(cache=True)`` raises
    RuntimeError while the module is imported; numpy answers instead."""

    def njit(**options: Any) -> Any:
        raise RuntimeError("cannot cache function: no locator available")

    fake = types.ModuleType("numba")
    fake.njit = njit  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "numba", fake)
    monkeypatch.delitem(sys.modules, "grandbargain.solve.compiled")
    monkeypatch.delattr(grandbargain.solve, "compiled")
    assert dominance.compiled_kernel(10**6, 6) is None


def test_small_narrow_or_wide_inputs_stay_with_numpy() -> None:
    assert dominance.compiled_kernel(dominance.COMPILED - 1, 6) is None  # too few rows
    assert dominance.compiled_kernel(10**6, 2) is None  # two parties: a running maximum
    assert dominance.compiled_kernel(10**6, 3) is compiled.maximal_mask_three
    wide = np.array([[compiled.SPAN, 0, 0, 0], [0, 1, 1, 1]], dtype=np.int64)
    assert compiled.maximal_mask(wide) is None  # too wide for the kernel's arithmetic
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "PAIRWISE", 0)
        patch.setattr(dominance, "COMPILED", 1)
        assert dominance.maximal(wide).tolist() == [0, 1]  # numpy answers instead
