"""The outlook in one call: run the predictors, mix them, and explain the answer."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import numpy as np

from grandbargain.forecast.runner import Forecast, run_forecast, scenario_forecast_input
from grandbargain.model.schema import Scenario
from grandbargain.names import predictor_name
from grandbargain.outlook.defaults import DRAWS, FORECAST_DRAWS, SIMULATION_DRAWS
from grandbargain.outlook.draws import (
    LOGROLL_LIMIT,
    DrawPackages,
    Valuation,
    draw_analysis,
    draw_packages,
    status_quo_of,
    valuation_of,
)
from grandbargain.outlook.ensemble import (
    FloatArray,
    Votes,
    marginals,
    most_likely,
    package_probabilities,
    quantiles,
)
from grandbargain.outlook.explain import answers, blocking_of, trades_in
from grandbargain.outlook.result import (
    Answer,
    Gain,
    IssueOutlook,
    MostLikely,
    OptionProbability,
    Outlook,
    PredictorInfo,
)
from grandbargain.outlook.run import (
    CHUNK,
    LEVELS,
    PARALLEL_FROM,
    Collected,
    Plan,
    build_votes,
    check_arguments,
    collect,
    parse_as_of,
    run_draws,
)
from grandbargain.outlook.weights import FORECAST_MODELS, PREDICTORS, checked_weights
from grandbargain.simulate.pairings import PAIRING_ROUNDS, PAIRING_STRATEGIES, seat_pairings
from grandbargain.solve.analysis import Analysis
from grandbargain.uncertainty.sampling import SampledScenario, on_date

Progress = Callable[[int, int], None]


def _nominal(scenario: Scenario, plan: Plan) -> SampledScenario:
    """The scenario on its date with nothing drawn: events by the more-likely-branch rule,
    the plan's fixed condition states."""
    return SampledScenario(scenario, {}, dict(plan.conditions), frozenset(), frozenset())


def _gains(
    parties: Sequence[str], package: Sequence[int], nominal: Valuation, drawn: Sequence[Valuation]
) -> tuple[Gain, ...]:
    base = nominal.gains(package)
    per_draw = np.array([v.gains(package) for v in drawn]) if drawn else None
    result = []
    for p, party in enumerate(parties):
        low = median = high = None
        if per_draw is not None:
            low, median, high = quantiles(per_draw[:, p], LEVELS)
        result.append(Gain(party, float(base[p]), low, median, high))
    return tuple(result)


def _issues(
    scenario: Scenario,
    status_quo: Sequence[int],
    probabilities: Sequence[FloatArray],
    answered: Sequence[tuple[Answer, ...]],
) -> tuple[IssueOutlook, ...]:
    result = []
    for i, issue in enumerate(scenario.issues):
        options = tuple(
            OptionProbability(o.id, o.label, o.position, float(probabilities[i][k]))
            for k, o in enumerate(issue.options)
        )
        result.append(
            IssueOutlook(
                issue.id, issue.title, issue.options[status_quo[i]].id, options, answered[i]
            )
        )
    return tuple(result)


def _mode(
    analysis: Analysis,
    labels: Sequence[Sequence[str]],
    found: tuple[tuple[int, ...], float] | None,
) -> MostLikely | None:
    if found is None:
        return None
    package, probability = found
    space = analysis.space
    return MostLikely(
        package=MappingProxyType(space.package_dict(package)),
        labels=MappingProxyType(
            {
                issue: labels[i][o]
                for i, (issue, o) in enumerate(zip(space.issue_ids, package, strict=True))
            }
        ),
        probability=probability,
        is_status_quo=package == status_quo_of(analysis),
    )


def _notes(draws: int, plan: Plan, votes: Sequence[Votes]) -> tuple[str, ...]:
    fixed = ", ".join(f"{name}={state}" for name, state in plan.conditions)
    if draws == 0:
        first = (
            "no draws: every predictor ran once on the nominal numbers (gains are nominal); "
            f"the simulation played each of {len(PAIRING_STRATEGIES)} strategies against itself"
        )
    else:
        first = (
            f"{draws} Monte Carlo draws of the scenario's uncertain numbers; forecasts on the "
            f"first {plan.forecast_draws}, one simulated session on each of the first "
            f"{plan.simulation_draws} (the {len(plan.pairings)} default pairings in turn)"
        )
    weights = ", ".join(f"{predictor_name(v.name)} {v.weight:.4f}" for v in votes)
    chosen = (f"conditions fixed in every draw (what-if): {fixed}",) if fixed else ()
    return (first, *chosen, f"weights: {weights}")


