"""The backtest's default settings, apart from the engines so that reading them is cheap."""

STRATEGIES = ("boulware", "linear", "conceder", "tit-for-tat", "nash-seeker")
"""The strategies of the simulation predictor's pairings."""
ROUNDS = 60
"""Rounds of each simulated session."""
DRAWS = 1000
"""Monte Carlo draws per date (scenarios with distributions)."""
