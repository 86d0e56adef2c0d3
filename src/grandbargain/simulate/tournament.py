"""Tournaments: every strategy against every strategy, in every seat, on every scenario.

For N parties, each ordered pair (A, B) of strategies (A = B included) is played once per seat:
the focal strategy A takes that seat and copies of B take all the others. Each pairing is
repeated with seeds spawned from one ``SeedSequence``. A strategy is scored on the sessions
where it is focal: mean normalised utility (the focal party's utility rescaled so that its
reservation value is 0 and its best admissible package 1), agreement rate, and mean joint
gain (the sum of every party's gain over its reservation value). Ranked by mean normalised
utility, then agreement rate.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import make_strategy
from grandbargain.solve.analysis import analyze
from grandbargain.space import FloatArray


@dataclass(frozen=True)
class StrategyScore:
    """One strategy's results over the sessions where it was focal."""

    strategy: str
    sessions: int
    mean_normalised_utility: float
    agreement_rate: float
    mean_joint_gain: float


@dataclass(frozen=True)
class TournamentResult:
    """The ranking table and how it was produced."""

    scenarios: tuple[str, ...]
    strategies: tuple[str, ...]
    repeats: int
    rounds: int
    seed: int
    sessions: int
    ranking: tuple[StrategyScore, ...]

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
            "ranking": [
                {
                    "rank": k + 1,
                    "strategy": s.strategy,
                    "sessions": s.sessions,
                    "mean_normalised_utility": s.mean_normalised_utility,
                    "agreement_rate": s.agreement_rate,
                    "mean_joint_gain": s.mean_joint_gain,
                }
                for k, s in enumerate(self.ranking)
            ],
        }


def pairings(strategies: Sequence[str], n_parties: int) -> list[tuple[str, int, tuple[str, ...]]]:
    """(focal strategy, focal seat, strategy per seat) for every pairing."""
    result = []
    for focal, other in itertools.product(strategies, repeat=2):
        for seat in range(n_parties):
            seats = tuple(focal if k == seat else other for k in range(n_parties))
            result.append((focal, seat, seats))
    return result


def tournament(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str],
    repeats: int = 10,
    rounds: int = 60,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> TournamentResult:
    """Play every pairing ``repeats`` times on every scenario and rank the strategies."""
    plans: list[tuple[SimulationContext, FloatArray, tuple[str, int, tuple[str, ...]]]] = []
    for scenario in scenarios:
        context = build_context(scenario, rounds)
        analysis = analyze(scenario)
        best = np.array([analysis.ideal[p] for p in context.space.parties])
        for plan in pairings(strategies, context.n_parties):
            plans.extend((context, best, plan) for _ in range(repeats))
    seeds = np.random.SeedSequence(seed).spawn(len(plans))
    totals: dict[str, list[tuple[float, bool, float]]] = {name: [] for name in strategies}
    for index, ((context, best, (focal, seat, seats)), session_seed) in enumerate(
        zip(plans, seeds, strict=True)
    ):
        rngs = [np.random.default_rng(s) for s in session_seed.spawn(len(seats))]
        players = [make_strategy(name, rng) for name, rng in zip(seats, rngs, strict=True)]
        result = run_session(context, players, rounds)
        reservation = context.round_reservations[0]
        utilities = np.array(result.utilities)
        span = best[seat] - reservation[seat]
        normalised = float((utilities[seat] - reservation[seat]) / span) if span > 1e-12 else 0.0
        joint = float(np.sum(utilities - reservation))
        totals[focal].append((normalised, result.agreement is not None, joint))
        if progress is not None:
            progress(index + 1, len(plans))
    scores = [
        StrategyScore(
            name,
            len(rows),
            float(np.mean([r[0] for r in rows])) if rows else 0.0,
            float(np.mean([r[1] for r in rows])) if rows else 0.0,
            float(np.mean([r[2] for r in rows])) if rows else 0.0,
        )
        for name, rows in totals.items()
    ]
    scores.sort(key=lambda s: (-s.mean_normalised_utility, -s.agreement_rate, s.strategy))
    return TournamentResult(
        tuple(s.id for s in scenarios),
        tuple(strategies),
        repeats,
        rounds,
        seed,
        len(plans),
        tuple(scores),
    )
