"""The Pareto frontier over admissible packages, built unit by unit (never enumerated).

With additive utilities, Pareto(A + B) is contained in Pareto(A) + Pareto(B), so the frontier
of the whole is the non-dominated part of the Minkowski sum of the parts' frontiers. We merge
units in issue order keeping only non-dominated points; equal utility vectors (within the
1e-9 tolerance: utilities are compared on a 1e-9 grid) keep the package with the lowest option
indices in issue order, which composes across merges. The work is output-sensitive: each merge
looks at (frontier size x unit frontier size) candidates, and the non-dominated ones are found
without a per-candidate Python loop (:mod:`grandbargain.solve.dominance`). Packages are not
copied from merge to merge: each kept point stores a back-pointer, and packages are written
out only when asked for (:mod:`grandbargain.solve.trail`).

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
from functools import cached_property

import numpy as np

from grandbargain.solve import dominance
from grandbargain.solve.dominance import lex_desc_order, maximal
from grandbargain.solve.sieve import sieve
from grandbargain.solve.suffixes import Step, beaten
from grandbargain.solve.trail import Merge, PackageTrail, pointer_array
from grandbargain.solve.units import Unit
from grandbargain.space import TOLERANCE, BoolArray, FloatArray, IntArray

DEFAULT_CAP = 200_000


@dataclass(frozen=True)
class Frontier:
    """Pareto-optimal points: utility vectors, and the packages behind them on request.

    Sorted lexicographically by utility, best first (the first party's utility first).
    ``epsilon`` bounds, per party, how far any Pareto-optimal package may be from the nearest
    listed point (0 = exact). ``trail`` writes out packages (see :meth:`packages_of`).
    """

    utilities: FloatArray
    epsilon: float
    trail: PackageTrail

    @classmethod
    def of_packages(cls, packages: IntArray, utilities: FloatArray, epsilon: float) -> Frontier:
        """A frontier whose packages are given outright (row k: ``packages[k]``)."""
        return cls(utilities, epsilon, PackageTrail.of_packages(packages))

    @property
    def exact(self) -> bool:
        """Whether the frontier is exact (no epsilon thinning was needed)."""
        return self.epsilon == 0.0

    def __len__(self) -> int:
        return int(self.utilities.shape[0])

    def packages_of(self, rows: IntArray) -> IntArray:
        """Packages (option index per issue) of the frontier ``rows``."""
        return self.trail.packages(rows)

    def package(self, row: int) -> IntArray:
        """The package of frontier row ``row``."""
        package: IntArray = self.packages_of(np.array([row], dtype=np.int64))[0]
        return package

    @cached_property
    def packages(self) -> IntArray:
        """Every point's package, shape (points, issues): written out once, on first use."""
        return self.packages_of(np.arange(len(self), dtype=np.int64))


def quantise(utilities: FloatArray) -> IntArray:
    """Utilities on the tolerance grid, as integers, for exact comparisons."""
    grid = utilities / TOLERANCE
    return np.rint(grid, out=grid).astype(np.int64)


def pareto_indices(utilities: FloatArray, rows: Callable[[IntArray], IntArray]) -> IntArray:
    """Indices of the non-dominated points, one per distinct vector, best first.

    ``rows(indices)`` gives the packages of those points; among equal vectors the package with
    the lowest option indices in issue order is kept.
    """
    if len(utilities) == 0:
        return np.zeros(0, dtype=np.int64)
    q = quantise(utilities)
    if q.shape[1] == 2:
        return _pareto_two(q, rows)
    left = np.arange(len(q))
    sieved = q.shape[1] >= 4 and len(q) >= max(1, dominance.SIEVE)
    sieved = sieved and dominance.compiled_kernel(*q.shape) is None  # the kernel needs none
    if sieved:  # most dominated points leave before the sort (never a non-dominated one)
        left = np.flatnonzero(~sieve(q))
        q = q[left]
    order = lex_desc_order(q)
    qs = q[order]
    starts = np.ones(len(qs), dtype=bool)
    same = np.flatnonzero(qs[1:, 0] == qs[:-1, 0])  # equal vectors have equal first entries
    starts[same[np.all(qs[same + 1] == qs[same], axis=1)] + 1] = False
    return _representatives(left[order], starts, rows)[maximal(qs[starts], sieved)]


def _pareto_two(q: IntArray, rows: Callable[[IntArray], IntArray]) -> IntArray:
    """:func:`pareto_indices` for two parties: lexicographic order, then a running maximum of
    the second utility (equal vectors can only sit where the first utilities tie)."""
    order = lex_desc_order(q)
    by_second = q[order, 1]
    same = np.flatnonzero(q[order[1:], 0] == q[order[:-1], 0])
    same = same[by_second[same + 1] == by_second[same]]
    if len(same):  # equal vectors: one representative each
        starts = np.ones(len(order), dtype=bool)
        starts[same + 1] = False
        order, by_second = _representatives(order, starts, rows), by_second[starts]
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = by_second[1:] > np.maximum.accumulate(by_second)[:-1]
    return order[keep]


def _representatives(
    members: IntArray, starts: BoolArray, rows: Callable[[IntArray], IntArray]
) -> IntArray:
    """One of each run of equal vectors (``starts`` marks where runs begin in ``members``):
    the member whose package has the lowest option indices in issue order."""
    representative = members[starts]
    if starts.all():  # no ties: every point represents itself
        return representative
    group = np.cumsum(starts) - 1
    tied = np.bincount(group)[group] > 1
    tied_members, tied_group = members[tied], group[tied]
    packages = rows(tied_members)
    pick = np.lexsort((*(packages[:, k] for k in reversed(range(packages.shape[1]))), tied_group))
    first = np.ones(len(pick), dtype=bool)
    first[1:] = tied_group[pick][1:] != tied_group[pick][:-1]
    representative[tied_group[pick][first]] = tied_members[pick][first]
    return representative


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
    floor: FloatArray | None = None,
) -> Frontier:
    """Merge the units' frontiers into the frontier of the whole space.

    ``unit_fronts`` may give each unit's own :func:`pareto_indices` when already known.
    ``floor`` (one entry per coordinate, ``-inf`` for none) keeps only packages whose
    utilities reach it (within 1e-9): after each merge, points that cannot reach it even with
    the best of every unit still to come are dropped. A point that dominates another is at
    least as close to the floor, so dropping before or after the non-dominated filter is the
    same; the result is the frontier of the packages that reach the floor.
    """
    utilities = np.zeros((1, n_parties))
    merges: list[Merge] = []
    steps: list[Step] = []
    epsilon = 0.0
    rest = None if floor is None else _still_to_come(units, n_parties)
    for k, unit in enumerate(units):
        if len(unit.choices) == 0:
            empty = np.zeros((0, n_issues), dtype=np.int64)
            return Frontier.of_packages(empty, np.zeros((0, n_parties)), 0.0)
        known = None if unit_fronts is None else unit_fronts[k]
        own = _own_front(unit) if known is None else known
        choices, values = unit.choices[own], unit.utilities[own]
        so_far = PackageTrail(n_issues, tuple(merges), np.zeros((0, n_issues), np.int64))
        rows = _candidate_rows(so_far, unit.issues, choices)
        keep, points = _merged(utilities, values, rows, steps)
        if floor is not None and rest is not None:
            reach = np.all(points + rest[k] >= floor - TOLERANCE, axis=1)
            keep, points = keep[reach], points[reach]
            if not len(keep):
                empty = np.zeros((0, n_issues), dtype=np.int64)
                return Frontier.of_packages(empty, np.zeros((0, n_parties)), 0.0)
        loss = 0.0 if floor is None else np.inf  # see suffixes.Step
        if len(keep) > cap:
            kept, step = _thin(points, cap)
            keep, points = keep[kept], points[kept]
            epsilon, loss = epsilon + step, loss + step
        merges.append(
            Merge(unit.issues, choices, pointer_array(keep, len(utilities) * len(values)))
        )
        steps.append(Step(values, merges[-1].pointers, loss))
        utilities = points
    if not merges:
        return Frontier.of_packages(np.full((1, n_issues), -1, dtype=np.int64), utilities, 0.0)
    listed = np.zeros((0, n_issues), dtype=np.int64)
    return Frontier(utilities, epsilon, PackageTrail(n_issues, tuple(merges), listed))


