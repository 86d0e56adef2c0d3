"""How many admissible packages meet the acceptance rule, without listing them when many.

Admissible packages form a product over the bargaining units, so they split into two halves
(two groups of units) and every package is one pair (a, b) of a package of each half, with
utilities ``a + b``. Each half's utility sums are listed once (meet in the middle).

- Two parties, any acceptance rule, halves of at most :data:`HALF_LIMIT` packages: exact.
  Pairs with ``a + b`` at least the reservation values (within 1e-9) in both coordinates are
  a two-dimensional dominance count between the points ``b`` and the thresholds
  ``reservation - a``. When the half's coordinates take few distinct values (utilities on a
  value scale usually do) it is a lookup in a table of suffix sums over the distinct values;
  otherwise an offline count with a wavelet matrix (Claude, Navarro and Ordóñez 2015), in
  ``O((|A| + |B|) log |B|)``. A quota rule with two parties follows by inclusion and
  exclusion from the two one-party counts and the two-party count.
- Three or more parties, at most :data:`ENUMERATION_LIMIT` admissible packages: exact, every
  pair ``a + b`` judged by the acceptance rule, in blocks (an enumeration that adds two
  vectors per package instead of one per unit).
- Otherwise: an estimate from uniform random packages with a 95% Wilson interval (sampling
  each unit uniformly is uniform over the admissible packages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grandbargain.solve.units import Unit
from grandbargain.space import (
    TOLERANCE,
    BoolArray,
    FloatArray,
    IntArray,
    UtilitySpace,
    acceptance_counts,
)

ENUMERATION_LIMIT = 10_000_000
HALF_LIMIT = 2_000_000
TABLE_CELLS = 4_000_000
"""Largest table of suffix sums (value clusters of one coordinate x the other) for a count."""
CLUSTER_GAP = 1e-12
"""Distinct utility sums closer than this (relative to the largest) are one cluster."""
SAMPLES = 200_000
CHUNK = 1_000_000


@dataclass(frozen=True)
class Count:
    """A count with how it was obtained; ``low``/``high`` bound an estimate (95%)."""

    value: int
    exact: bool
    method: str
    low: int | None = None
    high: int | None = None


def admissible_count(units: tuple[Unit, ...]) -> int:
    """Exact number of admissible packages: the product of the units' choice counts."""
    count = 1
    for unit in units:
        count *= len(unit.choices)
    return count


def feasible_count(space: UtilitySpace, units: tuple[Unit, ...], seed: int = 0) -> Count:
    """Count admissible packages that meet the scenario's acceptance rule."""
    total = admissible_count(units)
    if total == 0:
        return Count(0, True, "empty")
    left, right = split(units)
    if space.n_parties == 2:
        if max(admissible_count(left), admissible_count(right)) <= HALF_LIMIT:
            value = _two_parties(space, half_sums(left, 2), _ranked(right, 0), _ranked(right, 1))
            return Count(value, True, "meet-in-the-middle")
    elif total <= ENUMERATION_LIMIT:
        a, b = half_sums(left, space.n_parties), half_sums(right, space.n_parties)
        return Count(_every_pair(space, a, b), True, "enumeration")
    return estimate_count(space, units, total, seed)


def split(units: tuple[Unit, ...]) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
    """Two groups of units with products of choice counts as equal as a greedy split gets."""
    ordered = sorted(units, key=lambda u: len(u.choices), reverse=True)
    left: list[Unit] = []
    right: list[Unit] = []
    left_size = right_size = 1
    for unit in ordered:
        if left_size <= right_size:
            left.append(unit)
            left_size *= len(unit.choices)
        else:
            right.append(unit)
            right_size *= len(unit.choices)
    return tuple(left), tuple(right)


def half_sums(units: tuple[Unit, ...], n_parties: int) -> FloatArray:
    """Utility sums of every combination of the units' choices (the first unit slowest)."""
    sums = np.zeros((1, n_parties))
    for unit in units:
        sums = (sums[:, None, :] + unit.utilities[None, :, :]).reshape(-1, n_parties)
    return sums


Ranked = tuple[FloatArray, IntArray]
"""Sorted distinct values of one coordinate, and each point's index among them."""


