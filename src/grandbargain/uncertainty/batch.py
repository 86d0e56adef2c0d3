"""A batch of draws analysed with arrays: utility tables for every draw at once.

The drawn numbers never become Scenario objects. Weights and option values go straight into
per-issue utility tables with a leading draw axis (the formula of
:func:`grandbargain.space.build_space`, in the same order of operations, so every table equals
the one a validated sampled scenario would give, to the last bit); reservation values and
interaction terms likewise. Draws that share condition states and events share the space's
structure (admissible options, constraints, status quo, units), built once per group. Then:

* logrolls: every candidate trade of two issues is checked for every draw of a group in one
  array pass;
* frontier and solution concepts: the unit-by-unit merge of
  :func:`grandbargain.solve.frontier.pareto_frontier` per draw, on unit tables computed for
  the whole group at once.

:func:`grandbargain.uncertainty.montecarlo.evaluate` (one validated Scenario per draw) is the
reference this module is tested against.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.solve.analysis import CONCEPTS
from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import (
    DEFAULT_CAP,
    SMALL_SET,
    pareto_frontier,
    pareto_indices_many,
    with_points,
)
from grandbargain.solve.logrolls import candidate_trades
from grandbargain.solve.units import Unit, build_units
from grandbargain.space import (
    TOLERANCE,
    UtilitySpace,
    acceptance_counts,
    admissible_packages,
    build_space,
)
from grandbargain.uncertainty.result import (
    BoolArray,
    DrawTable,
    FloatArray,
    IntArray,
    SmallIntArray,
)
from grandbargain.uncertainty.sampling import DrawLayout, Draws

LOGROLL_SIZE = 2


def logroll_key(moves: dict[str, str]) -> str:
    """``{"a": "x", "b": "y"}`` -> ``"a=x+b=y"`` (issues in scenario order)."""
    return "+".join(f"{issue}={option}" for issue, option in moves.items())


@dataclass(frozen=True)
class Targets:
    """Which drawn column feeds which number of the analysis (column indices)."""

    weights: tuple[tuple[int, int, int], ...]  # (column, party, issue)
    values: tuple[tuple[int, int, int, int], ...]  # (column, party, issue, option)
    reservations: tuple[tuple[int, int], ...]  # (column, party)
    interactions: tuple[tuple[int, str, int], ...]  # (column, term id, party)
    changes: dict[tuple[int, int], int]  # (event position, change position) -> column


def number_targets(scenario: Scenario, layout: DrawLayout) -> Targets:
    """Map each drawn number to its place in the utility tables (others feed no analysis)."""
    issue_index = {issue.id: i for i, issue in enumerate(scenario.issues)}
    option_index = [{o.id: k for k, o in enumerate(issue.options)} for issue in scenario.issues]
    party_index = {name: p for p, name in enumerate(scenario.party_names)}
    terms = [t.id for t in scenario.linkages.interactions]
    weights, values, reservations, interactions = [], [], [], []
    changes: dict[tuple[int, int], int] = {}
    column = 0
    for number in layout.spec.numbers:
        for steps in number.targets:
            match steps:
                case ("parties", int(p), "stances", str(issue), "weight"):
                    weights.append((column, p, issue_index[issue]))
                case ("parties", int(p), "stances", str(issue), "values", str(option)):
                    i = issue_index[issue]
                    values.append((column, p, i, option_index[i][option]))
                case ("parties", int(p), "reservation_value"):
                    reservations.append((column, p))
                case ("linkages", "interactions", int(t), "utilities", str(party)):
                    interactions.append((column, terms[t], party_index[party]))
                case ("events", int(e), "changes", int(k), "value"):
                    changes[(e, k)] = column
                case _:
                    pass  # positions, saliences, clout, probabilities: not in the tables
            column += 1
    return Targets(tuple(weights), tuple(values), tuple(reservations), tuple(interactions), changes)


@dataclass(frozen=True)
class BatchTables:
    """Per-issue utility tables with a leading draw axis: ``tables[i]`` is (draws, options,
    parties); and each interaction term's utilities per draw (draws, parties)."""

    tables: tuple[FloatArray, ...]
    interactions: dict[str, FloatArray]


