"""The public Python API. The CLI, report and web app call only these functions."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from typing import Any

from grandbargain.backtest import DRAWS as BACKTEST_DRAWS
from grandbargain.backtest import Backtest, Settings, as_of_dates, run_backtest
from grandbargain.evidence.citecheck import CiteReport, cite_check
from grandbargain.evidence.db import check_path
from grandbargain.evidence.removal import RemoveReport, remove_documents
from grandbargain.evidence.retrieval import (
    FigureConflict,
    SearchResult,
    conflicting_figures,
    evidence_result,
    search_result,
)
from grandbargain.evidence.store import CorpusListing, IngestReport, corpus_listing, ingest
from grandbargain.evidence.timeline import TimelineEntry, timeline, timeline_to_dict
from grandbargain.files import (
    check_output,
    os_problem,
    read_input,
    write_output,
    write_output_with,
)
from grandbargain.forecast.runner import MODELS, Forecast, run_forecast, scenario_forecast_input
from grandbargain.forecast.two_level import WinSets, derive_preferences, domestic_winsets
from grandbargain.interop.points_csv import read_points_csv
from grandbargain.model import loading
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.file_schema import file_schema
from grandbargain.model.loading import ShippedScenario, list_shipped_scenarios
from grandbargain.model.outcomes import (
    Outcomes,
    checked_outcomes,
    load_outcomes,
    load_outcomes_text,
    no_outcomes_message,
    outcomes_beside,
    outcomes_json_schema,
    shipped_outcomes,
)
from grandbargain.model.schema import SCHEMA_VERSION, Calendar, Evidence, Scenario
from grandbargain.model.timeline import ScenarioState, state_as_of
from grandbargain.model.whatif import (
    ChangedScenario,
    ChangedValue,
    ScenarioChanges,
    apply_changes,
)
from grandbargain.optional import require as require_optional
from grandbargain.simulate.runner import Simulation, simulate
from grandbargain.simulate.strategies import STRATEGIES
from grandbargain.simulate.tournament import TournamentResult, tournament
from grandbargain.solve.analysis import CONCEPT_NAMES, CONCEPTS, Analysis, analyze
from grandbargain.solve.cloud import CLOUD_LIMIT, AdmissibleCloud
from grandbargain.solve.cloud import admissible_cloud as _space_cloud
from grandbargain.solve.diff import BargainDiff, diff
from grandbargain.solve.fair_division import (
    AdjustedWinnerResult,
    adjusted_winner,
    normalise_points,
    points_from_scenario,
)
from grandbargain.uncertainty import (
    MonteCarloResult,
    UncertaintySpec,
    load_results,
    load_spec,
    monte_carlo,
    sample_scenario,
    save_results,
    spec_from_mapping,
    tornado,
)
from grandbargain.uncertainty.assumptions import spec_for_scenario, spec_from_assumptions
from grandbargain.uncertainty.extras import DrawExtras
from grandbargain.uncertainty.sensitivity import tornado_notes
from grandbargain.uncertainty.sobol import SobolResult, scenario_sobol
from grandbargain.uncertainty.spec import CHECKS, merge_specs

FORECAST_MODELS = MODELS
"""Names of the forecasting models."""
SOLUTION_CONCEPTS = CONCEPTS
"""Names of the solution concepts, in the order results list them."""
SOLUTION_NAMES = CONCEPT_NAMES
"""The user-facing spelling of each solution concept, by its name in :data:`SOLUTION_CONCEPTS`."""

__all__ = [
    "BACKTEST_DRAWS",
    "CLOUD_LIMIT",
    "FORECAST_MODELS",
    "SCHEMA_VERSION",
    "SOLUTION_CONCEPTS",
    "SOLUTION_NAMES",
    "AdjustedWinnerResult",
    "AdmissibleCloud",
    "Analysis",
    "Backtest",
    "BargainDiff",
    "Calendar",
    "ChangedScenario",
    "ChangedValue",
    "CiteReport",
    "CorpusListing",
    "DrawExtras",
    "Evidence",
    "FigureConflict",
    "Forecast",
    "IngestReport",
    "InputError",
    "MonteCarloResult",
    "Outcomes",
    "Problem",
    "RemoveReport",
    "Scenario",
    "ScenarioChanges",
    "ScenarioState",
    "SearchResult",
    "ShippedScenario",
    "Simulation",
    "SobolResult",
    "TimelineEntry",
    "TournamentResult",
    "UncertaintySpec",
    "WinSets",
    "admissible_cloud",
    "analyze",
    "apply_changes",
    "backtest",
    "check_output",
    "cite_check",
    "conflicting_figures",
    "convert_folder",
    "corpus_listing",
    "corpus_path",
    "derive_preferences",
    "diff",
    "evidence_result",
    "fair_division",
    "forecast",
    "ingest",
    "list_shipped_scenarios",
    "load_outcomes",
    "load_outcomes_text",
    "load_results",
    "load_scenario",
    "load_scenario_bytes",
    "load_scenario_text",
    "load_spec",
    "merge_specs",
    "monte_carlo",
    "os_problem",
    "outcomes_beside",
    "outcomes_json_schema",
    "read_input",
    "remove_documents",
    "require_optional",
    "sample_scenario",
    "save_results",
    "scenario_json_schema",
    "scenario_sobol",
    "scenario_to_dict",
    "scenario_to_yaml",
    "search_result",
    "shipped_outcomes",
    "simulate",
    "spec_for_scenario",
    "spec_from_assumptions",
    "spec_from_mapping",
    "state_as_of",
    "strategy_descriptions",
    "timeline",
    "timeline_to_dict",
    "tornado",
    "tornado_notes",
    "tournament",
    "winsets",
    "write_output",
    "write_output_with",
]


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
    return loading.load_scenario(ref, CHECKS)


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Load a scenario from YAML or JSON text (for uploads and tests); see :func:`load_scenario`."""
    return loading.load_scenario_text(text, file, CHECKS)


