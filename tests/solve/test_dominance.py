"""Maximal vectors and the lexicographic order equal a direct pairwise comparison.

The divide-and-conquer (three coordinates) and k-d tree (four or more) paths are forced on
small inputs by setting the pairwise threshold to zero, with leaves and query chunks of
every size, searched on two threads, with and without the grid sieve in front, so that their
edge cases (ties in every coordinate, one-row nodes, chunks that do not divide the rows,
values too wide for 32 bits, rows in the top cells of the grid) are reached.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grandbargain.solve import dominance, kdtree


@st.composite
def _vectors(draw: st.DrawFn) -> np.ndarray:
    """Distinct integer rows with many ties per coordinate, now and then very wide values."""
    d = draw(st.integers(1, 7))
    top = draw(st.sampled_from([1, 2, 3, 6, 40]))
    q = draw(
        arrays(np.int64, st.tuples(st.integers(0, 90), st.just(d)), elements=st.integers(0, top))
    )
    scale = draw(st.sampled_from([1, 1, 10**9, 2**40]))
    return np.unique(q * scale - draw(st.integers(0, 5)), axis=0)


def _maximal_by_pairs(q: np.ndarray) -> np.ndarray:
    at_least = np.all(q[:, None, :] >= q[None, :, :], axis=2)
    np.fill_diagonal(at_least, False)
    return np.flatnonzero(~at_least.any(axis=0))


@settings(max_examples=300, deadline=None)
@given(_vectors(), st.integers(1, 9), st.sampled_from([1, 5, 32_768]), st.sampled_from([0, 10**9]))
def test_maximal_equals_pairwise_comparison(
    q: np.ndarray, leaf: int, chunk: int, sieve: int
) -> None:
    order = dominance.lex_desc_order(q)
    expected = np.lexsort(tuple(-q[:, k] for k in reversed(range(q.shape[1]))))
    assert order.tolist() == expected.tolist()
    sorted_q = q[order]
    truth = _maximal_by_pairs(sorted_q).tolist()
    assert dominance.maximal(sorted_q).tolist() == truth
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "PAIRWISE", 0)
        patch.setattr(kdtree, "LEAF", leaf)
        patch.setattr(kdtree, "QUERY_CHUNK", chunk)
        patch.setattr(kdtree, "THREADS", 2)  # several blocks searched on two threads
        patch.setattr(dominance, "SIEVE", sieve)  # the grid pass on every size, or never
        assert dominance.maximal(sorted_q).tolist() == truth
        if q.shape[1] >= 3:  # the k-d tree also serves three coordinates
            assert np.flatnonzero(~dominance._dominated_kd(sorted_q)).tolist() == truth


@settings(max_examples=200, deadline=None)
@given(st.integers(4, 9), st.integers(0, 2**32 - 1))
def test_packed_comparison_never_rules_out_a_true_one(d: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    q = rng.integers(-(2**45), 2**45, size=(200, d)) // rng.integers(1, 2**44)
    packer = kdtree.Packed(q)
    x, y = rng.integers(0, len(q), 2000), rng.integers(0, len(q), 2000)
    true = np.all(q[x] >= q[y], axis=1)
    assert np.all(packer.at_least(packer.pack(q[x]), packer.pack(q[y]))[true])


def test_lex_order_is_stable_for_equal_rows() -> None:
    q = np.array([[1, 2], [1, 2], [3, 0], [1, 2], [3, 1]])
    assert dominance.lex_desc_order(q).tolist() == [4, 2, 0, 1, 3]
