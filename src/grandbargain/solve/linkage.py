"""Value of linkage: one grand bargain against a series of separate agreements.

For each issue (and each bucket) alone: the Nash agreement on that issue with everything else
at the status quo, where a party accepts when it is at least as well off as with that issue's
status-quo option. The separate agreements are combined into one package (interaction terms
counted on the combined package) and each party's utility is compared with the package-wide
Nash solution, in utility and in percent of the party's gap between status quo and ideal.
If a stage has no agreement that gives every party a positive gain, it stays at the status
quo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import Frontier, pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import (
    BoolArray,
    FloatArray,
    IntArray,
    UtilitySpace,
    admissible_packages,
    package_utilities,
)


@dataclass(frozen=True)
class SeriesOfAgreements:
    """Separate Nash agreements per stage, combined, against the grand bargain."""

    stages: tuple[tuple[str, tuple[int, ...]], ...]
    package: IntArray
    admissible: bool
    utilities: FloatArray
    grand_utilities: FloatArray | None
    difference: FloatArray | None
    percent_of_gap: FloatArray | None


def separate_agreements(
    space: UtilitySpace,
    stages: Sequence[tuple[str, tuple[int, ...]]],
    grand_utilities: FloatArray | None,
    ideal: FloatArray,
    frontier_of: Callable[[dict[int, int]], Frontier] | None = None,
    keep: Callable[[IntArray], BoolArray] | None = None,
) -> SeriesOfAgreements | None:
    """Nash agreement per stage (named issue groups), combined and compared.

    ``frontier_of`` gives the frontier with some issues fixed (default: every admissible
    package); ``keep`` may rule out combined packages besides admissibility (ratification).
    """
    if space.status_quo is None:
        return None
    status_quo = np.array(space.status_quo, dtype=np.int64)
    base = package_utilities(space, status_quo[None, :])[0]
    combined = status_quo.copy()
    for _, issues in stages:
        fixed = {i: int(status_quo[i]) for i in range(space.n_issues) if i not in issues}
        if frontier_of is None:
            units = build_units(space, restrict=fixed)
            frontier = pareto_frontier(units, space.n_issues, space.n_parties)
        else:
            frontier = frontier_of(fixed)
        choice = choose(frontier, base).nash
        if choice is not None:
            package = frontier.package(choice.row)
            for i in issues:
                combined[i] = package[i]
    utilities = package_utilities(space, combined[None, :])[0]
    admissible = bool(admissible_packages(space, combined[None, :])[0])
    if keep is not None:
        admissible = admissible and bool(keep(combined[None, :])[0])
    difference = percent = None
    if grand_utilities is not None:
        difference = grand_utilities - utilities
        gap = ideal - base
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = np.where(np.abs(gap) > 1e-12, 100.0 * difference / gap, np.nan)
    return SeriesOfAgreements(
        tuple(stages), combined, admissible, utilities, grand_utilities, difference, percent
    )
