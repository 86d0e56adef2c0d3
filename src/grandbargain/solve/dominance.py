"""Which of many distinct integer vectors are maximal (not dominated), without a Python loop.

``y`` dominates ``x`` when ``y >= x`` in every coordinate and ``y != x``. The frontier merge
(:mod:`grandbargain.solve.frontier`) hands over quantised utility vectors, distinct and sorted
lexicographically descending, so that no vector can be dominated by a later one. The method
depends on the number of coordinates (parties):

- one: only the first vector is maximal; two: a running maximum of the second coordinate
  (Kung, Luccio and Preparata 1975);
- three: divide and conquer over the sorted order (Bentley 1980): at level ``L`` the vectors of
  each left half-block are merged with those of the right half-block by the second coordinate,
  and a running maximum of the third tells each right vector whether a left one dominates it.
  Every level is one sort of packed integer keys and a few array passes, ``O(n log^2 n)`` work
  in ``O(log n)`` numpy steps, and dominated vectors leave the computation as soon as found;
- four or more: a grid sieve (:mod:`grandbargain.solve.sieve`) removes most dominated vectors
  in a few array passes, then a k-d tree (:mod:`grandbargain.solve.kdtree`, Bentley 1975)
  with sliding-midpoint splits (Maneewongvatana and Mount 1999) is searched for the rest at
  once level by level: a node is visited only if its largest values can reach the vector
  (tested on words that pack every coordinate), and a vector is settled as dominated as soon
  as the node's vector with the largest coordinate sum, or a vector of a leaf, dominates it;
- a few vectors (at most :data:`PAIRWISE`): every pair, in one array operation.

With numba installed (the ``fast`` extra), three or more coordinates and at least
:data:`COMPILED` vectors go instead to a compiled kernel (:mod:`grandbargain.solve.compiled`;
a Fenwick tree for three), which needs no sieve; it is imported only then, so small games
never load numba. The frontier merge then also quantises and sorts its candidates in one
compiled pass (:func:`compiled_sums`), whose distinct candidates go to the kernel however
few the suffix test leaves, and thinning counts its grid cells in another pass
(:func:`compiled_cells`). Without numba the numpy path above is used, with the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from grandbargain.solve import kdtree
from grandbargain.solve.sieve import sieve
from grandbargain.space import BoolArray, FloatArray, IntArray

if TYPE_CHECKING:
    from grandbargain.solve.sums import Beaten, Sorted

PAIRWISE = 96
"""Up to this many vectors every pair is compared directly."""
SIEVE = 4_096
"""From this many vectors on, a grid pass (:mod:`grandbargain.solve.sieve`) removes most
dominated vectors before the k-d tree is built over the rest."""
COMPILED = 30_000
"""From this many vectors on (three or more coordinates) the compiled kernel is used, where
numba is installed: below it, numpy is fast enough and importing numba would cost more."""


def compiled_kernel(
    n: int, d: int, least: int | None = None
) -> Callable[[IntArray], BoolArray | None] | None:
    """The compiled maximal-vector kernel for ``n`` rows of ``d`` columns, or None where numpy
    is used: fewer than three columns or ``least`` rows (:data:`COMPILED` unless numba is
    already in use for these rows), numba not installed (imported here, on first need) or no
    folder to cache its machine code in. The kernel itself answers None for values too wide."""
    if d < 3 or n < (COMPILED if least is None else least):
        return None
    try:
        from grandbargain.solve import compiled
    except (ImportError, RuntimeError):
        # ImportError: numba (an optional extra) is not installed; RuntimeError: numba found
        # no writable folder for its cache (cache=True)
        return None
    return compiled.maximal_mask if d > 3 else compiled.maximal_mask_three


def compiled_sums(
    n: int, d: int
) -> Callable[[FloatArray, FloatArray, Beaten | None], Sorted | None] | None:
    """The compiled pass that quantises and sorts a merge's ``n`` candidates of ``d``
    coordinates (:func:`grandbargain.solve.sums.distinct_sums`), or None where numpy does it:
    wherever :func:`compiled_kernel` gives no kernel for all ``n`` candidates."""
    if compiled_kernel(n, d) is None:
        return None
    from grandbargain.solve import sums

    return sums.distinct_sums


def compiled_cells(n: int, d: int) -> Callable[[IntArray], IntArray] | None:
    """The compiled count of distinct grid cells (:func:`grandbargain.solve.cells.first_rows`)
    for ``n`` points of ``d`` coordinates, or None where numpy does it: wherever
    :func:`compiled_kernel` gives no kernel (fewer than three coordinates or :data:`COMPILED`
    points, numba not installed or no folder to cache its machine code in)."""
    if compiled_kernel(n, d) is None:
        return None
    from grandbargain.solve import cells

    return cells.first_rows


def descending(values: IntArray) -> IntArray:
    """Stable order of ``values`` from largest to smallest (equal values by position)."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    bits = max(1, int(n).bit_length())
    top = int(values.max())
    if top - int(values.min()) < 1 << (62 - bits):  # one packed key: (top - value, position)
        packed = np.sort(((top - values) << bits) | np.arange(n, dtype=np.int64))
        order: IntArray = packed & ((1 << bits) - 1)
        return order
    return np.argsort(-values, kind="stable")


