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


class AnswerFirst(HTMLParser):
    """What a reader sees at the top of a report: the ids of ``<main>``'s own sections in
    order, the text of every briefing sentence (``span.brief-text``), each outlook table's
    rows as ``(option label, percentage text)``, and all the text of the briefing section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[str] = []
        self.sentences: list[str] = []
        self.outlook: list[list[tuple[str, str]]] = []
        self.briefing_text: list[str] = []
        self._main = False
        self._depth = 0  # nesting of <section> inside <main>
        self._top = ""  # the id of the top-level section being read
        self._cell: list[str] | None = None
        self._row: list[str] = []
        self._sentence: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "main":
            self._main = True
        elif tag == "section" and self._main:
            if self._depth == 0:
                self._top = str(found.get("id"))
                self.sections.append(self._top)
            self._depth += 1
        elif tag == "span" and found.get("class") == "brief-text":
            self._sentence = []
        elif tag == "table" and "outlook" in str(found.get("class")):
            self.outlook.append([])
        elif tag == "tr" and self._top == "outlook":
            self._row = []
        elif tag in ("th", "td") and self._top == "outlook":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._main = False
        elif tag == "section" and self._main:
            self._depth -= 1
            self._top = self._top if self._depth else ""
        elif tag == "span" and self._sentence is not None:
            self.sentences.append("".join(self._sentence))
            self._sentence = None
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._top == "outlook" and self.outlook and self._row:
            if self._row != ["Option", "Probability"]:
                self.outlook[-1].append((self._row[0], self._row[1]))

    def handle_data(self, data: str) -> None:
        if self._sentence is not None:
            self._sentence.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._top == "briefing":
            self.briefing_text.append(data)


def answer_first(html: str) -> AnswerFirst:
    """The top of a report, read by :class:`AnswerFirst`."""
    reader = AnswerFirst()
    reader.feed(html)
    reader.close()
    return reader
