"""Run a simulated negotiation under an agenda and measure its outcome.

Agendas: ``package`` (all issues at once), ``issue-by-issue`` (one issue per stage, in the
given order or the scenario's) and ``bucket-by-bucket`` (one bucket per stage). In a staged
agenda each stage bargains over its issues with everything else as it stands (earlier stages
settled, later ones at the status quo); a party's disagreement point in a stage is its utility
of that package, as in the value-of-linkage definition. Each stage may use all ``rounds``
rounds. Staged agendas need a status quo on every issue.

Outcome measures (undiscounted utilities of the final package, or of the status quo / the
reservation values on breakdown): the Euclidean distance in utility space to the Nash
solution of the exact analysis, and to the nearest point of its Pareto frontier; and the
run's :class:`~grandbargain.simulate.metrics.RunMetrics` (frontier gap, share of the Nash
product, gains, model exchanges).

With an ``llm`` seat the run talks to the endpoint of ``llm`` (or replays a recording), and
the other agendas are not replayed for comparison (each would cost as much again): their
joint gains are None.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, NamedTuple

import numpy as np

from grandbargain.model.schema import Calendar, Scenario
from grandbargain.simulate.agenda import (
    AGENDAS,
    agenda_stages,
    check_agenda_and_rounds,
    check_endpoint,
    party_discounts,
    stages,
    strategy_names,
)
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.llm import Endpoint, Exchange, LLMSettings, open_client, public_view
from grandbargain.simulate.metrics import RunMetrics, run_metrics
from grandbargain.simulate.outcome import Outcome, agenda_gains, agenda_outcome, joint_gain
from grandbargain.simulate.ratify import RatificationNote, ratification_note
from grandbargain.simulate.session import SessionResult, run_session
from grandbargain.simulate.strategies import ENDPOINT_STRATEGIES, make_players
from grandbargain.solve.analysis import Analysis, analyze
from grandbargain.space import IntArray


@dataclass(frozen=True)
class StageResult:
    """One stage of an agenda and how its session went."""

    name: str
    issues: tuple[str, ...]
    session: SessionResult
    step_utilities: tuple[tuple[float, ...] | None, ...]
    exchanges: tuple[Exchange, ...] = ()


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
    metrics: RunMetrics | None = None
    llm: Mapping[str, Any] | None = None
    ratification: RatificationNote | None = None  # None: the rules were not applied

    @property
    def ended_by(self) -> dict[str, str]:
        """Stage name -> the party whose walk-away ended that stage's talks (see
        :mod:`grandbargain.simulate.session`), for the stages that ended so."""
        return {
            stage.name: self.parties[stage.session.walked_away]
            for stage in self.stages
            if stage.session.walked_away is not None
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/simulation.schema.json``."""
        from grandbargain.simulate.serialise import simulation_to_dict

        return simulation_to_dict(self)


def _play(
    context: SimulationContext,
    stages: list[tuple[str, tuple[int, ...]]],
    names: Mapping[str, str],
    rounds: int,
    seed: int,
    endpoint: Endpoint | None = None,
) -> tuple[list[StageResult], IntArray | None, bool]:
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
        seated = [names[p] for p in parties]
        strategies, transcript = make_players(seated, rngs, endpoint)
        session = run_session(stage_context, strategies, rounds)
        step_utilities = tuple(
            None
            if step.package is None
            else tuple(p.utility(step.package) for p in context.preferences)
            for step in session.steps
        )
        issue_ids = tuple(space.issue_ids[i] for i in issues)
        exchanges = tuple(transcript.items)
        results.append(StageResult(name, issue_ids, session, step_utilities, exchanges))
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
    llm: LLMSettings | None = None,
    record: str | os.PathLike[str] | None = None,
    replay: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    ratify: bool = False,
) -> Simulation:
    """Simulate the talks between the given strategies (default: boulware for every party).

    With ``ratify`` every party with ratification rules only proposes and accepts packages
    they let through (:mod:`grandbargain.simulate.ratify`); the result's ``ratification``
    says so and, for a no-deal, whether the rules caused it. An ``llm`` seat needs ``llm``
    settings; ``record`` writes, ``replay`` reads a recording of its requests
    (:mod:`grandbargain.simulate.llm.recording`); ``progress(turn, turns)`` is called after
    each of its moves."""
    check_agenda_and_rounds(agenda, rounds)
    date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    names = strategy_names(scenario, strategies or {})
    check_endpoint(names, llm is not None)
    factors = party_discounts(scenario, discounts)
    events = (include_events, exclude_events)
    context = build_context(
        scenario, rounds, date, conditions, factors, calendar, *events, ratify=ratify
    )
    talks = _Talks(context, agenda_stages(scenario, context, agenda, order), names, rounds, seed)
    seated = llm is not None and any(name in ENDPOINT_STRATEGIES for name in names.values())
    llm = llm if seated else None  # the other agendas are not replayed with a model
    played = talks.play(None) if llm is None else talks.with_endpoint(llm, record, replay, progress)
    results, combined, all_agreed = played
    analysis = analysis or analyze(
        scenario, date, conditions, include_events=include_events, exclude_events=exclude_events
    )
    outcome = agenda_outcome(context, agenda, results, combined, all_agreed)
    settings = _Replay(scenario, names, rounds, seed, date, conditions, discounts, calendar)
    again = settings.again(analysis, include_events, exclude_events, ratify)
    compared = again if compare_agendas and llm is None else None
    joint = agenda_gains(context, agenda, outcome.final, compared)
    run = (names, rounds, seed, agenda)
    simulation = _assemble(scenario, context, run, results, outcome, analysis, joint)
    unruled = partial(again, agenda=agenda, order=order, ratify=False)
    replayed = unruled if not outcome.agreed and llm is None else None  # after no deal
    note = _ratification(context, results, replayed) if ratify else None
    return replace(simulation, llm=None if llm is None else llm.to_dict(), ratification=note)


