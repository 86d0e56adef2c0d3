"""The candidates of one frontier merge, quantised, sorted and de-duplicated, compiled (numba).

One job: given the frontier so far ``U`` (rows lexicographically descending on the 1e-9 grid)
and a unit's Pareto-optimal values ``V``, list the candidates ``U[i] + V[c]`` (numbered
``i * len(V) + c``) as :func:`grandbargain.solve.frontier.pareto_indices` sees them: each
quantised to the grid, all of them in lexicographically descending order (equal vectors by
number), where each run of equal vectors starts, and the distinct vectors in that order (less
their smallest value in each coordinate, which changes no dominance).

Each candidate is added, divided by the tolerance and rounded exactly as numpy does it there
(``np.add.outer``, ``/``, ``np.rint``: the same IEEE operations, so the same integers), without
the float matrix of candidates, nor an integer one: the first coordinate goes into the sort key,
the others are computed again where needed (reading ``U`` and ``V``, far smaller than a matrix
of every candidate, is cheaper than storing and gathering one). The order comes from one sort
of packed integer keys (first coordinate, then number: numpy's vectorised sort), after which
the runs of equal first coordinates, short and rare, are put in order by the other
coordinates. Rows of ``U + V[c]`` for one ``c`` are nearly in order already, but not exactly:
rounding can make two first coordinates equal and let the second decide the other way, so the
sort does not rely on it.

This module imports numba, so it is imported only where it is used, on large merges
(:mod:`grandbargain.solve.dominance`), with its machine code cached as in
:mod:`grandbargain.solve.compiled`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from grandbargain.space import TOLERANCE, BoolArray, FloatArray, IntArray

Beaten = tuple[IntArray, BoolArray]
"""Candidates left out: ``i * len(V) + c`` is when ``table[suffix[i] * len(V) + c]``."""
Sorted = tuple[IntArray, BoolArray, IntArray]
"""Candidate numbers in order, where each run of equal vectors starts, the distinct vectors."""


def distinct_sums(
    utilities: FloatArray, values: FloatArray, beaten: Beaten | None = None
) -> Sorted | None:
    """The merge's candidates in order (see the module docstring); None where the packed sort
    keys would not fit 64 bits (numpy's turn). ``beaten`` (:mod:`grandbargain.solve.suffixes`)
    names candidates known to be dominated: they are left out."""
    total = len(utilities) * len(values)
    bits = max(1, total.bit_length())
    u = np.ascontiguousarray(utilities, dtype=np.float64)
    v = np.ascontiguousarray(values, dtype=np.float64)
    suffix, table = beaten or (np.zeros(len(u), np.int64), np.zeros(len(v), np.bool_))
    keys, top, fits = _keys(u, v, TOLERANCE, bits, suffix, table)
    if not fits:
        return None
    keys.sort()
    order, starts, distinct = _in_order(u, v, TOLERANCE, keys, bits, top)
    return order, starts, distinct


@njit(cache=True)
def _grid(u: FloatArray, v: FloatArray, tolerance: float, row: int, k: int) -> int:
    """Coordinate ``k`` of candidate ``row`` (``i * len(v) + c``) on the grid: numpy's
    ``np.rint((u[i] + v[c]) / tolerance)``."""
    i, c = divmod(row, v.shape[0])
    return int(np.rint((u[i, k] + v[c, k]) / tolerance))


@njit(cache=True, nogil=True)
def _keys(
    u: FloatArray, v: FloatArray, tolerance: float, bits: int, suffix: IntArray, table: BoolArray
) -> tuple[IntArray, int, bool]:
    """The sort keys of the candidates not left out (``table[suffix[i] * len(v) + c]``):
    the first coordinate from the top, then the row number; that top; False if the keys
    would overflow."""
    n, m = u.shape[0], v.shape[0]
    keys = np.empty(n * m, np.int64)
    first = np.empty(n * m, np.int64)
    count = 0
    for i in range(n):
        for c in range(m):
            if not table[suffix[i] * m + c]:
                keys[count] = i * m + c
                first[count] = np.int64(np.rint((u[i, 0] + v[c, 0]) / tolerance))
                count += 1
    if count == 0:
        return keys[:0], 0, True
    top, low = first[:count].max(), first[:count].min()
    if top - low >= 1 << (62 - bits):
        return keys[:0], top, False
    for j in range(count):
        keys[j] |= (top - first[j]) << bits
    return keys[:count], top, True


@njit(cache=True)
def _later(u: FloatArray, v: FloatArray, tolerance: float, a: int, b: int) -> bool:
    """Whether candidate ``a`` comes after candidate ``b`` among candidates of equal first
    coordinate: smaller in the first coordinate that differs, or equal with a larger number."""
    for k in range(1, u.shape[1]):
        x, y = _grid(u, v, tolerance, a, k), _grid(u, v, tolerance, b, k)
        if x != y:
            return x < y
    return a > b


@njit(cache=True)
def _order_runs(
    u: FloatArray, v: FloatArray, tolerance: float, keys: IntArray, bits: int, order: IntArray
) -> None:
    """Put each run of equal first coordinates of ``order`` in order (insertion sort)."""
    start, total = 0, keys.shape[0]
    while start < total:
        stop = start + 1
        while stop < total and keys[stop] >> bits == keys[start] >> bits:
            stop += 1
        for a in range(start + 1, stop):
            row, j = order[a], a
            while j > start and _later(u, v, tolerance, order[j - 1], row):
                order[j] = order[j - 1]
                j -= 1
            order[j] = row
        start = stop


@njit(cache=True, nogil=True)
def _in_order(
    u: FloatArray, v: FloatArray, tolerance: float, keys: IntArray, bits: int, top: int
) -> tuple[IntArray, BoolArray, IntArray]:
    """From the sorted keys: the order of the candidates, run starts and the distinct vectors
    (less each column's smallest value: no dominance changes, and the kernel needs no copy).
    Each candidate's coordinates are computed again from ``u`` and ``v``, which are read far
    more cheaply than a matrix of every candidate."""
    total, d = keys.shape[0], u.shape[1]
    order = keys & ((1 << bits) - 1)
    _order_runs(u, v, tolerance, keys, bits, order)
    starts = np.zeros(total, np.bool_)
    distinct = np.empty((total, d), np.int64)
    x = np.empty(d, np.int64)
    count = 0
    for t in range(total):
        row = order[t]
        x[0] = top - (keys[t] >> bits)  # the first coordinate, from the key
        for k in range(1, d):
            x[k] = _grid(u, v, tolerance, row, k)
        new = count == 0
        for k in range(d):
            if new:
                break
            new = distinct[count - 1, k] != x[k]
        if new:
            starts[t] = True
            distinct[count, :] = x
            count += 1
    distinct = distinct[:count]
    if count:
        low = distinct[0].copy()
        for r in range(count):
            for k in range(d):
                low[k] = min(low[k], distinct[r, k])
        distinct -= low
    return order, starts, distinct


def unbeaten(sums: FloatArray, margin: float) -> BoolArray:
    """Rows of ``sums`` that no other row exceeds by at least ``margin`` in every column.

    Sort-filter-skyline (Chomicki et al. 2003): a row that exceeds another by ``margin``
    everywhere has the larger coordinate sum, so in order of decreasing sum each row is
    compared with the earlier rows found unbeaten only (exceeding by a margin is transitive:
    a row beaten by a beaten row is beaten by a row further up the chain, and the chain ends
    at an unbeaten one, its sum growing at every step). The order is numpy's (the compiled
    loop stays small: less machine code to load in a fresh process)."""
    order = np.argsort(-sums.sum(axis=1), kind="stable")
    free: BoolArray = _unbeaten(np.ascontiguousarray(sums, dtype=np.float64), order, margin)
    return free


@njit(cache=True)
def _unbeaten(sums: FloatArray, order: IntArray, margin: float) -> BoolArray:
    """:func:`unbeaten`, the rows taken in ``order``."""
    n, d = sums.shape
    kept = np.empty(n, np.int64)
    free = np.zeros(n, np.bool_)
    count = 0
    for a in order:
        beaten = False
        for j in range(count):
            b = kept[j]
            beaten = True
            for k in range(d):
                if sums[b, k] < sums[a, k] + margin:
                    beaten = False
                    break
            if beaten:
                break
        if not beaten:
            free[a] = True
            kept[count] = a
            count += 1
    return free
