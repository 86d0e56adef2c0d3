"""grandbargain: model, solve, simulate, forecast and stress-test multi-issue negotiations.

Importing the package is cheap (issue 17): the names below come from
:mod:`grandbargain.api`, which imports each engine when it is first used.
"""

import importlib
from typing import TYPE_CHECKING

# The subpackages named like the functions `backtest`, `brief`, `forecast`, `outlook` and
# `simulate` are imported first (their own imports are cheap): importing a subpackage binds
# it in this namespace, so done later it would replace the functions bound below.
for _subpackage in ("backtest", "brief", "forecast", "outlook", "simulate"):
    importlib.import_module(f"grandbargain.{_subpackage}")
del _subpackage

from grandbargain.api import (  # noqa: E402
    InputError,
    backtest,
    brief,
    forecast,
    load_scenario,
    load_scenario_text,
    outlook,
    scenario_json_schema,
    scenario_to_dict,
    simulate,
)
from grandbargain.lazy import lazy_exports  # noqa: E402

if TYPE_CHECKING:
    from grandbargain.api import (
        Analysis,
        Backtest,
        Briefing,
        Outcomes,
        Outlook,
        Scenario,
        analyze,
        derive_preferences,
        list_shipped_scenarios,
        load_outcomes,
        shipped_outcomes,
        tournament,
        winsets,
    )
else:
    __getattr__, __dir__ = lazy_exports(globals(), {
        "grandbargain.api": (
            "Analysis Backtest Briefing Outcomes Outlook Scenario analyze derive_preferences"
            " list_shipped_scenarios load_outcomes shipped_outcomes tournament winsets"
        ),
    })  # fmt: skip

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Backtest",
    "Briefing",
    "InputError",
    "Outcomes",
    "Outlook",
    "Scenario",
    "__version__",
    "analyze",
    "backtest",
    "brief",
    "derive_preferences",
    "forecast",
    "list_shipped_scenarios",
    "load_outcomes",
    "load_scenario",
    "load_scenario_text",
    "outlook",
    "scenario_json_schema",
    "scenario_to_dict",
    "shipped_outcomes",
    "simulate",
    "tournament",
    "winsets",
]
