"""The Pareto frontier and feasible count over ratifiable packages.

A package is **ratifiable** when it is admissible and every party's ratification rules let it
through (:mod:`.rules`). The three rules are computed in three ways:

- win-sets filter each issue's options: the frontier of the filtered space is built as
  usual (:func:`grandbargain.solve.frontier.pareto_frontier`), exactly and without
  enumerating;
- veto players are extra utility dimensions with a floor (their status-quo utility): the
  frontier is merged over parties + veto players, points that cannot reach the floor are
  dropped during the merge, and the parties' frontier is the non-dominated part of what is
  left. Exact: if a ratifiable package ``x`` were dominated for the parties only by
  packages that some veto player rejects, no package dominating ``x`` in every dimension
  could exist either, so ``x`` is on the extended frontier;
- a package vote is monotone in its stakeholders' utilities (a package that is better for
  every one of them has at least the same supporters), so the same argument holds with every
  voting stakeholder as a dimension. Up to :data:`ENUMERATION_LIMIT` admissible packages the
  vote is instead checked on every package (vectorised, in blocks), which also gives the
  feasible count exactly; above it the extended frontier is used, exact unless it had to be
  thinned to ``cap`` points (then epsilon-Pareto, as reported), and the count is a Monte Carlo
  estimate. ``benchmarks/ratification.py`` measures that method against enumeration.

Among packages with equal utilities for every party, enumeration keeps the one with the lowest
option indices (as the unconstrained frontier does); the extended frontier keeps the
lowest-index one among those that no other package beats for the stakeholders too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grandbargain.solve.counting import (
    ENUMERATION_LIMIT,
    Count,
    admissible_count,
    estimate_count,
    feasible_count,
    half_sums,
    split,
)
from grandbargain.solve.frontier import DEFAULT_CAP, Frontier, pareto_frontier, pareto_indices
from grandbargain.solve.ratification.rules import Rules
from grandbargain.solve.units import Unit, build_units
from grandbargain.space import (
    BoolArray,
    FloatArray,
    IntArray,
    UtilitySpace,
    acceptance_counts,
)

ROWS = 131_072
"""Packages the enumeration holds at once (one block)."""
EMPTY_METHOD = "empty (no admissible package)"
NO_RULES = "no rules (the unconstrained analysis)"
WINSETS_METHOD = "win-set filter (exact)"
ENUMERATION_METHOD = "enumeration (exact)"
EXTENDED_METHOD = "extended frontier (exact)"
THINNED_METHOD = "extended frontier, epsilon-Pareto (approximate)"


@dataclass(frozen=True)
class RatifiedFrontier:
    """The parties' frontier over ratifiable packages, how it was found, and the count."""

    frontier: Frontier
    method: str
    count: Count | None


def within_winsets(space: UtilitySpace, rules: Rules) -> UtilitySpace:
    """``space`` with the options outside any party's win-set made inadmissible."""
    masks = []
    for mask, allowed in zip(space.admissible, rules.allowed(space), strict=True):
        both = mask & allowed
        both.flags.writeable = False
        masks.append(both)
    return dataclasses.replace(space, admissible=tuple(masks))


def extended_space(space: UtilitySpace, rules: Rules) -> UtilitySpace:
    """``space`` with one more utility column per stakeholder of ``rules`` (interaction
    terms add nothing to stakeholders)."""
    width = len(rules.holders)
    tables = tuple(np.hstack([t, h]) for t, h in zip(space.tables, rules.tables, strict=True))
    terms = tuple(
        dataclasses.replace(term, utilities=np.concatenate([term.utilities, np.zeros(width)]))
        for term in space.interactions
    )
    return dataclasses.replace(
        space,
        parties=space.parties + rules.holders,
        tables=tables,
        interactions=terms,
        reservation=np.concatenate([space.reservation, rules.status_quo]),
    )