def lex_desc_order(q: IntArray) -> IntArray:
    """Stable order of the rows of ``q`` by the first column descending, then the second..."""
    order = descending(q[:, 0])
    if q.shape[1] == 1 or len(q) < 2:
        return order
    first = q[order, 0]
    same = np.flatnonzero(first[1:] == first[:-1])  # position k ties with k + 1
    if not len(same):
        return order
    tied = np.union1d(same, same + 1)  # sorted positions in runs of equal first coordinates
    joined = np.zeros(len(q), dtype=bool)
    joined[same + 1] = True  # position k + 1 continues the run of k
    group = np.cumsum(~joined[tied])
    members = order[tied]
    keys = (members, *(-q[members, k] for k in reversed(range(1, q.shape[1]))), group)
    order[tied] = members[np.lexsort(keys)]
    return order


def maximal(q: IntArray, sieved: bool = False, compiled: bool = False) -> IntArray:
    """Positions of the maximal rows of ``q`` (distinct rows, sorted lexicographically
    descending), in increasing order. ``sieved``: the grid sieve already ran on the rows;
    ``compiled``: numba is already in use for them (:func:`compiled_sums` listed them), so
    the compiled kernel takes them however few (more than :data:`PAIRWISE`)."""
    n, d = q.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if d == 1:
        return np.zeros(1, dtype=np.int64)
    if d == 2:
        best_before = np.maximum.accumulate(q[:, 1])
        keep = np.ones(n, dtype=bool)
        keep[1:] = q[1:, 1] > best_before[:-1]
        return np.flatnonzero(keep)
    if n <= PAIRWISE:
        return np.flatnonzero(~_dominated_pairwise(q))
    kernel = compiled_kernel(n, d, least=0 if compiled else None)
    mask = None if kernel is None else kernel(q)
    if mask is not None:
        return np.flatnonzero(mask)
    if d == 3:
        return np.flatnonzero(~_dominated_three(q))
    return np.flatnonzero(~(kdtree.dominated(q) if sieved else _dominated_kd(q)))


def _dominated_pairwise(q: IntArray) -> BoolArray:
    at_least = np.ones((len(q), len(q)), dtype=bool)  # [j, i]: row j >= row i
    for k in range(q.shape[1]):
        at_least &= q[:, None, k] >= q[None, :, k]
    np.fill_diagonal(at_least, False)
    dominated: BoolArray = np.any(at_least, axis=0)
    return dominated


def _dense_rank(values: IntArray) -> tuple[IntArray, int]:
    distinct, rank = np.unique(values, return_inverse=True)
    return rank.astype(np.int64), len(distinct)


def _dominated_three(q: IntArray) -> BoolArray:
    """Divide and conquer over the lexicographic order (see the module docstring).

    ``j < i`` implies ``q[j, 0] >= q[i, 0]``, so an earlier row dominates row ``i`` exactly when
    it is at least as large in the other two coordinates. At level ``L`` each block of
    ``2^(L+1)`` rows is merged by the second coordinate (descending; the left half first on
    ties), and the largest third coordinate of the left rows seen so far is compared with each
    right row's. Over all levels every earlier row is compared once.
    """
    n = len(q)
    # rank 0 = largest: q[j, 1] >= q[i, 1] exactly when second[j] <= second[i]
    second, n_second = _dense_rank(-q[:, 1])
    third, n_third = _dense_rank(q[:, 2])
    dominated = np.zeros(n, dtype=bool)
    alive = np.arange(n, dtype=np.int64)
    bits = max(1, int(n).bit_length())
    packed = n * n_second * 2 < 1 << (62 - bits)
    level = 0
    while 1 << level < n and len(alive):
        block = alive >> (level + 1)
        key = ((block * n_second + second[alive]) << 1) | ((alive >> level) & 1)
        if packed:
            alive = np.sort((key << bits) | alive) & ((1 << bits) - 1)
        else:
            alive = alive[np.argsort(key, kind="stable")]
        block = alive >> (level + 1)
        right = ((alive >> level) & 1).astype(bool)
        offset = block * (n_third + 2)
        seen = np.maximum.accumulate(np.where(right, 0, third[alive] + 1) + offset) - offset - 1
        dominated[alive[right & (seen >= third[alive])]] = True
        alive = alive[~dominated[alive]]
        level += 1
    return dominated


def _dominated_kd(q: IntArray) -> BoolArray:
    """Rows of ``q`` that another row dominates: the grid sieve first (on many rows), then a
    search of a k-d tree over the rows the sieve left."""
    if len(q) < max(1, SIEVE):
        return kdtree.dominated(q)
    dominated = sieve(q)
    left = np.flatnonzero(~dominated)
    dominated[left[kdtree.dominated(q[left])]] = True
    return dominated
