"""Logrolls: trades that move two or more issues off the status quo so everyone gains.

A logroll changes the options of ``size`` issues (2 by default, up to ``max_size``), with
every other issue at the status quo, such that each party loses on at least one moved issue
and every party gains overall (interaction terms counted). Ranked by the smallest party gain,
not by summed utility (Pruitt 1981 on logrolling; Raiffa 1982, ch. 10). This is the
"soybeans for EVs" trade, computed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from grandbargain.space import (
    TOLERANCE,
    FloatArray,
    UtilitySpace,
    admissible_packages,
    package_utilities,
)

MAX_CANDIDATES = 5_000_000


@dataclass(frozen=True)
class Logroll:
    """One trade: the moved issues with their new options, per-issue and total gains."""

    moves: tuple[tuple[int, int], ...]
    issue_gains: FloatArray
    total_gains: FloatArray

    @property
    def smallest_gain(self) -> float:
        """The gain of the party that gains least: the ranking key."""
        return float(self.total_gains.min())


def find_logrolls(
    space: UtilitySpace, max_size: int = 2, limit: int = 50
) -> tuple[tuple[Logroll, ...], int]:
    """The best ``limit`` logrolls by smallest party gain, and how many there are in all."""
    if space.status_quo is None:
        return (), 0
    status_quo = np.array(space.status_quo, dtype=np.int64)
    base = package_utilities(space, status_quo[None, :])[0]
    found: list[Logroll] = []
    total = 0
    for size in range(2, max_size + 1):
        for issues in itertools.combinations(range(space.n_issues), size):
            alternatives = [
                [o for o in range(len(space.option_ids[i])) if o != status_quo[i]] for i in issues
            ]
            combos = np.array(list(itertools.product(*alternatives)), dtype=np.int64)
            if len(combos) == 0 or len(combos) > MAX_CANDIDATES:
                continue
            packages = np.repeat(status_quo[None, :], len(combos), axis=0)
            packages[:, list(issues)] = combos
            utilities = package_utilities(space, packages)
            gains = utilities - base
            per_issue = np.stack(
                [
                    space.tables[i][combos[:, k]] - space.tables[i][status_quo[i]]
                    for k, i in enumerate(issues)
                ],
                axis=1,
            )
            loses_somewhere = np.all(np.any(per_issue < -TOLERANCE, axis=1), axis=1)
            ok = (
                loses_somewhere
                & np.all(gains > TOLERANCE, axis=1)
                & admissible_packages(space, packages)
            )
            for row in np.flatnonzero(ok):
                moves = tuple((i, int(combos[row, k])) for k, i in enumerate(issues))
                found.append(Logroll(moves, per_issue[row], gains[row]))
            total += int(ok.sum())
    found.sort(key=lambda r: (-r.smallest_gain, len(r.moves), r.moves))
    return tuple(found[:limit]), total
