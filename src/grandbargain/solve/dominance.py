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
- four or more: a k-d tree (Bentley 1975) with sliding-midpoint splits (Maneewongvatana and
  Mount 1999), searched for all vectors at once level by level: a node is visited only if its
  largest values can reach the vector (tested on words that pack every coordinate, then
  exactly), and a vector is settled as dominated as soon as the node's vector with the largest
  coordinate sum, or a vector of a leaf, dominates it;
- a few vectors (at most :data:`PAIRWISE`): every pair, in one array operation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from grandbargain.space import BoolArray, IntArray

UIntArray = NDArray[np.uint64]

PAIRWISE = 96
"""Up to this many vectors every pair is compared directly."""
LEAF = 8
"""Largest number of vectors in a k-d tree leaf."""
QUERY_CHUNK = 32_768
"""Vectors searched for together in the k-d tree (bounds the memory of one search)."""


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


def maximal(q: IntArray) -> IntArray:
    """Positions of the maximal rows of ``q`` (distinct rows, sorted lexicographically
    descending), in increasing order."""
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
    if d == 3:
        return np.flatnonzero(~_dominated_three(q))
    return np.flatnonzero(~_dominated_kd(q))


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


@dataclass(frozen=True)
class _Level:
    """The nodes of one depth of a k-d tree: rows ``start .. start + size`` of the tree order,
    the largest value of each coordinate in each node (``high``), each node's row with the
    largest coordinate sum (``best``) and its two children (-1, -1 for a leaf)."""

    start: IntArray
    size: IntArray
    high: tuple[IntArray, ...]
    best: IntArray
    children: IntArray


def _split(
    points: IntArray, start: IntArray, size: IntArray, low: IntArray, high: IntArray
) -> tuple[IntArray, IntArray]:
    """Sliding-midpoint split of the nodes (``points`` holds their rows one node after the
    other) as a stable partition: (new position of each of those rows, rows going left)."""
    divide = size > max(1, LEAF)
    axis = np.argmax(high - low, axis=1)
    nodes = np.arange(len(start))
    middle = low[nodes, axis] + (high[nodes, axis] - low[nodes, axis]) // 2  # no overflow
    node = np.repeat(nodes, size)
    first = np.cumsum(size) - size  # where each node begins in ``points``
    goes_right = (points[np.arange(len(points)), axis[node]] > middle[node]) & divide[node]
    right_before = np.cumsum(goes_right) - goes_right
    right_within = right_before - right_before[first][node]
    n_right = np.add.reduceat(goes_right.astype(np.int64), first)
    n_left = size - n_right
    position = np.arange(len(points)) - first[node]
    new = np.where(
        goes_right, start[node] + n_left[node] + right_within, start[node] + position - right_within
    )
    return new, n_left


def _best(total: IntArray, ids: IntArray, first: IntArray, size: IntArray) -> IntArray:
    """The id of the row with the largest coordinate sum ``total`` in each node (the first
    on ties)."""
    top = np.maximum.reduceat(total, first)
    at = np.where(total == np.repeat(top, size), np.arange(len(total)), len(total))
    best: IntArray = ids[np.minimum.reduceat(at, first)]
    return best


def _build_kd(q: IntArray) -> tuple[list[_Level], IntArray]:
    """The levels of a k-d tree over the rows of ``q`` and the tree order of the rows (each
    level's ``best`` holds row numbers of ``q``)."""
    order = np.arange(len(q), dtype=np.int64)
    sums = q.sum(axis=1, dtype=np.int64)
    start, size = np.zeros(1, dtype=np.int64), np.array([len(q)], dtype=np.int64)
    levels: list[_Level] = []
    while len(start):
        rows = np.repeat(start - (np.cumsum(size) - size), size) + np.arange(int(size.sum()))
        ids = order[rows]
        points = q[ids]
        first = np.cumsum(size) - size
        low = np.minimum.reduceat(points, first, axis=0)
        high = np.maximum.reduceat(points, first, axis=0)
        best = _best(sums[ids], ids, first, size)
        new, n_left = _split(points, start, size, low, high)
        order[new] = ids
        divide = size > max(1, LEAF)  # a split of distinct rows leaves both sides non-empty
        children = np.full((len(start), 2), -1, dtype=np.int64)
        children[divide] = np.arange(2 * int(divide.sum())).reshape(-1, 2)
        columns = tuple(high[:, k].copy() for k in range(q.shape[1]))
        levels.append(_Level(start, size, columns, best, children))
        start = np.stack([start, start + n_left], axis=1)[divide].ravel()
        size = np.stack([n_left, size - n_left], axis=1)[divide].ravel()
    return levels, order


