"""Parse a report: its script elements, external references and embedded figures."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class ReportParser(HTMLParser):
    """Collects every tag's attributes and the text of each ``<script>`` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._text)))
            self._in_script = None


def parse(html: str) -> ReportParser:
    parser = ReportParser()
    parser.feed(html)
    parser.close()
    return parser


def figures(html: str) -> dict[str, Any]:
    """The figure data embedded in the report."""
    for attrs, text in parse(html).scripts:
        if attrs.get("id") == "gb-figures":
            data: dict[str, Any] = json.loads(text)
            return data
    raise AssertionError("no embedded figures")
