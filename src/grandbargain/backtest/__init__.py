"""Backtests: forecasts made on past dates, scored against what happened.

:func:`run_backtest` runs every predictor (:mod:`.predictors`) as of each date and scores it
(:mod:`.scoring`, pure functions) against an outcomes file
(:mod:`grandbargain.model.outcomes`), giving a frozen :class:`Backtest` (:mod:`.result`).
Names are imported on first use (:mod:`grandbargain.lazy`).
"""

from typing import TYPE_CHECKING

from grandbargain.lazy import lazy_exports

if TYPE_CHECKING:
    from grandbargain.backtest.defaults import DRAWS, ROUNDS, STRATEGIES
    from grandbargain.backtest.predictors import Settings
    from grandbargain.backtest.result import Backtest, DateScores, IssueRow, PredictorScore
    from grandbargain.backtest.run import as_of_dates, run_backtest
else:
    __getattr__, __dir__ = lazy_exports(
        globals(),
        {
            "grandbargain.backtest.defaults": "DRAWS ROUNDS STRATEGIES",
            "grandbargain.backtest.predictors": "Settings",
            "grandbargain.backtest.result": "Backtest DateScores IssueRow PredictorScore",
            "grandbargain.backtest.run": "as_of_dates run_backtest",
        },
    )

__all__ = [
    "DRAWS",
    "ROUNDS",
    "STRATEGIES",
    "Backtest",
    "DateScores",
    "IssueRow",
    "PredictorScore",
    "Settings",
    "as_of_dates",
    "run_backtest",
]
