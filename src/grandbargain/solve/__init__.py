"""Solution engines: pure functions from a scenario (or a table built from one) to named results."""

from grandbargain.solve.fair_division import (
    AdjustedWinnerResult,
    SplitIssue,
    adjusted_winner,
    normalise_points,
    points_from_scenario,
    read_points_csv,
)

__all__ = [
    "AdjustedWinnerResult",
    "SplitIssue",
    "adjusted_winner",
    "normalise_points",
    "points_from_scenario",
    "read_points_csv",
]
