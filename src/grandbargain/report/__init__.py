"""A self-contained, offline HTML report of a scenario and its analysis.

``build_report`` returns one HTML document: the plotly library is embedded inline, so the
page makes no network request; every chart has a table carrying the same facts, so the page
reads without JavaScript and prints cleanly. ``write_report`` writes it atomically.
"""

from __future__ import annotations

from grandbargain.report.build import build_report
from grandbargain.report.output import write_report

__all__ = ["build_report", "write_report"]
