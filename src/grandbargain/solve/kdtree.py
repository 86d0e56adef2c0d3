"""A k-d tree over distinct integer vectors that tells which of them another one dominates.

Bentley (1975), with sliding-midpoint splits (Maneewongvatana and Mount 1999). The tree is
searched for many vectors at once, level by level, without a per-vector Python loop: a vector
enters a node only if the node's largest values can reach it (tested on words that pack every
coordinate, see :class:`Packed`), and is settled as dominated as soon as the node's vector with
the largest coordinate sum, or a vector of a leaf, dominates it. The search runs in
:data:`QUERY_CHUNK` blocks of vectors, two blocks at a time on two threads where the machine has
two cores (numpy releases the interpreter lock in the array operations; each block writes only
the flags of its own vectors, so the result does not depend on the threads).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from grandbargain.space import BoolArray, IntArray

UIntArray = NDArray[np.uint64]

LEAF = 8
"""Largest number of vectors in a leaf."""
QUERY_CHUNK = 32_768
"""Vectors searched for together (bounds the memory of one search)."""
THREADS = min(2, os.cpu_count() or 1)
"""Threads that search blocks of vectors at the same time."""


@dataclass(frozen=True)
class Level:
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


def build(q: IntArray) -> tuple[list[Level], IntArray]:
    """The levels of a k-d tree over the rows of ``q`` and the tree order of the rows (each
    level's ``best`` holds row numbers of ``q``)."""
    order = np.arange(len(q), dtype=np.int64)
    sums = q.sum(axis=1, dtype=np.int64)
    start, size = np.zeros(1, dtype=np.int64), np.array([len(q)], dtype=np.int64)
    levels: list[Level] = []
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
        levels.append(Level(start, size, columns, best, children))
        start = np.stack([start, start + n_left], axis=1)[divide].ravel()
        size = np.stack([n_left, size - n_left], axis=1)[divide].ravel()
    return levels, order


class Packed:
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
        word = x | self.guard  # one new array, then worked on in place (the hot loop's test)
        np.subtract(word, y, out=word)
        np.bitwise_and(word, self.guard, out=word)
        result: BoolArray = word == self.guard
        return result


Index = NDArray[np.int64]


@dataclass(frozen=True)
class _Nodes:
    """One depth of the tree as the search reads it (rows in tree order): each node's first
    row and size, its row with the largest coordinate sum and that row's packed word, whether
    it is a leaf, its first child (the other is the next one) and both children's packed
    ``high`` corners (one row of two words per node)."""

    start: Index
    size: Index
    best: Index
    best_word: UIntArray
    leaf: BoolArray
    first_child: Index
    child_high: UIntArray


@dataclass(frozen=True)
class _Tree:
    """A tree ready for searching: its depths, the rows' columns and packed rows (tree
    order), and the packing."""

    depths: list[_Nodes]
    columns: tuple[IntArray, ...]
    packed: UIntArray
    packer: Packed

    def at_least(self, x_word: UIntArray, x: Index, y_word: UIntArray, y: Index) -> BoolArray:
        """Where row ``x`` >= row ``y`` in every coordinate and ``x != y`` (tree positions
        and their packed words)."""
        maybe = np.flatnonzero(self.packer.at_least(x_word, y_word))
        x, y = x[maybe], y[maybe]
        exact = x != y
        for column in self.columns:
            exact &= column[x] >= column[y]
        result = np.zeros(len(y_word), dtype=bool)
        result[maybe[exact]] = True
        return result


def _depth(level: Level, position: IntArray, packed: UIntArray, high: UIntArray) -> _Nodes:
    """The search's view of one depth (``high``: the packed corners of the next depth)."""
    first = level.children[:, 0]
    inner = first >= 0
    child_high = np.zeros((len(first), 2), dtype=np.uint64)
    child_high[inner] = np.stack([high[first[inner]], high[first[inner] + 1]], axis=1)
    best = position[level.best]
    return _Nodes(
        level.start,
        level.size,
        best,
        packed[best],
        ~inner,
        first,
        child_high,
    )


def _prepare(q: IntArray) -> tuple[_Tree, IntArray]:
    """The tree over the rows of ``q`` and each row's position in tree order."""
    levels, order = build(q)
    position = np.empty(len(q), dtype=np.int64)
    position[order] = np.arange(len(q))
    points = q[order]
    packer = Packed(points)
    packed = packer.pack(points)
    highs = [packer.pack(np.stack(level.high, axis=1)) for level in levels[1:]]
    highs.append(np.zeros(0, dtype=np.uint64))
    depths = [
        _depth(level, position, packed, high) for level, high in zip(levels, highs, strict=True)
    ]
    columns = tuple(points[:, k].copy() for k in range(q.shape[1]))
    return _Tree(depths, columns, packed, packer), position


def dominated(q: IntArray) -> BoolArray:
    """Rows of ``q`` (distinct) that another row dominates."""
    if not len(q):
        return np.zeros(0, dtype=bool)
    base = q.min(axis=0)
    if int((q.max(axis=0) - base).max()) < 2**31:  # half the memory traffic
        q = (q - base).astype(np.int32)
    tree, position = _prepare(q)
    flags = np.zeros(len(q), dtype=bool)
    chunk = max(1, QUERY_CHUNK)
    blocks = [np.arange(a, min(len(q), a + chunk), dtype=np.int64) for a in range(0, len(q), chunk)]
    if THREADS > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(lambda rows: _search(tree, rows, flags), blocks))
    else:
        for rows in blocks:
            _search(tree, rows, flags)
    out: BoolArray = flags[position]
    return out


def _search(tree: _Tree, rows: Index, flags: BoolArray) -> None:
    """Flag the ``rows`` (in tree order) that some other row dominates: each row goes down
    every node whose largest values may reach it, and stops when the node's best row or a row
    of a leaf dominates it. Only the flags of ``rows`` are read or written."""
    node = np.zeros(len(rows), dtype=np.int64)  # the root reaches every row
    word = tree.packed[rows]
    settled = False  # whether a row was flagged at the depth above (it may sit in other nodes)
    for nodes in tree.depths:
        if settled:
            open_ = ~flags[rows]
            rows, node, word = rows[open_], node[open_], word[open_]
        beaten = tree.at_least(nodes.best_word[node], nodes.best[node], word, rows)
        flags[rows[beaten]] = True
        leaf = nodes.leaf[node]
        settled = bool(beaten.any())
        if leaf.any():
            at_leaf = leaf & ~beaten
            _check_leaves(tree, nodes, rows[at_leaf], node[at_leaf], flags)
            settled = True
        done = leaf | beaten
        rows, node, word = rows[~done], node[~done], word[~done]
        if not len(rows):
            return
        reach = tree.packer.at_least(nodes.child_high[node], word[:, None])
        pick = np.flatnonzero(reach)  # (row, side) pairs, two per row
        which = pick >> 1
        rows, word = rows[which], word[which]
        node = nodes.first_child[node[which]] + (pick & 1)


def _check_leaves(tree: _Tree, nodes: _Nodes, rows: Index, node: Index, flags: BoolArray) -> None:
    size = nodes.size[node]
    pair = np.repeat(np.arange(len(rows)), size)
    within = np.arange(len(pair)) - np.repeat(np.cumsum(size) - size, size)
    other, row = nodes.start[node][pair] + within, rows[pair]
    flags[row[tree.at_least(tree.packed[other], other, tree.packed[row], row)]] = True