def _still_to_come(units: tuple[Unit, ...], n_parties: int) -> FloatArray:
    """Row k: per coordinate, the most the units after unit k can still add."""
    best = np.zeros((len(units) + 1, n_parties))
    for k in reversed(range(len(units))):
        top = units[k].utilities.max(axis=0) if len(units[k].choices) else np.zeros(n_parties)
        best[k] = best[k + 1] + top
    return best[1:]


def _merged(
    utilities: FloatArray,
    values: FloatArray,
    rows: Callable[[IntArray], IntArray],
    steps: list[Step],
) -> tuple[IntArray, FloatArray]:
    """The non-dominated candidates ``utilities[i] + values[c]`` (numbered
    ``i * len(values) + c``) in frontier order, and their utilities.

    On large merges of three or more parties with numba installed, the candidates are
    quantised and sorted in one compiled pass (:mod:`grandbargain.solve.sums`) that gives
    :func:`pareto_indices`'s order and runs of equal vectors without a float matrix of
    candidates, leaving out those :mod:`grandbargain.solve.suffixes` knows to be dominated
    (``steps``: the merges so far); the kept points' utilities are then added again, the same
    sums."""
    n, m, d = len(utilities), len(values), values.shape[1]
    fused = dominance.compiled_sums(n * m, d)
    ordered = None if fused is None else fused(utilities, values, beaten(steps, utilities, values))
    if ordered is not None:
        order, starts, distinct = ordered
        keep = _representatives(order, starts, rows)[maximal(distinct, compiled=True)]
        parent, child = np.divmod(keep, m)
        return keep, utilities[parent] + values[child]
    candidate = np.empty((n * m, d), order="F")
    for party in range(d):  # one contiguous column per party
        np.add.outer(utilities[:, party], values[:, party], out=candidate[:, party].reshape(-1, m))
    if m == 1 and _still_a_frontier(candidate):
        return np.arange(len(candidate), dtype=np.int64), candidate
    keep = pareto_indices(candidate, rows)
    return keep, candidate[keep]


