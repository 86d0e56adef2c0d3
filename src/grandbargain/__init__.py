"""grandbargain: model, solve, simulate, forecast and stress-test multi-issue negotiations."""

from grandbargain.api import (
    Analysis,
    Backtest,
    InputError,
    Outcomes,
    Scenario,
    analyze,
    backtest,
    derive_preferences,
    forecast,
    list_shipped_scenarios,
    load_outcomes,
    load_scenario,
    load_scenario_text,
    scenario_json_schema,
    scenario_to_dict,
    shipped_outcomes,
    simulate,
    tournament,
    winsets,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Backtest",
    "InputError",
    "Outcomes",
    "Scenario",
    "__version__",
    "analyze",
    "backtest",
    "derive_preferences",
    "forecast",
    "list_shipped_scenarios",
    "load_outcomes",
    "load_scenario",
    "load_scenario_text",
    "scenario_json_schema",
    "scenario_to_dict",
    "shipped_outcomes",
    "simulate",
    "tournament",
    "winsets",
]
