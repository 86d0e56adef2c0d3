"""Tournaments: every strategy against every strategy, in every seat, on every scenario.

For N parties, each ordered pair (A, B) of strategies (A = B included) is played once per seat:
the focal strategy A takes that seat and copies of B take all the others. Each pairing is
repeated with seeds spawned from one ``SeedSequence``. A strategy is scored on the sessions
where it is focal: mean normalised utility (the focal party's utility rescaled so that its
reservation value is 0 and its best admissible package 1), agreement rate, and mean joint
gain (the sum of every party's gain over its reservation value). Ranked by mean normalised
utility, then agreement rate.

Each session is also measured against the exact analysis of its scenario
(:mod:`grandbargain.simulate.metrics`): distance and gap to the Pareto frontier and share of
the Nash product, averaged per strategy overall and per scenario (``by_scenario``; utility
scales differ between scenarios, so compare those figures within a scenario), with the mean
invalid moves and tokens of the focal seat's own model exchanges per session.

With the ``llm`` strategy among the strategies, sessions run on ``llm.concurrency`` threads
sharing one client (each session's seeds are its own, so the results do not depend on the
order in which sessions finish); without it they run one after another.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.llm import Endpoint, LLMSettings, open_client, public_view
from grandbargain.simulate.metrics import run_metrics
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import ENDPOINT_STRATEGIES, make_players
from grandbargain.solve.analysis import analyze
from grandbargain.space import FloatArray


@dataclass(frozen=True)
class StrategyScore:
    """One strategy's results over the sessions where it was focal (means per session;
    None where no session of it had the measure)."""

    strategy: str
    sessions: int
    mean_normalised_utility: float
    agreement_rate: float
    mean_joint_gain: float
    mean_frontier_distance: float | None = None
    mean_frontier_gap: float | None = None
    mean_nash_share: float | None = None
    mean_invalid_moves: float = 0.0
    mean_tokens: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data (one row of ``ranking`` or ``by_scenario``, without the rank)."""
        return {
            "strategy": self.strategy,
            "sessions": self.sessions,
            "mean_normalised_utility": self.mean_normalised_utility,
            "agreement_rate": self.agreement_rate,
            "mean_joint_gain": self.mean_joint_gain,
            "mean_frontier_distance": self.mean_frontier_distance,
            "mean_frontier_gap": self.mean_frontier_gap,
            "mean_nash_share": self.mean_nash_share,
            "mean_invalid_moves": self.mean_invalid_moves,
            "mean_tokens": self.mean_tokens,
        }


