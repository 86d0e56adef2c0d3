"""The exact bargaining analysis of a scenario: one call, one frozen, serialisable result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.solve.concepts import Choice, choose
from grandbargain.solve.counting import Count, admissible_count, feasible_count
from grandbargain.solve.frontier import DEFAULT_CAP, Frontier, pareto_frontier, with_points
from grandbargain.solve.linkage import SeriesOfAgreements, separate_agreements
from grandbargain.solve.logrolls import Logroll, find_logrolls
from grandbargain.solve.units import build_units
from grandbargain.space import (
    FloatArray,
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
) -> Analysis:
    """Frontier, the four solution concepts, logrolls and the value of linkage.

    ``as_of`` applies events up to and including that date; ``conditions`` picks condition
    states (default: each condition's default). ``seed`` is used only when the feasible count
    must be estimated. ``quick`` skips the two slow parts, for interactive what-if questions:
    the feasible count (``feasible`` is None, ``feasible_count`` null in JSON) and the value
    of linkage (both series None); the frontier, solutions and logrolls are the same.
    """
    date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    space = build_space(scenario, date, conditions, include_events, exclude_events)
    units = build_units(space)
    frontier = pareto_frontier(units, space.n_issues, space.n_parties, frontier_cap)
    base = None
    if space.status_quo is not None:
        status_quo = np.array([space.status_quo], dtype=np.int64)
        base = package_utilities(space, status_quo)[0]
        if not frontier.exact and admissible_packages(space, status_quo)[0]:
            frontier = with_points(frontier, status_quo, base[None, :])
    choices = choose(frontier, space.reservation)
    ideal = frontier.utilities.max(axis=0) if len(frontier) else np.full(space.n_parties, np.nan)
    solutions = Solutions(
        *(_solution(space, frontier, getattr(choices, c), base) for c in CONCEPTS)
    )
    grand = (
        None
        if solutions.nash is None
        else np.array([solutions.nash.utilities[p] for p in space.parties])
    )
    logrolls, logroll_count = find_logrolls(space, logroll_size, logroll_limit)
    linkage_issues = linkage_buckets = None
    if not quick:
        issue_stages = [(issue, (i,)) for i, issue in enumerate(space.issue_ids)]
        bucket_stages: dict[str, list[int]] = {}
        for i, issue in enumerate(scenario.issues):
            bucket_stages.setdefault(issue.bucket, []).append(i)
        linkage_issues = separate_agreements(space, issue_stages, grand, ideal)
        linkage_buckets = separate_agreements(
            space, [(b, tuple(ix)) for b, ix in bucket_stages.items()], grand, ideal
        )
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
        admissible_count=admissible_count(units),
        feasible=None if quick else feasible_count(space, units, seed),
        reservation=_vector(space.parties, space.reservation),
        status_quo=None if space.status_quo is None else space.package_dict(space.status_quo),
        status_quo_utilities=None if base is None else _vector(space.parties, base),
        ideal=_vector(space.parties, ideal),
        solutions=solutions,
        logrolls=logrolls,
        logroll_count=logroll_count,
        linkage_issues=linkage_issues,
        linkage_buckets=linkage_buckets,
        quick=quick,
    )
