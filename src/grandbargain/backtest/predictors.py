"""Every predictor the tool has, as per-issue predictions made on an as-of date.

Each predictor runs an engine's own function on the scenario as of the date (events dated
after it never apply) and turns its output into, per issue, a point prediction (an option or
a position) or a probabilistic one (option -> probability):

- ``nash``, ``kalai-smorodinsky``, ``utilitarian``, ``egalitarian``: the package of each
  solution concept of :func:`grandbargain.solve.analysis.analyze` (point; a concept with no
  package predicts the status quo on every issue);
- ``compromise-mean``, ``compromise-median``, ``expected-utility-mean``,
  ``expected-utility-median``: the final weighted mean and median of each forecasting model
  (point positions; an issue the model skips, for want of two actors, is the status quo);
- ``simulation``: :data:`STRATEGIES` played against each other in every ordered pairing
  (:func:`pairings`), ``rounds`` rounds, package agenda, one fixed seed; per issue, the share
  of sessions agreeing on each option, a session without a deal counting as the status quo
  (probabilistic; the share of no-deal sessions is reported);
- ``montecarlo-<concept>``: option probabilities of each concept over ``draws`` Monte Carlo
  draws of the scenario's default uncertainty spec (its distributions plus its assumption
  ranges, as ``grandbargain montecarlo``), only when the scenario has distributions; a draw
  with no package counts as the status quo (probabilistic);
- baselines ``no-change`` (the status quo on the date, point) and ``uniform`` (1/k on each
  of an issue's k options, probabilistic).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from grandbargain.backtest.defaults import DRAWS, ROUNDS, STRATEGIES
from grandbargain.backtest.scoring import Point, Prediction, Probabilities
from grandbargain.forecast.runner import Forecast, run_forecast, scenario_forecast_input
from grandbargain.model.schema import Scenario
from grandbargain.model.timeline import state_as_of
from grandbargain.solve.analysis import Analysis, analyze
from grandbargain.uncertainty.assumptions import spec_for_scenario
from grandbargain.uncertainty.montecarlo import monte_carlo
from grandbargain.uncertainty.result import NO_AGREEMENT

CONCEPT_NAMES = {
    "nash": "nash",
    "kalai_smorodinsky": "kalai-smorodinsky",
    "utilitarian": "utilitarian",
    "egalitarian": "egalitarian",
}
"""Solution concepts of the analysis, and the predictor names they get."""
FORECASTS = {
    "compromise-mean": ("compromise", "mean"),
    "compromise-median": ("compromise", "median"),
    "expected-utility-mean": ("expected-utility", "mean"),
    "expected-utility-median": ("expected-utility", "median"),
}
"""Forecast predictors: (model, which of its final statistics)."""


class Kind(StrEnum):
    """How a predictor predicts: one option or position, or a probability per option."""

    POINT = "point"
    PROBABILISTIC = "probabilistic"


class Family(StrEnum):
    """Which engine a predictor comes from."""

    SOLUTION = "solution"
    FORECAST = "forecast"
    SIMULATION = "simulation"
    MONTECARLO = "montecarlo"
    BASELINE = "baseline"


@dataclass(frozen=True)
class Settings:
    """How the random predictors run: seed, Monte Carlo draws, simulation rounds."""

    seed: int = 0
    draws: int = DRAWS
    rounds: int = ROUNDS
    strategies: tuple[str, ...] = STRATEGIES


@dataclass(frozen=True)
class Predictor:
    """One predictor's predictions on the scored issues, on one date.

    ``fallback`` lists the issues where it predicted nothing (no package, no deal, no
    forecast) and so predicts the status quo; ``no_deal_share`` is the share of sessions or
    draws without a package (simulation, Monte Carlo), 1 or 0 for a solution concept.
    """

    name: str
    family: Family
    kind: Kind
    predictions: Mapping[str, Prediction]
    fallback: frozenset[str] = frozenset()
    no_deal_share: float | None = None


def pairings(strategies: Sequence[str], n_parties: int) -> tuple[tuple[str, ...], ...]:
    """Strategy per seat of every session: for each ordered pair (A, B) of strategies (A = B
    included), A in one seat and B in every other, each seat in turn; duplicates dropped.
    Two parties: every ordered pair, len(strategies) ** 2 sessions."""
    seen: dict[tuple[str, ...], None] = {}
    for first, other in itertools.product(strategies, repeat=2):
        for seat in range(n_parties):
            seen.setdefault(tuple(first if k == seat else other for k in range(n_parties)))
    return tuple(seen)


def _freeze(mapping: Mapping[str, Prediction]) -> Mapping[str, Prediction]:
    return MappingProxyType(dict(mapping))


def solution_predictors(
    analysis: Analysis, issues: Sequence[str], status_quo: Mapping[str, str]
) -> list[Predictor]:
    """One point predictor per solution concept."""
    result = []
    for concept, name in CONCEPT_NAMES.items():
        solution = getattr(analysis.solutions, concept)
        package = status_quo if solution is None else solution.package
        result.append(
            Predictor(
                name,
                Family.SOLUTION,
                Kind.POINT,
                _freeze({i: Point(option=package[i]) for i in issues}),
                frozenset(issues) if solution is None else frozenset(),
                1.0 if solution is None else 0.0,
            )
        )
    return result


def forecast_predictors(
    forecast: Forecast, issues: Sequence[str], status_quo: Mapping[str, str]
) -> list[Predictor]:
    """One point predictor per forecasting model and statistic."""
    by_issue = {item.issue.id: item for item in forecast.issues}
    result = []
    for name, (model, statistic) in FORECASTS.items():
        predictions: dict[str, Prediction] = {}
        missing = []
        for issue in issues:
            item = by_issue.get(issue)
            if item is None:
                predictions[issue] = Point(option=status_quo[issue])
                missing.append(issue)
            else:
                predictions[issue] = Point(position=getattr(item.models[model], statistic))
        result.append(
            Predictor(name, Family.FORECAST, Kind.POINT, _freeze(predictions), frozenset(missing))
        )
    return result


def shares(counts: Mapping[str, int], total: int) -> Probabilities:
    """Probabilities from counts of options (only options with a count)."""
    return Probabilities(MappingProxyType({o: n / total for o, n in counts.items() if n}))


def simulation_predictor(
    scenario: Scenario,
    date: dt.date,
    analysis: Analysis,
    status_quo: Mapping[str, str],
    issues: Sequence[str],
    settings: Settings,
) -> Predictor:
    """Agreement shares over every pairing of :data:`STRATEGIES` (see module docstring).

    The scenario's calendar is dropped: talks held "on" the as-of date never see the events
    dated after it."""
    from grandbargain.simulate.runner import simulate

    talks = scenario.model_copy(update={"calendar": None})
    counts = {issue: dict.fromkeys(_options(scenario, issue), 0) for issue in issues}
    sessions = pairings(settings.strategies, len(scenario.parties))
    no_deal = 0
    for seats in sessions:
        run = simulate(
            talks,
            dict(zip(scenario.party_names, seats, strict=True)),
            settings.rounds,
            seed=settings.seed,
            as_of=date,
            compare_agendas=False,
            analysis=analysis,
        )
        package = run.package if run.agreement and run.package is not None else None
        no_deal += package is None
        chosen = status_quo if package is None else package
        for issue in issues:
            counts[issue][chosen[issue]] += 1
    return Predictor(
        "simulation",
        Family.SIMULATION,
        Kind.PROBABILISTIC,
        _freeze({issue: shares(counts[issue], len(sessions)) for issue in issues}),
        no_deal_share=no_deal / len(sessions),
    )


def _options(scenario: Scenario, issue: str) -> tuple[str, ...]:
    return tuple(option.id for option in scenario.issue(issue).options)


def montecarlo_predictors(
    scenario: Scenario,
    date: dt.date,
    issues: Sequence[str],
    status_quo: Mapping[str, str],
    settings: Settings,
) -> list[Predictor]:
    """One probabilistic predictor per solution concept over Monte Carlo draws (none when the
    scenario has no distributions)."""
    if not scenario.distributions:
        return []
    run = monte_carlo(
        scenario, spec_for_scenario(scenario), settings.draws, settings.seed, as_of=date
    )
    table = run.option_probabilities()
    solved = run.solution_probability()
    result = []
    for concept, name in CONCEPT_NAMES.items():
        predictions: dict[str, Prediction] = {}
        for issue in issues:
            # back to counts, so that adding the no-package draws to the status quo is exact
            counts = {o: round(p * run.draws) for o, p in table[concept][issue].items()}
            none = counts.pop(NO_AGREEMENT, 0)
            counts[status_quo[issue]] = counts.get(status_quo[issue], 0) + none
            predictions[issue] = shares(counts, run.draws)
        result.append(
            Predictor(
                f"montecarlo-{name}",
                Family.MONTECARLO,
                Kind.PROBABILISTIC,
                _freeze(predictions),
                no_deal_share=1.0 - solved[concept],
            )
        )
    return result


def baselines(
    scenario: Scenario, issues: Sequence[str], status_quo: Mapping[str, str]
) -> list[Predictor]:
    """``no-change`` and ``uniform``."""
    uniform: dict[str, Prediction] = {}
    for issue in issues:
        options = _options(scenario, issue)
        uniform[issue] = Probabilities(MappingProxyType({o: 1 / len(options) for o in options}))
    return [
        Predictor(
            "no-change",
            Family.BASELINE,
            Kind.POINT,
            _freeze({issue: Point(option=status_quo[issue]) for issue in issues}),
        ),
        Predictor("uniform", Family.BASELINE, Kind.PROBABILISTIC, _freeze(uniform)),
    ]


def predictors_on(
    scenario: Scenario, date: dt.date, issues: Sequence[str], settings: Settings
) -> tuple[Predictor, ...]:
    """Every predictor's predictions on ``issues``, made as of ``date``."""
    status_quo = state_as_of(scenario, date).status_quo
    if any(issue not in status_quo for issue in issues):
        raise ValueError("every scored issue needs a status quo on the date (checked on input)")
    analysis = analyze(scenario, date, quick=True)
    forecast = run_forecast(scenario_forecast_input(scenario, date))
    return (
        *solution_predictors(analysis, issues, status_quo),
        *forecast_predictors(forecast, issues, status_quo),
        simulation_predictor(scenario, date, analysis, status_quo, issues, settings),
        *montecarlo_predictors(scenario, date, issues, status_quo, settings),
        *baselines(scenario, issues, status_quo),
    )
