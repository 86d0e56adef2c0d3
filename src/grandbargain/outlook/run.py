"""Run the outlook: every predictor over Monte Carlo draws of the scenario, then the ensemble.

Draws: the uncertainty engine's default spec for the scenario
(:func:`~grandbargain.uncertainty.assumptions.spec_for_scenario`: its distributions, the
assumption ranges of the parties' numbers, conditions and open events drawn with their
chances); draw ``k`` takes its numbers from ``SeedSequence(seed).spawn(draws)[k]`` and is
built as one validated Scenario. Every draw runs the solution concepts and the no-change
prior; the first ``forecast_draws`` draws (default 200) also run the stakeholder forecasts,
the first ``simulation_draws`` (default 100) one simulated session each, draw ``k`` playing
the ``k``-th of the default strategy pairings (cycling; seed from ``SeedSequence([seed, k])``).
Condition states chosen by the caller (a what-if) replace the drawn ones in every draw, as
``analyze(..., conditions=...)`` applies them: over the events that would change them.
Draws run in fixed chunks, in ``workers`` processes, reduced in draw order: the result does
not depend on the number of workers.

Without draws (``draws=0``) every predictor runs once on the nominal numbers, and the
simulation plays each default strategy against itself (one session per strategy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.outlook.draws import (
    DrawPackages,
    as_array,
    draw_packages,
)
from grandbargain.outlook.ensemble import Votes
from grandbargain.outlook.weights import PREDICTORS
from grandbargain.uncertainty.assumptions import spec_for_scenario
from grandbargain.uncertainty.sampling import (
    SampledScenario,
    draw_batch,
    draw_layout,
    sampled_scenario,
)
from grandbargain.uncertainty.spec import UncertaintySpec

CHUNK = 50
PARALLEL_FROM = 400
"""Draws from which the default runs two worker processes."""
LEVELS = (0.05, 0.5, 0.95)


@dataclass(frozen=True)
class Plan:
    """How the draws run: which draws get the expensive predictors, and the sessions."""

    seed: int
    forecast_draws: int
    simulation_draws: int
    rounds: int
    pairings: tuple[tuple[str, ...], ...]
    conditions: tuple[tuple[str, str], ...] = ()
    """Condition states fixed in every draw (a what-if), over the states drawn."""

    def fixed(self, sampled: SampledScenario) -> SampledScenario:
        """``sampled`` with the fixed condition states in place of the drawn ones."""
        if not self.conditions:
            return sampled
        return replace(sampled, conditions={**sampled.conditions, **dict(self.conditions)})

    def sessions(self, k: int) -> list[tuple[tuple[str, ...], int]]:
        """The simulated session of draw ``k`` (none past the subsample)."""
        if k >= self.simulation_draws:
            return []
        seed = int(np.random.SeedSequence([self.seed, k]).generate_state(1)[0])
        return [(self.pairings[k % len(self.pairings)], seed)]


def _chunk(
    scenario: Scenario, spec: UncertaintySpec, seeds: Sequence[Any], start: int, plan: Plan
) -> list[DrawPackages]:
    layout = draw_layout(scenario, spec)
    batch = draw_batch(layout, seeds)
    result = []
    for row in range(len(seeds)):
        k = start + row
        sampled = plan.fixed(sampled_scenario(scenario, layout, batch, row))
        result.append(
            draw_packages(sampled, k < plan.forecast_draws, plan.sessions(k), plan.rounds)
        )
    return result


def run_chunk(
    scenario_json: dict[str, Any],
    spec: UncertaintySpec,
    seeds: Sequence[Any],
    start: int,
    plan: Plan,
) -> list[DrawPackages]:
    """One chunk of draws (the unit of work sent to a worker process)."""
    return _chunk(Scenario.model_validate(scenario_json), spec, seeds, start, plan)


def run_draws(scenario: Scenario, draws: int, plan: Plan, workers: int) -> Iterator[DrawPackages]:
    """Every draw's packages, in draw order."""
    spec = spec_for_scenario(scenario)
    seeds = np.random.SeedSequence(plan.seed).spawn(draws)
    starts = range(0, draws, CHUNK)
    if workers == 1:
        for start in starts:
            yield from _chunk(scenario, spec, seeds[start : start + CHUNK], start, plan)
        return
    data = scenario.model_dump(mode="json")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(run_chunk, data, spec, seeds[start : start + CHUNK], start, plan)
            for start in starts
        ]
        for future in futures:
            yield from future.result()


def check_arguments(draws: int, seed: int, workers: int | None) -> None:
    """Refuse impossible arguments before anything runs."""
    problems = []
    if draws < 0:
        problems.append(Problem("--draws", 0, 0, "", f"{draws} is negative; give 0 or more"))
    if seed < 0:
        problems.append(Problem("--seed", 0, 0, "", f"{seed} is negative; seeds are >= 0"))
    if workers is not None and workers < 1:
        problems.append(Problem("--workers", 0, 0, "", "must be at least 1"))
    if problems:
        raise InputError(problems)


def parse_as_of(as_of: dt.date | str | None) -> dt.date | None:
    """A date, ISO text or None; text that is not a date is an input error naming --as-of."""
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError:
        message = f"{as_of!r} is not a date; expected YYYY-MM-DD"
        raise InputError([Problem("--as-of", 0, 0, "", message)]) from None


@dataclass(frozen=True)
class Collected:
    """Every predictor's packages gathered over the draws (or the nominal run)."""

    rows: Mapping[str, list[tuple[int, ...]]]
    no_deal: Mapping[str, float]
    gains: np.ndarray[Any, np.dtype[np.float64]] | None
    valuations: tuple[Any, ...]


def collect(found: Sequence[DrawPackages]) -> Collected:
    """Rows per predictor (``simulation#k`` sessions pooled under ``simulation``) and the share
    of each predictor's rows that were no deal."""
    rows: dict[str, list[tuple[int, ...]]] = {name: [] for name in PREDICTORS}
    none: dict[str, int] = dict.fromkeys(PREDICTORS, 0)
    for item in found:
        for name, package in item.packages.items():
            base = name.split("#")[0]
            rows[base].append(package)
            none[base] += name in item.no_deal
    shares = {name: none[name] / len(rows[name]) if rows[name] else 0.0 for name in PREDICTORS}
    return Collected(rows, shares, None, tuple(item.valuation for item in found))


def build_votes(collected: Collected, weights: Mapping[str, float]) -> list[Votes]:
    """Votes of every predictor that ran; weights renormalised over them."""
    ran = [name for name in PREDICTORS if collected.rows[name]]
    total = sum(weights[name] for name in ran)
    if total <= 0:
        message = "every predictor that ran has weight 0; give a positive --weight"
        raise InputError([Problem("--weight", 0, 0, "", message)])
    return [Votes(name, weights[name] / total, as_array(collected.rows[name])) for name in ran]
