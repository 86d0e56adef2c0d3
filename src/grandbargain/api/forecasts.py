"""Forecasts, win-sets, the outlook, its briefing and the backtest that scores them:
functions of :mod:`grandbargain.api`.

Each imports the engines it calls when it is called, so that importing the api stays cheap;
annotations name their types for type checkers only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeGuard

from grandbargain.api.scenarios import load_scenario
from grandbargain.backtest.defaults import DRAWS as BACKTEST_DRAWS
from grandbargain.model.errors import InputError, Problem
from grandbargain.outlook.defaults import DRAWS as OUTLOOK_DRAWS

if TYPE_CHECKING:
    from grandbargain.backtest import Backtest
    from grandbargain.brief.result import Briefing
    from grandbargain.forecast.runner import Forecast
    from grandbargain.forecast.two_level import WinSets
    from grandbargain.model.outcomes import Outcomes
    from grandbargain.model.schema import Scenario
    from grandbargain.outlook.result import Outlook


FORECAST_FILE_SUFFIXES = (".csv", ".txt")
"""File endings that :func:`forecast` reads as a forecast input file, not a scenario."""


def is_forecast_file(source: str | os.PathLike[str] | None) -> TypeGuard[str | os.PathLike[str]]:
    """Whether :func:`forecast` reads ``source`` as an actor / KTAB / Decide file (by its
    ending) rather than as a scenario name or file."""
    return source is not None and os.fspath(source).lower().endswith(FORECAST_FILE_SUFFIXES)


def forecast(
    source: str | os.PathLike[str] | Scenario | None = None,
    models: tuple[str, ...] | None = None,
    rounds: int | None = None,
    as_of: dt.date | None = None,
    issues: tuple[str, ...] | None = None,
) -> Forecast:
    """Forecast where each issue settles.

    ``source`` is a scenario (object, shipped name or YAML path; its stakeholders are the
    actors) or a forecast input file: an actor CSV (``Actor,Capability,Position,Salience``),
    a KTAB CSV or a Decide CSV. Default: every model on us-china-2025.
    """
    from grandbargain.forecast.runner import MODELS, run_forecast, scenario_forecast_input
    from grandbargain.model.schema import Scenario

    if isinstance(source, Scenario):
        data = scenario_forecast_input(source, as_of)
    elif is_forecast_file(source):
        from grandbargain.interop.forecast_files import read_forecast_file

        data = read_forecast_file(source)
    else:
        data = scenario_forecast_input(load_scenario(source), as_of)
    return run_forecast(data, models or MODELS, rounds, issues)


def winsets(scenario: Scenario, as_of: dt.date | None = None, ratification: float = 0.5) -> WinSets:
    """Each party's domestic win-set per issue, from its stakeholders (Putnam 1988)."""
    from grandbargain.forecast.two_level import domestic_winsets

    return domestic_winsets(scenario, as_of, ratification)


def backtest(
    scenario: Scenario,
    outcomes: Outcomes | str | os.PathLike[str] | None = None,
    as_of: dt.date | str | Sequence[dt.date | str] | None = None,
    *,
    seed: int = 0,
    draws: int = BACKTEST_DRAWS,
) -> Backtest:
    """Score every predictor's forecasts made as of each date against what happened.

    ``outcomes`` is an :class:`Outcomes` object, the path of an outcomes file, or None for
    the file the scenario ships (an :class:`InputError` saying how to write one when it ships
    none). ``as_of`` is one date or several (default: the scenario's ``as_of``); a date after
    the outcomes' own is an input error. ``seed`` drives the simulations and the Monte Carlo
    draws (``draws`` of them; Monte Carlo runs only for scenarios with distributions).
    """
    from grandbargain.backtest import Settings, as_of_dates, run_backtest
    from grandbargain.model import outcomes as files

    if outcomes is None:
        chosen = files.shipped_outcomes(scenario)
        if chosen is None:
            raise InputError(
                [Problem(scenario.id, 0, 0, "", files.no_outcomes_message(scenario.id))]
            )
    elif isinstance(outcomes, files.Outcomes):
        chosen = files.checked_outcomes(outcomes, scenario)
    else:
        chosen = files.load_outcomes(outcomes, scenario)
    dates = as_of_dates(scenario, as_of)
    return run_backtest(scenario, chosen, dates, Settings(seed=seed, draws=draws))


def outlook(
    scenario: Scenario,
    as_of: dt.date | str | None = None,
    draws: int = OUTLOOK_DRAWS,
    seed: int = 0,
    *,
    weights: dict[str, float] | None = None,
    conditions: Mapping[str, str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    explain: bool = True,
) -> Outlook:
    """One reconciled answer with probabilities: as of ``as_of`` (default: the scenario's
    date; only events on or before it apply), an ensemble of the solution concepts (over
    ratifiable packages), the stakeholder forecasts, simulated talks and the no-change prior,
    over ``draws`` Monte Carlo draws of the scenario's uncertain numbers seeded by ``seed``
    (0: once, on the nominal numbers). ``weights`` (predictor -> weight, see
    :data:`OUTLOOK_PREDICTORS`) replaces the default, equal per family. ``conditions``
    (condition -> state, as :func:`analyze` takes them) are fixed in every draw instead of
    drawn. Bad dates, negative draws or seeds, unknown predictors and unknown conditions or
    states are an :class:`InputError`. ``progress(done,
    total)`` is called as draws complete. ``explain`` (default) names the rule blocking each
    move of the unconstrained Nash package; without it (quick) the blockers are not named."""
    from grandbargain.outlook import outlook as _outlook

    return _outlook(
        scenario,
        as_of,
        draws,
        seed,
        weights=weights,
        conditions=conditions,
        workers=workers,
        progress=progress,
        explain=explain,
    )


def brief(
    scenario: Scenario,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    draws: int = OUTLOOK_DRAWS,
    seed: int = 0,
    *,
    conditions: Mapping[str, str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    explain: bool = True,
) -> Briefing:
    """The briefing: the outlook as of ``as_of`` told in sentences, and with ``since`` what
    changed between that date and ``as_of``; see :func:`grandbargain.brief.run.brief`.

    Written out here, not re-exported, because ``grandbargain.brief`` is also the name of a
    subpackage: the package binds this function once, and it stays bound.
    """
    from grandbargain.brief.run import brief as _brief

    return _brief(
        scenario,
        as_of,
        since,
        draws,
        seed,
        conditions=conditions,
        workers=workers,
        progress=progress,
        explain=explain,
    )


def briefing_of(outlook: Outlook, scenario: Scenario) -> Briefing:
    """The briefing of an outlook already computed on ``scenario`` (which gives the
    evidence): the same sentences as :func:`brief` with the outlook's date, draws and seed,
    without computing the outlook again (the report shows both)."""
    from grandbargain.brief.build import build_briefing

    return build_briefing(outlook, scenario)