def _own_front(unit: Unit) -> IntArray:
    if len(unit.choices) == 1:  # an issue fixed to one option
        return np.zeros(1, dtype=np.int64)
    return pareto_indices(unit.utilities, _choice_rows(unit))


def _still_a_frontier(candidate: FloatArray) -> bool:
    """Whether a two-party frontier moved by one vector is still one, in the same order (what
    :func:`pareto_indices` would find): the first utility strictly falling, the second
    strictly rising on the tolerance grid. Rounding can merge neighbours, hence the check."""
    if candidate.shape[1] != 2:
        return False
    q = quantise(candidate)
    return bool(np.all(q[1:, 0] < q[:-1, 0]) and np.all(q[1:, 1] > q[:-1, 1]))


def _candidate_rows(
    so_far: PackageTrail, issues: tuple[int, ...], choices: IntArray
) -> Callable[[IntArray], IntArray]:
    """Packages of merge candidates ``previous point * len(choices) + choice``."""

    def rows(idx: IntArray) -> IntArray:
        parent, child = np.divmod(idx, len(choices))
        if so_far.merges:
            out = so_far.packages(parent)
        else:
            out = np.full((len(idx), so_far.n_issues), -1, dtype=np.int64)
        out[:, list(issues)] = choices[child]
        return out

    return rows