def batch_tables(scenario: Scenario, targets: Targets, numbers: FloatArray) -> BatchTables:
    """The utility tables of every draw in ``numbers`` (draws, columns)."""
    count = len(numbers)
    parties = scenario.parties
    issues = scenario.issues
    low, high = scenario.value_scale.min, scenario.value_scale.max
    issue_index = {issue.id: i for i, issue in enumerate(issues)}
    weights = np.empty((count, len(parties), len(issues)))
    for p, party in enumerate(parties):
        for issue_id, stance in party.stances.items():
            weights[:, p, issue_index[issue_id]] = stance.weight
    for column, p, i in targets.weights:
        weights[:, p, i] = numbers[:, column]
    if scenario.weight_mode == "normalised":
        for p, party in enumerate(parties):
            order = [issue_index[issue_id] for issue_id in party.stances]
            total = weights[:, p, order[0]].copy()
            for i in order[1:]:  # summed in the scenario's order, as build_space does
                total = total + weights[:, p, i]
            weights[:, p, :] = weights[:, p, :] / total[:, None]
    values = []
    present = []
    for issue in issues:
        table = np.zeros((count, len(issue.options), len(parties)))
        mask = np.zeros((len(issue.options), len(parties)), dtype=bool)
        option_index = {o.id: k for k, o in enumerate(issue.options)}
        for p, party in enumerate(parties):
            for option_id, value in party.stances[issue.id].values.items():
                table[:, option_index[option_id], p] = value
                mask[option_index[option_id], p] = True
        values.append(table)
        present.append(mask)
    for column, p, i, o in targets.values:
        values[i][:, o, p] = numbers[:, column]
    tables = tuple(
        np.where(mask[None], (weights[:, None, :, i] * (table - low)) / (high - low), 0.0)
        for i, (table, mask) in enumerate(zip(values, present, strict=True))
    )
    names = scenario.party_names
    interactions = {
        term.id: np.repeat(
            np.array([[term.utilities.get(name, 0.0) for name in names]], dtype=np.float64),
            count,
            axis=0,
        )
        for term in scenario.linkages.interactions
    }
    for column, term_id, p in targets.interactions:
        interactions[term_id][:, p] = numbers[:, column]
    return BatchTables(tables, interactions)


def _hits(packages: IntArray, issues: tuple[int, ...], options: tuple[int, ...]) -> BoolArray:
    hit = np.ones(len(packages), dtype=bool)
    for issue, option in zip(issues, options, strict=True):
        hit &= packages[:, issue] == option
    return hit


def _package_utilities(space: UtilitySpace, tables: BatchTables, packages: IntArray) -> FloatArray:
    """(draws, packages, parties), summed as package_utilities sums them."""
    draws = len(tables.tables[0])
    total = np.zeros((draws, len(packages), space.n_parties))
    for i in range(space.n_issues):
        total += tables.tables[i][:, packages[:, i], :]
    for term in space.interactions:
        hit = _hits(packages, term.issues, term.options)
        total[:, hit, :] += tables.interactions[term.id][:, None, :]
    return total


def _reservations(
    scenario: Scenario,
    space: UtilitySpace,
    targets: Targets,
    numbers: FloatArray,
    status_quo: FloatArray | None,
) -> FloatArray:
    """Reservation values per draw (draws, parties), with the precedence of build_space."""
    count = len(numbers)
    result = np.zeros((count, space.n_parties))
    overrides: dict[str, tuple[int, int]] = {}
    position = {event.id: e for e, event in enumerate(scenario.events)}
    for event_id in space.state.applied_events:
        e = position[event_id]
        for k, change in enumerate(scenario.events[e].changes):
            if change.kind == "reservation_value" and change.party and change.value is not None:
                overrides[change.party] = (e, k)
    drawn = {p: column for column, p in targets.reservations}
    for p, party in enumerate(scenario.parties):
        if party.name in overrides:
            e, k = overrides[party.name]
            column = targets.changes.get((e, k))
            result[:, p] = numbers[:, column] if column is not None else space.reservation[p]
        elif party.reservation_value is not None:
            result[:, p] = numbers[:, drawn[p]] if p in drawn else party.reservation_value
        elif status_quo is not None:
            result[:, p] = status_quo[:, p]
        else:  # build_space has already refused this scenario
            result[:, p] = space.reservation[p]
    return result