class _Replay(NamedTuple):
    """The settings of one :func:`simulate` call that its replays keep."""

    scenario: Scenario
    names: Mapping[str, str]
    rounds: int
    seed: int
    date: dt.date | None
    conditions: Mapping[str, str] | None
    discounts: Mapping[str, float] | None
    calendar: Calendar | None

    def again(
        self,
        analysis: Analysis,
        include_events: frozenset[str],
        exclude_events: frozenset[str],
        ratify: bool,
    ) -> Callable[..., Simulation]:
        """The same call, to be made under another agenda or without the rules: the
        scenario's own agenda order, no comparison of agendas, the analysis already made."""
        return partial(
            simulate,
            self.scenario,
            self.names,
            self.rounds,
            order=None,
            seed=self.seed,
            as_of=self.date,
            conditions=self.conditions,
            compare_agendas=False,
            analysis=analysis,
            discounts=self.discounts,
            calendar=self.calendar,
            include_events=include_events,
            exclude_events=exclude_events,
            ratify=ratify,
        )


def _ratification(
    context: SimulationContext,
    results: list[StageResult],
    replayed: Callable[[], Simulation] | None,
) -> RatificationNote:
    """What the rules did: the parties they blocked and, when ``replayed`` replays a no-deal
    without the rules, whether that replay agrees."""
    agreed = replayed().agreement if replayed is not None else None
    blocked = {p for r in results for p in r.session.unratifiable}
    return ratification_note(context.preferences, blocked, agreed)


class _Talks(NamedTuple):
    """The stages of one simulation, ready to be played with or without an endpoint."""

    context: SimulationContext
    plan: list[tuple[str, tuple[int, ...]]]
    names: Mapping[str, str]
    rounds: int
    seed: int

    def play(self, endpoint: Endpoint | None) -> tuple[list[StageResult], IntArray | None, bool]:
        return _play(self.context, self.plan, self.names, self.rounds, self.seed, endpoint)

    def with_endpoint(
        self,
        llm: LLMSettings,
        record: str | os.PathLike[str] | None,
        replay: str | os.PathLike[str] | None,
        progress: Callable[[int, int], None] | None,
    ) -> tuple[list[StageResult], IntArray | None, bool]:
        view = public_view(self.context.scenario, self.context.space)
        with open_client(llm, record, replay) as client:
            return self.play(Endpoint(client, view, progress))


def _assemble(
    scenario: Scenario,
    context: SimulationContext,
    run: tuple[Mapping[str, str], int, int, str],
    results: list[StageResult],
    outcome: Outcome,
    analysis: Analysis,
    joint: Mapping[str, float | None],
) -> Simulation:
    """The result, with the distances of the undiscounted outcome to Nash and the frontier.

    ``run`` is (strategy names, rounds, seed, agenda)."""
    names, rounds, seed, agenda = run
    space = context.space
    reservation = context.round_reservations[0]
    nash = analysis.solutions.nash
    distance_nash = None
    if nash is not None:
        target = np.array([nash.utilities[p] for p in space.parties])
        distance_nash = float(np.linalg.norm(outcome.undiscounted - target))
    frontier = analysis.frontier.utilities
    distance_frontier = None
    if len(frontier) > 0:
        distance_frontier = float(np.min(np.linalg.norm(frontier - outcome.undiscounted, axis=1)))
    rounds_used = sum(r.session.rounds_used for r in results)
    metrics = run_metrics(
        space.parties,
        outcome.agreed,
        outcome.undiscounted,
        reservation,
        frontier,
        None if nash is None else np.array([nash.gains[p] for p in space.parties]),
        rounds_used,
        [exchange for r in results for exchange in r.exchanges],
    )
    return Simulation(
        scenario=scenario.id,
        parties=space.parties,
        strategies=names,
        seed=seed,
        rounds=rounds,
        agenda=agenda,
        stages=tuple(results),
        agreement=outcome.agreed,
        package=outcome.package,
        utilities={p: float(v) for p, v in zip(space.parties, outcome.final, strict=True)},
        reservation={p: float(v) for p, v in zip(space.parties, reservation, strict=True)},
        joint_gain=joint_gain(context, outcome.final),
        distance_to_nash=distance_nash,
        distance_to_frontier=distance_frontier,
        rounds_used=rounds_used,
        option_ids=space.option_ids,
        issue_ids=space.issue_ids,
        agenda_joint_gains={a: joint.get(a) for a in AGENDAS},
        metrics=metrics,
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
    ratify: bool = False,
) -> SessionResult:
    """One session over the whole package, without the outcome measures of :func:`simulate`.

    No exact analysis is run, so this is the cheap call for many sampled scenarios; the
    session is the one :func:`simulate` plays with the package agenda (and ``ratify``).
    """
    check_agenda_and_rounds("package", rounds)
    names = strategy_names(scenario, strategies or {})
    context = build_context(
        scenario, rounds, None, conditions, None, None, include_events, exclude_events, ratify
    )
    results, _, _ = _play(context, stages(scenario, "package", None), names, rounds, seed)
    return results[0].session
