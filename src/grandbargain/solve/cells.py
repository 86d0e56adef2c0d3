"""The first row of each distinct row of an integer matrix, compiled (numba): thinning's count.

One job: :func:`grandbargain.solve.frontier._thin` asks, for several grid sides, which points
are the first in their cell. A hash table of the rows seen so far (open addressing, linear
probing, keyed by every coordinate) answers in one pass in row order, so the first rows come
out in increasing order with no sort; numpy's way (a sort of packed keys) gives the same rows.

This module imports numba, so it is imported only where it is used, on large thinnings
(:func:`grandbargain.solve.dominance.compiled_cells`), with its machine code cached as in
:mod:`grandbargain.solve.compiled`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from grandbargain.space import IntArray

_MIX = np.uint64(0x9E3779B97F4A7C15)
"""An odd constant (2^64 over the golden ratio) that spreads the bits of each coordinate."""


def first_rows(cells: IntArray) -> IntArray:
    """Positions of the first row of each distinct row of ``cells``, in increasing order."""
    rows: IntArray = _first_rows(np.ascontiguousarray(cells, dtype=np.int64))
    return rows


@njit(cache=True)
def _same(cells: IntArray, a: int, b: int) -> bool:
    """Whether rows ``a`` and ``b`` of ``cells`` are equal."""
    for k in range(cells.shape[1]):  # noqa: SIM110 (numba compiles no generator passed to all)
        if cells[a, k] != cells[b, k]:
            return False
    return True


@njit(cache=True)
def _first_rows(cells: IntArray) -> IntArray:
    """:func:`first_rows` of C-ordered int64 ``cells``."""
    n, d = cells.shape
    bits = 4
    while (1 << bits) < 2 * n:
        bits += 1
    slots = np.full(1 << bits, -1, np.int64)
    mask = (1 << bits) - 1
    first = np.empty(n, np.int64)
    count = 0
    for i in range(n):
        h = np.uint64(0)
        for k in range(d):
            h = (h ^ np.uint64(cells[i, k])) * _MIX
        slot = np.int64(h >> np.uint64(64 - bits))
        while True:
            j = slots[slot]
            if j < 0:
                slots[slot] = i
                first[count] = i
                count += 1
                break
            if _same(cells, i, j):
                break
            slot = (slot + 1) & mask
    return first[:count]
