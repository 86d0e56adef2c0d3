"""Thinning's compiled count of grid cells (numba) equals numpy's, and thinning with grids
coarsened by shifts keeps the points the direct division keeps.

Thinning (``solve/frontier.py``, ``_thin``) used to divide the points by each grid side in
turn; it now divides once by the finest side and shifts the cell numbers. The reference here
is the direct division, written out in the test.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grandbargain.solve import dominance, frontier

from .numba_modules import compiled_modules

(cells,) = compiled_modules("cells")


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(0, 400), st.sampled_from([1, 3, 4, 5, 6])),
        elements=st.integers(-3, 3),
    )
)
def test_first_rows_equal_numpy(grid: np.ndarray) -> None:
    """Many repeated rows, negative values, one column or three to six (numpy's two-column
    way relies on a two-party frontier's order; the compiled count is not used there)."""
    expected = frontier._first_in_cell(grid) if len(grid) else np.zeros(0, np.int64)
    assert cells.first_rows(grid).tolist() == expected.tolist()


def test_first_rows_of_wide_values() -> None:
    rng = np.random.default_rng(0)
    grid = rng.integers(-(2**62), 2**62, size=(5_000, 4))
    grid = np.vstack([grid, grid[::7]])  # repeats of far-apart rows
    assert cells.first_rows(grid).tolist() == frontier._first_in_cell(grid).tolist()


def _thin_by_division(points: np.ndarray, cap: int) -> tuple[np.ndarray, float]:
    """``_thin`` as it was: each grid side divided out directly."""
    low = points.min(axis=0)
    span = float((points.max(axis=0) - low).max())
    step = max(span * 1e-6, 1e-9)

    def survivors(e: int) -> np.ndarray:
        grid = np.floor((points - low) / (step * 2.0**e)).astype(np.int64)
        return frontier._first_in_cell(grid)

    lower, upper = -1, max(0, int(np.ceil(np.log2((span + step) / step))) + 1)
    while upper - lower > 1:
        middle = (lower + upper) // 2
        if len(survivors(middle)) <= cap:
            upper = middle
        else:
            lower = middle
    return survivors(upper), step * 2.0**upper


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([1e-6, 1e-3, 1.0, 7.3, 1e4]),
    st.integers(3, 5),
    st.integers(1, 200),
)
def test_thinning_by_shifts_equals_thinning_by_division(
    seed: int, scale: float, d: int, cap: int
) -> None:
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(300, d)) * scale
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "COMPILED", 1)  # the compiled count
        kept, step = frontier._thin(points, cap)
    expected, expected_step = _thin_by_division(points, cap)
    assert kept.tolist() == expected.tolist()
    assert step == expected_step


def test_thinning_counts_with_numpy_without_numba(monkeypatch: Any) -> None:
    points = np.random.default_rng(1).normal(size=(40_000, 4))
    with_numba = frontier._thin(points, 5_000)
    monkeypatch.setitem(sys.modules, "numba", None)
    for name in ("cells", "compiled"):  # as if never imported: numba cannot be loaded
        monkeypatch.delitem(sys.modules, f"grandbargain.solve.{name}")
        monkeypatch.delattr(sys.modules["grandbargain.solve"], name)
    assert dominance.compiled_cells(*points.shape) is None
    without = frontier._thin(points, 5_000)
    assert without[0].tolist() == with_numba[0].tolist() and without[1] == with_numba[1]
