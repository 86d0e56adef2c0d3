"""A self-contained, offline HTML report of a scenario and its analysis.

``build_report`` returns one HTML document: the plotly library is embedded inline, so the
page makes no network request; every chart has a table carrying the same facts, so the page
reads without JavaScript and prints cleanly. Write it with ``api.write_output`` (atomic, and
refuses folders and devices).

The pieces the web app shares with the report are public too: the frontier figure
(``pareto_figure``), the per-issue evidence rows (``issue_rows``), option labels, the
autoescaped template environment (``html_templates``), escaping of JSON for ``<script>``
elements (``json_for_script``), the plotly.js bundle, and the briefing as an HTML fragment
(``render_briefing_html``) for the top of a page.
"""

from __future__ import annotations

from grandbargain.report.brief import render_briefing_html
from grandbargain.report.build import build_report
from grandbargain.report.charts import pareto_figure
from grandbargain.report.context import SOLUTION_NAMES, issue_rows, option_labels
from grandbargain.report.output import html_templates, json_for_script, plotly_bundle

__all__ = [
    "SOLUTION_NAMES",
    "build_report",
    "html_templates",
    "issue_rows",
    "json_for_script",
    "option_labels",
    "pareto_figure",
    "plotly_bundle",
    "render_briefing_html",
]
