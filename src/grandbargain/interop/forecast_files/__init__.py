"""Readers of forecast input files: actor CSV, KTAB CSV and Decide CSV.

Each returns a :class:`~grandbargain.model.forecast_input.ForecastInput`; :func:`read_forecast_file`
picks the reader from the file's content. Positions keep the file's scale (each issue's
``scale`` says which); saliences are stored on 0-1, and ``salience_scale`` /
``salience_note`` say how they were read. Bad input raises
:class:`~grandbargain.model.errors.InputError` listing every problem found.
"""

from __future__ import annotations

from grandbargain.interop.forecast_files._common import MAX_FILE_BYTES
from grandbargain.interop.forecast_files.actor_csv import read_actor_csv
from grandbargain.interop.forecast_files.decide_csv import read_decide_csv
from grandbargain.interop.forecast_files.detect import PARSERS, detect_format, read_forecast_file
from grandbargain.interop.forecast_files.ktab_csv import read_ktab_csv

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