def _ranked(units: tuple[Unit, ...], party: int) -> Ranked:
    """:func:`half_sums` of one party, as distinct values and ranks, found unit by unit: the
    distinct sums stay few when utilities sit on a value scale, and no full sort is needed."""
    values = np.zeros(1)
    rank = np.zeros(1, dtype=np.int64)
    for unit in units:
        sums = (values[:, None] + unit.utilities[None, :, party]).ravel()
        values, inverse = np.unique(sums, return_inverse=True)
        rank = inverse.reshape(-1, len(unit.choices))[rank].ravel()
    return values, rank


def _two_parties(space: UtilitySpace, a: FloatArray, first: Ranked, second: Ranked) -> int:
    need = space.reservation - TOLERANCE
    thresholds = need - a  # b is accepted with a when b >= thresholds, per party
    both = _dominance_pairs(first, second, thresholds)
    if space.quota >= 2:
        return both
    one = [_suffix_pairs(ranked, thresholds[:, p]) for p, ranked in enumerate((first, second))]
    exactly = {  # packages accepted by exactly these parties
        (0, 1): both,
        (0,): one[0] - both,
        (1,): one[1] - both,
        (): len(a) * len(first[1]) - one[0] - one[1] + both,
    }
    return sum(
        n
        for parties, n in exactly.items()
        if len(parties) >= space.quota and all(v in parties for v in space.veto)
    )


def _suffix_pairs(ranked: Ranked, thresholds: FloatArray) -> int:
    values, rank = ranked
    at_least = np.zeros(len(values) + 1, dtype=np.int64)
    at_least[:-1] = np.bincount(rank, minlength=len(values))[::-1].cumsum()[::-1]
    return int(at_least[np.searchsorted(values, thresholds, side="left")].sum())


def dominance_pairs(points: FloatArray, thresholds: FloatArray) -> int:
    """Number of pairs (point, threshold) with point >= threshold in both coordinates."""
    return _dominance_pairs(_distinct(points[:, 0]), _distinct(points[:, 1]), thresholds)


def _dominance_pairs(first: Ranked, second: Ranked, thresholds: FloatArray) -> int:
    """Pairs (point, threshold) with point >= threshold in both coordinates.

    Values that differ only by rounding (closer than :data:`CLUSTER_GAP`) are grouped into
    clusters; a threshold that falls between clusters in both coordinates is counted from a
    table of suffix sums over the clusters. The few that fall inside a cluster (none, when
    utilities sit on a value scale) and all thresholds when the table would be too large are
    counted exactly with a wavelet matrix over the ranks.
    """
    (first_values, first_rank), (second_values, second_rank) = first, second
    # how many distinct values lie below each threshold (a point reaches it from there on)
    at_first = np.searchsorted(first_values, thresholds[:, 0], side="left")
    at_second = np.searchsorted(second_values, thresholds[:, 1], side="left")
    cluster_first, cluster_second = _clusters(first_values), _clusters(second_values)
    count = 0
    rest = np.ones(len(thresholds), dtype=bool)
    if (cluster_first[-1] + 1) * (cluster_second[-1] + 1) <= TABLE_CELLS:
        rest = ~(_between(cluster_first, at_first) & _between(cluster_second, at_second))
        count = _table_pairs(
            (cluster_first[first_rank], cluster_second[second_rank]),
            (cluster_first[at_first[~rest]], cluster_second[at_second[~rest]]),
            (int(cluster_first[-1]), int(cluster_second[-1])),
        )
    if rest.any():
        # points ordered by the first coordinate, largest first: a threshold's candidates
        # are a prefix; count those whose second-coordinate rank reaches the threshold's
        order = np.argsort(-first_rank, kind="stable")
        prefix = len(first_rank) - np.searchsorted(np.sort(first_rank), at_first[rest])
        below = _wavelet_count_below(
            second_rank[order], prefix, at_second[rest], len(second_values)
        )
        count += int((prefix - below).sum())
    return count


def _clusters(values: FloatArray) -> IntArray:
    """Cluster of each sorted distinct value, and one more entry (the cluster count) for
    "above every value": neighbours closer than :data:`CLUSTER_GAP` share a cluster."""
    gap = CLUSTER_GAP * max(1.0, float(np.abs(values).max(initial=0.0)))
    new = np.ones(len(values) + 1, dtype=bool)
    new[1:-1] = np.diff(values) > gap
    return np.cumsum(new) - 1


def _between(cluster: IntArray, at: IntArray) -> BoolArray:
    """Whether each position ``at`` (distinct values below a threshold) starts a cluster, so
    that the threshold splits no cluster."""
    starts = np.ones(len(cluster), dtype=bool)
    starts[1:] = cluster[1:] != cluster[:-1]
    return starts[at]