def load_scenario_bytes(raw: bytes, file: str = "<upload>") -> Scenario:
    """Load a scenario from the bytes of an uploaded file: UTF-8 YAML or JSON text (binary
    and other encodings are input errors); see :func:`load_scenario`."""
    from grandbargain.model.yaml_source import parse_yaml_bytes

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


def strategy_descriptions() -> dict[str, str]:
    """Every registered strategy's name and one-line description, sorted by name."""
    return {name: str(getattr(STRATEGIES[name], "description", "")) for name in sorted(STRATEGIES)}


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
    return domestic_winsets(scenario, as_of, ratification)


def admissible_cloud(analysis: Analysis, limit: int = CLOUD_LIMIT) -> AdmissibleCloud | None:
    """Every admissible package of an analysis with each party's utility, in lexicographic
    order of option indices; None when there are more than ``limit`` (the chart's cloud)."""
    return _space_cloud(analysis.space, limit)


def corpus_path(db: str | os.PathLike[str] | None, create: bool) -> os.PathLike[str]:
    """The evidence corpus database for ``--db`` (``None``: ``corpus.sqlite`` in the user data
    folder, which may be missing), checked before use: a folder, a missing folder or - unless
    ``create`` - a named database file that does not exist is an :class:`InputError` naming
    the path."""
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
    if outcomes is None:
        chosen = shipped_outcomes(scenario)
        if chosen is None:
            raise InputError([Problem(scenario.id, 0, 0, "", no_outcomes_message(scenario.id))])
    elif isinstance(outcomes, Outcomes):
        chosen = checked_outcomes(outcomes, scenario)
    else:
        chosen = load_outcomes(outcomes, scenario)
    dates = as_of_dates(scenario, as_of)
    return run_backtest(scenario, chosen, dates, Settings(seed=seed, draws=draws))
