"""The candidates of one frontier merge, quantised, sorted and de-duplicated, compiled (numba).

One job: given the frontier so far ``U`` (rows lexicographically descending on the 1e-9 grid)
and a unit's Pareto-optimal values ``V``, list the candidates ``U[i] + V[c]`` (numbered
``i * len(V) + c``) as :func:`grandbargain.solve.frontier.pareto_indices` sees them: each
quantised to the grid, all of them in lexicographically descending order (equal vectors by
number), where each run of equal vectors starts, and the distinct vectors in that order (less
their smallest value in each coordinate, which changes no dominance).

Each candidate is added, divided by the tolerance and rounded exactly as numpy does it there
(``np.add.outer``, ``/``, ``np.rint``: the same IEEE operations, so the same integers), but in
one pass, without the float matrix of candidates. The order comes from one sort of packed
integer keys (first coordinate, then number: numpy's vectorised sort), after which the runs of
equal first coordinates, short and rare, are put in order by the other coordinates. Rows of
``U + V[c]`` for one ``c`` are nearly in order already, but not exactly: rounding can make
two first coordinates equal and let the second decide the other way, so the sort does not
rely on it.

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
    q, keys, fits = _quantise(u, v, TOLERANCE, bits, suffix, table)
    if not fits:
        return None
    keys.sort()
    order, starts, distinct = _in_order(q, keys, bits)
    return order, starts, distinct


@njit(cache=True, nogil=True)
def _quantise(
    u: FloatArray, v: FloatArray, tolerance: float, bits: int, suffix: IntArray, table: BoolArray
) -> tuple[IntArray, IntArray, bool]:
    """Each candidate on the grid (row ``i * len(v) + c``) and the sort keys of those not
    left out (``table[suffix[i] * len(v) + c]``): the first coordinate from the top, then
    the row number; False if the keys would overflow."""
    n, d, m = u.shape[0], u.shape[1], v.shape[0]
    q = np.empty((n * m, d), np.int64)
    rows = np.empty(n * m, np.int64)
    count = 0
    for i in range(n):
        for c in range(m):
            if table[suffix[i] * m + c]:
                continue
            for k in range(d):
                q[i * m + c, k] = np.int64(np.rint((u[i, k] + v[c, k]) / tolerance))
            rows[count] = i * m + c
            count += 1
    keys = rows[:count]
    if count == 0:
        return q, keys, True
    top, low = q[keys[0], 0], q[keys[0], 0]
    for r in keys:
        top, low = max(top, q[r, 0]), min(low, q[r, 0])
    if top - low >= 1 << (62 - bits):
        return q, keys, False
    for j in range(count):
        keys[j] |= (top - q[keys[j], 0]) << bits
    return q, keys, True


@njit(cache=True)
def _later(q: IntArray, a: int, b: int) -> bool:
    """Whether row ``a`` comes after row ``b`` among rows of equal first coordinate: smaller
    in the first coordinate that differs, or equal with a larger number."""
    for k in range(1, q.shape[1]):
        if q[a, k] != q[b, k]:
            return bool(q[a, k] < q[b, k])
    return a > b


@njit(cache=True)
def _order_runs(q: IntArray, keys: IntArray, bits: int, order: IntArray) -> None:
    """Put each run of equal first coordinates of ``order`` in order (insertion sort)."""
    start, total = 0, keys.shape[0]
    while start < total:
        stop = start + 1
        while stop < total and keys[stop] >> bits == keys[start] >> bits:
            stop += 1
        for a in range(start + 1, stop):
            row, j = order[a], a
            while j > start and _later(q, order[j - 1], row):
                order[j] = order[j - 1]
                j -= 1
            order[j] = row
        start = stop


@njit(cache=True, nogil=True)
def _in_order(q: IntArray, keys: IntArray, bits: int) -> tuple[IntArray, BoolArray, IntArray]:
    """From the sorted keys: the order of the rows, run starts and the distinct rows (less
    each column's smallest value: no dominance changes, and the kernel needs no copy)."""
    total, d = keys.shape[0], q.shape[1]
    order = keys & ((1 << bits) - 1)
    _order_runs(q, keys, bits, order)
    low = q[order[0]].copy() if total else np.zeros(d, np.int64)
    for r in order:
        for k in range(d):
            low[k] = min(low[k], q[r, k])
    starts = np.zeros(total, np.bool_)
    distinct = np.empty((total, d), np.int64)
    count = 0
    for t in range(total):
        row = order[t]
        new = count == 0
        for k in range(d):
            if new:
                break
            new = distinct[count - 1, k] != q[row, k] - low[k]
        if new:
            starts[t] = True
            for k in range(d):
                distinct[count, k] = q[row, k] - low[k]
            count += 1
    return order, starts, distinct[:count]


@njit(cache=True)
def beaten_by(sums: FloatArray, margin: float) -> BoolArray:
    """Rows of ``sums`` that another row exceeds by at least ``margin`` in every column."""
    n, d = sums.shape
    beaten = np.zeros(n, np.bool_)
    for a in range(n):
        for b in range(n):
            above = True
            for k in range(d):
                if sums[b, k] < sums[a, k] + margin:
                    above = False
                    break
            if above:
                beaten[a] = True
                break
    return beaten
