"""The four solution concepts of CONVENTIONS, computed on the Pareto frontier.

All four range over admissible packages that every party accepts (utility >= reservation,
within 1e-9). Each concept's optimum over that set is Pareto-optimal among admissible
packages, so searching the frontier is exact:

- Nash (1950): maximise the product of gains over packages where every gain is > 0;
- Kalai and Smorodinsky (1975): maximise min_p gain_p / ideal_p, ideal_p being p's largest
  gain in the set (parties with ideal gain 0 are left out of the min);
- utilitarian: maximise the sum of utilities;
- egalitarian (Rawls; Kalai 1977): maximise the smallest gain.

Ties: the leximin order of the gain vectors, then the lowest option indices in issue order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grandbargain.solve.frontier import Frontier, quantise
from grandbargain.space import TOLERANCE, FloatArray, IntArray

SCORE_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Choice:
    """The frontier point a concept picks: its row in the frontier and its score."""

    row: int
    score: float


@dataclass(frozen=True)
class ConceptChoices:
    """The frontier rows picked by each concept (None where the set is empty)."""

    nash: Choice | None
    kalai_smorodinsky: Choice | None
    utilitarian: Choice | None
    egalitarian: Choice | None


def _pick(scores: FloatArray, gains: FloatArray, frontier: Frontier, rows: IntArray) -> Choice:
    best = float(scores.max())
    near = np.flatnonzero(scores >= best - SCORE_TOLERANCE * max(1.0, abs(best)))
    if len(near) > 1:
        leximin = np.sort(quantise(gains[near]), axis=1)
        packages = frontier.packages_of(rows[near])
        keys = [packages[:, k] for k in reversed(range(packages.shape[1]))]
        keys += [-leximin[:, k] for k in reversed(range(leximin.shape[1]))]
        winner = near[np.lexsort(tuple(keys))[0]]
    else:
        winner = near[0]
    return Choice(int(rows[winner]), float(scores[winner]))


def choose(frontier: Frontier, reservation: FloatArray) -> ConceptChoices:
    """Apply the four concepts to ``frontier`` with disagreement point ``reservation``."""
    gains_all = frontier.utilities - reservation
    rows = np.flatnonzero(np.all(gains_all >= -TOLERANCE, axis=1))
    if len(rows) == 0:
        return ConceptChoices(None, None, None, None)
    gains = gains_all[rows]
    utilities = frontier.utilities[rows]

    positive = np.all(gains > TOLERANCE, axis=1)
    nash = None
    if positive.any():
        product = np.where(positive, np.prod(np.where(positive[:, None], gains, 1.0), axis=1), -1.0)
        nash = _pick(product, gains, frontier, rows)

    ideal = gains.max(axis=0)
    counted = ideal > TOLERANCE
    if counted.any():
        ratios = np.min(gains[:, counted] / ideal[counted], axis=1)
    else:
        ratios = np.zeros(len(rows))
    return ConceptChoices(
        nash=nash,
        kalai_smorodinsky=_pick(ratios, gains, frontier, rows),
        utilitarian=_pick(utilities.sum(axis=1), gains, frontier, rows),
        egalitarian=_pick(gains.min(axis=1), gains, frontier, rows),
    )
