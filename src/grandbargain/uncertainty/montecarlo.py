"""Monte Carlo over an uncertain scenario: many sampled scenarios, each analysed exactly.

Each draw samples the uncertain numbers, condition states and events, and computes the Pareto
frontier, the four solution concepts and every logroll of two issues, as
:func:`grandbargain.analyze` does; the value of linkage and the exact count of feasible
packages are skipped for speed. A draw "has a feasible package" when some frontier package
meets the acceptance rule (for an exact frontier: exactly when ``feasible_count > 0``).

Draws run in batches of :data:`BATCH_SIZE` (or ``batch_size``) through arrays (:mod:`.batch`):
no Scenario object is built per draw. :func:`evaluate` analyses one validated sampled Scenario
the slow, plain way; it is the reference the batch path is tested against.

Reproducible: draw ``k`` takes its uniforms from ``SeedSequence(seed).spawn(draws)[k]``;
batches are fixed whatever the number of workers and reduced in draw order, so the same seed
gives the same result with any ``workers``, any ``batch_size`` or on a Dask cluster.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.solve.analysis import CONCEPTS
from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import DEFAULT_CAP, pareto_frontier, with_points
from grandbargain.solve.logrolls import find_logrolls
from grandbargain.solve.units import build_units
from grandbargain.space import acceptance_counts, admissible_packages, build_space
from grandbargain.space import package_utilities as utilities_of
from grandbargain.uncertainty.batch import LOGROLL_SIZE, evaluate_batch, logroll_key
from grandbargain.uncertainty.cluster import connect
from grandbargain.uncertainty.extras import DrawExtras, extra_columns, extra_values
from grandbargain.uncertainty.result import (
    DrawOutcome,
    DrawTable,
    DrawTableWriter,
    MonteCarloResult,
)
from grandbargain.uncertainty.sampling import SampledScenario, draw_batch, draw_layout, on_date
from grandbargain.uncertainty.spec import UncertaintySpec
from grandbargain.uncertainty.variation import variation

BATCH_SIZE = 512
LOGROLL_LIMIT = 1_000_000
Progress = Callable[[int, int], None]
NO_EXTRAS = DrawExtras()

__all__ = ["BATCH_SIZE", "DrawExtras", "evaluate", "logroll_key", "monte_carlo", "run_batch"]


def evaluate(sampled: SampledScenario) -> DrawOutcome:
    """Frontier, solution concepts and logrolls of one sampled scenario."""
    scenario = sampled.scenario
    space = build_space(
        scenario, None, sampled.conditions, sampled.include_events, sampled.exclude_events
    )
    frontier = pareto_frontier(build_units(space), space.n_issues, space.n_parties, DEFAULT_CAP)
    if space.status_quo is not None and not frontier.exact:
        status_quo = np.array([space.status_quo], dtype=np.int64)
        if admissible_packages(space, status_quo)[0]:
            frontier = with_points(frontier, status_quo, utilities_of(space, status_quo))
    choices = choose(frontier, space.reservation)
    packages: dict[str, dict[str, str] | None] = {}
    utilities: dict[str, dict[str, float] | None] = {}
    for concept in CONCEPTS:
        choice = getattr(choices, concept)
        if choice is None:
            packages[concept] = utilities[concept] = None
            continue
        packages[concept] = space.package_dict(frontier.package(choice.row))
        row = frontier.utilities[choice.row]
        utilities[concept] = {p: float(u) for p, u in zip(space.parties, row, strict=True)}
    feasible = bool(len(frontier) and acceptance_counts(space, frontier.utilities)[1].any())
    rolls, _ = find_logrolls(space, LOGROLL_SIZE, LOGROLL_LIMIT)
    keys = tuple(
        sorted(
            logroll_key({space.issue_ids[i]: space.option_ids[i][o] for i, o in roll.moves})
            for roll in rolls
        )
    )
    return DrawOutcome(
        numbers=dict(sampled.numbers),
        conditions=dict(sampled.conditions),
        events={
            **{e: True for e in sorted(sampled.include_events)},
            **{e: False for e in sorted(sampled.exclude_events)},
        },
        packages=packages,
        utilities=utilities,
        feasible=feasible,
        logrolls=keys,
    )


def run_batch(
    scenario_json: dict[str, Any],
    spec: UncertaintySpec,
    seeds: list[np.random.SeedSequence],
    extras: DrawExtras = NO_EXTRAS,
) -> DrawTable:
    """Draw and evaluate one batch (the unit of work sent to a worker process)."""
    scenario = Scenario.model_validate(scenario_json)
    layout = draw_layout(scenario, spec)
    draws = draw_batch(layout, seeds)
    table = evaluate_batch(scenario, layout, draws)
    if not extras.wanted:
        return table
    values = extra_values(scenario, layout, draws, seeds, extras)
    return dataclasses.replace(table, extras=values)


def _batches(
    seeds: list[np.random.SeedSequence], size: int
) -> Iterator[list[np.random.SeedSequence]]:
    for start in range(0, len(seeds), size):
        yield seeds[start : start + size]


def _check(
    scenario: Scenario, draws: int, seed: int, workers: int | None, extras: DrawExtras
) -> None:
    """Refuse impossible arguments before anything is drawn."""
    if draws < 1:
        raise InputError([Problem("", 0, 0, "--draws", "must be at least 1")])
    if workers is not None and workers < 1:
        raise InputError([Problem("", 0, 0, "--workers", "must be at least 1")])
    if seed < 0:
        message = f"{seed} is negative; seeds are integers >= 0 (numpy's SeedSequence)"
        raise InputError([Problem("", 0, 0, "--seed", message)])
    if extras.strategies and len(extras.strategies) != len(scenario.parties):
        message = (
            f"give one strategy per party ({len(scenario.parties)}), not {len(extras.strategies)}"
        )
        raise InputError([Problem("", 0, 0, "--simulate", message)])


def monte_carlo(
    scenario: Scenario,
    spec: UncertaintySpec,
    draws: int,
    seed: int,
    workers: int | None = None,
    progress: Progress | None = None,
    scheduler: str | None = None,
    extras: DrawExtras = NO_EXTRAS,
    *,
    as_of: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
) -> MonteCarloResult:
    """Analyse ``draws`` sampled scenarios; ``workers`` > 1 uses that many processes.

    ``scheduler`` (for example ``tcp://scheduler.example.org:8786``) sends the same batches to
    a Dask distributed cluster instead. Batches of ``batch_size`` draws are fixed
    independently of the workers and results are reduced in draw order, so the results do
    not depend on where draws ran, nor on the batch size. ``progress(done, total)`` is called
    after each batch, in draw order. ``extras`` adds a simulated session and/or a forecast to
    every draw (slower: one Scenario per draw). ``as_of`` analyses the scenario on that date
    (status quo, events and reservation values as ``analyze(scenario, as_of)`` has them;
    open events are those dated up to it); None keeps the scenario's own date.

    Raises :class:`InputError` for impossible arguments (``seed`` < 0, ``draws`` < 1) or an
    unusable scheduler before drawing anything.
    """
    _check(scenario, draws, seed, workers, extras)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    scenario = on_date(scenario, as_of)
    scenario_json = scenario.model_dump(mode="json")
    seeds = np.random.SeedSequence(seed).spawn(draws)
    batches = list(_batches(seeds, batch_size))
    writer = DrawTableWriter(draws)
    if scheduler is not None:
        client = connect(scheduler)
        tables = _on_dask(client, scenario_json, spec, batches, extras)
    else:
        tables = _locally(scenario_json, spec, batches, extras, workers or 1)
    for table in tables:
        writer.add(table)
        if progress is not None:
            progress(writer.done, draws)
    layout = draw_layout(scenario, spec)
    return MonteCarloResult(
        scenario=scenario_json,
        spec=spec.to_dict(),
        seed=seed,
        table=writer.table(),
        numbers=layout.columns,
        conditions=tuple((c.id, c.states) for c in layout.conditions),
        events=tuple(e for e, _, _ in layout.events),
        extra_columns=extra_columns(scenario, extras),
        notes=variation(scenario, spec).notes(),
    )


def _locally(
    scenario_json: dict[str, Any],
    spec: UncertaintySpec,
    batches: list[list[np.random.SeedSequence]],
    extras: DrawExtras,
    workers: int,
) -> Iterator[DrawTable]:
    """Run the batches here (``workers`` processes); yield results in batch order."""
    if workers == 1:
        for batch in batches:
            yield run_batch(scenario_json, spec, batch, extras)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # a few batches in flight per worker, collected in draw order: the queue never
        # holds the whole run's seeds and scenario copies
        pending: deque[Future[DrawTable]] = deque()
        for batch in batches:
            pending.append(pool.submit(run_batch, scenario_json, spec, batch, extras))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _on_dask(
    client: Any,
    scenario_json: dict[str, Any],
    spec: UncertaintySpec,
    batches: list[list[np.random.SeedSequence]],
    extras: DrawExtras,
) -> Iterator[DrawTable]:
    """Run the batches on a Dask distributed cluster; yield results in batch order."""
    with client:
        scenario_future = client.scatter(scenario_json, broadcast=True)
        spec_future = client.scatter(spec, broadcast=True)
        futures = [
            client.submit(run_batch, scenario_future, spec_future, batch, extras, pure=False)
            for batch in batches
        ]
        for future in futures:  # in batch order, whatever order they finish in
            yield future.result()
