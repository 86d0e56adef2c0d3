"""Run a simulated negotiation under an agenda and measure its outcome.

Agendas: ``package`` (all issues at once), ``issue-by-issue`` (one issue per stage, in the
given order or the scenario's) and ``bucket-by-bucket`` (one bucket per stage). In a staged
agenda each stage bargains over its issues with everything else as it stands (earlier stages
settled, later ones at the status quo); a party's disagreement point in a stage is its utility
of that package, as in the value-of-linkage definition. Each stage may use all ``rounds``
rounds. Staged agendas need a status quo on every issue.

Outcome measures (undiscounted utilities of the final package, or of the status quo / the
reservation values on breakdown): the Euclidean distance in utility space to the Nash
solution of the exact analysis, and to the nearest point of its Pareto frontier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Calendar, Scenario
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.session import SessionResult, run_session
from grandbargain.simulate.strategies import STRATEGIES, make_strategy
from grandbargain.solve.analysis import Analysis, analyze

AGENDAS = ("package", "issue-by-issue", "bucket-by-bucket")
DEFAULT_STRATEGY = "boulware"


@dataclass(frozen=True)
class StageResult:
    """One stage of an agenda and how its session went."""

    name: str
    issues: tuple[str, ...]
    session: SessionResult
    step_utilities: tuple[tuple[float, ...] | None, ...]


@dataclass(frozen=True)
class Simulation:
    """A simulated negotiation: its stages, final package and outcome measures."""

    scenario: str
    parties: tuple[str, ...]
    strategies: Mapping[str, str]
    seed: int
    rounds: int
    agenda: str
    stages: tuple[StageResult, ...]
    agreement: bool
    package: Mapping[str, str] | None
    utilities: Mapping[str, float]
    reservation: Mapping[str, float]
    joint_gain: float
    distance_to_nash: float | None
    distance_to_frontier: float | None
    rounds_used: int
    option_ids: tuple[tuple[str, ...], ...]
    issue_ids: tuple[str, ...]
    agenda_joint_gains: Mapping[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/simulation.schema.json``."""
        from grandbargain.simulate.serialise import simulation_to_dict

        return simulation_to_dict(self)


def _stages(
    scenario: Scenario, agenda: str, order: Sequence[str] | None
) -> list[tuple[str, tuple[int, ...]]]:
    ids = [issue.id for issue in scenario.issues]
    if agenda == "package":
        return [("package", tuple(range(len(ids))))]
    if agenda == "issue-by-issue":
        sequence = list(order) if order else ids
        unknown = [i for i in sequence if i not in ids]
        missing = [i for i in ids if i not in sequence]
        if unknown or missing or len(set(sequence)) != len(sequence):
            raise InputError(
                [
                    Problem(
                        "--order",
                        0,
                        0,
                        "",
                        "the order must list every issue id "
                        f"once; unknown: {unknown}, missing: {missing}",
                    )
                ]
            )
        return [(issue, (ids.index(issue),)) for issue in sequence]
    buckets: dict[str, list[int]] = {}
    for i, issue in enumerate(scenario.issues):
        buckets.setdefault(issue.bucket, []).append(i)
    return [(bucket, tuple(members)) for bucket, members in buckets.items()]


def _strategy_names(scenario: Scenario, chosen: Mapping[str, str]) -> dict[str, str]:
    problems = []
    for party, name in chosen.items():
        if party not in scenario.party_names:
            problems.append(
                Problem(
                    "--strategy",
                    0,
                    0,
                    party,
                    "unknown party; expected one of: " + ", ".join(scenario.party_names),
                )
            )
        if name not in STRATEGIES:
            problems.append(
                Problem(
                    "--strategy",
                    0,
                    0,
                    party,
                    f"unknown strategy {name!r}; expected one of: " + ", ".join(sorted(STRATEGIES)),
                )
            )
    if problems:
        raise InputError(problems)
    return {party: chosen.get(party, DEFAULT_STRATEGY) for party in scenario.party_names}


def _play(
    context: SimulationContext,
    stages: list[tuple[str, tuple[int, ...]]],
    names: Mapping[str, str],
    rounds: int,
    seed: int,
) -> tuple[list[StageResult], np.ndarray | None, bool]:
    space = context.space
    parties = space.parties
    seeds = np.random.SeedSequence(seed).spawn(len(stages))
    combined = None if space.status_quo is None else np.array(space.status_quo, dtype=np.int64)
    results = []
    all_agreed = True
    for (name, issues), stage_seed in zip(stages, seeds, strict=True):
        if len(stages) == 1:
            stage_context = context
        else:
            assert combined is not None
            fixed = {i: int(combined[i]) for i in range(space.n_issues) if i not in issues}
            base = np.array(
                [p.utility(tuple(int(x) for x in combined)) for p in context.preferences]
            )
            stage_context = context.restricted(fixed, base)
        rngs = [np.random.default_rng(s) for s in stage_seed.spawn(len(parties))]
        strategies = [make_strategy(names[p], rng) for p, rng in zip(parties, rngs, strict=True)]
        session = run_session(stage_context, strategies, rounds)
        step_utilities = tuple(
            None
            if step.package is None
            else tuple(p.utility(step.package) for p in context.preferences)
            for step in session.steps
        )
        results.append(
            StageResult(name, tuple(space.issue_ids[i] for i in issues), session, step_utilities)
        )
        if session.agreement is not None:
            if combined is None:
                combined = np.array(session.agreement, dtype=np.int64)
            else:
                for i in issues:
                    combined[i] = session.agreement[i]
        else:
            all_agreed = False
    return results, combined, all_agreed