@dataclass
class _Rows:
    """The results of a batch being filled in, one row per draw."""

    options: SmallIntArray
    utilities: FloatArray
    feasible: BoolArray
    logrolls: list[tuple[str, ...]]


def evaluate_batch(scenario: Scenario, layout: DrawLayout, draws: Draws) -> DrawTable:
    """Frontier, the four solution concepts and two-issue logrolls of every draw."""
    count = len(draws)
    targets = number_targets(scenario, layout)
    tables = batch_tables(scenario, targets, draws.numbers)
    rows = _Rows(
        options=np.full((len(CONCEPTS), count, len(scenario.issues)), -1, dtype=np.int16),
        utilities=np.full((len(CONCEPTS), count, len(scenario.parties)), np.nan),
        feasible=np.zeros(count, dtype=bool),
        logrolls=[() for _ in range(count)],
    )
    groups: dict[tuple[int, ...], list[int]] = {}
    structure = np.concatenate([draws.conditions, draws.events.astype(np.int64)], axis=1)
    for d in range(count):
        groups.setdefault(tuple(int(x) for x in structure[d]), []).append(d)
    for key, members in groups.items():
        conditions = {
            c.id: c.states[state]
            for c, state in zip(layout.conditions, key[: len(layout.conditions)], strict=True)
        }
        happened = key[len(layout.conditions) :]
        include = frozenset(e for (e, _, _), h in zip(layout.events, happened, strict=True) if h)
        exclude = frozenset(
            e for (e, _, _), h in zip(layout.events, happened, strict=True) if not h
        )
        space = build_space(scenario, None, conditions, include, exclude)
        group = np.array(members, dtype=np.int64)
        _evaluate_group(scenario, space, targets, tables, draws.numbers, group, rows)
    keys = sorted({key for found in rows.logrolls for key in found})
    ids = {key: k for k, key in enumerate(keys)}
    flat = [ids[key] for found in rows.logrolls for key in found]
    offsets = np.cumsum([0, *(len(found) for found in rows.logrolls)]).astype(np.int64)
    return DrawTable(
        numbers=draws.numbers,
        conditions=draws.conditions,
        events=draws.events,
        options=rows.options,
        utilities=rows.utilities,
        feasible=rows.feasible,
        logroll_keys=tuple(keys),
        logroll_ids=np.array(flat, dtype=np.int32),
        logroll_offsets=offsets,
        extras=np.zeros((count, 0)),
    )


def _evaluate_group(
    scenario: Scenario,
    space: UtilitySpace,
    targets: Targets,
    tables: BatchTables,
    numbers: FloatArray,
    group: IntArray,
    rows: _Rows,
) -> None:
    tables = BatchTables(
        tuple(table[group] for table in tables.tables),
        {term: utilities[group] for term, utilities in tables.interactions.items()},
    )
    status_quo = None
    if space.status_quo is not None:
        sq = np.array([space.status_quo], dtype=np.int64)
        status_quo = _package_utilities(space, tables, sq)[:, 0, :]
    reservation = _reservations(scenario, space, targets, numbers[group], status_quo)
    units = build_units(space)
    unit_utilities = [_unit_utilities(space, tables, unit) for unit in units]
    sq_admissible = space.status_quo is not None and bool(
        admissible_packages(space, np.array([space.status_quo], dtype=np.int64))[0]
    )
    fronts = [
        pareto_indices_many(utilities) if len(unit.choices) <= SMALL_SET else None
        for unit, utilities in zip(units, unit_utilities, strict=True)
    ]
    for g, d in enumerate(group):
        drawn_units = tuple(
            Unit(unit.issues, unit.choices, utilities[g])
            for unit, utilities in zip(units, unit_utilities, strict=True)
        )
        own = tuple(None if front is None else front[g] for front in fronts)
        frontier = pareto_frontier(drawn_units, space.n_issues, space.n_parties, DEFAULT_CAP, own)
        if status_quo is not None and sq_admissible and not frontier.exact:
            sq_package = np.array([space.status_quo], dtype=np.int64)
            frontier = with_points(frontier, sq_package, status_quo[g : g + 1])
        drawn_space = dataclasses.replace(space, reservation=reservation[g])
        choices = choose(frontier, reservation[g])
        for c, concept in enumerate(CONCEPTS):
            choice = getattr(choices, concept)
            if choice is not None:
                rows.options[c, d] = frontier.package(choice.row)
                rows.utilities[c, d] = frontier.utilities[choice.row]
        rows.feasible[d] = bool(
            len(frontier) and acceptance_counts(drawn_space, frontier.utilities)[1].any()
        )
    if space.status_quo is not None and status_quo is not None:
        found = _logrolls(space, tables, status_quo)
        for g, d in enumerate(group):
            rows.logrolls[d] = found[g]