def with_points(frontier: Frontier, packages: IntArray, utilities: FloatArray) -> Frontier:
    """The frontier with extra known packages merged in (kept only where non-dominated).

    Used to put the status quo back into an epsilon-Pareto frontier, so that thinning can
    never lose the one package every party is known to accept.
    """
    all_utilities = np.vstack([frontier.utilities, utilities])
    size = len(frontier)

    def rows(idx: IntArray) -> IntArray:
        out = np.empty((len(idx), frontier.trail.n_issues), dtype=np.int64)
        old = idx < size
        out[old] = frontier.packages_of(idx[old])
        out[~old] = packages[idx[~old] - size]
        return out

    keep = pareto_indices(all_utilities, rows)
    trail = frontier.trail.extended(packages, keep)
    return Frontier(all_utilities[keep], frontier.epsilon, trail)


def _choice_rows(unit: Unit) -> Callable[[IntArray], IntArray]:
    def rows(idx: IntArray) -> IntArray:
        return unit.choices[idx]

    return rows


def _thin(points: FloatArray, cap: int) -> tuple[IntArray, float]:
    """One point per cell of an epsilon grid: the finest grid of side ``step * 2^e`` (``e`` =
    0, 1, 2, ...) that leaves at most ``cap`` points. Gives the rows of ``points`` kept.

    Doubling the side merges cells, so the number of points left only falls with ``e`` and a
    bisection over ``e`` finds the same grid as trying every ``e`` in turn. ``points`` are
    non-dominated and in frontier order, so the survivors (kept in that order) are already
    the frontier of themselves.
    """
    low = points.min(axis=0)
    span = float((points.max(axis=0) - low).max())
    step = max(span * 1e-6, TOLERANCE)

    # ``x / (step * 2^e)`` is ``(x / step) * 2^-e`` exactly (a power of two only moves the
    # exponent), and the floor of a real divided by 2^e is that of its floor: a shift
    cells = np.floor((points - low) / step).astype(np.int64)
    first_rows = dominance.compiled_cells(*points.shape) or _first_in_cell

    def survivors(e: int) -> IntArray:
        return first_rows(cells >> e)

    lower, upper = -1, max(0, int(np.ceil(np.log2((span + step) / step))) + 1)  # one cell
    while upper - lower > 1:
        middle = (lower + upper) // 2
        if len(survivors(middle)) <= cap:
            upper = middle
        else:
            lower = middle
    return survivors(upper), step * 2.0**upper


def _first_in_cell(cells: IntArray) -> IntArray:
    """Positions of the first row of each distinct row of ``cells``, in increasing order."""
    if cells.shape[1] == 2:  # a two-party frontier visits each cell in one run
        change = np.ones(len(cells), dtype=bool)
        change[1:] = np.any(cells[1:] != cells[:-1], axis=1)
        return np.flatnonzero(change)
    cells = cells - cells.min(axis=0)
    sizes = [int(x) + 1 for x in cells.max(axis=0)]
    bits = max(1, len(cells).bit_length())
    if np.prod(np.array(sizes, dtype=float)) < 2.0 ** (62 - bits):  # one word: key, position
        key = np.zeros(len(cells), dtype=np.int64)
        for k, size in enumerate(sizes):
            key = key * size + cells[:, k]
        packed = np.sort((key << bits) | np.arange(len(cells), dtype=np.int64))
        change = np.ones(len(packed), dtype=bool)
        change[1:] = (packed[1:] >> bits) != (packed[:-1] >> bits)
        first = packed[change] & ((1 << bits) - 1)
    elif np.prod(np.array(sizes, dtype=float)) < 2.0**62:  # one key per row
        key = np.zeros(len(cells), dtype=np.int64)
        for k, size in enumerate(sizes):
            key = key * size + cells[:, k]
        _, first = np.unique(key, return_index=True)
    else:
        _, first = np.unique(cells, axis=0, return_index=True)
    return np.sort(first)
