"""The functions of :mod:`grandbargain.api` that are written here rather than re-exported.

Each imports the engines it calls when it is called, so that importing the api stays cheap;
annotations name their types for type checkers only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from grandbargain.backtest.defaults import DRAWS as BACKTEST_DRAWS
from grandbargain.model.errors import InputError, Problem
from grandbargain.outlook.defaults import DRAWS as OUTLOOK_DRAWS

if TYPE_CHECKING:
    from grandbargain.backtest import Backtest
    from grandbargain.brief.result import Briefing
    from grandbargain.forecast.runner import Forecast
    from grandbargain.forecast.two_level import WinSets
    from grandbargain.model.outcomes import Outcomes
    from grandbargain.model.schema import Calendar, Scenario
    from grandbargain.outlook.result import Outlook
    from grandbargain.simulate.llm import LLMSettings
    from grandbargain.simulate.llm.cost import CostEstimate
    from grandbargain.simulate.runner import Simulation
    from grandbargain.solve.analysis import Analysis
    from grandbargain.solve.cloud import AdmissibleCloud
    from grandbargain.solve.fair_division import AdjustedWinnerResult


def load_scenario(ref: str | os.PathLike[str] | None = None) -> Scenario:
    """Load a scenario: a shipped name (default ``us-china-2025``), a YAML/JSON file, or a
    GENIUS domain or LLM-Deliberation game folder.

    Numbers may be written inline as distributions; the scenario holds their nominal values
    and lists the distributions under ``distributions``, each checked like the rest.
    Raises :class:`InputError` listing every problem with file, line, column and field.
    """
    if ref is not None and os.path.isdir(ref):
        from grandbargain.interop import read_folder

        return read_folder(ref)
    from grandbargain.model import loading
    from grandbargain.uncertainty.spec import CHECKS

    return loading.load_scenario(ref, CHECKS)


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Load a scenario from YAML or JSON text (for uploads and tests); see :func:`load_scenario`."""
    from grandbargain.model import loading
    from grandbargain.uncertainty.spec import CHECKS

    return loading.load_scenario_text(text, file, CHECKS)


def load_scenario_bytes(raw: bytes, file: str = "<upload>") -> Scenario:
    """Load a scenario from the bytes of an uploaded file: UTF-8 YAML or JSON text (binary
    and other encodings are input errors); see :func:`load_scenario`."""
    from grandbargain.model import loading
    from grandbargain.model.yaml_source import parse_yaml_bytes
    from grandbargain.uncertainty.spec import CHECKS

    return loading.scenario_from_document(parse_yaml_bytes(raw, file), CHECKS)


def scenario_to_yaml(scenario: Scenario) -> str:
    """YAML text of a scenario that :func:`load_scenario_text` reads back equal."""
    from grandbargain.interop import scenario_to_yaml as to_yaml

    return to_yaml(scenario)


def convert_folder(folder: str | os.PathLike[str]) -> str:
    """YAML text of the scenario read from a GENIUS or LLM-Deliberation folder."""
    from grandbargain.interop import read_folder, scenario_to_yaml

    return scenario_to_yaml(read_folder(folder))


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain JSON-ready data; loading it back gives an equal Scenario."""
    data: dict[str, Any] = scenario.model_dump(mode="json", exclude_none=True)
    return data


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the scenario file format, inline distributions included."""
    from grandbargain.model.file_schema import file_schema

    schema = file_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://grandbargain.invalid/schemas/scenario.schema.json",
        **schema,
    }


def scenario_json_text(scenario: Scenario) -> str:
    """Pretty JSON text of a scenario (what ``show --format json`` prints)."""
    return json.dumps(scenario_to_dict(scenario), indent=2, ensure_ascii=False)


def fair_division(
    source: str | None = None,
    parties: tuple[str, str] | None = None,
    issues: tuple[str, ...] | None = None,
    points: str | None = None,
) -> AdjustedWinnerResult:
    """Adjusted Winner on a points CSV (``issue,<A>,<B>``) or on a scenario's weights.

    A CSV's points are divided as written (``points="raw"``, the default; both columns must
    then have the same total) or each rescaled to sum to 100 (``points="normalised"``). For a
    scenario, each party's points on an issue are its weight times the spread of its values
    there, always normalised to 100, over the ``splittable`` issues (all if none is).
    """
    from grandbargain.solve.fair_division import adjusted_winner, points_from_scenario

    if points not in (None, "raw", "normalised"):
        raise InputError([Problem("--points", 0, 0, "", f"{points!r}: expected raw or normalised")])
    if source is not None and source.lower().endswith(".csv"):
        return _fair_division_csv(source, parties, issues, points or "raw")
    if points == "raw":
        message = "a scenario's points are always normalised to 100; --points raw is for a CSV"
        raise InputError([Problem("--points", 0, 0, "", message)])
    scenario = load_scenario(source)
    chosen = parties or (scenario.parties[0].name, scenario.parties[1].name)
    return adjusted_winner(points_from_scenario(scenario, chosen, issues), chosen, "normalised")