def _unit_utilities(space: UtilitySpace, tables: BatchTables, unit: Unit) -> FloatArray:
    """(draws, choices, parties) for one unit, summed as build_units sums them."""
    column = {issue: k for k, issue in enumerate(unit.issues)}
    utilities = np.zeros((len(tables.tables[0]), len(unit.choices), space.n_parties))
    for issue in unit.issues:
        utilities += tables.tables[issue][:, unit.choices[:, column[issue]], :]
    for term in space.interactions:
        if term.issues[0] not in column:
            continue
        hit = np.ones(len(unit.choices), dtype=bool)
        for issue, option in zip(term.issues, term.options, strict=True):
            hit &= unit.choices[:, column[issue]] == option
        utilities[:, hit, :] += tables.interactions[term.id][:, None, :]
    return utilities


def _logrolls(space: UtilitySpace, tables: BatchTables, base: FloatArray) -> list[tuple[str, ...]]:
    """Per draw, the sorted keys of every two-issue logroll (as find_logrolls finds them)."""
    assert space.status_quo is not None
    status_quo = np.array(space.status_quo, dtype=np.int64)
    draws = len(base)
    found: list[list[str]] = [[] for _ in range(draws)]
    for issues, options in candidate_trades(space, status_quo, LOGROLL_SIZE):
        packages = np.repeat(status_quo[None, :], len(issues), axis=0)
        packages[np.arange(len(issues))[:, None], issues] = options
        allowed = admissible_packages(space, packages)
        issues, options, packages = issues[allowed], options[allowed], packages[allowed]
        if not len(packages):
            continue
        gains = _package_utilities(space, tables, packages) - base[:, None, :]
        loses = np.ones((draws, len(packages)), dtype=bool)
        for p in range(space.n_parties):
            loses_p = np.zeros((draws, len(packages)), dtype=bool)
            for k in range(LOGROLL_SIZE):
                per_issue = _issue_gain(tables, issues[:, k], options[:, k], status_quo, p)
                loses_p |= per_issue < -TOLERANCE
            loses &= loses_p
        ok = loses & np.all(gains > TOLERANCE, axis=2)
        keys = [
            logroll_key(
                {
                    space.issue_ids[int(i)]: space.option_ids[int(i)][int(o)]
                    for i, o in zip(issues[r], options[r], strict=True)
                }
            )
            for r in range(len(packages))
        ]
        for g, r in zip(*np.nonzero(ok), strict=True):
            found[int(g)].append(keys[int(r)])
    return [tuple(sorted(keys)) for keys in found]


def _issue_gain(
    tables: BatchTables,
    issues: IntArray,
    options: IntArray,
    status_quo: IntArray,
    party: int,
) -> FloatArray:
    """(draws, candidates): party's gain on one moved issue of each candidate."""
    result = np.empty((len(tables.tables[0]), len(issues)))
    for i in np.unique(issues):
        at = issues == i
        table = tables.tables[int(i)][:, :, party]
        result[:, at] = table[:, options[at]] - table[:, status_quo[int(i)], None]
    return result
