"""Packages of frontier points, written out only when asked for.

The frontier merge (:mod:`grandbargain.solve.frontier`) keeps, for each unit merged in, one
back-pointer per surviving point: ``previous point * m + choice`` (``m`` = the unit's number
of Pareto-optimal choices). A package is rebuilt by following the pointers from the last merge
to the first. Memory is one small integer per point and merge, against one integer per point
and *issue* for a matrix of packages copied at every merge; the work of writing out a package
is paid only for the points a caller needs (a solution, a tie to break, the JSON output).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grandbargain.space import IntArray

Pointers = NDArray[np.signedinteger[Any]]


@dataclass(frozen=True)
class Merge:
    """One unit merged in: its issues, its Pareto-optimal choices and each kept point's
    back-pointer ``previous point * len(choices) + choice``."""

    issues: tuple[int, ...]
    choices: IntArray
    pointers: Pointers


def pointer_array(kept: IntArray, candidates: int) -> Pointers:
    """``kept`` candidate indices in the smallest integer type that holds them."""
    return kept.astype(np.int32) if candidates < 2**31 else kept


@dataclass(frozen=True)
class PackageTrail:
    """How to write out the package (option index per issue) of any frontier point.

    Points are numbered first by the last merge's kept points, then by ``listed`` packages
    (given outright: an empty frontier, points added afterwards); ``select`` maps a frontier
    row to that numbering (None: the identity).
    """

    n_issues: int
    merges: tuple[Merge, ...]
    listed: IntArray
    select: IntArray | None = None

    @property
    def merged(self) -> int:
        """Number of points that come from the merges."""
        return len(self.merges[-1].pointers) if self.merges else 0

    @classmethod
    def of_packages(cls, packages: IntArray) -> PackageTrail:
        """A trail that lists ``packages`` outright, one per frontier row."""
        return cls(packages.shape[1], (), np.asarray(packages, dtype=np.int64))

    def packages(self, rows: IntArray) -> IntArray:
        """The packages of frontier ``rows``, shape (len(rows), n_issues); -1 where an issue
        is not part of any merged unit."""
        rows = np.asarray(rows, dtype=np.int64)
        index = rows if self.select is None else self.select[rows]
        out = np.full((len(index), self.n_issues), -1, dtype=np.int64)
        listed = index >= self.merged
        out[listed] = self.listed[index[listed] - self.merged]
        if self.merges and not listed.all():
            out[~listed] = self._follow(index[~listed])
        return out

    def _follow(self, index: IntArray) -> IntArray:
        out = np.full((len(index), self.n_issues), -1, dtype=np.int64)
        point: IntArray = index
        for merge in reversed(self.merges):
            pointer = merge.pointers[point].astype(np.int64)
            choice, point = pointer % len(merge.choices), pointer // len(merge.choices)
            out[:, list(merge.issues)] = merge.choices[choice]
        return out

    def extended(self, packages: IntArray, rows: IntArray) -> PackageTrail:
        """This trail with ``packages`` listed after its points, keeping ``rows`` of the
        combined numbering (the current rows first, then the new packages)."""
        current = (
            np.arange(self.merged + len(self.listed), dtype=np.int64)
            if self.select is None
            else self.select
        )
        numbering = np.concatenate(
            [current, self.merged + len(self.listed) + np.arange(len(packages), dtype=np.int64)]
        )
        listed = np.vstack([self.listed, np.asarray(packages, dtype=np.int64)])
        return PackageTrail(self.n_issues, self.merges, listed, numbering[rows])
