"""Readers of forecast input files: actor CSV, KTAB CSV and Decide CSV.

Each returns a :class:`~grandbargain.forecast.data.ForecastInput`; :func:`read_forecast_file`
picks the reader from the file's content. Positions keep the file's scale (each issue's
``scale`` says which); saliences are stored on 0-1, and ``salience_scale`` /
``salience_note`` say how they were read. Bad input raises
:class:`~grandbargain.model.errors.InputError` listing every problem found.
"""

from __future__ import annotations

from grandbargain.forecast.formats._common import MAX_FILE_BYTES
from grandbargain.forecast.formats.actor_csv import read_actor_csv
from grandbargain.forecast.formats.decide_csv import read_decide_csv
from grandbargain.forecast.formats.detect import PARSERS, detect_format, read_forecast_file
from grandbargain.forecast.formats.ktab_csv import read_ktab_csv

FORMATS = tuple(PARSERS)
"""Names of the formats :func:`detect_format` returns."""

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "detect_format",
    "read_actor_csv",
    "read_decide_csv",
    "read_forecast_file",
    "read_ktab_csv",
]