def ratified_frontier(
    space: UtilitySpace,
    rules: Rules,
    *,
    cap: int = DEFAULT_CAP,
    restrict: dict[int, int] | None = None,
    count: bool = False,
    seed: int = 0,
    feasible_only: bool = False,
) -> RatifiedFrontier:
    """The frontier over packages ratifiable under ``rules`` (``space`` already filtered by
    :func:`within_winsets`), with the feasible count when ``count``.

    ``restrict`` fixes issues to one option (the value of linkage solves stage by stage).
    ``feasible_only`` keeps only packages that meet the acceptance rule (what the solution
    concepts need; under unanimity the reservation values then prune the merge too).
    """
    floor = _party_floor(space, feasible_only)
    rules = rules.compact()
    if not rules.veto and not rules.votes:
        units = build_units(space, restrict)
        frontier = pareto_frontier(units, space.n_issues, space.n_parties, cap, floor=floor)
        frontier = _feasible_part(space, frontier) if feasible_only else frontier
        total = feasible_count(space, units, seed) if count else None
        return RatifiedFrontier(frontier, WINSETS_METHOD if rules.winsets else NO_RULES, total)
    ext = build_units(extended_space(space, rules), restrict)
    if admissible_count(ext) == 0:
        none = Count(0, True, "empty") if count else None
        return RatifiedFrontier(_empty(space), EMPTY_METHOD, none)
    small = admissible_count(ext) <= ENUMERATION_LIMIT
    if rules.votes and small:
        listed, hits = enumerate_ratifiable(space, rules, ext, True, feasible_only)
        assert listed is not None
        return RatifiedFrontier(listed, ENUMERATION_METHOD, Count(hits, True, "enumeration"))
    frontier = _extended_frontier(space, rules, ext, cap, floor)
    frontier = _feasible_part(space, frontier) if feasible_only else frontier
    method = EXTENDED_METHOD if frontier.exact else THINNED_METHOD
    total = None
    if count and small:
        hits = enumerate_ratifiable(space, rules, ext, False, feasible_only)[1]
        total = Count(hits, True, "enumeration")
    elif count:
        total = estimate_count(space, ext, admissible_count(ext), seed, _keep(space, rules))
    return RatifiedFrontier(frontier, method, total)


def affordable(space: UtilitySpace, rules: Rules) -> bool:
    """Whether :func:`ratified_frontier` is exact without thinning risk and fast: no package
    vote, or at most :data:`ENUMERATION_LIMIT` packages inside the win-sets."""
    if not rules.votes:
        return True
    inside = 1
    for allowed, mask in zip(rules.allowed(space), space.admissible, strict=True):
        inside *= int((allowed & mask).sum())
    return inside <= ENUMERATION_LIMIT


def _empty(space: UtilitySpace) -> Frontier:
    empty = np.zeros((0, space.n_issues), dtype=np.int64)
    return Frontier.of_packages(empty, np.zeros((0, space.n_parties)), 0.0)


def _party_floor(space: UtilitySpace, feasible_only: bool) -> FloatArray | None:
    """The reservation values as a floor when every party must accept; else none."""
    if feasible_only and space.quota >= space.n_parties and not space.veto:
        return np.asarray(space.reservation, dtype=float)
    return None


def _feasible_part(space: UtilitySpace, frontier: Frontier) -> Frontier:
    """The frontier points that meet the acceptance rule (still non-dominated)."""
    ok = np.flatnonzero(acceptance_counts(space, frontier.utilities)[1])
    if len(ok) == len(frontier):
        return frontier
    return Frontier.of_packages(frontier.packages_of(ok), frontier.utilities[ok], frontier.epsilon)


def _keep(space: UtilitySpace, rules: Rules) -> Callable[[FloatArray], BoolArray]:
    """Whether extended utility rows (parties, then stakeholders) pass the stakeholder rules."""

    def keep(rows: FloatArray) -> BoolArray:
        return rules.accepted(rows[:, space.n_parties :])

    return keep


