"""How many admissible packages meet the acceptance rule, without listing them when many.

- Up to ``ENUMERATION_LIMIT`` admissible packages: exact, by vectorised enumeration.
- Two parties under unanimity: exact, by meet-in-the-middle. The units are split into two
  halves; each half's utility sums are listed, and pairs (a, b) with a + b >= reservation in
  both coordinates are counted by an offline two-dimensional dominance count (a sweep over
  one coordinate with a Fenwick tree over the other), in O((|A| + |B|) log |B|).
- Otherwise: an estimate from uniform random packages with a 95% Wilson interval (admissible
  packages form a product set over units, so sampling each unit uniformly is uniform).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grandbargain.solve.units import Unit
from grandbargain.space import TOLERANCE, FloatArray, IntArray, UtilitySpace, acceptance_counts

ENUMERATION_LIMIT = 10_000_000
HALF_LIMIT = 400_000
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
    if total <= ENUMERATION_LIMIT:
        return Count(_enumerate(space, units, total), True, "enumeration")
    unanimity = space.quota >= space.n_parties
    if space.n_parties == 2 and unanimity:
        halves = _split(units)
        if halves is not None:
            return Count(_meet_in_the_middle(space, *halves), True, "meet-in-the-middle")
    return _estimate(space, units, total, seed)


def _sums(units: tuple[Unit, ...], n_parties: int, start: int, stop: int) -> FloatArray:
    """Utility sums of admissible packages number start..stop-1 (mixed-radix over units)."""
    index = np.arange(start, stop, dtype=np.int64)
    out = np.zeros((stop - start, n_parties))
    for unit in reversed(units):
        size = len(unit.choices)
        index, digit = np.divmod(index, size)
        out += unit.utilities[digit]
    return out


def _enumerate(space: UtilitySpace, units: tuple[Unit, ...], total: int) -> int:
    count = 0
    for start in range(0, total, CHUNK):
        utilities = _sums(units, space.n_parties, start, min(total, start + CHUNK))
        count += int(acceptance_counts(space, utilities)[1].sum())
    return count


def _split(units: tuple[Unit, ...]) -> tuple[tuple[Unit, ...], tuple[Unit, ...]] | None:
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
    if max(left_size, right_size) > HALF_LIMIT:
        return None
    return tuple(left), tuple(right)


def _meet_in_the_middle(
    space: UtilitySpace, left: tuple[Unit, ...], right: tuple[Unit, ...]
) -> int:
    a = _sums(left, 2, 0, admissible_count(left))
    b = _sums(right, 2, 0, admissible_count(right))
    need = space.reservation - TOLERANCE
    # count pairs with b0 >= need0 - a0 and b1 >= need1 - a1
    threshold0 = need[0] - a[:, 0]
    threshold1 = need[1] - a[:, 1]
    ranks_b1 = np.unique(b[:, 1])
    b_order = np.argsort(-b[:, 0], kind="stable")
    q_order = np.argsort(-threshold0, kind="stable")
    tree = np.zeros(len(ranks_b1) + 1, dtype=np.int64)
    b_rank = np.searchsorted(ranks_b1, b[:, 1]) + 1
    # number of inserted b with b1 >= t  ==  inserted - (number with b1 < t)
    q_rank = np.searchsorted(ranks_b1, threshold1, side="left")
    count = 0
    inserted = 0
    pointer = 0
    b0_sorted = b[b_order, 0]
    for query in q_order:
        limit = threshold0[query]
        while pointer < len(b_order) and b0_sorted[pointer] >= limit:
            position = int(b_rank[b_order[pointer]])
            while position < len(tree):
                tree[position] += 1
                position += position & -position
            inserted += 1
            pointer += 1
        below = 0
        position = int(q_rank[query])
        while position > 0:
            below += int(tree[position])
            position -= position & -position
        count += inserted - below
    return count


def _estimate(space: UtilitySpace, units: tuple[Unit, ...], total: int, seed: int) -> Count:
    rng = np.random.default_rng(seed)
    utilities = np.zeros((SAMPLES, space.n_parties))
    for unit in units:
        pick: IntArray = rng.integers(0, len(unit.choices), size=SAMPLES)
        utilities += unit.utilities[pick]
    hits = int(acceptance_counts(space, utilities)[1].sum())
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
