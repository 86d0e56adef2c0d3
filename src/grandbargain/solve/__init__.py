"""Solution engines: pure functions from a scenario (or a table built from one) to named results."""

from grandbargain.solve.fair_division import (
    AdjustedWinnerResult,
    PointsMode,
    SplitIssue,
    adjusted_winner,
    normalise_points,
    points_from_scenario,
)

__all__ = [
    "AdjustedWinnerResult",
    "PointsMode",
    "SplitIssue",
    "adjusted_winner",
    "normalise_points",
    "points_from_scenario",
]
