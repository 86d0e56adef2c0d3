"""The scenario model: schema, loading and input errors."""

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.loading import (
    list_shipped_scenarios,
    load_scenario,
    load_scenario_text,
    shipped_scenario_names,
)
from grandbargain.model.schema import Scenario

__all__ = [
    "InputError",
    "Problem",
    "Scenario",
    "list_shipped_scenarios",
    "load_scenario",
    "load_scenario_text",
    "shipped_scenario_names",
]
