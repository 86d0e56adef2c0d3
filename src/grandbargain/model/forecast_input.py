"""The input of the forecasting models: actors on one-dimensional issues, as plain data.

A scenario's stakeholders and the forecast input files (actor CSV, KTAB CSV, Decide CSV, read
by :mod:`grandbargain.interop.forecast_files`) all become a :class:`ForecastInput`. These types
live in the model layer, below both the readers and the forecasting engine, so that the
readers (``interop``) need not import the engine (``forecast``); :mod:`grandbargain.forecast.data`
re-exports them.

Positions are on the issue's scale (0-100 for scenarios); saliences are stored on 0-1 whatever
the input scale (``salience_scale`` records what the input used and whether it was declared or
detected).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """One actor on one issue."""

    name: str
    capability: float
    position: float
    salience: float


@dataclass(frozen=True)
class ForecastIssue:
    """One issue: its actors, the position scale, and options to round a forecast to."""

    id: str
    title: str
    actors: tuple[Actor, ...]
    scale: tuple[float, float] = (0.0, 100.0)
    options: tuple[tuple[str, float], ...] = ()
    status_quo: str | None = None
    outcome: float | None = None

    @property
    def span(self) -> float:
        """Width of the position scale."""
        return self.scale[1] - self.scale[0]


@dataclass(frozen=True)
class ForecastInput:
    """Issues read from one source, and how saliences were read."""

    source: str
    issues: tuple[ForecastIssue, ...]
    salience_scale: str
    salience_note: str