def simulate(
    scenario: Scenario,
    strategies: Mapping[str, str] | None = None,
    rounds: int = 60,
    agenda: str = "package",
    order: Sequence[str] | None = None,
    seed: int = 0,
    as_of: dt.date | str | None = None,
    conditions: Mapping[str, str] | None = None,
    compare_agendas: bool = True,
    analysis: Analysis | None = None,
    *,
    discounts: Mapping[str, float] | None = None,
    calendar: Calendar | None = None,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
) -> Simulation:
    """Simulate the talks between the given strategies (default: boulware for every party)."""
    if agenda not in AGENDAS:
        raise InputError(
            [
                Problem(
                    "--agenda",
                    0,
                    0,
                    "",
                    f"unknown agenda {agenda!r}; expected one of: " + ", ".join(AGENDAS),
                )
            ]
        )
    if rounds < 1:
        raise InputError([Problem("--rounds", 0, 0, "", "rounds must be at least 1")])
    date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    names = _strategy_names(scenario, strategies or {})
    party_discounts = None
    if discounts:
        unknown = [p for p in discounts if p not in scenario.party_names]
        if unknown:
            raise InputError([Problem("--discount", 0, 0, p, "unknown party") for p in unknown])
        party_discounts = [discounts.get(party.name, party.discount) for party in scenario.parties]
    context = build_context(
        scenario,
        rounds,
        date,
        conditions,
        party_discounts,
        calendar,
        include_events,
        exclude_events,
    )
    space = context.space
    if agenda != "package" and space.status_quo is None:
        raise InputError(
            [
                Problem(
                    scenario.id,
                    0,
                    0,
                    "issues",
                    f"the {agenda} agenda needs a status quo on every issue; use --agenda package",
                )
            ]
        )
    stages = _stages(scenario, agenda, order)
    results, combined, all_agreed = _play(context, stages, names, rounds, seed)
    analysis = analysis or analyze(
        scenario, date, conditions, include_events=include_events, exclude_events=exclude_events
    )
    reservation = context.round_reservations[0]
    if agenda == "package":
        session = results[0].session
        final = np.array(session.utilities)
        agreed = session.agreement is not None
        package = None if session.agreement is None else space.package_dict(session.agreement)
    else:
        assert combined is not None
        final = np.array([p.utility(tuple(int(x) for x in combined)) for p in context.preferences])
        agreed = all_agreed
        package = space.package_dict(combined)
    undiscounted = final
    if agenda == "package" and results[0].session.agreement is not None:
        undiscounted = np.array(
            [p.utility(results[0].session.agreement) for p in context.preferences]
        )
    nash = analysis.solutions.nash
    distance_nash = (
        None
        if nash is None
        else float(
            np.linalg.norm(undiscounted - np.array([nash.utilities[p] for p in space.parties]))
        )
    )
    frontier = analysis.frontier.utilities
    distance_frontier = (
        None
        if len(frontier) == 0
        else float(np.min(np.linalg.norm(frontier - undiscounted, axis=1)))
    )
    joint = {agenda: float(np.sum(final - reservation))}
    if compare_agendas:
        for other in AGENDAS:
            if other == agenda:
                continue
            if other != "package" and space.status_quo is None:
                joint[other] = None  # type: ignore[assignment]
                continue
            other_sim = simulate(
                scenario,
                names,
                rounds,
                other,
                None,
                seed,
                date,
                conditions,
                compare_agendas=False,
                analysis=analysis,
                discounts=discounts,
                calendar=calendar,
                include_events=include_events,
                exclude_events=exclude_events,
            )
            joint[other] = other_sim.joint_gain
    return Simulation(
        scenario=scenario.id,
        parties=space.parties,
        strategies=names,
        seed=seed,
        rounds=rounds,
        agenda=agenda,
        stages=tuple(results),
        agreement=agreed,
        package=package,
        utilities={p: float(v) for p, v in zip(space.parties, final, strict=True)},
        reservation={p: float(v) for p, v in zip(space.parties, reservation, strict=True)},
        joint_gain=float(np.sum(final - reservation)),
        distance_to_nash=distance_nash,
        distance_to_frontier=distance_frontier,
        rounds_used=sum(r.session.rounds_used for r in results),
        option_ids=space.option_ids,
        issue_ids=space.issue_ids,
        agenda_joint_gains={a: joint.get(a) for a in AGENDAS},
    )


def simulate_session(
    scenario: Scenario,
    strategies: Mapping[str, str] | None = None,
    rounds: int = 60,
    seed: int = 0,
    conditions: Mapping[str, str] | None = None,
    *,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
) -> SessionResult:
    """One session over the whole package, without the outcome measures of :func:`simulate`.

    No exact analysis is run, so this is the cheap call for many sampled scenarios; the
    session is the one :func:`simulate` plays with the package agenda.
    """
    if rounds < 1:
        raise InputError([Problem("--rounds", 0, 0, "", "rounds must be at least 1")])
    names = _strategy_names(scenario, strategies or {})
    context = build_context(
        scenario, rounds, None, conditions, None, None, include_events, exclude_events
    )
    results, _, _ = _play(context, _stages(scenario, "package", None), names, rounds, seed)
    return results[0].session
