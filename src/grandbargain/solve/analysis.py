"""The exact bargaining analysis of a scenario: one call, one frozen, serialisable result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.solve.concepts import Choice, choose
from grandbargain.solve.counting import Count, admissible_count, feasible_count
from grandbargain.solve.frontier import DEFAULT_CAP, Frontier, pareto_frontier, with_points
from grandbargain.solve.linkage import SeriesOfAgreements, separate_agreements
from grandbargain.solve.logrolls import Logroll, find_logrolls
from grandbargain.solve.ratification.blockers import RatificationReport, ratification_report
from grandbargain.solve.ratification.frontier import ratified_frontier, within_winsets
from grandbargain.solve.ratification.rules import Rules, build_rules
from grandbargain.solve.units import build_units
from grandbargain.space import (
    BoolArray,
    FloatArray,
    IntArray,
    UtilitySpace,
    acceptance_counts,
    admissible_packages,
    build_space,
    package_utilities,
)

ANALYSIS_SCHEMA_VERSION = 1
CONCEPTS = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")


@dataclass(frozen=True)
class Solution:
    """A solution concept's package, each party's utility and gain over its reservation value."""

    package: Mapping[str, str]
    utilities: Mapping[str, float]
    gains: Mapping[str, float]
    gains_over_status_quo: Mapping[str, float] | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "package": dict(self.package),
            "utilities": dict(self.utilities),
            "gains": dict(self.gains),
            "gains_over_status_quo": (
                None if self.gains_over_status_quo is None else dict(self.gains_over_status_quo)
            ),
        }


@dataclass(frozen=True)
class Solutions:
    """The four solution concepts (None where no package qualifies)."""

    nash: Solution | None
    kalai_smorodinsky: Solution | None
    utilitarian: Solution | None
    egalitarian: Solution | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            c: (None if getattr(self, c) is None else getattr(self, c).to_dict()) for c in CONCEPTS
        }


@dataclass(frozen=True)
class Analysis:
    """Everything ``grandbargain analyze`` reports. Build with :func:`analyze`."""

    scenario: str
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    as_of: dt.date | None
    conditions: Mapping[str, str]
    applied_events: tuple[str, ...]
    space: UtilitySpace
    frontier: Frontier
    frontier_feasible: np.ndarray[Any, np.dtype[np.bool_]]
    package_count: int
    admissible_count: int
    feasible: Count | None
    reservation: Mapping[str, float]
    status_quo: Mapping[str, str] | None
    status_quo_utilities: Mapping[str, float] | None
    ideal: Mapping[str, float]
    solutions: Solutions
    logrolls: tuple[Logroll, ...]
    logroll_count: int
    linkage_issues: SeriesOfAgreements | None
    linkage_buckets: SeriesOfAgreements | None
    quick: bool = False
    """True for a quick analysis: no feasible count (``feasible`` is None) and no value of
    linkage (both series None)."""
    ratification: RatificationReport | None = None
    """With ``ratify=True``: the rules applied, whether only no deal is ratifiable and the
    moves of the unconstrained Nash package that ratification blocks; None otherwise."""

    @property
    def feasible_count(self) -> int | None:
        """Number of admissible packages that meet the acceptance rule (see ``feasible``);
        None when not computed (a quick analysis)."""
        return None if self.feasible is None else self.feasible.value

    @property
    def epsilon(self) -> float:
        """Error bound of the frontier and solutions (0 = exact)."""
        return self.frontier.epsilon

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/analysis.schema.json``."""
        from grandbargain.solve.serialise import analysis_to_dict

        return analysis_to_dict(self)


def _vector(parties: tuple[str, ...], values: FloatArray) -> dict[str, float]:
    return {name: float(v) for name, v in zip(parties, values, strict=True)}


