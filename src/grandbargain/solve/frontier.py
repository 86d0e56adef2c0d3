"""The Pareto frontier over admissible packages, built unit by unit (never enumerated).

With additive utilities, Pareto(A + B) is contained in Pareto(A) + Pareto(B), so the frontier
of the whole is the non-dominated part of the Minkowski sum of the parts' frontiers. We merge
units in issue order keeping only non-dominated points; equal utility vectors (within the
1e-9 tolerance: utilities are compared on a 1e-9 grid) keep the package with the lowest option
indices in issue order, which composes across merges. The work is output-sensitive: each merge
costs (frontier size x unit frontier size).

Frontiers can be exponential (purely distributive issues make every package Pareto-optimal).
When a merge leaves more than ``cap`` points, the frontier is thinned to an epsilon-Pareto
set: points are bucketed on an epsilon grid and one point per cell survives, so every dropped
point lies within epsilon (per party) of a kept one. Epsilons add up over merges; the total is
reported as ``Frontier.epsilon`` (0 when exact). See Papadimitriou and Yannakakis (2000) on
epsilon-Pareto sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grandbargain.solve.units import Unit
from grandbargain.space import TOLERANCE, FloatArray, IntArray

DEFAULT_CAP = 200_000


@dataclass(frozen=True)
class Frontier:
    """Pareto-optimal packages (rows of option indices) and their utility vectors.

    Sorted by the first party's utility, best first. ``epsilon`` bounds, per party, how far
    any Pareto-optimal package may be from the nearest listed point (0 = exact).
    """

    packages: IntArray
    utilities: FloatArray
    epsilon: float

    @property
    def exact(self) -> bool:
        """Whether the frontier is exact (no epsilon thinning was needed)."""
        return self.epsilon == 0.0

    def __len__(self) -> int:
        return int(self.utilities.shape[0])


def quantise(utilities: FloatArray) -> IntArray:
    """Utilities on the tolerance grid, as integers, for exact comparisons."""
    return np.round(utilities / TOLERANCE).astype(np.int64)


def pareto_indices(utilities: FloatArray, rows: Callable[[IntArray], IntArray]) -> IntArray:
    """Indices of the non-dominated points, one per distinct vector, best first.

    ``rows(indices)`` gives the packages of those points; among equal vectors the package with
    the lowest option indices in issue order is kept.
    """
    if len(utilities) == 0:
        return np.zeros(0, dtype=np.int64)
    q = quantise(utilities)
    order = np.lexsort(tuple(-q[:, k] for k in reversed(range(q.shape[1]))))
    qs = q[order]
    starts = np.ones(len(qs), dtype=bool)
    starts[1:] = np.any(qs[1:] != qs[:-1], axis=1)
    if starts.all():  # no ties: every point represents itself
        return order[_non_dominated_sorted(qs)]
    group = np.cumsum(starts) - 1
    representative = order[starts].copy()
    sizes = np.bincount(group)
    tied = sizes[group] > 1
    if tied.any():
        members = order[tied]
        member_group = group[tied]
        packages = rows(members)
        pick = np.lexsort(
            (*tuple(packages[:, k] for k in reversed(range(packages.shape[1]))), member_group)
        )
        first = np.ones(len(pick), dtype=bool)
        first[1:] = member_group[pick][1:] != member_group[pick][:-1]
        representative[member_group[pick][first]] = members[pick][first]
    reps_q = qs[starts]
    keep = _non_dominated_sorted(reps_q)
    return representative[keep]


def _non_dominated_sorted(q: IntArray) -> IntArray:
    """Distinct vectors sorted lexicographically descending: positions of the maximal ones."""
    if q.shape[1] == 1:
        return np.array([0], dtype=np.int64)
    if q.shape[1] == 2:
        best_before = np.maximum.accumulate(q[:, 1])
        keep = np.ones(len(q), dtype=bool)
        keep[1:] = q[1:, 1] > best_before[:-1]
        return np.flatnonzero(keep)
    kept: list[int] = []
    block = np.empty((0, q.shape[1]), dtype=np.int64)
    pending: list[IntArray] = []
    for index in range(len(q)):
        point = q[index]
        if pending:
            block = np.vstack([block, *pending])
            pending = []
        if len(block) and bool(np.any(np.all(block >= point, axis=1))):
            continue
        kept.append(index)
        pending.append(point[None, :])
    return np.array(kept, dtype=np.int64)


SMALL_SET = 64
"""Point sets up to this size may go through :func:`pareto_indices_many` (pairwise checks)."""


def pareto_indices_many(utilities: FloatArray) -> list[IntArray]:
    """:func:`pareto_indices` of many small point sets at once, by pairwise comparison.

    ``utilities`` has shape (sets, points, parties); each set's points must be in package
    order (lowest option indices first), as a unit's choices are. Gives, per set, the same
    indices in the same order as :func:`pareto_indices`.
    """
    sets, points, parties = utilities.shape
    q = quantise(utilities)
    at_least = np.all(q[:, :, None, :] >= q[:, None, :, :], axis=3)  # [s, k, j]: k >= j
    equal = np.all(q[:, :, None, :] == q[:, None, :, :], axis=3)
    dominated = np.any(at_least & ~equal, axis=1)
    earlier = np.triu(np.ones((points, points), dtype=bool), 1)  # k < j
    tied_later = np.any(equal & earlier[None], axis=1)
    keep = ~dominated & ~tied_later
    which, index = np.nonzero(keep)
    kept = q[which, index]
    order = np.lexsort((*(-kept[:, k] for k in reversed(range(parties))), which))
    counts = np.bincount(which, minlength=sets)
    return np.split(index[order].astype(np.int64), np.cumsum(counts)[:-1])


def pareto_frontier(
    units: tuple[Unit, ...],
    n_issues: int,
    n_parties: int,
    cap: int = DEFAULT_CAP,
    unit_fronts: tuple[IntArray | None, ...] | None = None,
) -> Frontier:
    """Merge the units' frontiers into the frontier of the whole space.

    ``unit_fronts`` may give each unit's own :func:`pareto_indices` when already known.
    """
    packages = np.full((1, n_issues), -1, dtype=np.int64)
    utilities = np.zeros((1, n_parties))
    epsilon = 0.0
    for k, unit in enumerate(units):
        if len(unit.choices) == 0:
            return Frontier(np.zeros((0, n_issues), np.int64), np.zeros((0, n_parties)), 0.0)
        known = None if unit_fronts is None else unit_fronts[k]
        own = pareto_indices(unit.utilities, _choice_rows(unit)) if known is None else known
        choices, values = unit.choices[own], unit.utilities[own]
        pairs = np.arange(len(packages) * len(choices))
        parent, child = pairs // len(choices), pairs % len(choices)
        candidate = (utilities[:, None, :] + values[None, :, :]).reshape(-1, n_parties)
        columns = list(unit.issues)

        def rows(
            idx: IntArray,
            c: IntArray = choices,
            cols: list[int] = columns,
            par: IntArray = parent,
            chi: IntArray = child,
            pk: IntArray = packages,
        ) -> IntArray:
            out = pk[par[idx]].copy()
            out[:, cols] = c[chi[idx]]
            return out

        keep = pareto_indices(candidate, rows)
        if len(keep) > cap:
            keep, step = _thin(candidate, keep, cap, rows)
            epsilon += step
        packages = rows(keep)
        utilities = candidate[keep]
    return Frontier(packages, utilities, epsilon)


def with_points(frontier: Frontier, packages: IntArray, utilities: FloatArray) -> Frontier:
    """The frontier with extra known packages merged in (kept only where non-dominated).

    Used to put the status quo back into an epsilon-Pareto frontier, so that thinning can
    never lose the one package every party is known to accept.
    """
    all_packages = np.vstack([frontier.packages, packages])
    all_utilities = np.vstack([frontier.utilities, utilities])

    def rows(idx: IntArray) -> IntArray:
        return all_packages[idx]

    keep = pareto_indices(all_utilities, rows)
    return Frontier(all_packages[keep], all_utilities[keep], frontier.epsilon)


def _choice_rows(unit: Unit) -> Callable[[IntArray], IntArray]:
    def rows(idx: IntArray) -> IntArray:
        return unit.choices[idx]

    return rows


def _subset_rows(
    rows: Callable[[IntArray], IntArray], subset: IntArray
) -> Callable[[IntArray], IntArray]:
    def subset_rows(idx: IntArray) -> IntArray:
        return rows(subset[idx])

    return subset_rows


def _thin(
    candidate: FloatArray, keep: IntArray, cap: int, rows: Callable[[IntArray], IntArray]
) -> tuple[IntArray, float]:
    points = candidate[keep]
    low = points.min(axis=0)
    span = float((points.max(axis=0) - low).max())
    step = max(span * 1e-6, TOLERANCE)
    while True:
        cells = np.floor((points - low) / step).astype(np.int64)
        _, first = np.unique(cells, axis=0, return_index=True)
        survivors = keep[np.sort(first)]
        thinned = survivors[pareto_indices(candidate[survivors], _subset_rows(rows, survivors))]
        if len(thinned) <= cap:
            return thinned, step
        step *= 2.0
