"""The ensemble's probabilities: a weighted mixture of the predictors' packages over draws.

Each predictor ``j`` gives one package per draw it ran on (``n_j`` draws). The outlook's
joint distribution over packages is the mixture

    P(package) = sum_j w_j * (number of draws where j gives that package) / n_j

with weights ``w_j >= 0`` summing to 1. Per-issue probabilities are its marginals:
P(issue i takes option o) = sum_j w_j * (share of j's draws with option o on issue i), so
every option of every issue gets a probability (0 for options no predictor gave) and they
sum to 1. No deal is the status quo package: the predictors already give it as a package.

The **most likely package** is the mode of that mixture: the package with the largest
P(package) among the packages some predictor gave on some draw (no other package has a
positive probability). Ties go to the package that agrees with more per-issue most likely
options, then to the lowest option indices in issue order. The **most likely deal** is the
mode among the packages other than the status quo: no deal often is the mode, since the
no-change prior and every failed negotiation give that one package, while the predictors
that move spread their probability over many packages.

Pure functions on arrays; :mod:`grandbargain.outlook.run` feeds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Votes:
    """One predictor's packages, one row of option indices per draw it ran on."""

    name: str
    weight: float
    packages: IntArray

    @property
    def draws(self) -> int:
        """How many draws the predictor ran on."""
        return int(self.packages.shape[0])


def check_votes(votes: Sequence[Votes], option_counts: Sequence[int]) -> None:
    """Refuse votes that cannot form a distribution (a programming error, not bad input)."""
    total = sum(v.weight for v in votes)
    if not votes or abs(total - 1.0) > 1e-9 or any(v.weight < 0 for v in votes):
        raise ValueError(f"weights must be >= 0 and sum to 1, not {total}")
    for v in votes:
        if v.draws < 1 or v.packages.shape[1] != len(option_counts):
            raise ValueError(f"{v.name}: expected (draws >= 1, {len(option_counts)}) packages")
        if (v.packages < 0).any() or (v.packages >= np.array(option_counts)).any():
            raise ValueError(f"{v.name}: an option index is out of range")


def marginals(votes: Sequence[Votes], option_counts: Sequence[int]) -> list[FloatArray]:
    """Per issue, the probability of each of its options (the mixture's marginals)."""
    check_votes(votes, option_counts)
    result = []
    for i, count in enumerate(option_counts):
        p = np.zeros(count)
        for v in votes:
            p += v.weight * np.bincount(v.packages[:, i], minlength=count) / v.draws
        result.append(p)
    return result


def package_probabilities(votes: Sequence[Votes]) -> dict[tuple[int, ...], float]:
    """P(package) for every package that some predictor gave on some draw."""
    result: dict[tuple[int, ...], float] = {}
    for v in votes:
        rows, counts = np.unique(v.packages, axis=0, return_counts=True)
        for row, count in zip(rows, counts, strict=True):
            key = tuple(int(o) for o in row)
            result[key] = result.get(key, 0.0) + v.weight * int(count) / v.draws
    return result


def most_likely(
    votes: Sequence[Votes], option_counts: Sequence[int], excluding: tuple[int, ...] | None = None
) -> tuple[tuple[int, ...], float] | None:
    """The mode of the mixture and its probability (ties: see the module docstring);
    ``excluding`` a package (the status quo, for the most likely deal). None when no
    package is left."""
    modes = [int(np.argmax(p)) for p in marginals(votes, option_counts)]
    probabilities = package_probabilities(votes)
    if excluding is not None:
        probabilities.pop(excluding, None)
    if not probabilities:
        return None
    best = max(probabilities.values())

    def key(package: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        agree = sum(1 for o, m in zip(package, modes, strict=True) if o == m)
        return (-agree, package)

    tied = [p for p, q in probabilities.items() if q >= best - TOLERANCE]
    return min(tied, key=key), best


def modal_options(votes: Votes, option_counts: Sequence[int]) -> tuple[tuple[int, float], ...]:
    """Per issue, one predictor's most frequent option and its share of the predictor's draws
    (ties: the lower option index)."""
    result = []
    for i, count in enumerate(option_counts):
        shares = np.bincount(votes.packages[:, i], minlength=count) / votes.draws
        best = int(np.argmax(shares))
        result.append((best, float(shares[best])))
    return tuple(result)


def quantiles(values: FloatArray, levels: Sequence[float]) -> tuple[float, ...]:
    """Quantiles of ``values`` (numpy's default linear interpolation)."""
    return tuple(float(q) for q in np.quantile(values, levels))
