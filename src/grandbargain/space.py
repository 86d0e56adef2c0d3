"""Per-issue utility tables built once from a Scenario, for every engine to share.

``u[p][i][o] = w[p][i] * (v[p][i][o] - scale.min) / (scale.max - scale.min)`` with ``w``
divided by each party's weight sum (``weight_mode: normalised``) or used as written
(imports). Interaction terms and constraints are kept as index tuples, red lines and options
withdrawn by events as a per-issue admissibility mask. Reservation values default to each
party's utility of the status-quo package on the analysis date (CONVENTIONS, "Disagreement
point").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.model.timeline import ScenarioState, state_as_of

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

TOLERANCE = 1e-9
"""Utility vectors within this absolute tolerance are equal (CONVENTIONS)."""


@dataclass(frozen=True)
class InteractionTerm:
    """Utility added to every party when all of ``options`` are chosen on ``issues``."""

    id: str
    issues: tuple[int, ...]
    options: tuple[int, ...]
    utilities: FloatArray


@dataclass(frozen=True)
class ConstraintTerm:
    """When ``options`` are chosen on ``issues``, issue ``requires[k][0]`` must take one of
    the options in ``requires[k][1]``."""

    id: str
    issues: tuple[int, ...]
    options: tuple[int, ...]
    requires: tuple[tuple[int, frozenset[int]], ...]


@dataclass(frozen=True)
class UtilitySpace:
    """Everything the engines need, as arrays: one table of shape (options, parties) per issue."""

    parties: tuple[str, ...]
    issue_ids: tuple[str, ...]
    option_ids: tuple[tuple[str, ...], ...]
    tables: tuple[FloatArray, ...]
    admissible: tuple[BoolArray, ...]
    interactions: tuple[InteractionTerm, ...]
    constraints: tuple[ConstraintTerm, ...]
    reservation: FloatArray
    status_quo: tuple[int, ...] | None
    quota: int
    veto: tuple[int, ...]
    state: ScenarioState

    @property
    def n_parties(self) -> int:
        """Number of parties."""
        return len(self.parties)

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.issue_ids)

    @property
    def package_count(self) -> int:
        """Exact number of packages (one option per issue), admissible or not."""
        count = 1
        for options in self.option_ids:
            count *= len(options)
        return count

    def package_dict(self, package: tuple[int, ...] | IntArray) -> dict[str, str]:
        """``{issue_id: option_id}`` for a package of option indices."""
        return {
            issue: self.option_ids[i][int(o)]
            for i, (issue, o) in enumerate(zip(self.issue_ids, package, strict=True))
        }


def build_space(
    scenario: Scenario,
    as_of: dt.date | None = None,
    conditions: Mapping[str, str] | None = None,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
) -> UtilitySpace:
    """Build the utility tables of ``scenario`` on ``as_of`` under the chosen condition states."""
    state = state_as_of(scenario, as_of, conditions, include_events, exclude_events)
    parties = scenario.party_names
    index = _Index.of(scenario)
    active = _active_linkages(scenario, state)
    space = UtilitySpace(
        parties=parties,
        issue_ids=tuple(issue.id for issue in scenario.issues),
        option_ids=tuple(tuple(o.id for o in issue.options) for issue in scenario.issues),
        tables=_utility_tables(scenario, index),
        admissible=_admissible_masks(scenario, state, index),
        interactions=_interaction_terms(scenario, active, index),
        constraints=_constraint_terms(scenario, active, index),
        reservation=np.zeros(len(parties)),
        status_quo=_status_quo_package(scenario, state, index),
        quota=_quota(scenario),
        veto=tuple(parties.index(name) for name in scenario.acceptance.veto),
        state=state,
    )
    reservation = _reservation(scenario, space, state)
    reservation.flags.writeable = False
    return dataclasses.replace(space, reservation=reservation)


@dataclass(frozen=True)
class _Index:
    """Position of each issue id, and of each option id within its issue."""

    issue: Mapping[str, int]
    option: tuple[Mapping[str, int], ...]

    @classmethod
    def of(cls, scenario: Scenario) -> _Index:
        return cls(
            issue={issue.id: i for i, issue in enumerate(scenario.issues)},
            option=tuple(
                {o.id: k for k, o in enumerate(issue.options)} for issue in scenario.issues
            ),
        )

    def options(self, choices: Mapping[str, str]) -> tuple[int, ...]:
        """Option indices of ``{issue_id: option_id}``, in the mapping's order."""
        return tuple(self.option[self.issue[k]][v] for k, v in choices.items())


def _utility_tables(scenario: Scenario, index: _Index) -> tuple[FloatArray, ...]:
    """One read-only (options, parties) table per issue: weighted, rescaled values."""
    low, high = scenario.value_scale.min, scenario.value_scale.max
    tables = []
    for i, issue in enumerate(scenario.issues):
        table = np.zeros((len(issue.options), len(scenario.parties)))
        for p, party in enumerate(scenario.parties):
            stance = party.stances[issue.id]
            total = sum(s.weight for s in party.stances.values())
            weight = (
                stance.weight / total if scenario.weight_mode == "normalised" else stance.weight
            )
            for option_id, value in stance.values.items():
                table[index.option[i][option_id], p] = weight * (value - low) / (high - low)
        table.flags.writeable = False
        tables.append(table)
    return tuple(tables)


def _admissible_masks(
    scenario: Scenario, state: ScenarioState, index: _Index
) -> tuple[BoolArray, ...]:
    """Per issue, which options pass every party's red lines and are still available."""
    masks = []
    for i, issue in enumerate(scenario.issues):
        mask = np.ones(len(issue.options), dtype=bool)
        for party in scenario.parties:
            for option_id in party.stances[issue.id].red_lines:
                mask[index.option[i][option_id]] = False
        for issue_id, option_id in state.unavailable:
            if issue_id == issue.id:
                mask[index.option[i][option_id]] = False
        mask.flags.writeable = False
        masks.append(mask)
    return tuple(masks)