def _solution(
    space: UtilitySpace, frontier: Frontier, choice: Choice | None, base: FloatArray | None
) -> Solution | None:
    if choice is None:
        return None
    utilities = frontier.utilities[choice.row]
    return Solution(
        package=space.package_dict(frontier.package(choice.row)),
        utilities=_vector(space.parties, utilities),
        gains=_vector(space.parties, utilities - space.reservation),
        gains_over_status_quo=None if base is None else _vector(space.parties, utilities - base),
    )


def analyze(
    scenario: Scenario,
    as_of: dt.date | str | None = None,
    conditions: Mapping[str, str] | None = None,
    *,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
    frontier_cap: int = DEFAULT_CAP,
    logroll_size: int = 2,
    logroll_limit: int = 50,
    seed: int = 0,
    quick: bool = False,
    ratify: bool = False,
) -> Analysis:
    """Frontier, the four solution concepts, logrolls and the value of linkage.

    ``as_of`` applies events up to and including that date; ``conditions`` picks condition
    states (default: each condition's default). ``seed`` is used only when the feasible count
    must be estimated. ``quick`` skips the two slow parts, for interactive what-if questions:
    the feasible count (``feasible`` is None, ``feasible_count`` null in JSON) and the value
    of linkage (both series None); the frontier, solutions and logrolls are the same.

    ``ratify`` computes all of it over **ratifiable** packages: admissible packages that
    every party's ratification rules (the scenario's ``ratification`` block: win-sets, veto
    players, package votes) let through; ``ratification`` then reports the rules, whether only
    no deal is ratifiable, and which rule blocks each move of the unconstrained Nash package
    (docs/explanation/ratification.md). A scenario without rules gives today's analysis.
    """
    date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    full = build_space(scenario, date, conditions, include_events, exclude_events)
    rules = build_rules(scenario, full) if ratify else None
    found = _bargaining_set(full, rules, frontier_cap, seed, quick)
    space, frontier = found.space, found.frontier
    choices = choose(frontier, space.reservation)
    ideal = frontier.utilities.max(axis=0) if len(frontier) else np.full(space.n_parties, np.nan)
    solutions = Solutions(
        *(_solution(space, frontier, getattr(choices, c), found.base) for c in CONCEPTS)
    )
    keep = None if rules is None else _keeper(full, rules)
    logrolls, logroll_count = find_logrolls(space, logroll_size, logroll_limit, keep)
    linkage: tuple[SeriesOfAgreements | None, SeriesOfAgreements | None] = (None, None)
    if not quick:
        frontier_of = None if rules is None else _stage_frontiers(space, rules, frontier_cap)
        grand = None if choices.nash is None else frontier.utilities[choices.nash.row].copy()
        linkage = _linkage(scenario, space, grand, ideal, frontier_of, keep)
    report = None
    if rules is not None:
        nash = None if choices.nash is None else frontier.package(choices.nash.row)
        report = ratification_report(
            full, rules, frontier, nash, frontier_cap, found.method, explain=not quick
        )
    return _assemble(
        scenario, found, ideal, solutions, (logrolls, logroll_count), linkage, quick, report
    )


@dataclass(frozen=True)
class _BargainingSet:
    """The space the deal is struck in and what is known of it before choosing a package."""

    space: UtilitySpace
    """The full space, or the part inside the win-sets when ratifying."""
    frontier: Frontier
    """Its Pareto frontier, with the status quo put back if thinning lost it."""
    feasible: Count | None
    """Feasible count (None when quick)."""
    method: str
    """How the ratified frontier was found ("" without ratification)."""
    admissible: int
    """Number of admissible packages (win-sets not applied)."""
    base: FloatArray | None
    """The status quo's utilities (None without a status quo)."""