class _Packed:
    """Coordinates cut to a few bits each and packed into one unsigned word per row, so that
    one subtraction compares all coordinates at once (SIMD within a register): with a guard
    bit above each field, ``((x | guard) - y) & guard == guard`` exactly when every field of
    ``x`` is at least that of ``y``. Cutting keeps order, so ``x >= y`` implies the test: it
    rules out, and an exact check confirms."""

    def __init__(self, q: IntArray) -> None:
        self.width = 64 // q.shape[1]
        self.low = q.min(axis=0).astype(np.int64)
        self.span = q.max(axis=0).astype(np.int64) - self.low + 1
        self.guard = np.uint64(
            sum(1 << (k * self.width + self.width - 1) for k in range(q.shape[1]))
        )

    def pack(self, q: IntArray) -> UIntArray:
        """One word per row of ``q``."""
        buckets = 1 << (self.width - 1)
        word = np.zeros(len(q), dtype=np.uint64)
        for k in range(q.shape[1]):
            share = (q[:, k].astype(np.int64) - self.low[k]) / float(self.span[k])
            cut = np.minimum((share * buckets).astype(np.int64), buckets - 1)  # order kept
            word |= cut.astype(np.uint64) << np.uint64(k * self.width)
        return word

    def at_least(self, x: UIntArray, y: UIntArray) -> BoolArray:
        """Where every field of ``x`` is at least that of ``y``."""
        result: BoolArray = ((x | self.guard) - y) & self.guard == self.guard
        return result


def _dominated_kd(q: IntArray) -> BoolArray:
    """Rows of ``q`` that another row dominates, by a search of a k-d tree over all rows."""
    if not len(q):
        return np.zeros(0, dtype=bool)
    base = q.min(axis=0)
    if int((q.max(axis=0) - base).max()) < 2**31:  # half the memory traffic
        q = (q - base).astype(np.int32)
    levels, order = _build_kd(q)
    position = np.empty(len(q), dtype=np.int64)
    position[order] = np.arange(len(q))
    levels = [replace(level, best=position[level.best]) for level in levels]
    points = q[order]
    packer = _Packed(points)
    tree = _Tree(
        levels,
        [packer.pack(np.stack(level.high, axis=1)) for level in levels],
        tuple(points[:, k].copy() for k in range(q.shape[1])),
        packer.pack(points),
        packer,
    )
    dominated = np.zeros(len(q), dtype=bool)
    for first in range(0, len(q), QUERY_CHUNK):
        _search(tree, np.arange(first, min(len(q), first + QUERY_CHUNK)), dominated)
    out: BoolArray = dominated[position]
    return out


@dataclass(frozen=True)
class _Tree:
    """A k-d tree ready for searching: levels, their packed ``high`` corners, the rows'
    columns and packed rows (tree order), and the packing."""

    levels: list[_Level]
    high: list[UIntArray]
    columns: tuple[IntArray, ...]
    packed: UIntArray
    packer: _Packed

    def at_least(self, x: IntArray, y: IntArray) -> BoolArray:
        """Where row ``x`` >= row ``y`` in every coordinate (tree positions)."""
        maybe = np.flatnonzero(self.packer.at_least(self.packed[x], self.packed[y]))
        exact = np.ones(len(maybe), dtype=bool)
        for column in self.columns:
            exact &= column[x[maybe]] >= column[y[maybe]]
        result = np.zeros(len(x), dtype=bool)
        result[maybe[exact]] = True
        return result


def _search(tree: _Tree, rows: IntArray, dominated: BoolArray) -> None:
    """Mark the ``rows`` (in tree order) that some other row dominates: each row goes down
    every node whose largest values may reach it, and stops when the node's best row or a row
    of a leaf dominates it."""
    node = np.zeros(len(rows), dtype=np.int64)
    for level, high in zip(tree.levels, tree.high, strict=True):
        can = tree.packer.at_least(high[node], tree.packed[rows])
        rows, node = rows[can], node[can]
        best = level.best[node]
        beaten = tree.at_least(best, rows) & (best != rows)
        dominated[rows[beaten]] = True
        rows, node = rows[~beaten], node[~beaten]
        leaf = level.children[node, 0] < 0
        if leaf.any():
            _check_leaves(tree, level, rows[leaf], node[leaf], dominated)
        rows, node = rows[~leaf], node[~leaf]
        if not len(rows):
            return
        node = level.children[node].ravel()
        rows = np.repeat(rows, 2)
        open_ = ~dominated[rows]
        rows, node = rows[open_], node[open_]


def _check_leaves(
    tree: _Tree, level: _Level, rows: IntArray, node: IntArray, dominated: BoolArray
) -> None:
    size = level.size[node]
    pair = np.repeat(np.arange(len(rows)), size)
    within = np.arange(len(pair)) - np.repeat(np.cumsum(size) - size, size)
    other, row = level.start[node][pair] + within, rows[pair]
    hit = tree.at_least(other, row) & (other != row)
    dominated[row[hit]] = True
