"""The maximal vectors of many distinct integer vectors, compiled (numba): three or more parties.

One job: given distinct integer vectors sorted lexicographically descending (the contract of
:func:`grandbargain.solve.dominance.maximal`), say which are maximal. In that order a vector
can only be dominated by an earlier one, and every earlier vector is at least as large in the
first coordinate, so vector ``x`` is dominated exactly when an earlier vector is at least as
large as ``x`` in every other coordinate (distinct vectors: never equal). By transitivity it is
enough to look among the earlier *maximal* vectors: they are inserted, one at a time, into a
k-d tree (Bentley 1975) over the other coordinates, and each new vector asks that tree whether
one of them is at least as large (the sort-filter-skyline order of Chomicki et al. 2003).

The tree's shape is fixed before the first insertion, from every ``STRIDE``-th vector (median
splits along the widest coordinate, at most ``LEAF`` of those vectors per leaf); maximal
vectors go to the leaf of their region, and every node keeps, over the vectors inserted below
it, the largest value of each coordinate (a node whose largest values cannot reach ``x`` is
not entered) and the vector with the largest coordinate sum (checked first: it settles most
dominated vectors high in the tree). Of two children that can reach ``x``, the one whose
largest values exceed it by more in its tightest coordinate is entered first. The last vector
found dominating is tried first for the next.

Three columns (three parties) need no tree: an earlier vector dominates ``x`` exactly when it
is at least as large in the second and the third coordinate, so :func:`maximal_mask_three`
keeps, in a Fenwick tree (Fenwick 1994) over the ranks of the second coordinate from the
largest down, the largest third coordinate of the maximal vectors so far, and asks it for the
largest third coordinate among those whose second is at least ``x``'s: ``O(n log n)``.

From :data:`HALVES` vectors on, where the process may use two cores, the tree search runs on
two threads (:func:`_in_halves`): numba functions that release the interpreter lock, started
from a ``concurrent.futures`` thread, so no numba threading layer is loaded.

This module imports numba, so it is imported only where it is used, on large inputs
(:mod:`grandbargain.solve.dominance`); ``cache=True`` keeps the machine code beside this file
(or, where that folder cannot be written, in numba's cache folder under the user's home), so
only the first call on a machine compiles.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numba import njit

from grandbargain.space import BoolArray, IntArray

LEAF = 8
"""Sampled vectors per leaf of the tree's shape (at most)."""
STRIDE = 8
"""One vector in ``STRIDE`` (in the input order) shapes the tree."""
_LOWEST = -(1 << 62)
"""Largest values of a node with nothing below it: below any vector, with room to subtract."""
HALVES = 200_000
"""From this many rows on, with two or more cores, :func:`maximal_mask` runs on two threads."""
FIRST = 0.54
"""The share of the rows the first thread takes (:func:`_in_halves`): the second share's
search costs more per row (on 4 parties at 20x10, 3-27% more at an even split)."""
SPAN = 1 << 60
"""Values times columns must stay below this (after the shift to 0), so that no sum of a row
and no difference with :data:`_LOWEST` overflows 64 bits."""

Tree = tuple[IntArray, IntArray, IntArray, IntArray, int]
"""A tree's shape: first child, parent, split coordinate, split value per node; nodes."""