def _run(
    dated: Scenario,
    draws: int,
    plan: Plan,
    workers: int | None,
    done: tuple[Analysis, Forecast],
    progress: Progress | None = None,
) -> list[DrawPackages]:
    if draws == 0:
        mirror = [((s,) * len(dated.parties), plan.seed) for s in PAIRING_STRATEGIES]
        return [draw_packages(_nominal(dated, plan), True, mirror, plan.rounds, done)]
    chosen = workers or (min(2, os.cpu_count() or 1) if draws >= PARALLEL_FROM else 1)
    found = []
    for item in run_draws(dated, draws, plan, chosen):
        found.append(item)
        if progress is not None and (len(found) % CHUNK == 0 or len(found) == draws):
            progress(len(found), draws)
    return found


def _assemble(
    dated: Scenario,
    draws: int,
    plan: Plan,
    done: tuple[Analysis, Forecast],
    collected: Collected,
    votes: Sequence[Votes],
) -> Outlook:
    nominal, forecast = done
    counts = [len(issue.options) for issue in dated.issues]
    labels = [[o.label for o in issue.options] for issue in dated.issues]
    status_quo = status_quo_of(nominal)
    top = _mode(nominal, labels, most_likely(votes, counts))
    deal_found = most_likely(votes, counts, excluding=status_quo)
    deal = _mode(nominal, labels, deal_found)
    assert top is not None
    drawn = collected.valuations if draws else ()
    package = deal_found[0] if deal_found is not None else None
    return Outlook(
        scenario=dated.id,
        as_of=dated.as_of,
        draws=draws,
        seed=plan.seed,
        forecast_draws=plan.forecast_draws,
        simulation_draws=plan.simulation_draws,
        parties=nominal.space.parties,
        predictors=tuple(
            PredictorInfo(
                v.name, PREDICTORS[v.name].value, v.weight, v.draws, collected.no_deal[v.name]
            )
            for v in votes
        ),
        issues=_issues(
            dated,
            status_quo,
            marginals(votes, counts),
            answers(votes, nominal, forecast, labels, collected.no_deal),
        ),
        most_likely=top,
        likely_deal=deal,
        no_deal_probability=package_probabilities(votes).get(tuple(status_quo), 0.0),
        trades=() if package is None else trades_in(nominal, package, labels),
        gains=()
        if package is None
        else _gains(nominal.space.parties, package, valuation_of(nominal), drawn),
        blocking=blocking_of(nominal),
        notes=_notes(draws, plan, votes),
        conditions=MappingProxyType(dict(plan.conditions)),
    )


def outlook(
    scenario: Scenario,
    as_of: dt.date | str | None = None,
    draws: int = DRAWS,
    seed: int = 0,
    *,
    weights: Mapping[str, float] | None = None,
    conditions: Mapping[str, str] | None = None,
    forecast_draws: int = FORECAST_DRAWS,
    simulation_draws: int = SIMULATION_DRAWS,
    workers: int | None = None,
    progress: Progress | None = None,
    explain: bool = True,
) -> Outlook:
    """The ensemble's answer on ``as_of`` (default: the scenario's own date), over ``draws``
    Monte Carlo draws (0: once, on the nominal numbers) seeded by ``seed``; ``weights``
    (predictor -> weight) replaces :data:`~grandbargain.outlook.weights.DEFAULT_WEIGHTS`.
    ``conditions`` (condition -> state, as ``analyze`` takes them: unknown names or states
    are an input error naming ``--condition``) are fixed in every draw instead of drawn.
    The forecasts run on the first ``forecast_draws`` draws, one simulated session on each
    of the first ``simulation_draws``; ``workers`` processes (default: 2 from 400 draws);
    ``progress(done, total)`` is called as draws complete. ``explain`` names the rule or
    veto player blocking each move of the unconstrained Nash package (re-solving without
    each: about 0.7 s on us-china-2025); without it the blockers are not named (the web
    page's quick mode). See :mod:`grandbargain.outlook` and docs/explanation/outlook.md."""
    check_arguments(draws, seed, workers)
    chosen = checked_weights(weights)
    dated = on_date(scenario, parse_as_of(as_of))
    plan = Plan(
        seed,
        min(draws, max(forecast_draws, 1)),
        min(draws, max(simulation_draws, 1)),
        PAIRING_ROUNDS,
        seat_pairings(PAIRING_STRATEGIES, len(dated.parties)),
        tuple(sorted((conditions or {}).items())),
    )
    nominal = draw_analysis(_nominal(dated, plan), LOGROLL_LIMIT, quick=not explain)
    status_quo_of(nominal)
    forecast = run_forecast(scenario_forecast_input(dated), tuple(FORECAST_MODELS))
    found = _run(dated, draws, plan, workers, (nominal, forecast), progress)
    collected = collect(found)
    return _assemble(
        dated, draws, plan, (nominal, forecast), collected, build_votes(collected, chosen)
    )
