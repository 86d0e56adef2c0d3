"""Backtests: forecasts made on past dates, scored against what happened.

:func:`run_backtest` runs every predictor (:mod:`.predictors`) as of each date and scores it
(:mod:`.scoring`, pure functions) against an outcomes file
(:mod:`grandbargain.model.outcomes`), giving a frozen :class:`Backtest` (:mod:`.result`).
"""

from grandbargain.backtest.predictors import DRAWS, ROUNDS, STRATEGIES, Settings
from grandbargain.backtest.result import Backtest, DateScores, IssueRow, PredictorScore
from grandbargain.backtest.run import as_of_dates, run_backtest

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