def _extended_frontier(
    space: UtilitySpace,
    rules: Rules,
    ext: tuple[Unit, ...],
    cap: int,
    party_floor: FloatArray | None,
) -> Frontier:
    n = space.n_parties
    floor = np.full(n + len(rules.holders), -np.inf)
    if party_floor is not None:
        floor[:n] = party_floor
    for _, column in rules.veto:
        floor[n + column] = rules.status_quo[column]
    whole = pareto_frontier(ext, space.n_issues, len(floor), cap, floor=floor)
    ok = rules.accepted(whole.utilities[:, n:])
    packages = whole.packages[ok]
    utilities = np.ascontiguousarray(whole.utilities[ok][:, :n])
    keep = pareto_indices(utilities, _lookup(packages))
    return Frontier.of_packages(packages[keep], utilities[keep], whole.epsilon)


def _decode(units: tuple[Unit, ...], index: IntArray, out: IntArray) -> None:
    """Write into ``out`` the options of the packages numbered ``index`` in the order of
    :func:`half_sums` over ``units`` (the first unit slowest)."""
    rest = index.copy()
    for unit in reversed(units):
        rest, pick = np.divmod(rest, len(unit.choices))
        out[:, list(unit.issues)] = unit.choices[pick]


def enumerate_ratifiable(
    space: UtilitySpace,
    rules: Rules,
    ext: tuple[Unit, ...],
    frontier: bool,
    feasible_only: bool = False,
) -> tuple[Frontier | None, int]:
    """Every package checked, in blocks of about ``CHUNK``: the parties' frontier over the
    ratifiable ones (when ``frontier``; only those meeting the acceptance rule when
    ``feasible_only``) and how many are ratifiable and meet the acceptance rule."""
    n = space.n_parties
    left, right = split(ext)
    a, b = half_sums(left, n + len(rules.holders)), half_sums(right, n + len(rules.holders))
    block = max(1, ROWS // len(b))
    hits = 0
    kept: list[tuple[IntArray, FloatArray]] = []
    for start in range(0, len(a), block):
        rows = (a[start : start + block, None, :n] + b[None, :, :n]).reshape(-1, n)
        rule = acceptance_counts(space, rows)[1]
        ok = np.zeros(len(rows), dtype=bool)
        where = np.flatnonzero(rule) if feasible_only or not frontier else np.arange(len(rows))
        # stakeholder columns only for the packages still in question
        holders = a[start + where // len(b), n:] + b[where % len(b), n:]
        ok[where] = rules.accepted(holders)
        met = rule & ok
        hits += int(met.sum())
        where = np.flatnonzero(met if feasible_only else ok)
        if frontier and len(where):
            utilities = np.ascontiguousarray(rows[where])
            keep = pareto_indices(utilities, _decoder(left, right, len(b), start * len(b) + where))
            packages = np.full((len(keep), space.n_issues), -1, dtype=np.int64)
            _decode(left, (start * len(b) + where[keep]) // len(b), packages)
            _decode(right, where[keep] % len(b), packages)
            kept.append((packages, utilities[keep]))
    if not frontier:
        return None, hits
    if not kept:
        return _empty(space), hits
    packages = np.vstack([k[0] for k in kept])
    utilities = np.vstack([k[1] for k in kept])
    keep = pareto_indices(utilities, _lookup(packages))
    return Frontier.of_packages(packages[keep], utilities[keep], 0.0), hits


def _decoder(
    left: tuple[Unit, ...], right: tuple[Unit, ...], width: int, numbers: IntArray
) -> Callable[[IntArray], IntArray]:
    """Packages of the rows ``idx`` (numbered ``numbers[idx]`` = left * width + right),
    written out only when asked (ties are rare)."""
    n_issues = sum(len(u.issues) for u in (*left, *right))

    def rows(idx: IntArray) -> IntArray:
        out = np.full((len(idx), n_issues), -1, dtype=np.int64)
        _decode(left, numbers[idx] // width, out)
        _decode(right, numbers[idx] % width, out)
        return out

    return rows


def _lookup(packages: IntArray) -> Callable[[IntArray], IntArray]:
    """Rows of ``packages`` by index (the tie-break of :func:`pareto_indices`)."""

    def rows(idx: IntArray) -> IntArray:
        picked: IntArray = packages[idx]
        return picked

    return rows