def maximal_mask(q: IntArray) -> BoolArray | None:
    """Which rows of ``q`` are maximal (``q``: distinct rows, lexicographically descending,
    two or more columns); None if a column spans :data:`SPAN` / columns or more (numpy's
    turn). From :data:`HALVES` rows on, with two cores, the work is split in two threads."""
    rows, fits = _shifted(np.ascontiguousarray(q, dtype=np.int64), SPAN // max(1, q.shape[1]))
    if not fits:
        return None
    if len(rows) < HALVES or _cores() < 2:
        mask: BoolArray = _maximal(rows, LEAF, STRIDE)
        return mask
    return _in_halves(rows)


def _cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover (platforms without affinity)


def _in_halves(rows: IntArray) -> BoolArray:
    """:func:`maximal_mask` on two threads. The first part's maximal rows (:data:`FIRST` of
    the rows), and the second part's rows that no other row of it dominates, are found at
    the same time; the latter are then looked up (both threads again) in the first part's
    tree. A row of the second part is maximal exactly when neither part holds a row
    dominating it, and a row dominating it in the first part means a maximal one there does
    (transitivity)."""
    half = int(len(rows) * FIRST)
    first, second = rows[:half], rows[half:]
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = pool.submit(_scan, first, LEAF, STRIDE)
        left = np.flatnonzero(_scan(second, LEAF, STRIDE)[0])
        maximal, tree, box, head, after, kept = started.result()
        covered = np.zeros(len(left), dtype=np.bool_)
        split = len(left) // 2
        other = pool.submit(_query, second, left[:split], tree, box, head, after, kept, covered)
        _query(second, left[split:], tree, box, head, after, kept, covered[split:])
        other.result()
    mask = np.zeros(len(rows), dtype=np.bool_)
    mask[:half] = maximal
    mask[half + left[~covered]] = True
    return mask


@njit(cache=True, nogil=True)
def _shifted(q: IntArray, span: int) -> tuple[IntArray, bool]:
    """``q`` minus its columns' smallest values (``q`` itself where they are all 0), and
    whether every value is then below ``span``."""
    n, d = q.shape
    low = q[0].copy() if n else np.zeros(d, np.int64)
    high = low.copy()
    for i in range(n):
        for k in range(d):
            low[k], high[k] = min(low[k], q[i, k]), max(high[k], q[i, k])
    fits = bool(np.all(high - low < span))
    if not fits or not np.any(low != 0):
        return q, fits
    rows = np.empty((n, d), np.int64)
    for i in range(n):
        for k in range(d):
            rows[i, k] = q[i, k] - low[k]
    return rows, fits


@njit(cache=True)
def _select(points: IntArray, lo: int, hi: int, k: int, axis: int) -> None:
    """Reorder rows ``lo .. hi`` of ``points`` so that row ``k`` holds the ``k``-th smallest
    value of column ``axis``, no larger ones before it, no smaller ones after (Hoare 1961)."""
    width = points.shape[1]
    while hi - lo > 1:
        a, b, c = points[lo, axis], points[(lo + hi) // 2, axis], points[hi - 1, axis]
        pivot = max(min(a, b), min(max(a, b), c))  # the median of three
        i, j = lo, hi - 1
        while i <= j:
            while points[i, axis] < pivot:
                i += 1
            while points[j, axis] > pivot:
                j -= 1
            if i <= j:
                for t in range(width):
                    points[i, t], points[j, t] = points[j, t], points[i, t]
                i += 1
                j -= 1
        if k <= j:
            hi = j + 1
        elif k >= i:
            lo = i
        else:
            return


@njit(cache=True)
def _widest(points: IntArray, lo: int, hi: int) -> int:
    """The coordinate along which rows ``lo .. hi`` spread the most (-1: all rows equal)."""
    axis, spread = -1, 0
    for k in range(points.shape[1]):
        low = high = points[lo, k]
        for p in range(lo + 1, hi):
            low, high = min(low, points[p, k]), max(high, points[p, k])
        if high - low > spread:
            axis, spread = k, high - low
    return axis


@njit(cache=True)
def _shape(sample: IntArray, leaf: int) -> Tree:
    """The tree's shape over the rows of ``sample`` (reordered in place): each node's first
    child (the second follows it; -1 for a leaf), parent, split coordinate and split value
    (rows with at least that value go right), and the number of nodes."""
    n = sample.shape[0]
    size = 4 * (n // leaf + 2)
    first = np.full(size, -1, np.int64)
    parent = np.full(size, -1, np.int64)
    axis = np.zeros(size, np.int64)
    split = np.zeros(size, np.int64)
    lo, hi = np.zeros(size, np.int64), np.zeros(size, np.int64)
    hi[0] = n
    todo = [0]
    count = 1
    while todo:
        node = todo.pop()
        if hi[node] - lo[node] <= leaf:
            continue
        widest = _widest(sample, lo[node], hi[node])
        if widest < 0:
            continue
        middle = (lo[node] + hi[node]) // 2
        _select(sample, lo[node], hi[node], middle, widest)
        axis[node], split[node], first[node] = widest, sample[middle, widest], count
        for child, start, stop in ((count, lo[node], middle), (count + 1, middle, hi[node])):
            lo[child], hi[child], parent[child] = start, stop, node
            todo.append(child)
        count += 2
    return first, parent, axis, split, count


@njit(cache=True)
def _slack(box: IntArray, node: int, x: IntArray) -> int:
    """By how much node ``node``'s largest values exceed ``x`` in the tightest coordinate
    (negative: the node holds nothing at least as large as ``x``)."""
    least: int = box[node, 0] - x[0]
    for k in range(1, x.shape[0]):
        least = min(least, box[node, k] - x[k])
    return least


@njit(cache=True)
def _covers(points: IntArray, row: int, x: IntArray) -> bool:
    """Whether ``points[row]`` is at least ``x`` in every coordinate."""
    for k in range(x.shape[0]):  # noqa: SIM110 (numba compiles no generator passed to all)
        if points[row, k] < x[k]:
            return False
    return True


@njit(cache=True)
def _find(
    x: IntArray,
    total: int,
    tree: Tree,
    box: IntArray,
    head: IntArray,
    after: IntArray,
    kept: IntArray,
    stack: IntArray,
) -> int:
    """A kept row at least ``x`` in every coordinate (``total``: the sum of ``x``), or -1."""
    first = tree[0]
    width = x.shape[0]
    if _slack(box, 0, x) < 0:
        return -1
    stack[0], top = 0, 1
    while top:
        top -= 1
        node = stack[top]
        if box[node, width] >= total and _covers(kept, box[node, width + 1], x):
            return int(box[node, width + 1])
        child = first[node]
        if child < 0:
            row: int = head[node]
            while row >= 0:
                if _covers(kept, row, x):
                    return row
                row = after[row]
            continue
        left, right = _slack(box, child, x), _slack(box, child + 1, x)
        if left >= 0 and right >= 0:  # the roomier child on top, entered first
            roomy = child if left > right else child + 1
            stack[top], stack[top + 1] = 2 * child + 1 - roomy, roomy
            top += 2
        elif left >= 0 or right >= 0:
            stack[top] = child if left >= 0 else child + 1
            top += 1
    return -1


@njit(cache=True)
def _insert(
    x: IntArray,
    total: int,
    row: int,
    tree: Tree,
    box: IntArray,
    head: IntArray,
    after: IntArray,
) -> None:
    """Put kept row ``row`` (vector ``x``, sum ``total``) in its leaf and raise the largest
    values and best rows of the nodes above it, up to the first node already above it."""
    first, parent, axis, split = tree[0], tree[1], tree[2], tree[3]
    node = 0
    while first[node] >= 0:
        node = first[node] + (1 if x[axis[node]] >= split[node] else 0)
    after[row], head[node] = head[node], row
    width = x.shape[0]
    while node >= 0:
        changed = False
        for k in range(width):
            if box[node, k] < x[k]:
                box[node, k], changed = x[k], True
        if total > box[node, width]:
            box[node, width], box[node, width + 1], changed = total, row, True
        if not changed:
            return
        node = parent[node]


def _maximal(q: IntArray, leaf: int, stride: int) -> BoolArray:
    """:func:`maximal_mask` of C-ordered int64 ``q``, on one thread."""
    mask: BoolArray = _scan(q, leaf, stride)[0]
    return mask


@njit(cache=True, nogil=True)
def _scan(
    q: IntArray, leaf: int, stride: int
) -> tuple[BoolArray, Tree, IntArray, IntArray, IntArray, IntArray]:
    """The maximal rows of ``q`` (C-ordered int64, shifted to 0), and the tree that holds
    them at the end: its shape, boxes, leaf lists and kept rows (see :func:`_find`)."""
    n, width = q.shape[0], q.shape[1] - 1
    tree = _shape(q[::stride, 1:].copy(), leaf)
    nodes = tree[4]
    # per node: the largest value of each coordinate, the largest sum, that sum's row in kept
    box = np.full((nodes, width + 2), _LOWEST, np.int64)
    head = np.full(nodes, -1, np.int64)
    kept = np.empty((n, width), np.int64)  # the maximal rows so far, other coordinates
    after = np.empty(n, np.int64)  # the next kept row in the same leaf
    stack = np.empty(2 * nodes + 2, np.int64)
    mask = np.zeros(n, np.bool_)
    x = np.empty(width, np.int64)
    count, last = 0, -1
    for i in range(n):
        total = 0
        for k in range(width):
            x[k] = q[i, k + 1]
            total += x[k]
        if last >= 0 and _covers(kept, last, x):
            continue
        found = _find(x, total, tree, box, head, after, kept, stack)
        if found >= 0:
            last = found
            continue
        mask[i] = True
        kept[count, :] = x
        _insert(x, total, count, tree, box, head, after)
        count += 1
    return mask, tree, box, head, after, kept


@njit(cache=True, nogil=True)
def _query(
    q: IntArray,
    rows: IntArray,
    tree: Tree,
    box: IntArray,
    head: IntArray,
    after: IntArray,
    kept: IntArray,
    covered: BoolArray,
) -> None:
    """``covered[j]``: whether a row kept in the tree is at least ``q[rows[j]]`` in every
    coordinate but the first (the tree is only read)."""
    width = q.shape[1] - 1
    stack = np.empty(2 * box.shape[0] + 2, np.int64)
    x = np.empty(width, np.int64)
    last = -1
    for j in range(rows.shape[0]):
        total = 0
        for k in range(width):
            x[k] = q[rows[j], k + 1]
            total += x[k]
        if last >= 0 and _covers(kept, last, x):
            covered[j] = True
            continue
        found = _find(x, total, tree, box, head, after, kept, stack)
        if found >= 0:
            covered[j], last = True, found


def maximal_mask_three(q: IntArray) -> BoolArray:
    """:func:`maximal_mask` for three columns (see the module docstring)."""
    distinct, rank = np.unique(q[:, 1], return_inverse=True)
    from_top = (len(distinct) - 1 - rank).astype(np.int64)  # 0: the largest second value
    third = np.ascontiguousarray(q[:, 2] - q[:, 2].min(), dtype=np.int64)  # >= 0
    mask: BoolArray = _maximal_three(from_top, third, len(distinct))
    return mask


@njit(cache=True)
def _maximal_three(from_top: IntArray, third: IntArray, ranks: int) -> BoolArray:
    """Rows (in order) whose ``third`` beats that of every earlier kept row ranked at least as
    high (``from_top`` at most theirs); prefix maxima in a Fenwick tree of ``ranks`` slots."""
    n = from_top.shape[0]
    best = np.full(ranks + 1, -1, np.int64)  # 1-based; -1: nothing below any third value
    mask = np.zeros(n, np.bool_)
    for i in range(n):
        slot, top = from_top[i] + 1, -1
        while slot > 0:
            top = max(top, best[slot])
            slot -= slot & -slot
        if top >= third[i]:
            continue
        mask[i] = True
        slot = from_top[i] + 1
        while slot <= ranks:
            best[slot] = max(best[slot], third[i])
            slot += slot & -slot
    return mask
