"""The backtest's default settings, apart from the engines so that reading them is cheap."""

from grandbargain.simulate.pairings import PAIRING_ROUNDS as ROUNDS
from grandbargain.simulate.pairings import PAIRING_STRATEGIES as STRATEGIES

DRAWS = 1000
"""Monte Carlo draws per date (scenarios with distributions)."""
OUTLOOK_DRAWS = 200
"""Monte Carlo draws of the outlook predictor (fewer when ``draws`` is smaller)."""

__all__ = ["DRAWS", "OUTLOOK_DRAWS", "ROUNDS", "STRATEGIES"]
