"""The outlook's default draw counts, apart from the engine so that reading them is cheap."""

DRAWS = 2000
"""Monte Carlo draws of ``grandbargain outlook`` by default."""
FORECAST_DRAWS = 200
"""Draws on which the stakeholder forecasts run (the first ones)."""
SIMULATION_DRAWS = 100
"""Draws on which one simulated session runs (the first ones)."""
