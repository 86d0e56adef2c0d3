"""Run a backtest: every predictor on each as-of date, scored against an outcomes file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from grandbargain.backtest.predictors import Kind, Predictor, Settings, pairings, predictors_on
from grandbargain.backtest.result import (
    BASELINES,
    HEADLINE,
    Backtest,
    DateScores,
    IssueRow,
    PredictorScore,
)
from grandbargain.backtest.scoring import (
    TOLERANCE,
    IssueScale,
    Summary,
    score_issue,
    summarise,
)
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.outcomes import Outcomes, dated_problems
from grandbargain.model.schema import Scenario
from grandbargain.model.timeline import state_as_of


def competition_ranks(values: Sequence[float]) -> list[int]:
    """Ranks, 1 for the lowest value; values within 1e-9 share a rank (1, 2, 2, 4)."""
    ordered = sorted(values)
    return [1 + sum(1 for other in ordered if other < value - TOLERANCE) for value in values]


def scales_on(scenario: Scenario, date: dt.date, issues: Sequence[str]) -> dict[str, IssueScale]:
    """Each scored issue's options, positions and status quo on ``date``."""
    status_quo = state_as_of(scenario, date).status_quo
    result = {}
    for issue_id in issues:
        options = []
        for option in scenario.issue(issue_id).options:
            if option.position is None:
                raise ValueError(f"{issue_id}.{option.id} has no position (checked on input)")
            options.append((option.id, option.position))
        result[issue_id] = IssueScale(tuple(options), status_quo[issue_id])
    return result


def _scored(
    predictor: Predictor, outcomes: Outcomes, scales: Mapping[str, IssueScale]
) -> tuple[Summary, tuple[IssueRow, ...]]:
    rows = []
    for outcome in outcomes.outcomes:
        prediction = predictor.predictions[outcome.issue]
        score = score_issue(scales[outcome.issue], prediction, outcome.option, outcome.position)
        rows.append(IssueRow(outcome.issue, prediction, score, outcome.issue in predictor.fallback))
    return summarise([row.score for row in rows]), tuple(rows)


def score_date(
    predictors: Sequence[Predictor], outcomes: Outcomes, scales: Mapping[str, IssueScale]
) -> tuple[PredictorScore, ...]:
    """Score and rank the predictors of one date: point ones by MAE, then probabilistic ones
    by Brier; each compared with the baselines on its own headline metric."""
    scored = {p.name: _scored(p, outcomes, scales) for p in predictors}
    baseline = {name: scored[name][0] for name in BASELINES}
    result: list[PredictorScore] = []
    for kind in (Kind.POINT, Kind.PROBABILISTIC):
        metric = HEADLINE[kind]
        group = [p for p in predictors if p.kind is kind]
        heads = [float(getattr(scored[p.name][0], metric)) for p in group]
        ranks = competition_ranks(heads)
        order = sorted(range(len(group)), key=lambda k: (ranks[k], group[k].name))
        for k in order:
            predictor, head = group[k], heads[k]
            summary, rows = scored[predictor.name]
            beats = {
                name: None
                if predictor.name in BASELINES
                else head < float(getattr(baseline[name], metric)) - TOLERANCE
                for name in BASELINES
            }
            result.append(
                PredictorScore(
                    name=predictor.name,
                    family=predictor.family,
                    kind=kind,
                    summary=summary,
                    rank=ranks[k],
                    beats_no_change=beats["no-change"],
                    beats_uniform=beats["uniform"],
                    no_deal_share=predictor.no_deal_share,
                    issues=rows,
                )
            )
    return tuple(result)


def check_settings(settings: Settings) -> None:
    """Refuse impossible settings before anything runs."""
    problems = []
    if settings.seed < 0:
        message = f"{settings.seed} is negative; seeds are integers >= 0"
        problems.append(Problem("--seed", 0, 0, "", message))
    if settings.draws < 1:
        problems.append(Problem("--draws", 0, 0, "", "must be at least 1"))
    if problems:
        raise InputError(problems)


def as_of_dates(scenario: Scenario, as_of: Any) -> list[dt.date]:
    """The forecast dates: one date or several (dates or ISO text); None or empty gives the
    scenario's own ``as_of``. Text that is not a date is an input error naming ``--as-of``."""
    given = [as_of] if isinstance(as_of, str | dt.date) else list(as_of or [])
    if not given:
        if scenario.as_of is None:
            message = f"{scenario.id} has no as_of date; give the date(s) to forecast from"
            raise InputError([Problem("--as-of", 0, 0, "", message)])
        return [scenario.as_of]
    dates, problems = [], []
    for item in given:
        if isinstance(item, dt.date):
            dates.append(item)
            continue
        try:
            dates.append(dt.date.fromisoformat(str(item)))
        except ValueError:
            message = f"{item!r} is not a date; expected YYYY-MM-DD"
            problems.append(Problem("--as-of", 0, 0, "", message))
    if problems:
        raise InputError(problems)
    return dates


def run_backtest(
    scenario: Scenario, outcomes: Outcomes, dates: Sequence[dt.date], settings: Settings
) -> Backtest:
    """Every predictor's forecasts made on each of ``dates`` (each once, in date order),
    scored against ``outcomes`` (checked against ``scenario`` beforehand)."""
    check_settings(settings)
    unique = sorted(set(dates))
    problems = dated_problems(outcomes, scenario, unique)
    if problems:
        raise InputError(problems)
    issues = outcomes.issues
    results = []
    for date in unique:
        scales = scales_on(scenario, date, issues)
        predictors = predictors_on(scenario, date, issues, settings)
        status_quo = MappingProxyType({issue: scales[issue].status_quo for issue in issues})
        results.append(DateScores(date, status_quo, score_date(predictors, outcomes, scales)))
    return Backtest(
        scenario=scenario.id,
        outcomes_file=outcomes.file,
        outcomes_date=outcomes.date,
        scored=issues,
        not_scored=tuple(i.id for i in scenario.issues if i.id not in issues),
        settings=settings,
        sessions=len(pairings(settings.strategies, len(scenario.parties))),
        montecarlo=bool(scenario.distributions),
        dates=tuple(results),
    )