@dataclass(frozen=True)
class TournamentResult:
    """The ranking table, the same per scenario, and how they were produced."""

    scenarios: tuple[str, ...]
    strategies: tuple[str, ...]
    repeats: int
    rounds: int
    seed: int
    sessions: int
    ranking: tuple[StrategyScore, ...]
    by_scenario: tuple[tuple[str, tuple[StrategyScore, ...]], ...] = ()
    llm: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/tournament.schema.json``."""
        return {
            "schema_version": 1,
            "scenarios": list(self.scenarios),
            "strategies": list(self.strategies),
            "repeats": self.repeats,
            "rounds": self.rounds,
            "seed": self.seed,
            "sessions": self.sessions,
            "ranking": [{"rank": k + 1, **s.to_dict()} for k, s in enumerate(self.ranking)],
            "by_scenario": [
                {
                    "scenario": name,
                    "ranking": [{"rank": k + 1, **s.to_dict()} for k, s in enumerate(rows)],
                }
                for name, rows in self.by_scenario
            ],
            "llm": self.llm,
        }


class _Table(NamedTuple):
    """What every session on one scenario shares."""

    scenario: str
    context: SimulationContext
    best: FloatArray
    frontier: FloatArray
    nash_gains: FloatArray | None


class _Row(NamedTuple):
    """One session, scored for its focal strategy."""

    scenario: str
    focal: str
    normalised: float
    agreed: bool
    joint: float
    distance: float | None
    gap: float | None
    share: float | None
    invalid: int
    tokens: int


def pairings(strategies: Sequence[str], n_parties: int) -> list[tuple[str, int, tuple[str, ...]]]:
    """(focal strategy, focal seat, strategy per seat) for every pairing."""
    result = []
    for focal, other in itertools.product(strategies, repeat=2):
        for seat in range(n_parties):
            seats = tuple(focal if k == seat else other for k in range(n_parties))
            result.append((focal, seat, seats))
    return result


def _table(scenario: Scenario, rounds: int) -> _Table:
    context = build_context(scenario, rounds)
    analysis = analyze(scenario)
    parties = context.space.parties
    nash = analysis.solutions.nash
    return _Table(
        scenario.id,
        context,
        np.array([analysis.ideal[p] for p in parties]),
        analysis.frontier.utilities,
        None if nash is None else np.array([nash.gains[p] for p in parties]),
    )


def _session(
    table: _Table,
    plan: tuple[str, int, tuple[str, ...]],
    session_seed: np.random.SeedSequence,
    rounds: int,
    endpoint: Endpoint | None,
) -> _Row:
    focal, seat, seats = plan
    context = table.context
    rngs = [np.random.default_rng(s) for s in session_seed.spawn(len(seats))]
    players, transcript = make_players(seats, rngs, endpoint)
    result = run_session(context, players, rounds)
    reservation = context.round_reservations[0]
    utilities = np.array(result.utilities)
    span = table.best[seat] - reservation[seat]
    normalised = float((utilities[seat] - reservation[seat]) / span) if span > 1e-12 else 0.0
    undiscounted = utilities
    if result.agreement is not None:
        undiscounted = np.array([p.utility(result.agreement) for p in context.preferences])
    parties = context.space.parties
    metrics = run_metrics(
        parties,
        result.agreement is not None,
        undiscounted,
        reservation,
        table.frontier,
        table.nash_gains,
        result.rounds_used,
        [exchange for exchange in transcript.items if exchange.party == seat],
    )
    counts = metrics.counts
    return _Row(
        table.scenario,
        focal,
        normalised,
        result.agreement is not None,
        float(np.sum(utilities - reservation)),
        metrics.frontier_distance,
        metrics.frontier_gap,
        metrics.nash_share,
        counts.invalid_moves,
        counts.tokens_in + counts.tokens_out,
    )


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def _score(name: str, rows: Sequence[_Row]) -> StrategyScore:
    if not rows:
        return StrategyScore(name, 0, 0.0, 0.0, 0.0)
    return StrategyScore(
        name,
        len(rows),
        float(np.mean([r.normalised for r in rows])),
        float(np.mean([r.agreed for r in rows])),
        float(np.mean([r.joint for r in rows])),
        _mean([r.distance for r in rows]),
        _mean([r.gap for r in rows]),
        _mean([r.share for r in rows]),
        float(np.mean([r.invalid for r in rows])),
        float(np.mean([r.tokens for r in rows])),
    )


def _ranked(strategies: Sequence[str], rows: Sequence[_Row]) -> tuple[StrategyScore, ...]:
    scores = [_score(name, [r for r in rows if r.focal == name]) for name in strategies]
    scores.sort(key=lambda s: (-s.mean_normalised_utility, -s.agreement_rate, s.strategy))
    return tuple(scores)


@contextmanager
def _endpoints(
    scenarios: Sequence[Scenario],
    tables: Sequence[_Table],
    llm: LLMSettings | None,
    files: tuple[str | os.PathLike[str] | None, str | os.PathLike[str] | None],
) -> Iterator[dict[str, Endpoint] | None]:
    if llm is None:
        yield None
        return
    with open_client(llm, *files) as client:
        yield {
            table.scenario: Endpoint(client, public_view(scenario, table.context.space))
            for scenario, table in zip(scenarios, tables, strict=True)
        }


def tournament(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str],
    repeats: int = 10,
    rounds: int = 60,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    *,
    llm: LLMSettings | None = None,
    record: str | os.PathLike[str] | None = None,
    replay: str | os.PathLike[str] | None = None,
) -> TournamentResult:
    """Play every pairing ``repeats`` times on every scenario and rank the strategies."""
    wants_endpoint = any(name in ENDPOINT_STRATEGIES for name in strategies)
    if wants_endpoint and llm is None:
        message = "the llm strategy needs an endpoint: give --llm-url and --llm-model"
        raise InputError([Problem("--strategies", 0, 0, "", message)])
    llm = llm if wants_endpoint else None
    tables = [_table(scenario, rounds) for scenario in scenarios]
    plans = [
        (table, plan)
        for table in tables
        for plan in pairings(strategies, table.context.n_parties)
        for _ in range(repeats)
    ]
    seeds = np.random.SeedSequence(seed).spawn(len(plans))
    with _endpoints(scenarios, tables, llm, (record, replay)) as endpoints:

        def play(index: int) -> _Row:
            table, plan = plans[index]
            endpoint = None if endpoints is None else endpoints[table.scenario]
            return _session(table, plan, seeds[index], rounds, endpoint)

        rows = _run_all(play, len(plans), 1 if llm is None else llm.concurrency, progress)
    by_scenario = tuple(
        (table.scenario, _ranked(strategies, [r for r in rows if r.scenario == table.scenario]))
        for table in tables
    )
    return TournamentResult(
        tuple(s.id for s in scenarios),
        tuple(strategies),
        repeats,
        rounds,
        seed,
        len(plans),
        _ranked(strategies, rows),
        by_scenario,
        None if llm is None else llm.to_dict(),
    )


def _run_all(
    play: Callable[[int], _Row],
    count: int,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[_Row]:
    """Every session, in plan order, on ``workers`` threads (in this one when 1)."""
    rows: list[_Row | None] = [None] * count
    if workers <= 1:
        for index in range(count):
            rows[index] = play(index)
            if progress is not None:
                progress(index + 1, count)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(play, index): index for index in range(count)}
            try:
                for done, future in enumerate(as_completed(futures), start=1):
                    rows[futures[future]] = future.result()
                    if progress is not None:
                        progress(done, count)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # a failed run stops them all
                raise
    return [row for row in rows if row is not None]
