"""Forecasting where issues settle from the actors behind them (spatial bargaining models)."""
