"""Every predictor of the outlook on one sampled scenario (a Monte Carlo draw, or the nominal
scenario), as packages of option indices.

- the four solution concepts of the ratification-constrained analysis
  (:func:`ratified_analysis`); a concept with no package gives no deal, the status quo;
- the stakeholder forecasts: each model's headline number per issue mapped to the nearest
  option (ties: the status quo, then the lower position); an issue with fewer than two
  stakeholders gets no forecast and counts as the status quo;
- one simulated session (package agenda) of a strategy pairing, under the parties'
  ratification rules (``ratify``); no deal is the status quo;
- the no-change prior: the status quo on the date (with the draw's events).

Each draw also keeps its :class:`Valuation` (utility tables, interaction terms, reservation
values), so that a package chosen later can be valued in every draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from grandbargain.forecast.runner import Forecast, run_forecast, scenario_forecast_input
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.outlook.ensemble import FloatArray, IntArray
from grandbargain.outlook.weights import CONCEPTS, FORECAST_MODELS
from grandbargain.solve.analysis import Analysis, analyze
from grandbargain.uncertainty.sampling import SampledScenario

LOGROLL_LIMIT = 10_000
"""Logrolls kept by the nominal analysis: enough for every trade a package can contain."""


def ratified_analysis(
    scenario: Scenario,
    as_of: dt.date | None = None,
    conditions: Mapping[str, str] | None = None,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
    logroll_limit: int = 50,
    quick: bool = True,
) -> Analysis:
    """The analysis whose solutions the outlook takes: over ratifiable packages
    (``analyze(..., ratify=True)``; a scenario without ratification rules gives the
    unconstrained one). The one place the outlook asks for it. ``quick`` (every draw) skips
    the feasible count, the value of linkage and the re-solves that name each blocker.
    """
    return analyze(
        scenario,
        as_of,
        conditions,
        include_events=include_events,
        exclude_events=exclude_events,
        logroll_limit=logroll_limit,
        quick=quick,
        ratify=True,
    )


@dataclass(frozen=True)
class Valuation:
    """What one draw needs to value any package: per-issue utility tables (options, parties),
    the interaction terms in force (issue indices, option indices, utilities) and the
    reservation values (the value of no deal)."""

    tables: tuple[FloatArray, ...]
    terms: tuple[tuple[tuple[int, ...], tuple[int, ...], FloatArray], ...]
    reservation: FloatArray

    def gains(self, package: Sequence[int]) -> FloatArray:
        """Each party's utility of ``package`` minus its reservation value."""
        total = sum(
            (table[o] for table, o in zip(self.tables, package, strict=True)),
            np.zeros(len(self.reservation)),
        )
        for issues, options, utilities in self.terms:
            if all(package[i] == o for i, o in zip(issues, options, strict=True)):
                total = total + utilities
        result: FloatArray = total - self.reservation
        return result


@dataclass(frozen=True)
class DrawPackages:
    """One draw's packages: per predictor name, option indices per issue (predictors that did
    not run on this draw are absent); ``no_deal`` names the predictors that found no
    package and so gave the status quo."""

    packages: Mapping[str, tuple[int, ...]]
    no_deal: frozenset[str]
    valuation: Valuation


def status_quo_of(analysis: Analysis) -> tuple[int, ...]:
    """The status quo package as option indices (an input error when an issue has none)."""
    if analysis.space.status_quo is None:
        message = (
            "the outlook needs a status quo on every issue (no deal is the status quo); "
            "give each issue a status_quo"
        )
        raise InputError([Problem(analysis.scenario, 0, 0, "issues.status_quo", message)])
    return tuple(int(o) for o in analysis.space.status_quo)


def _indices(analysis: Analysis, package: Mapping[str, str]) -> tuple[int, ...]:
    space = analysis.space
    return tuple(
        space.option_ids[i].index(package[issue]) for i, issue in enumerate(space.issue_ids)
    )


def valuation_of(analysis: Analysis) -> Valuation:
    """The draw's utility tables, interaction terms and reservation values."""
    space = analysis.space
    terms = tuple((t.issues, t.options, np.array(t.utilities)) for t in space.interactions)
    return Valuation(tuple(np.array(t) for t in space.tables), terms, np.array(space.reservation))


