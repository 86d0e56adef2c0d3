"""grandbargain: model, solve, simulate, forecast and stress-test multi-issue negotiations."""

from grandbargain.api import (
    Analysis,
    InputError,
    Scenario,
    analyze,
    derive_preferences,
    forecast,
    list_shipped_scenarios,
    load_scenario,
    load_scenario_text,
    scenario_json_schema,
    scenario_to_dict,
    simulate,
    tournament,
    winsets,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "InputError",
    "Scenario",
    "__version__",
    "analyze",
    "derive_preferences",
    "forecast",
    "list_shipped_scenarios",
    "load_scenario",
    "load_scenario_text",
    "scenario_json_schema",
    "scenario_to_dict",
    "simulate",
    "tournament",
    "winsets",
]
