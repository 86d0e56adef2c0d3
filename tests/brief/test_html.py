"""The briefing's HTML fragment and text on a scenario whose names are markup: the fragment
holds no element or attribute from user text (parsed with html.parser), every link goes to
an anchor inside it or to an http(s) address, and the names read back intact."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from typing import Any

import grandbargain as gb
from grandbargain import api
from grandbargain.brief import build_briefing
from grandbargain.outlook import Blocking
from grandbargain.report import render_briefing_html

from ..hostile import SCRIPT, hostile_data
from .helpers import with_blocking

ALLOWED = {
    "section",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "span",
    "a",
    "b",
    "details",
    "summary",
    "q",
    "code",
}
QUOTES = "\"double\" & 'single' &amp;"
EVIL_QUOTE = f"Alpha {SCRIPT} wants {QUOTES}."


class Fragment(HTMLParser):
    """Every element with its attributes, and the text (character references resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _evil() -> gb.Scenario:
    data: dict[str, Any] = hostile_data()
    data["issues"][0]["title"] += f" {QUOTES}"
    data["issues"][1]["options"][1]["label"] += f" {QUOTES}"
    # the truce keeps the tariff high, so a deal (low tariff for partial access) is likely
    data["events"][0]["changes"] = [{"kind": "status_quo", "issue": "access", "option": "closed"}]
    data["sources"][0]["url"] = "javascript:alert(5)"
    data["sources"][0]["title"] = f"Memo {SCRIPT}"
    data["stakeholders"][0]["name"] = f"Farmers {SCRIPT} {QUOTES}"
    stance = data["parties"][0]["stances"]
    access = next(key for key in stance if key.startswith("access"))
    stance[access]["evidence"][0]["quote"] = EVIL_QUOTE
    return gb.load_scenario_text(json.dumps(data, default=str), "evil.json")


def _briefing(scenario: gb.Scenario) -> gb.Briefing:
    outlook = gb.outlook(scenario, "2025-07-20", draws=0)
    veto = {"rule": "veto", "party": scenario.parties[0].name, "stakeholder": "farmers"}
    issue = scenario.issues[1]
    blocker = {
        "issue": issue.id,
        "unconstrained": issue.options[1].id,
        "ratified": issue.options[0].id,
        "blocked_by": [veto],
        "jointly": False,
    }
    blocked = with_blocking(outlook, Blocking(True, "", False, (blocker,)))
    changes = api.diff(scenario, dt.date(2025, 5, 1), dt.date(2025, 7, 20))
    return build_briefing(blocked, scenario, changes)


def test_the_fragment_escapes_every_name_and_links_only_inside_or_to_http() -> None:
    scenario = _evil()
    assert scenario.parties[0].name == f"Alpha{SCRIPT}"
    b = _briefing(scenario)
    html = str(render_briefing_html(b))
    parser = Fragment()
    parser.feed(html)
    parser.close()
    tags = {tag for tag, _ in parser.tags}
    assert tags <= ALLOWED, tags - ALLOWED
    assert "<script" not in html and "<img" not in html
    ids = {attrs["id"] for _, attrs in parser.tags if attrs.get("id")}
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        if href is not None:
            assert (href.startswith("#") and href[1:] in ids) or href.startswith(
                ("http://", "https://")
            )
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in parser.tags)
    text = _flat("".join(parser.text))
    for name in (
        *scenario.party_names,
        *(i.title for i in scenario.issues),
        EVIL_QUOTE,
        f"Farmers {SCRIPT} {QUOTES}",
        f"Memo {SCRIPT}",
    ):
        assert _flat(name) in text, name
    for part in b.sections:
        for sentence in part.sentences:
            assert _flat(sentence.text) in text


def test_the_text_keeps_every_name_as_written() -> None:
    scenario = _evil()
    b = _briefing(scenario)
    text = _flat(b.to_text())
    for part in b.sections:
        for sentence in part.sentences:
            assert _flat(sentence.text) in text
    assert _flat(f"veto player Farmers {SCRIPT} {QUOTES} (Alpha{SCRIPT})") in text
    assert _flat(EVIL_QUOTE) in text and "javascript:alert(5)" in text  # shown, never linked
    deal = b.section("deal").sentences[1].text
    assert all(_flat(name) in _flat(deal) for name in (scenario.issues[0].title,))


def test_the_shipped_briefing_links_sources_with_an_address() -> None:
    b = gb.brief(gb.load_scenario("us-china-2025"), "2025-07-20", since="2025-06-08", draws=0)
    parser = Fragment()
    parser.feed(str(render_briefing_html(b)))
    outside = {
        a["href"] for tag, a in parser.tags if tag == "a" and not str(a["href"]).startswith("#")
    }
    addresses = {e.url for e in b.evidence if e.url}
    assert outside == addresses and outside
    anchors = [
        a["href"] for tag, a in parser.tags if tag == "a" and str(a["href"]).startswith("#brief-E")
    ]
    assert {str(h)[7:] for h in anchors} == {e.key for e in b.evidence}


def test_numbers_without_evidence_in_the_scenario_are_marked_not_backed() -> None:
    b = _briefing(_evil())  # Beta's stances carry no evidence
    marked = [
        s
        for part in b.sections
        for s in part.sentences
        if s.text.startswith("Beta") and "utility over no deal" in s.text
    ]
    assert len(marked) == 1 and not marked[0].evidence
    assert marked[0].assumption is not None and marked[0].assumption.startswith("not backed")
    [trade] = b.section("trades").sentences
    assert trade.evidence  # Alpha's stance on the access issue is backed
