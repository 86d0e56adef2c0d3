"""Logrolls: trades that move two or more issues off the status quo so everyone gains.

A logroll changes the options of ``size`` issues (2 by default, up to ``max_size``), with
every other issue at the status quo, such that each party loses on at least one moved issue
and every party gains overall (interaction terms counted). Ranked by the smallest party gain,
not by summed utility (Pruitt 1981 on logrolling; Raiffa 1982, ch. 10). This is the
"soybeans for EVs" trade, computed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from grandbargain.space import (
    TOLERANCE,
    BoolArray,
    FloatArray,
    IntArray,
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
    space: UtilitySpace,
    max_size: int = 2,
    limit: int = 50,
    keep: Callable[[IntArray], BoolArray] | None = None,
) -> tuple[tuple[Logroll, ...], int]:
    """The best ``limit`` logrolls by smallest party gain, and how many there are in all.

    All candidate trades of one size are checked together, in chunks of ``CHUNK`` rows.
    ``keep`` may rule out packages besides the admissibility check (ratification).
    """
    if space.status_quo is None:
        return (), 0
    status_quo = np.array(space.status_quo, dtype=np.int64)
    base = package_utilities(space, status_quo[None, :])[0]
    widest = max(len(options) for options in space.option_ids)
    # per-issue gain of each option over the status-quo option, padded to a rectangle
    issue_gain = np.zeros((space.n_issues, widest, space.n_parties))
    for i, table in enumerate(space.tables):
        issue_gain[i, : len(table)] = table - table[status_quo[i]]
    found: list[Logroll] = []
    total = 0
    for size in range(2, max_size + 1):
        for issues, options in candidate_trades(space, status_quo, size):
            packages = np.repeat(status_quo[None, :], len(issues), axis=0)
            rows = np.arange(len(issues))[:, None]
            packages[rows, issues] = options
            gains = package_utilities(space, packages) - base
            per_issue = issue_gain[issues, options]  # (candidates, size, parties)
            loses_somewhere = np.all(np.any(per_issue < -TOLERANCE, axis=1), axis=1)
            ok = (
                loses_somewhere
                & np.all(gains > TOLERANCE, axis=1)
                & admissible_packages(space, packages)
            )
            if keep is not None:
                ok[ok] &= keep(packages[ok])
            for row in np.flatnonzero(ok):
                moves = tuple(
                    (int(i), int(o)) for i, o in zip(issues[row], options[row], strict=True)
                )
                found.append(Logroll(moves, per_issue[row], gains[row]))
            total += int(ok.sum())
    found.sort(key=lambda r: (-r.smallest_gain, len(r.moves), r.moves))
    return tuple(found[:limit]), total


CHUNK = 200_000


def candidate_trades(
    space: UtilitySpace, status_quo: IntArray, size: int
) -> Iterator[tuple[IntArray, IntArray]]:
    """(issue indices, option indices) of every trade moving ``size`` issues, in chunks."""
    alternatives = [
        [o for o in range(len(space.option_ids[i])) if o != status_quo[i]]
        for i in range(space.n_issues)
    ]
    issue_rows: list[tuple[int, ...]] = []
    option_rows: list[tuple[int, ...]] = []
    for issues in itertools.combinations(range(space.n_issues), size):
        choices = [alternatives[i] for i in issues]
        count = 1
        for choice in choices:
            count *= len(choice)
        if count == 0 or count > MAX_CANDIDATES:
            continue
        for options in itertools.product(*choices):
            issue_rows.append(issues)
            option_rows.append(options)
        if len(issue_rows) >= CHUNK:
            yield np.array(issue_rows, dtype=np.int64), np.array(option_rows, dtype=np.int64)
            issue_rows, option_rows = [], []
    if issue_rows:
        yield np.array(issue_rows, dtype=np.int64), np.array(option_rows, dtype=np.int64)
