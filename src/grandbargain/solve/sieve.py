"""A cheap first pass that finds most dominated vectors before the exact k-d tree search.

When a merge of four or more parties leaves a vector dominated, a dominating vector usually
lies close by. The sieve lays a grid of ``g`` cells per coordinate over the vectors, keeps the
vector with the largest coordinate sum of every cell, and compares each vector with the kept
vector of its own cell and of the cells one step up along any set of coordinates (``2^d``
cells). A vector found dominated this way is dominated; the others, a superset of the maximal
vectors, are left for the exact search. Removing dominated vectors never changes which are
maximal (every dominated vector has a maximal vector above it, and maximal vectors are never
removed), so the search may run on the survivors alone.
"""

from __future__ import annotations

from itertools import product

import numpy as np

from grandbargain.solve.kdtree import Packed
from grandbargain.space import BoolArray, IntArray

CELLS = 1
"""Grid cells per row (at most)."""
MAX_NEIGHBOURS = 64
"""Cells compared per vector at most: all ``2^d`` up to six coordinates, then the cells one
step up along at most two coordinates."""


def _cells(q: IntArray) -> tuple[IntArray, int]:
    """Each row's cell number on a grid of ``g`` cells per coordinate (with room for one more
    cell above the top in every coordinate), and ``g + 1``."""
    n, d = q.shape
    budget = max(CELLS * n, 2**d)  # (g + 1)^d cells at most
    side = max(2, int(budget ** (1.0 / d)) + 1)
    while side**d > budget:
        side -= 1
    g = max(1, side - 1)
    low = q.min(axis=0)
    span = q.max(axis=0) - low + 1
    cell = np.zeros(len(q), dtype=np.int64)
    for k in range(d):  # q[:, k] - low < span < 2^63 / g: no overflow for spans below 2^56
        position = ((q[:, k] - low[k]) // -(-span[k] // g)).astype(np.int64)
        cell = cell * (g + 1) + position
    return cell, g + 1


def _best_per_cell(total: IntArray, cell: IntArray, n_cells: int) -> IntArray:
    """Row with the largest coordinate sum ``total`` in each cell (the first such row), -1 if
    the cell is empty."""
    top = np.full(n_cells, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(top, cell, total)
    candidate = np.where(total == top[cell], np.arange(len(total)), len(total))
    first = np.full(n_cells, len(total), dtype=np.int64)
    np.minimum.at(first, cell, candidate)
    return np.where(first == len(total), -1, first)


def _offsets(d: int, side: int) -> list[int]:
    """Cell-number steps to the cells one step up along each set of coordinates."""
    steps = [side ** (d - 1 - k) for k in range(d)]
    ups = [u for u in product((0, 1), repeat=d) if 2**d <= MAX_NEIGHBOURS or sum(u) <= 2]
    return [int(np.dot(u, steps)) for u in ups]


def sieve(q: IntArray) -> BoolArray:
    """Rows of ``q`` that two grid passes find dominated (only dominated rows; equal rows may
    be given, and are not taken as dominating each other). The second pass lays a finer grid
    over the rows the first one left, and finds a few percent more."""
    dominated = _sieve_once(q)
    left = np.flatnonzero(~dominated)
    dominated[left[_sieve_once(q[left])]] = True
    return dominated


def _sieve_once(q: IntArray) -> BoolArray:
    n, d = q.shape
    cell, side = _cells(q)
    total = q.sum(axis=1)  # y >= x dominates x exactly when its sum is larger
    best = _best_per_cell(total, cell, side**d)
    packer = Packed(q)
    packed = packer.pack(q)
    best_word = np.where(best >= 0, packed[best], np.uint64(0))
    dominated = np.zeros(n, dtype=bool)
    rows, at, word = np.arange(n, dtype=np.int64), cell, packed
    for step in _offsets(d, side):  # a top cell's step up lands in the empty margin
        maybe = np.flatnonzero(packer.at_least(best_word[at + step], word))
        other, candidate = best[at[maybe] + step], rows[maybe]
        hit = (other >= 0) & (total[other] > total[candidate])  # an empty cell's word is 0
        for k in range(d):
            hit &= q[other, k] >= q[candidate, k]
        if hit.any():
            dominated[candidate[hit]] = True
            open_ = ~dominated[rows]
            rows, at, word = rows[open_], at[open_], word[open_]
    return dominated
