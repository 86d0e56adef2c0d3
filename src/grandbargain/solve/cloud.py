"""Every admissible package with its utilities, when there are few enough to list.

The frontier chart draws them as a grey cloud behind the frontier. Admissible packages form a
product set over the bargaining units (:mod:`grandbargain.solve.units`: single issues, or
issues joined by a linkage into one compound issue whose choices already meet its constraints),
so they are listed by counting through the units' choices in mixed radix, with no filtering
afterwards: the work is proportional to the number of admissible packages, not to the size of
the whole outcome space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grandbargain.solve.counting import admissible_count
from grandbargain.solve.units import build_units
from grandbargain.space import FloatArray, IntArray, UtilitySpace, package_utilities

CLOUD_LIMIT = 20_000
"""Default largest number of admissible packages listed."""


@dataclass(frozen=True)
class AdmissibleCloud:
    """The admissible packages of a space, in lexicographic order of option indices.

    ``packages[k]`` holds one option index per issue (issue order of the space);
    ``utilities[k]`` each party's utility of that package (party order of the space).
    """

    packages: IntArray
    utilities: FloatArray

    def __len__(self) -> int:
        return int(self.packages.shape[0])


def admissible_cloud(space: UtilitySpace, limit: int = CLOUD_LIMIT) -> AdmissibleCloud | None:
    """Every admissible package of ``space`` and its utilities; None when there are more
    than ``limit`` of them."""
    units = build_units(space)
    total = admissible_count(units)
    if total > limit:
        return None
    packages = np.zeros((total, space.n_issues), dtype=np.int64)
    index = np.arange(total, dtype=np.int64)
    for unit in reversed(units):
        index, digit = np.divmod(index, len(unit.choices))
        packages[:, list(unit.issues)] = unit.choices[digit]
    if total:
        packages = packages[np.lexsort(packages.T[::-1])]
    return AdmissibleCloud(packages, package_utilities(space, packages))
