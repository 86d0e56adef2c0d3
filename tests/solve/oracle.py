"""Brute-force oracle: enumerate every package straight from the Scenario (test-only code).

Written independently of grandbargain.space, grandbargain.solve and grandbargain.model.timeline:
where things stand on the analysis date (status quo, reservation values, withdrawn options,
condition states) is worked out here from the events as CONVENTIONS.md states the rule, and
utilities are computed from the scenario's weights and values with plain Python, one package
at a time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

from grandbargain.model.schema import Scenario

TOL = 1e-9
LIKELY = 0.5  # a scheduled or possible event is in force when at least this likely


@dataclass(frozen=True)
class State:
    """Where things stand on a date, by this oracle's own reading of the events."""

    status_quo: dict[str, str]
    reservation: dict[str, float]
    unavailable: set[tuple[str, str]]
    conditions: dict[str, str]
    active: set[str] = field(default_factory=set)  # interaction and constraint ids in force


def state_on(s: Scenario, as_of: dt.date | None = None) -> State:
    """Apply, in date order (ties in file order), every event dated on or before the date
    (``as_of``, else the scenario's, else no cut-off) that happened or is at least
    :data:`LIKELY`; later events overwrite earlier ones."""
    cutoff = as_of or s.as_of
    status_quo = {i.id: i.status_quo for i in s.issues if i.status_quo is not None}
    reservation: dict[str, float] = {}
    unavailable: set[tuple[str, str]] = set()
    conditions = {c.id: c.default for c in s.conditions}
    for event in sorted(s.events, key=lambda e: e.date.toordinal()):
        likely = (
            event.status == "happened"
            or (1.0 if event.probability is None else event.probability) >= LIKELY
        )
        if (cutoff is not None and event.date > cutoff) or not likely:
            continue
        for change in event.changes:
            if change.kind == "status_quo":
                status_quo[str(change.issue)] = str(change.option)
            elif change.kind == "reservation_value":
                reservation[str(change.party)] = float(change.value or 0.0)
            elif change.kind == "availability":
                key = (str(change.issue), str(change.option))
                (unavailable.discard if change.available else unavailable.add)(key)
            else:
                conditions[str(change.condition)] = str(change.state)
    gated: dict[str, list[tuple[str, str]]] = {}
    for condition in s.conditions:
        for cstate in condition.states:
            for linkage in cstate.activates:
                gated.setdefault(linkage, []).append((condition.id, cstate.id))
    ids = [t.id for t in s.linkages.interactions] + [c.id for c in s.linkages.constraints]
    active = {i for i in ids if i not in gated or any(conditions[c] == st for c, st in gated[i])}
    return State(status_quo, reservation, unavailable, conditions, active)


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


def _chosen(s: Scenario, package: tuple[int, ...]) -> dict[str, str]:
    return {issue.id: issue.options[o].id for issue, o in zip(s.issues, package, strict=True)}


def utility(s: Scenario, package: tuple[int, ...], state: State | None = None) -> tuple[float, ...]:
    """Each party's utility of ``package`` (option indices), interaction terms in force added."""
    state = state or state_on(s)
    low, high = s.value_scale.min, s.value_scale.max
    chosen = _chosen(s, package)
    result = []
    for party in s.parties:
        total_weight = sum(st.weight for st in party.stances.values())
        u = 0.0
        for issue, option in zip(s.issues, package, strict=True):
            stance = party.stances[issue.id]
            w = stance.weight / total_weight if s.weight_mode == "normalised" else stance.weight
            u += w * (stance.values[issue.options[option].id] - low) / (high - low)
        for term in s.linkages.interactions:
            if term.id in state.active and all(chosen[k] == v for k, v in term.when.items()):
                u += term.utilities.get(party.name, 0.0)
        result.append(u)
    return tuple(result)