def _table_pairs(
    points: tuple[IntArray, IntArray], thresholds: tuple[IntArray, IntArray], top: tuple[int, int]
) -> int:
    """Pairs with point >= threshold in both (cluster) coordinates, ``0 .. top`` each (``top``
    means above every point), from a table of suffix sums."""
    rows, columns = top[0] + 1, top[1] + 1
    # counted from the top: table[i, j] = points in the top i rows and the top j columns
    table = np.zeros((rows, columns), dtype=np.int64)
    np.add.at(table.ravel(), (top[0] - points[0]) * columns + (top[1] - points[1]), 1)
    np.cumsum(table, axis=0, out=table)
    np.cumsum(table, axis=1, out=table)
    return int(table[top[0] - thresholds[0], top[1] - thresholds[1]].sum())


def _distinct(values: FloatArray) -> Ranked:
    """Sorted distinct values and each value's index among them."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    distinct = ordered[keep]
    return distinct, np.searchsorted(distinct, values).astype(np.int64)


def _wavelet_count_below(
    values: IntArray, prefix: IntArray, bound: IntArray, n_symbols: int
) -> IntArray:
    """For each query k: how many of ``values[:prefix[k]]`` are below ``bound[k]`` (values
    and bounds in ``0 .. n_symbols``).

    A wavelet matrix over the values (Claude, Navarro and Ordóñez 2015): one level per bit,
    from the highest; each level stably moves the values with that bit 0 before those with
    it 1, and a query follows its range down, adding the zeros it passes where its bound has
    a 1.
    """
    n = len(values)
    current = values.astype(np.int64)
    start = np.zeros(len(prefix), dtype=np.int64)
    end = prefix.astype(np.int64)
    below = np.zeros(len(prefix), dtype=np.int64)
    zeros_before = np.zeros(n + 1, dtype=np.int64)
    for bit in reversed(range(max(1, int(n_symbols).bit_length()))):
        one = ((current >> bit) & 1).astype(bool)
        np.cumsum(~one, out=zeros_before[1:])
        zs, ze = zeros_before[start], zeros_before[end]
        up = ((bound >> bit) & 1).astype(bool)
        below += np.where(up, ze - zs, 0)
        start = np.where(up, zeros_before[n] + start - zs, zs)
        end = np.where(up, zeros_before[n] + end - ze, ze)
        current = np.concatenate([current[~one], current[one]])
    return below


def _every_pair(space: UtilitySpace, a: FloatArray, b: FloatArray) -> int:
    block = max(1, CHUNK // len(b))
    count = 0
    for start in range(0, len(a), block):
        utilities = (a[start : start + block, None, :] + b[None, :, :]).reshape(-1, space.n_parties)
        count += int(acceptance_counts(space, utilities)[1].sum())
    return count


def estimate_count(
    space: UtilitySpace,
    units: tuple[Unit, ...],
    total: int,
    seed: int,
    keep: Callable[[FloatArray], BoolArray] | None = None,
) -> Count:
    """Monte Carlo estimate of the count with a 95% Wilson interval. ``units`` may carry
    more utility columns than parties; ``keep`` then says which sampled rows (all columns)
    count besides meeting the acceptance rule."""
    rng = np.random.default_rng(seed)
    utilities = np.zeros((SAMPLES, units[0].utilities.shape[1] if units else space.n_parties))
    for unit in units:
        pick: IntArray = rng.integers(0, len(unit.choices), size=SAMPLES)
        utilities += unit.utilities[pick]
    met = acceptance_counts(space, utilities[:, : space.n_parties])[1]
    if keep is not None:
        met &= keep(utilities)
    hits = int(met.sum())
    p = hits / SAMPLES
    z = 1.959963984540054
    centre = (p + z * z / (2 * SAMPLES)) / (1 + z * z / SAMPLES)
    half = z * np.sqrt(p * (1 - p) / SAMPLES + z * z / (4 * SAMPLES**2)) / (1 + z * z / SAMPLES)
    low = max(0.0, centre - half)
    high = min(1.0, centre + half)
    return Count(
        round(p * total),
        False,
        f"Monte Carlo estimate, {SAMPLES} uniform samples, seed {seed}",
        int(low * total),
        int(np.ceil(high * total)),
    )