def concept_packages(analysis: Analysis) -> tuple[dict[str, tuple[int, ...]], set[str]]:
    """Each solution concept's package (the status quo where it has none)."""
    status_quo = status_quo_of(analysis)
    packages, no_deal = {}, set()
    for concept, name in CONCEPTS.items():
        solution = getattr(analysis.solutions, concept)
        if solution is None:
            no_deal.add(name)
        packages[name] = status_quo if solution is None else _indices(analysis, solution.package)
    return packages, no_deal


def forecast_packages(
    scenario: Scenario, analysis: Analysis, forecast: Forecast | None = None
) -> dict[str, tuple[int, ...]]:
    """Each forecasting model's nearest options (the status quo where it gives none);
    ``forecast``: the scenario's forecast when already computed."""
    status_quo = status_quo_of(analysis)
    forecast = forecast or run_forecast(scenario_forecast_input(scenario), tuple(FORECAST_MODELS))
    by_issue = {item.issue.id: item for item in forecast.issues}
    option_ids = analysis.space.option_ids
    result = {}
    for model, name in FORECAST_MODELS.items():
        package = list(status_quo)
        for i, issue in enumerate(analysis.space.issue_ids):
            item = by_issue.get(issue)
            nearest = None if item is None else item.nearest(model)
            if nearest is not None:
                package[i] = option_ids[i].index(nearest)
        result[name] = tuple(package)
    return result


def session_packages(
    sampled: SampledScenario, sessions: Sequence[tuple[tuple[str, ...], int]], rounds: int
) -> list[tuple[int, ...] | None]:
    """The package each simulated session agrees on (None: no deal), each played as
    ``simulate(..., agenda="package", seed=seed, ratify=True)`` plays it on the sampled
    scenario (each party proposes and accepts only what its ratification rules let through),
    with the calendar dropped (talks held on the date never see events dated after it). A
    scenario where a party has nothing it may offer cannot be simulated: every session is no
    deal."""
    from grandbargain.simulate.context import build_context
    from grandbargain.simulate.session import run_session
    from grandbargain.simulate.strategies import make_strategy

    if not sessions:
        return []
    scenario = sampled.scenario.model_copy(update={"calendar": None})
    events = (sampled.include_events, sampled.exclude_events)
    try:
        context = build_context(
            scenario, rounds, None, sampled.conditions, None, None, *events, ratify=True
        )
    except InputError:
        return [None for _ in sessions]
    result: list[tuple[int, ...] | None] = []
    for seats, seed in sessions:
        stage = np.random.SeedSequence(seed).spawn(1)[0]
        rngs = [np.random.default_rng(s) for s in stage.spawn(len(seats))]
        players = [make_strategy(name, rng) for name, rng in zip(seats, rngs, strict=True)]
        agreed = run_session(context, players, rounds).agreement
        result.append(None if agreed is None else tuple(int(o) for o in agreed))
    return result


def draw_analysis(
    sampled: SampledScenario, logroll_limit: int = 50, quick: bool = True
) -> Analysis:
    """The ratification-constrained analysis of one sampled scenario on its own date."""
    return ratified_analysis(
        sampled.scenario,
        None,
        sampled.conditions,
        sampled.include_events,
        sampled.exclude_events,
        logroll_limit,
        quick,
    )


def draw_packages(
    sampled: SampledScenario,
    forecast: bool,
    sessions: Sequence[tuple[tuple[str, ...], int]],
    rounds: int,
    done: tuple[Analysis, Forecast] | None = None,
) -> DrawPackages:
    """Every predictor on one sampled scenario: concepts and the prior always, the forecasts
    when ``forecast``, and the simulation over ``sessions`` ((seats, seed) pairs; one
    package per session, under the names ``simulation`` then ``simulation#2``...).
    ``done``: the analysis and forecast of ``sampled`` when already computed."""
    analysis = draw_analysis(sampled) if done is None else done[0]
    packages, no_deal = concept_packages(analysis)
    status_quo = status_quo_of(analysis)
    if forecast:
        packages.update(
            forecast_packages(sampled.scenario, analysis, None if done is None else done[1])
        )
    for k, agreed in enumerate(session_packages(sampled, sessions, rounds)):
        name = "simulation" if k == 0 else f"simulation#{k + 1}"
        if agreed is None:
            no_deal.add(name)
        packages[name] = status_quo if agreed is None else agreed
    packages["no-change"] = status_quo
    return DrawPackages(packages, frozenset(no_deal), valuation_of(analysis))


def as_array(rows: Sequence[tuple[int, ...]]) -> IntArray:
    """Packages as a (rows, issues) integer array."""
    return np.array(rows, dtype=np.int64).reshape(len(rows), -1)