def admissible(s: Scenario, package: tuple[int, ...], state: State | None = None) -> bool:
    """No red line crossed, no withdrawn option chosen, every constraint in force met."""
    state = state or state_on(s)
    chosen = _chosen(s, package)
    if any(pair in state.unavailable for pair in chosen.items()):
        return False
    for party in s.parties:
        for issue_id, stance in party.stances.items():
            if chosen[issue_id] in stance.red_lines:
                return False
    for rule in s.linkages.constraints:
        if rule.id in state.active and all(chosen[k] == v for k, v in rule.when.items()):
            if any(chosen[k] not in allowed for k, allowed in rule.requires.items()):
                return False
    return True


def status_quo_package(s: Scenario, state: State) -> tuple[int, ...]:
    """Option indices of the status quo on the date."""
    return tuple(
        next(k for k, o in enumerate(issue.options) if o.id == state.status_quo[issue.id])
        for issue in s.issues
    )


def reservation_values(s: Scenario, state: State) -> tuple[float, ...]:
    """An event's value, else the party's written one, else its utility of the status quo."""
    sq: tuple[float, ...] | None = None
    values = []
    for k, party in enumerate(s.parties):
        if party.name in state.reservation:
            values.append(state.reservation[party.name])
        elif party.reservation_value is not None:
            values.append(party.reservation_value)
        else:
            sq = sq or utility(s, status_quo_package(s, state), state)
            values.append(sq[k])
    return tuple(values)


def _leximin_better(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    qa, qb = sorted(_q(a)), sorted(_q(b))
    return qa > qb


def _best(
    score: dict[tuple[int, ...], float], gains: dict[tuple[int, ...], tuple[float, ...]]
) -> tuple[int, ...] | None:
    """The package with the top score; ties by leximin of gains, then lowest indices."""
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


def _frontier(
    packages: list[tuple[int, ...]], utilities: list[tuple[float, ...]]
) -> dict[tuple[int, ...], tuple[int, ...]]:
    quantised = [_q(u) for u in utilities]
    frontier: dict[tuple[int, ...], tuple[int, ...]] = {}
    distinct = set(quantised)
    for package, q in zip(packages, quantised, strict=True):
        dominated = any(
            all(o >= x for o, x in zip(other, q, strict=True)) and other != q for other in distinct
        )
        if not dominated and q not in frontier:
            frontier[q] = package
    return frontier


def brute_force(
    s: Scenario, reservation: tuple[float, ...] | None = None, state: State | None = None
) -> Brute:
    state = state or state_on(s)
    if reservation is None:
        reservation = reservation_values(s, state)
    packages, utilities = [], []
    for package in itertools.product(*[range(len(i.options)) for i in s.issues]):
        if admissible(s, package, state):
            packages.append(package)
            utilities.append(utility(s, package, state))
    n = len(s.parties)
    accepts = [[u[k] >= reservation[k] - TOL for k in range(n)] for u in utilities]
    accepted = [(p, u) for p, u, a in zip(packages, utilities, accepts, strict=True) if all(a)]
    gains = {p: tuple(u[k] - reservation[k] for k in range(n)) for p, u in accepted}
    nash = {p: math.prod(g) for p, g in gains.items() if all(x > TOL for x in g)}
    ideal = [max((g[k] for g in gains.values()), default=0.0) for k in range(n)]
    counted = [k for k in range(n) if ideal[k] > TOL]
    ks = {p: (min(g[k] / ideal[k] for k in counted) if counted else 0.0) for p, g in gains.items()}
    if s.acceptance.rule == "unanimity":
        feasible = sum(all(a) for a in accepts)
    else:
        assert s.acceptance.quota is not None
        veto = [list(s.party_names).index(v) for v in s.acceptance.veto]
        feasible = sum(sum(a) >= s.acceptance.quota and all(a[v] for v in veto) for a in accepts)
    return Brute(
        packages,
        utilities,
        tuple(reservation),
        _frontier(packages, utilities),
        {
            "nash": _best(nash, gains),
            "kalai_smorodinsky": _best(ks, gains),
            "utilitarian": _best({p: sum(u) for p, u in accepted}, gains),
            "egalitarian": _best({p: min(g) for p, g in gains.items()}, gains),
        },
        feasible,
    )