def _bargaining_set(
    full: UtilitySpace, rules: Rules | None, cap: int, seed: int, quick: bool
) -> _BargainingSet:
    """The space the deal is struck in (inside the win-sets when ratifying), its frontier,
    the feasible count (None when quick), how the frontier was found, the number of
    admissible packages (win-sets not applied) and the status quo's utilities."""
    units = build_units(full)
    if rules is None:
        space = full
        frontier = pareto_frontier(units, full.n_issues, full.n_parties, cap)
        count = None if quick else feasible_count(full, units, seed)
        method = ""
    else:
        space = within_winsets(full, rules)
        found = ratified_frontier(space, rules, cap=cap, count=not quick, seed=seed)
        frontier, count, method = found.frontier, found.count, found.method
    frontier, base = _with_status_quo(space, frontier)
    return _BargainingSet(space, frontier, count, method, admissible_count(units), base)


def _with_status_quo(space: UtilitySpace, frontier: Frontier) -> tuple[Frontier, FloatArray | None]:
    """The status quo's utilities, and the frontier with the status quo put back when
    thinning may have lost it (it is always admissible to leave things as they are)."""
    if space.status_quo is None:
        return frontier, None
    status_quo = np.array([space.status_quo], dtype=np.int64)
    base = package_utilities(space, status_quo)[0]
    if not frontier.exact and admissible_packages(space, status_quo)[0]:
        frontier = with_points(frontier, status_quo, base[None, :])
    return frontier, base


def _assemble(
    scenario: Scenario,
    found: _BargainingSet,
    ideal: FloatArray,
    solutions: Solutions,
    logrolls: tuple[tuple[Logroll, ...], int],
    linkage: tuple[SeriesOfAgreements | None, SeriesOfAgreements | None],
    quick: bool,
    report: RatificationReport | None,
) -> Analysis:
    """The frozen result from the parts :func:`analyze` computed."""
    space, frontier, base = found.space, found.frontier, found.base
    return Analysis(
        scenario=scenario.id,
        parties=space.parties,
        issues=space.issue_ids,
        as_of=space.state.as_of,
        conditions=space.state.conditions,
        applied_events=space.state.applied_events,
        space=space,
        frontier=frontier,
        frontier_feasible=acceptance_counts(space, frontier.utilities)[1],
        package_count=space.package_count,
        admissible_count=found.admissible,
        feasible=found.feasible,
        reservation=_vector(space.parties, space.reservation),
        status_quo=None if space.status_quo is None else space.package_dict(space.status_quo),
        status_quo_utilities=None if base is None else _vector(space.parties, base),
        ideal=_vector(space.parties, ideal),
        solutions=solutions,
        logrolls=logrolls[0],
        logroll_count=logrolls[1],
        linkage_issues=linkage[0],
        linkage_buckets=linkage[1],
        quick=quick,
        ratification=report,
    )


def _keeper(space: UtilitySpace, rules: Rules) -> Callable[[IntArray], BoolArray]:
    def keep(packages: IntArray) -> BoolArray:
        return rules.ratifiable(space, packages)

    return keep


def _stage_frontiers(
    space: UtilitySpace, rules: Rules, cap: int
) -> Callable[[dict[int, int]], Frontier]:
    def frontier_of(fixed: dict[int, int]) -> Frontier:
        return ratified_frontier(space, rules, cap=cap, restrict=fixed).frontier

    return frontier_of


def _linkage(
    scenario: Scenario,
    space: UtilitySpace,
    grand: FloatArray | None,
    ideal: FloatArray,
    frontier_of: Callable[[dict[int, int]], Frontier] | None,
    keep: Callable[[IntArray], BoolArray] | None,
) -> tuple[SeriesOfAgreements | None, SeriesOfAgreements | None]:
    """The value of linkage, issue by issue and bucket by bucket."""
    issue_stages = [(issue, (i,)) for i, issue in enumerate(space.issue_ids)]
    bucket_stages: dict[str, list[int]] = {}
    for i, issue in enumerate(scenario.issues):
        bucket_stages.setdefault(issue.bucket, []).append(i)
    buckets = [(b, tuple(ix)) for b, ix in bucket_stages.items()]
    return (
        separate_agreements(space, issue_stages, grand, ideal, frontier_of, keep),
        separate_agreements(space, buckets, grand, ideal, frontier_of, keep),
    )