def _fair_division_csv(
    source: str, parties: tuple[str, str] | None, issues: tuple[str, ...] | None, mode: str
) -> AdjustedWinnerResult:
    from grandbargain.interop.points_csv import read_points_csv
    from grandbargain.solve.fair_division import adjusted_winner, normalise_points

    table = read_points_csv(source)
    problems = []
    if parties is not None and parties != table.parties:
        written = ",".join(table.parties)
        message = f"the CSV's header names the parties {written}; leave --parties out"
        problems.append(Problem("--parties", 0, 0, "", message))
    if issues is not None:
        problems.append(Problem(source, 0, 0, "issues", "a CSV divides every issue it lists"))
    if problems:
        raise InputError(problems)
    if mode == "normalised":
        return adjusted_winner(normalise_points(table.points), table.parties, "normalised")
    table.check_equal_totals()
    return adjusted_winner(table.points, table.parties, "raw")


def strategy_descriptions(endpoint: bool = False) -> dict[str, str]:
    """Every registered strategy's name and one-line description, sorted by name; with
    ``endpoint``, the strategies that need an endpoint (``llm``) too."""
    from grandbargain.simulate.strategies import ENDPOINT_STRATEGIES, STRATEGIES

    found: dict[str, Any] = dict(STRATEGIES)
    if endpoint:
        found.update(ENDPOINT_STRATEGIES)
    return {name: str(getattr(found[name], "description", "")) for name in sorted(found)}


def check_recording(path: str | os.PathLike[str]) -> None:
    """Read a ``--replay`` recording; a file that is not one is an :class:`InputError`."""
    from grandbargain.simulate.llm.recording import load_recording

    load_recording(path)


def llm_simulation_cost(
    scenario: Scenario,
    strategies: dict[str, str],
    rounds: int,
    settings: LLMSettings,
    agenda: str = "package",
) -> CostEstimate:
    """What ``simulate`` with these strategies will cost at the settings' prices (an
    estimate: see :mod:`grandbargain.simulate.llm.cost`)."""
    from grandbargain.simulate.agenda import AGENDAS, stages
    from grandbargain.simulate.llm.cost import simulation_cost

    plan = stages(scenario, agenda, None) if agenda in AGENDAS else [("package", ())]
    return simulation_cost(scenario, strategies, rounds, len(plan), settings)


def llm_tournament_cost(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str],
    repeats: int,
    rounds: int,
    settings: LLMSettings,
) -> CostEstimate:
    """What ``tournament`` will cost at the settings' prices (an estimate)."""
    from grandbargain.simulate.llm.cost import tournament_cost

    return tournament_cost(scenarios, strategies, repeats, rounds, settings)


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
    elif source is not None and os.fspath(source).lower().endswith((".csv", ".txt")):
        from grandbargain.interop.forecast_files import read_forecast_file

        data = read_forecast_file(source)
    else:
        data = scenario_forecast_input(load_scenario(source), as_of)
    return run_forecast(data, models or MODELS, rounds, issues)


def winsets(scenario: Scenario, as_of: dt.date | None = None, ratification: float = 0.5) -> WinSets:
    """Each party's domestic win-set per issue, from its stakeholders (Putnam 1988)."""
    from grandbargain.forecast.two_level import domestic_winsets

    return domestic_winsets(scenario, as_of, ratification)


def admissible_cloud(analysis: Analysis, limit: int | None = None) -> AdmissibleCloud | None:
    """Every admissible package of an analysis with each party's utility, in lexicographic
    order of option indices; None when there are more than ``limit`` (default
    :data:`CLOUD_LIMIT`; the chart's cloud)."""
    from grandbargain.solve.cloud import CLOUD_LIMIT
    from grandbargain.solve.cloud import admissible_cloud as space_cloud

    return space_cloud(analysis.space, CLOUD_LIMIT if limit is None else limit)


def corpus_path(db: str | os.PathLike[str] | None, create: bool) -> os.PathLike[str]:
    """The evidence corpus database for ``--db`` (``None``: ``corpus.sqlite`` in the user data
    folder, which may be missing), checked before use: a folder, a missing folder or - unless
    ``create`` - a named database file that does not exist is an :class:`InputError` naming
    the path."""
    from grandbargain.evidence.db import check_path

    return check_path(None if db is None else os.fspath(db), create, missing_ok=db is None)


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
    """Simulate the talks between the given strategies (default: boulware for every party);
    see :func:`grandbargain.simulate.runner.simulate` (``llm``, ``record``, ``replay`` and
    ``progress`` concern an ``llm`` seat; with ``ratify`` each party with ratification rules
    only proposes and accepts packages they let through).

    Written out here, not re-exported, because ``grandbargain.simulate`` is also the name of
    a subpackage: the package binds this function once, and it stays bound.
    """
    from grandbargain.simulate import runner

    return runner.simulate(
        scenario,
        strategies,
        rounds,
        agenda,
        order,
        seed,
        as_of,
        conditions,
        compare_agendas,
        analysis,
        discounts=discounts,
        calendar=calendar,
        include_events=include_events,
        exclude_events=exclude_events,
        llm=llm,
        record=record,
        replay=replay,
        progress=progress,
        ratify=ratify,
    )


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
