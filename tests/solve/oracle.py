"""Brute-force oracle: enumerate every package straight from the Scenario (test-only code).

Written independently of grandbargain.space and grandbargain.solve: utilities are computed
from the scenario's weights and values with plain Python, one package at a time.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from grandbargain.model.schema import Scenario

TOL = 1e-9


@dataclass(frozen=True)
class Brute:
    packages: list[tuple[int, ...]]  # admissible packages, in lexicographic order
    utilities: list[tuple[float, ...]]
    reservation: tuple[float, ...]
    frontier: dict[tuple[int, ...], tuple[int, ...]]  # quantised vector -> lex-min package
    solutions: dict[str, tuple[int, ...] | None]
    feasible_count: int


def _q(vector: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(round(x / TOL) for x in vector)


def utility(s: Scenario, package: tuple[int, ...]) -> tuple[float, ...]:
    low, high = s.value_scale.min, s.value_scale.max
    result = []
    for party in s.parties:
        total_weight = sum(st.weight for st in party.stances.values())
        u = 0.0
        for issue, option in zip(s.issues, package, strict=True):
            stance = party.stances[issue.id]
            w = stance.weight / total_weight if s.weight_mode == "normalised" else stance.weight
            u += w * (stance.values[issue.options[option].id] - low) / (high - low)
        chosen = {issue.id: issue.options[o].id for issue, o in zip(s.issues, package, strict=True)}
        for term in s.linkages.interactions:
            if all(chosen[k] == v for k, v in term.when.items()):
                u += term.utilities.get(party.name, 0.0)
        result.append(u)
    return tuple(result)


def admissible(s: Scenario, package: tuple[int, ...]) -> bool:
    chosen = {issue.id: issue.options[o].id for issue, o in zip(s.issues, package, strict=True)}
    for party in s.parties:
        for issue_id, stance in party.stances.items():
            if chosen[issue_id] in stance.red_lines:
                return False
    for rule in s.linkages.constraints:
        if all(chosen[k] == v for k, v in rule.when.items()):
            if any(chosen[k] not in allowed for k, allowed in rule.requires.items()):
                return False
    return True


def _leximin_better(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    qa, qb = sorted(_q(a)), sorted(_q(b))
    return qa > qb


def brute_force(s: Scenario, reservation: tuple[float, ...] | None = None) -> Brute:
    if reservation is None:
        sq = tuple(
            next(k for k, o in enumerate(issue.options) if o.id == issue.status_quo)
            for issue in s.issues
        )
        reservation = utility(s, sq)
    packages, utilities = [], []
    for package in itertools.product(*[range(len(i.options)) for i in s.issues]):
        if admissible(s, package):
            packages.append(package)
            utilities.append(utility(s, package))
    quantised = [_q(u) for u in utilities]
    frontier: dict[tuple[int, ...], tuple[int, ...]] = {}
    distinct = set(quantised)
    for package, q in zip(packages, quantised, strict=True):
        dominated = any(
            all(o >= x for o, x in zip(other, q, strict=True)) and other != q for other in distinct
        )
        if not dominated and q not in frontier:
            frontier[q] = package
    n = len(s.parties)
    accepted = [
        (p, u)
        for p, u in zip(packages, utilities, strict=True)
        if all(u[k] >= reservation[k] - TOL for k in range(n))
    ]
    gains = {p: tuple(u[k] - reservation[k] for k in range(n)) for p, u in accepted}

    def best(score: dict[tuple[int, ...], float]) -> tuple[int, ...] | None:
        if not score:
            return None
        top = max(score.values())
        near = [p for p in score if score[p] >= top - 1e-12 * max(1.0, abs(top))]
        winner = near[0]
        for p in near[1:]:
            if _leximin_better(gains[p], gains[winner]) or (
                sorted(_q(gains[p])) == sorted(_q(gains[winner])) and p < winner
            ):
                winner = p
        return winner

    nash = {p: math.prod(g) for p, g in gains.items() if all(x > TOL for x in g)}
    ideal = [max((g[k] for g in gains.values()), default=0.0) for k in range(n)]
    counted = [k for k in range(n) if ideal[k] > TOL]
    ks = {p: (min(g[k] / ideal[k] for k in counted) if counted else 0.0) for p, g in gains.items()}
    util = {p: sum(u) for p, u in accepted}
    egal = {p: min(g) for p, g in gains.items()}
    acceptance = s.acceptance
    feasible = 0
    for u in utilities:
        accepts = [u[k] >= reservation[k] - TOL for k in range(n)]
        if acceptance.rule == "unanimity":
            feasible += all(accepts)
        else:
            names = list(s.party_names)
            assert acceptance.quota is not None
            feasible += sum(accepts) >= acceptance.quota and all(
                accepts[names.index(v)] for v in acceptance.veto
            )
    return Brute(
        packages,
        utilities,
        tuple(reservation),
        frontier,
        {
            "nash": best(nash),
            "kalai_smorodinsky": best(ks),
            "utilitarian": best(util),
            "egalitarian": best(egal),
        },
        feasible,
    )
