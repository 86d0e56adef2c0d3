"""The public Python API. The CLI, report and web app call only these names.

Importing it is cheap: the functions written here, one module per area (:mod:`.scenarios`,
:mod:`.division`, :mod:`.simulation`, :mod:`.forecasts`, :mod:`.corpus`), import the engines
they call when they are called, and every other name is imported from its module on first use
(:mod:`grandbargain.lazy`). The imports under ``TYPE_CHECKING`` say where each name comes
from; ``tests/test_startup.py`` checks that the table below gives the same objects.
"""

from typing import TYPE_CHECKING

from grandbargain.api.corpus import corpus_path
from grandbargain.api.division import admissible_cloud, fair_division
from grandbargain.api.forecasts import (
    backtest,
    brief,
    briefing_of,
    forecast,
    is_forecast_file,
    outlook,
    winsets,
)
from grandbargain.api.scenarios import (
    convert_folder,
    load_scenario,
    load_scenario_bytes,
    load_scenario_text,
    scenario_json_schema,
    scenario_to_dict,
    scenario_to_yaml,
)
from grandbargain.api.simulation import (
    check_recording,
    llm_simulation_cost,
    llm_tournament_cost,
    simulate,
    strategy_descriptions,
)
from grandbargain.backtest.defaults import DRAWS as BACKTEST_DRAWS
from grandbargain.files import (
    check_output,
    os_problem,
    read_input,
    write_output,
    write_output_with,
)
from grandbargain.lazy import lazy_exports
from grandbargain.model.errors import InputError, Problem
from grandbargain.names import SOLUTION_NAMES, predictor_name

