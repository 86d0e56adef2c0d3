"""Brute-force oracle for ratification (test-only): every package judged one at a time.

Independent of grandbargain.space, grandbargain.solve and grandbargain.forecast: the win-set
rule, stakeholder utilities and the package vote are recomputed here in plain Python from the
scenario as docs/explanation/ratification.md states them, on top of the solve oracle's
utilities, admissibility and status quo (:mod:`tests.solve.oracle`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Scenario, Stakeholder

from .oracle import (
    TOL,
    State,
    _best,
    _frontier,
    admissible,
    reservation_values,
    state_on,
    status_quo_package,
    utility,
)

SHARE_TOL = 1e-12


def holder_utility(s: Scenario, holder: Stakeholder, package: tuple[int, ...]) -> float:
    """U_s = sum_i sal * (100 - |pos - pos(o_i)|) / 100 / sum_i sal over its usable issues."""
    terms = []
    for issue, option in zip(s.issues, package, strict=True):
        stance = holder.stances.get(issue.id)
        if stance is None or any(o.position is None for o in issue.options):
            continue
        position = issue.options[option].position
        assert position is not None
        terms.append((stance.salience, stance.salience * (100 - abs(stance.position - position))))
    total = sum(sal for sal, _ in terms)
    return 0.0 if total <= 0 else sum(v for _, v in terms) / 100 / total


def inside_winset(
    s: Scenario, party: str, threshold: float, issue_index: int, option: int, sq: int
) -> bool:
    """The `grandbargain winsets` rule, written out again."""
    issue = s.issues[issue_index]
    holders = [
        h.stances[issue.id] for h in s.stakeholders if h.party == party and issue.id in h.stances
    ]
    if not holders or any(o.position is None for o in issue.options):
        return True
    total = sum(h.clout * h.salience for h in holders)
    if total <= 0 or option == sq:
        return True
    here, there = issue.options[option].position, issue.options[sq].position
    assert here is not None and there is not None
    support = sum(
        h.clout * h.salience
        for h in holders
        if abs(h.position - here) < abs(h.position - there) - 1e-12
    )
    return support / total >= threshold - SHARE_TOL


def ratifiable(
    s: Scenario,
    package: tuple[int, ...],
    sq: tuple[int, ...],
    dropped: frozenset[Any] = frozenset(),
) -> bool:
    """Whether every rule of ``s`` (but those in ``dropped``: ``("winsets", party)``,
    ``("veto", party, id)``, ``("package", party)``) lets ``package`` through."""
    by_id = {h.id: h for h in s.stakeholders}
    for entry in s.ratification:
        if entry.winsets is not None and ("winsets", entry.party) not in dropped:
            for i, issue in enumerate(s.issues):
                t = entry.winsets.issues.get(issue.id, entry.winsets.threshold)
                if not inside_winset(s, entry.party, t, i, package[i], sq[i]):
                    return False
        for holder_id in entry.veto_players:
            if ("veto", entry.party, holder_id) in dropped:
                continue
            holder = by_id[holder_id]
            if holder_utility(s, holder, package) < holder_utility(s, holder, sq) - TOL:
                return False
        if entry.package is not None and ("package", entry.party) not in dropped:
            members = [h for h in s.stakeholders if h.party == entry.party and h.stances]
            weights = [sum(v.clout * v.salience for v in h.stances.values()) for h in members]
            total = sum(weights)
            support = sum(
                w
                for h, w in zip(members, weights, strict=True)
                if holder_utility(s, h, package) >= holder_utility(s, h, sq) - TOL
            )
            if total > 0 and support / total < entry.package.threshold - SHARE_TOL:
                return False
    return True


@dataclass(frozen=True)
class RatifiedBrute:
    frontier: dict[tuple[int, ...], tuple[int, ...]]
    scores: dict[str, float | None]
    solutions: dict[str, tuple[int, ...] | None]
    feasible_count: int
    packages: set[tuple[int, ...]]


def brute_ratified(s: Scenario, dropped: frozenset[Any] = frozenset()) -> RatifiedBrute:
    """Frontier, best score per concept and feasible count over ratifiable packages."""
    state: State = state_on(s)
    sq = status_quo_package(s, state)
    reservation = reservation_values(s, state)
    packages, utilities = [], []
    for package in itertools.product(*[range(len(i.options)) for i in s.issues]):
        if admissible(s, package, state) and ratifiable(s, package, sq, dropped):
            packages.append(package)
            utilities.append(utility(s, package, state))
    n = len(s.parties)
    accepts = [[u[k] >= reservation[k] - TOL for k in range(n)] for u in utilities]
    if s.acceptance.rule == "unanimity":
        count = sum(all(a) for a in accepts)
    else:
        veto = [list(s.party_names).index(v) for v in s.acceptance.veto]
        quota = s.acceptance.quota or n
        count = sum(sum(a) >= quota and all(a[v] for v in veto) for a in accepts)
    accepted = [(p, u) for p, u, a in zip(packages, utilities, accepts, strict=True) if all(a)]
    gains = {p: tuple(u[k] - reservation[k] for k in range(n)) for p, u in accepted}
    ideal = [max((g[k] for g in gains.values()), default=0.0) for k in range(n)]
    counted = [k for k in range(n) if ideal[k] > TOL]
    scores = {
        "nash": {p: math.prod(g) for p, g in gains.items() if all(x > TOL for x in g)},
        "kalai_smorodinsky": {
            p: (min(g[k] / ideal[k] for k in counted) if counted else 0.0) for p, g in gains.items()
        },
        "utilitarian": {p: sum(u) for p, u in accepted},
        "egalitarian": {p: min(g) for p, g in gains.items()},
    }
    return RatifiedBrute(
        _frontier(packages, utilities),
        {c: (max(v.values()) if v else None) for c, v in scores.items()},
        {c: _best(v, gains) for c, v in scores.items()},
        count,
        set(packages),
    )
