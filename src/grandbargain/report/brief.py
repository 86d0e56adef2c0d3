"""The briefing as an HTML fragment, for the top of the report and of the web page."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Template
from markupsafe import Markup

from grandbargain.api import Briefing
from grandbargain.report.output import html_templates

SAFE_SCHEMES = ("http", "https")


def _safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (no ``javascript:`` links)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES else None


def briefing_context(briefing: Briefing) -> dict[str, Any]:
    """The template's context: the briefing's data, its assumptions keyed ``A1``, ``A2``...
    in order of first use, and the sources' addresses that may be links."""
    data = briefing.to_dict()
    keys: dict[str, str] = {}
    for part in data["sections"]:
        for sentence in part["sentences"]:
            text = sentence["assumption"]
            if text is not None and text not in keys:
                keys[text] = f"A{len(keys) + 1}"
    urls = {e["source"]: _safe_url(e["url"]) for e in data["evidence"] if e["source"]}
    return {
        "brief": data,
        "assumptions": [(key, text) for text, key in keys.items()],
        "assumption_key": keys,
        "urls": urls,
    }


@cache
def _template() -> Template:
    """The compiled template, loaded once (the web page renders it on every what-if)."""
    return html_templates("grandbargain.report").get_template("brief.html.j2")


def render_briefing_html(briefing: Briefing) -> Markup:
    """The briefing as one ``<section id="briefing">`` element, autoescaped: every name,
    label, title and quote is text, never markup. Include it at the top of a page."""
    return Markup(_template().render(**briefing_context(briefing)))  # autoescaped above