def _interaction_terms(
    scenario: Scenario, active: set[str], index: _Index
) -> tuple[InteractionTerm, ...]:
    """The active interaction terms, as option indices and a per-party utility vector."""
    terms = []
    parties = scenario.party_names  # a property that builds its tuple on every read
    for term in scenario.linkages.interactions:
        if term.id not in active:
            continue
        utilities = np.array([term.utilities.get(name, 0.0) for name in parties])
        utilities.flags.writeable = False
        issues = tuple(index.issue[k] for k in term.when)
        terms.append(InteractionTerm(term.id, issues, index.options(term.when), utilities))
    return tuple(terms)


def _constraint_terms(
    scenario: Scenario, active: set[str], index: _Index
) -> tuple[ConstraintTerm, ...]:
    """The active constraints, as option indices."""
    constraints = []
    for rule in scenario.linkages.constraints:
        if rule.id not in active:
            continue
        requires = tuple(
            (index.issue[k], frozenset(index.option[index.issue[k]][o] for o in allowed))
            for k, allowed in rule.requires.items()
        )
        issues = tuple(index.issue[k] for k in rule.when)
        constraints.append(ConstraintTerm(rule.id, issues, index.options(rule.when), requires))
    return tuple(constraints)


def _status_quo_package(
    scenario: Scenario, state: ScenarioState, index: _Index
) -> tuple[int, ...] | None:
    """The status-quo package on the analysis date; None unless every issue has one."""
    if not all(issue.id in state.status_quo for issue in scenario.issues):
        return None
    return tuple(
        index.option[i][state.status_quo[issue.id]] for i, issue in enumerate(scenario.issues)
    )


def _quota(scenario: Scenario) -> int:
    if scenario.acceptance.rule == "quota" and scenario.acceptance.quota is not None:
        return scenario.acceptance.quota
    return len(scenario.parties)


def _active_linkages(scenario: Scenario, state: ScenarioState) -> set[str]:
    gated: dict[str, set[tuple[str, str]]] = {}
    for condition in scenario.conditions:
        for cstate in condition.states:
            for linkage_id in cstate.activates:
                gated.setdefault(linkage_id, set()).add((condition.id, cstate.id))
    all_ids = [t.id for t in scenario.linkages.interactions] + [
        c.id for c in scenario.linkages.constraints
    ]
    return {
        linkage_id
        for linkage_id in all_ids
        if linkage_id not in gated
        or any(state.conditions.get(c) == s for c, s in gated[linkage_id])
    }


def _reservation(scenario: Scenario, space: UtilitySpace, state: ScenarioState) -> FloatArray:
    values = np.zeros(space.n_parties)
    sq_utilities = None
    if space.status_quo is not None:
        sq_utilities = package_utilities(space, np.array([space.status_quo]))[0]
    problems = []
    for p, party in enumerate(scenario.parties):
        if party.name in state.reservation_values:
            values[p] = state.reservation_values[party.name]
        elif party.reservation_value is not None:
            values[p] = party.reservation_value
        elif sq_utilities is not None:
            values[p] = sq_utilities[p]
        else:
            missing = [i.id for i in scenario.issues if i.id not in state.status_quo]
            problems.append(
                Problem(
                    scenario.id,
                    0,
                    0,
                    f"parties[{p}].reservation_value",
                    f"{party.name!r} has no reservation value and issue(s) "
                    f"{', '.join(missing)} have no status quo to derive one from",
                )
            )
    if problems:
        raise InputError(problems)
    return values


def package_utilities(space: UtilitySpace, packages: IntArray) -> FloatArray:
    """Utilities of ``packages`` (shape (m, issues), option indices): shape (m, parties)."""
    packages = np.asarray(packages, dtype=np.int64)
    total = np.zeros((packages.shape[0], space.n_parties))
    for i, table in enumerate(space.tables):
        total += table[packages[:, i]]
    for term in space.interactions:
        hit = np.ones(packages.shape[0], dtype=bool)
        for issue, option in zip(term.issues, term.options, strict=True):
            hit &= packages[:, issue] == option
        total[hit] += term.utilities
    return total


def admissible_packages(space: UtilitySpace, packages: IntArray) -> BoolArray:
    """Which ``packages`` meet every red line, availability and constraint."""
    packages = np.asarray(packages, dtype=np.int64)
    ok = np.ones(packages.shape[0], dtype=bool)
    for i, mask in enumerate(space.admissible):
        ok &= mask[packages[:, i]]
    for rule in space.constraints:
        hit = np.ones(packages.shape[0], dtype=bool)
        for issue, option in zip(rule.issues, rule.options, strict=True):
            hit &= packages[:, issue] == option
        for issue, allowed in rule.requires:
            ok &= ~hit | np.isin(packages[:, issue], sorted(allowed))
    return ok


def acceptance_counts(space: UtilitySpace, utilities: FloatArray) -> tuple[BoolArray, BoolArray]:
    """Per package: (every party accepts, the acceptance rule is met)."""
    accepts: BoolArray = utilities >= space.reservation - TOLERANCE
    everyone: BoolArray = np.all(accepts, axis=1)
    if space.quota >= space.n_parties and not space.veto:
        return everyone, everyone
    rule: BoolArray = np.sum(accepts, axis=1) >= space.quota
    for party in space.veto:
        rule &= accepts[:, party]
    return everyone, rule
