"""grandbargain: model, solve, simulate, forecast and stress-test multi-issue negotiations.

Importing the package is cheap (issue 17): the names below come from
:mod:`grandbargain.api`, which imports each engine when it is first used.
"""

import importlib
from typing import TYPE_CHECKING

# The subpackages named like the functions `backtest`, `forecast` and `simulate` are imported
# first (their own imports are cheap): importing a subpackage binds it in this namespace, so
# done later it would replace the functions bound below.
for _subpackage in ("backtest", "forecast", "simulate"):
    importlib.import_module(f"grandbargain.{_subpackage}")
del _subpackage

from grandbargain.api import (  # noqa: E402
    InputError,
    backtest,
    forecast,
    load_scenario,
    load_scenario_text,
    scenario_json_schema,
    scenario_to_dict,
    simulate,
)
from grandbargain.lazy import lazy_exports  # noqa: E402

if TYPE_CHECKING:
    from grandbargain.api import (
        Analysis,
        Backtest,
        Outcomes,
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
            "Analysis Backtest Outcomes Scenario analyze derive_preferences"
            " list_shipped_scenarios load_outcomes shipped_outcomes tournament winsets"
        ),
    })  # fmt: skip

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
