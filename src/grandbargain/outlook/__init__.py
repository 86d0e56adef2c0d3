"""The outlook: one reconciled answer, with probabilities, from every predictor the tool has.

An explicit ensemble (:mod:`.ensemble`) of the ratification-constrained solution concepts,
the stakeholder forecasts mapped onto options, simulated talks under the same ratification
rules and the no-change prior (:mod:`.draws`), run over Monte Carlo draws of the scenario's
uncertain numbers (:mod:`.run`), with default weights equal per family (:mod:`.weights`).
See docs/explanation/outlook.md.
"""

from typing import TYPE_CHECKING

from grandbargain.lazy import lazy_exports

if TYPE_CHECKING:
    from grandbargain.outlook.assemble import outlook
    from grandbargain.outlook.defaults import DRAWS, FORECAST_DRAWS, SIMULATION_DRAWS
    from grandbargain.outlook.result import (
        OUTLOOK_SCHEMA_VERSION,
        Answer,
        Blocking,
        Gain,
        IssueOutlook,
        MostLikely,
        OptionProbability,
        Outlook,
        PredictorInfo,
        Trade,
    )
    from grandbargain.outlook.weights import DEFAULT_WEIGHTS, PREDICTORS, Family
else:
    __getattr__, __dir__ = lazy_exports(globals(), {
        "grandbargain.outlook.assemble": "outlook",
        "grandbargain.outlook.defaults": "DRAWS FORECAST_DRAWS SIMULATION_DRAWS",
        "grandbargain.outlook.result": (
            "OUTLOOK_SCHEMA_VERSION Answer Blocking Gain IssueOutlook MostLikely"
            " OptionProbability Outlook PredictorInfo Trade"
        ),
        "grandbargain.outlook.weights": "DEFAULT_WEIGHTS PREDICTORS Family",
    })  # fmt: skip

__all__ = [
    "DEFAULT_WEIGHTS",
    "DRAWS",
    "FORECAST_DRAWS",
    "OUTLOOK_SCHEMA_VERSION",
    "PREDICTORS",
    "SIMULATION_DRAWS",
    "Answer",
    "Blocking",
    "Family",
    "Gain",
    "IssueOutlook",
    "MostLikely",
    "OptionProbability",
    "Outlook",
    "PredictorInfo",
    "Trade",
    "outlook",
]
