"""Merge candidates known to be dominated before any search: their last few choices lose.

A frontier point carries the choices of every unit merged so far. Take a candidate of merge
``k`` (a point of the frontier so far plus a choice ``c`` of unit ``k``), and the choices it
makes in the last :data:`DEPTH` units before ``k``, with ``c``: a combination of
``DEPTH + 1`` units' Pareto-optimal choices. If another combination of the same units is
better for every party by at least :data:`MARGIN` per unit, the candidate is dominated: the
same earlier choices with the better combination form a package that the merges either kept
or replaced by a point at least as good (a merge drops a candidate only for a kept point at
least as good on the 1e-9 grid, so at most 1e-9 worse per coordinate in real numbers), and
that package's point in merge ``k`` is still better than the candidate by more than 1e-9 in
every coordinate, so strictly better on the grid. Leaving such candidates out changes no
answer (a dominated candidate is never on the frontier nor the representative of an equal
one); it only spares the sort and the search.

The argument needs every candidate of the last ``DEPTH`` merges to have been either kept or
dropped for a point at most a known amount worse per coordinate: a thinned merge
(epsilon-Pareto) drops points for a kept point of the same cell, so for the next ``DEPTH``
merges the margin grows by the cell's side (:attr:`Step.loss`). It is not used with a floor
(a candidate dropped for not reaching it has no stand-in), on combinations too many to
compare (:data:`LARGEST`, :data:`TABLE`), or on utilities so large that rounding errors of
the float sums could reach the margin (:data:`SCALE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from grandbargain.space import FloatArray, IntArray

if TYPE_CHECKING:
    from grandbargain.solve.sums import Beaten
    from grandbargain.solve.trail import Pointers

DEPTH = 3
"""Units before the current one whose choices are compared."""
MARGIN = 1e-8
"""By how much, per unit compared, a combination must be better in every coordinate."""
LARGEST = 16_384
"""Most combinations compared at one stage of :func:`_unbeaten_combinations`."""
TABLE = 1 << 20
"""Most combinations in a table (one flag each)."""
SCALE = 1e4
"""Largest utility (in absolute value) for which the margin is used: far above the float
errors of sums of that size (about 1e-12)."""


@dataclass(frozen=True)
class Step:
    """One merge done: the unit's Pareto-optimal values, each kept point's back-pointer, and
    by how much less, beyond the grid, a kept point standing in for a dropped candidate may
    give a party: 0 where every candidate dropped has a kept point at least as good, the
    cell side where the merge was thinned (a kept point in the same cell), infinite with a
    floor (a candidate dropped for not reaching it has no stand-in)."""

    values: FloatArray
    pointers: Pointers
    loss: float


def beaten(steps: Sequence[Step], utilities: FloatArray, values: FloatArray) -> Beaten | None:
    """The candidates of the next merge (frontier ``utilities`` plus unit ``values``) known to
    be dominated, in the form :func:`grandbargain.solve.sums.distinct_sums` takes; None when
    the argument above cannot be used or finds none."""
    last = steps[-DEPTH:]
    loss = sum(step.loss for step in last)
    if len(last) < DEPTH or not np.isfinite(loss):
        return None
    fronts = [step.values for step in last] + [values]
    top = sum(float(np.abs(front).max()) for front in fronts)
    if top + float(np.abs(utilities).max()) > SCALE:
        return None
    size = int(np.prod([len(front) for front in fronts]))
    free = None if size > TABLE else _unbeaten_combinations(fronts, MARGIN * (DEPTH + 1) + loss)
    if free is None:
        return None
    table = np.ones(size, dtype=np.bool_)
    table[free] = False
    if not table.any():
        return None
    return _suffixes(last, len(utilities)), table


def _unbeaten_combinations(fronts: Sequence[FloatArray], margin: float) -> IntArray | None:
    """The combinations of one choice per front (numbered with the first front's choice most
    significant) that no other combination beats by ``margin`` in every coordinate; None
    where a stage would compare more than :data:`LARGEST` combinations.

    Built front by front: a combination whose first fronts' part is beaten is beaten (the
    same later choices added to both), so only the unbeaten part of each stage is extended
    by the next front's choices and filtered again."""
    from grandbargain.solve.sums import unbeaten

    number = np.zeros(1, dtype=np.int64)
    sums = np.zeros((1, fronts[0].shape[1]))
    for front in fronts:
        if len(sums) * len(front) > LARGEST:
            return None
        number = (number[:, None] * len(front) + np.arange(len(front))).ravel()
        sums = (sums[:, None, :] + front[None, :, :]).reshape(-1, front.shape[1])
        free = unbeaten(sums, margin)
        number, sums = number[free], np.ascontiguousarray(sums[free])
    return number


def _suffixes(last: Sequence[Step], points: int) -> IntArray:
    """For each point of the frontier so far, the number of its choices in the units of
    ``last`` (the first unit's choice most significant)."""
    point = np.arange(points, dtype=np.int64)
    suffix = np.zeros(points, dtype=np.int64)
    weight = 1
    for step in reversed(last):
        pointer = step.pointers[point].astype(np.int64)
        point, choice = np.divmod(pointer, len(step.values))
        suffix += choice * weight
        weight *= len(step.values)
    return suffix
