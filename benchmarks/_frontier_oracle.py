"""Brute-force oracle of ``frontier.py``: the frontier and the four solutions by definition.

Independent of grandbargain: every package is enumerated (in chunks), the frontier is the set
of distinct non-dominated utility vectors on the 1e-9 grid and each solution concept is the
arg-max of its score, ties broken as grandbargain documents.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
TOL = 1e-9  # utilities are compared on this grid (CONVENTIONS)
SCORE_TOL = 1e-12  # relative tolerance for tied concept scores, as in grandbargain
CHUNK = 1 << 20  # packages per brute-force chunk
CONCEPTS = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")


def quantise(u: Floats) -> Ints:
    return np.round(u / TOL).astype(np.int64)


def maximal(q: Ints) -> Ints:
    """Distinct non-dominated rows of an integer matrix (sort, then sweep)."""
    q = np.unique(q, axis=0)[::-1]  # lexicographically descending: no row dominates an earlier one
    if q.shape[1] == 2:
        keep = np.ones(len(q), dtype=bool)
        keep[1:] = q[1:, 1] > np.maximum.accumulate(q[:, 1])[:-1]
        return q[keep]
    kept = np.empty((0, q.shape[1]), dtype=np.int64)
    for point in q:
        if not np.any(np.all(kept >= point, axis=1)):
            kept = np.vstack([kept, point])
    return kept


class Best:
    """Running arg-max of a score with ties kept (scores within SCORE_TOL of the best)."""

    def __init__(self, n_parties: int) -> None:
        self.score = -np.inf
        self.scores = np.empty(0)
        self.utils = np.empty((0, n_parties))

    def add(self, scores: Floats, utils: Floats) -> None:
        if len(scores) == 0:
            return
        self.score = max(self.score, float(scores.max()))
        floor = self.score - SCORE_TOL * max(1.0, abs(self.score))
        old, new = self.scores >= floor, scores >= floor
        self.scores = np.concatenate([self.scores[old], scores[new]])
        self.utils = np.vstack([self.utils[old], utils[new]])

    def pick(self, reservation: Floats) -> Floats | None:
        """Among ties, the leximin-largest gain vector (grandbargain's documented tie rule)."""
        if len(self.scores) == 0:
            return None
        lex = np.sort(quantise(self.utils - reservation), axis=1)
        order = np.lexsort(tuple(-lex[:, k] for k in reversed(range(lex.shape[1]))))
        best: Floats = self.utils[order[0]]
        return best


def chunks(tables: list[Floats]) -> Any:
    """Utilities of every package, in chunks, via mixed-radix package indices."""
    total = int(np.prod([len(t) for t in tables], dtype=object))
    for start in range(0, total, CHUNK):
        index = np.arange(start, min(start + CHUNK, total), dtype=np.int64)
        digits = []
        for table in reversed(tables):
            digits.append(index % len(table))
            index = index // len(table)
        utils = np.zeros((len(digits[0]), tables[0].shape[1]))
        for table, digit in zip(tables, reversed(digits), strict=True):
            utils += table[digit]
        yield utils


def brute_force(tables: list[Floats], reservation: Floats) -> tuple[Ints, dict[str, Floats | None]]:
    """Frontier (quantised, distinct) and the four solutions by definition, over all packages."""
    d = len(reservation)
    parts, ideal = [], np.full(d, -np.inf)
    best = {c: Best(d) for c in CONCEPTS}
    for utils in chunks(tables):
        parts.append(maximal(quantise(utils)))
        gains = utils - reservation
        ok = np.all(gains >= -TOL, axis=1)
        u, g = utils[ok], gains[ok]
        if len(u):
            ideal = np.maximum(ideal, g.max(axis=0))
        positive = np.all(g > TOL, axis=1)
        best["nash"].add(np.prod(g[positive], axis=1), u[positive])
        best["utilitarian"].add(u.sum(axis=1), u)
        best["egalitarian"].add(g.min(axis=1), u)
    counted = ideal > TOL
    for utils in chunks(tables):  # second pass: KS needs the ideal gains
        gains = utils - reservation
        ok = np.all(gains >= -TOL, axis=1)
        ratios = np.min(gains[ok][:, counted] / ideal[counted], axis=1) if counted.any() else None
        best["kalai_smorodinsky"].add(np.zeros(ok.sum()) if ratios is None else ratios, utils[ok])
    return maximal(np.vstack(parts)), {c: best[c].pick(reservation) for c in CONCEPTS}


Chosen = dict[str, Floats | None]


def compare(front: Floats, eps: float, chosen: Chosen, bf: Ints, bf_chosen: Chosen) -> str:
    """'yes' when frontier and solutions are identical on the 1e-9 grid, else what differs."""
    pairs = [(c, chosen[c], bf_chosen[c]) for c in CONCEPTS]
    gaps = {c: float(np.abs(x - y).max()) for c, x, y in pairs if x is not None and y is not None}
    same = [c for c, x, y in pairs if (x is None and y is None) or gaps.get(c, 1.0) < TOL / 2]
    if eps == 0.0:
        exact = {tuple(r) for r in quantise(front).tolist()} == {tuple(r) for r in bf.tolist()}
        wrong = ([] if exact else ["frontier"]) + [c for c in CONCEPTS if c not in same]
        return "yes" if not wrong else "NO: " + ", ".join(wrong)
    # epsilon fallback (2 parties): every true frontier point is eps-dominated by a kept point
    kept = front[np.argsort(front[:, 0])]
    suffix = np.maximum.accumulate(kept[::-1, 1])[::-1]
    true = bf * TOL
    at = np.searchsorted(kept[:, 0], true[:, 0] - eps - TOL)
    reach = suffix[np.minimum(at, len(kept) - 1)]
    cover = "ok" if np.all((at < len(kept)) & (reach >= true[:, 1] - eps - TOL)) else "FAILS"
    gap = max(gaps.values(), default=0.0)
    return f"no (ε>0): ε-cover {cover}; {len(same)}/4 solutions same, max gap {gap:.1e}"