if TYPE_CHECKING:
    from grandbargain.backtest.result import Backtest
    from grandbargain.brief.result import Briefing
    from grandbargain.evidence.citecheck import CiteReport, cite_check
    from grandbargain.evidence.removal import RemoveReport, remove_documents
    from grandbargain.evidence.retrieval import (
        FigureConflict,
        SearchResult,
        conflicting_figures,
        evidence_result,
        search_result,
    )
    from grandbargain.evidence.show import DocumentPassages, show_document
    from grandbargain.evidence.store import CorpusListing, IngestReport, corpus_listing, ingest
    from grandbargain.evidence.timeline import TimelineEntry, timeline, timeline_to_dict
    from grandbargain.forecast.runner import MODELS as FORECAST_MODELS
    from grandbargain.forecast.runner import Forecast
    from grandbargain.forecast.two_level import WinSets, derive_preferences
    from grandbargain.model.loading import ShippedScenario, list_shipped_scenarios
    from grandbargain.model.number_names import number_name, number_names
    from grandbargain.model.outcomes import (
        Outcomes,
        load_outcomes,
        load_outcomes_text,
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
    from grandbargain.outlook.defaults import DRAWS as OUTLOOK_DRAWS
    from grandbargain.outlook.result import Outlook
    from grandbargain.outlook.weights import PREDICTORS as OUTLOOK_PREDICTORS
    from grandbargain.simulate.llm import DEFAULT_KEY_ENV as DEFAULT_LLM_KEY_ENV
    from grandbargain.simulate.llm import EndpointError, LLMSettings, is_loopback
    from grandbargain.simulate.llm.cost import CostEstimate
    from grandbargain.simulate.runner import Simulation
    from grandbargain.simulate.tournament import TournamentResult, tournament
    from grandbargain.solve.analysis import CONCEPTS as SOLUTION_CONCEPTS
    from grandbargain.solve.analysis import Analysis, analyze
    from grandbargain.solve.cloud import CLOUD_LIMIT, AdmissibleCloud
    from grandbargain.solve.diff import BargainDiff, diff
    from grandbargain.solve.fair_division import AdjustedWinnerResult
    from grandbargain.uncertainty.assumptions import spec_for_scenario, spec_from_assumptions
    from grandbargain.uncertainty.extras import DrawExtras
    from grandbargain.uncertainty.montecarlo import monte_carlo
    from grandbargain.uncertainty.result import MonteCarloResult
    from grandbargain.uncertainty.sampling import sample_scenario
    from grandbargain.uncertainty.sensitivity import tornado, tornado_notes
    from grandbargain.uncertainty.sobol import SobolResult, scenario_sobol
    from grandbargain.uncertainty.spec import (
        UncertaintySpec,
        load_spec,
        merge_specs,
        spec_from_mapping,
    )
    from grandbargain.uncertainty.storage import load_results, save_results
else:
    __getattr__, __dir__ = lazy_exports(globals(), {
        "grandbargain.backtest.result": "Backtest",
        "grandbargain.brief.result": "Briefing",
        "grandbargain.evidence.citecheck": "CiteReport cite_check",
        "grandbargain.evidence.removal": "RemoveReport remove_documents",
        "grandbargain.evidence.retrieval": (
            "FigureConflict SearchResult conflicting_figures evidence_result search_result"
        ),
        "grandbargain.evidence.show": "DocumentPassages show_document",
        "grandbargain.evidence.store": "CorpusListing IngestReport corpus_listing ingest",
        "grandbargain.evidence.timeline": "TimelineEntry timeline timeline_to_dict",
        "grandbargain.forecast.runner": "FORECAST_MODELS=MODELS Forecast",
        "grandbargain.forecast.two_level": "WinSets derive_preferences",
        "grandbargain.model.loading": "ShippedScenario list_shipped_scenarios",
        "grandbargain.model.number_names": "number_name number_names",
        "grandbargain.model.outcomes": (
            "Outcomes load_outcomes load_outcomes_text outcomes_beside outcomes_json_schema"
            " shipped_outcomes"
        ),
        "grandbargain.model.schema": "SCHEMA_VERSION Calendar Evidence Scenario",
        "grandbargain.model.timeline": "ScenarioState state_as_of",
        "grandbargain.model.whatif": "ChangedScenario ChangedValue ScenarioChanges apply_changes",
        "grandbargain.optional": "require_optional=require",
        "grandbargain.outlook.defaults": "OUTLOOK_DRAWS=DRAWS",
        "grandbargain.outlook.result": "Outlook",
        "grandbargain.outlook.weights": "OUTLOOK_PREDICTORS=PREDICTORS",
        "grandbargain.simulate.llm": (
            "DEFAULT_LLM_KEY_ENV=DEFAULT_KEY_ENV EndpointError LLMSettings is_loopback"
        ),
        "grandbargain.simulate.llm.cost": "CostEstimate",
        "grandbargain.simulate.runner": "Simulation",
        "grandbargain.simulate.tournament": "TournamentResult tournament",
        "grandbargain.solve.analysis": "SOLUTION_CONCEPTS=CONCEPTS Analysis analyze",
        "grandbargain.solve.cloud": "CLOUD_LIMIT AdmissibleCloud",
        "grandbargain.solve.diff": "BargainDiff diff",
        "grandbargain.solve.fair_division": "AdjustedWinnerResult",
        "grandbargain.uncertainty.assumptions": "spec_for_scenario spec_from_assumptions",
        "grandbargain.uncertainty.extras": "DrawExtras",
        "grandbargain.uncertainty.montecarlo": "monte_carlo",
        "grandbargain.uncertainty.result": "MonteCarloResult",
        "grandbargain.uncertainty.sampling": "sample_scenario",
        "grandbargain.uncertainty.sensitivity": "tornado tornado_notes",
        "grandbargain.uncertainty.sobol": "SobolResult scenario_sobol",
        "grandbargain.uncertainty.spec": "UncertaintySpec load_spec merge_specs spec_from_mapping",
        "grandbargain.uncertainty.storage": "load_results save_results",
    })  # fmt: skip

__all__ = [
    "BACKTEST_DRAWS",
    "CLOUD_LIMIT",
    "DEFAULT_LLM_KEY_ENV",
    "FORECAST_MODELS",
    "OUTLOOK_DRAWS",
    "OUTLOOK_PREDICTORS",
    "SCHEMA_VERSION",
    "SOLUTION_CONCEPTS",
    "SOLUTION_NAMES",
    "AdjustedWinnerResult",
    "AdmissibleCloud",
    "Analysis",
    "Backtest",
    "BargainDiff",
    "Briefing",
    "Calendar",
    "ChangedScenario",
    "ChangedValue",
    "CiteReport",
    "CorpusListing",
    "CostEstimate",
    "DocumentPassages",
    "DrawExtras",
    "EndpointError",
    "Evidence",
    "FigureConflict",
    "Forecast",
    "IngestReport",
    "InputError",
    "LLMSettings",
    "MonteCarloResult",
    "Outcomes",
    "Outlook",
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
    "brief",
    "briefing_of",
    "check_output",
    "check_recording",
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
    "is_forecast_file",
    "is_loopback",
    "list_shipped_scenarios",
    "llm_simulation_cost",
    "llm_tournament_cost",
    "load_outcomes",
    "load_outcomes_text",
    "load_results",
    "load_scenario",
    "load_scenario_bytes",
    "load_scenario_text",
    "load_spec",
    "merge_specs",
    "monte_carlo",
    "number_name",
    "number_names",
    "os_problem",
    "outcomes_beside",
    "outcomes_json_schema",
    "outlook",
    "predictor_name",
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
    "show_document",
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
