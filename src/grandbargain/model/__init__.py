"""The scenario model: schema, loading and input errors.

Names are imported on first use (:mod:`grandbargain.lazy`): :mod:`.errors` is cheap, the
schema builds pydantic models.
"""

from typing import TYPE_CHECKING

from grandbargain.lazy import lazy_exports

if TYPE_CHECKING:
    from grandbargain.model.errors import InputError, Problem
    from grandbargain.model.loading import (
        list_shipped_scenarios,
        load_scenario,
        load_scenario_text,
        shipped_scenario_names,
    )
    from grandbargain.model.schema import Scenario
else:
    __getattr__, __dir__ = lazy_exports(
        globals(),
        {
            "grandbargain.model.errors": "InputError Problem",
            "grandbargain.model.loading": (
                "list_shipped_scenarios load_scenario load_scenario_text shipped_scenario_names"
            ),
            "grandbargain.model.schema": "Scenario",
        },
    )

__all__ = [
    "InputError",
    "Problem",
    "Scenario",
    "list_shipped_scenarios",
    "load_scenario",
    "load_scenario_text",
    "shipped_scenario_names",
]
