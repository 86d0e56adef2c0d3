"""The report answers first: its first section is the briefing, sentence for sentence the
one :func:`grandbargain.brief` tells with no draws (both shipped scenarios), then the
outlook's probability bars; names written as markup stay text there."""

from __future__ import annotations

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.report import build_report

from ..hostile import hostile_yaml
from .helpers import answer_first

SHIPPED = ("us-china-2025", "us-china-phase-one-2019")


def _report(scenario: gb.Scenario) -> str:
    outlook = gb.outlook(scenario, draws=0)
    briefing = api.briefing_of(outlook, scenario)
    analysis = gb.analyze(scenario, as_of=scenario.as_of)
    return build_report(scenario, analysis, briefing=briefing, outlook=outlook)


def _sentences(briefing: gb.Briefing) -> list[str]:
    return [s.text for part in briefing.sections for s in part.sentences]


def _bars(outlook: gb.Outlook) -> list[list[tuple[str, str]]]:
    """Each issue's options as the report should show them: label and rounded percentage."""
    return [
        [(" ".join(o.label.split()), f"{100 * o.probability:.0f}%") for o in issue.options]
        for issue in outlook.issues
    ]


@pytest.mark.parametrize("name", SHIPPED)
def test_the_report_opens_with_the_briefing_the_api_tells(name: str) -> None:
    scenario = gb.load_scenario(name)
    page = answer_first(_report(scenario))
    assert page.sections[:3] == ["briefing", "outlook", "trades"]
    truth = gb.brief(scenario, draws=0)  # computed on its own, outlook included
    assert page.sentences == _sentences(truth)
    assert len(page.sentences) >= 5  # deal, gains, trades, blocking, confidence
    assert page.outlook == _bars(gb.outlook(scenario, draws=0))


def test_a_briefing_of_names_written_as_markup_shows_them_as_text() -> None:
    scenario = gb.load_scenario_text(hostile_yaml(), "hostile.yaml")
    html = _report(scenario)
    top = html.split('<section id="briefing"', 1)[1].split('<section id="trades"', 1)[0]
    assert "<script" not in top and "<img" not in top
    assert "&lt;script&gt;" in top and "&lt;img" in top
    page = answer_first(html)
    assert page.sections[:2] == ["briefing", "outlook"]
    assert page.sentences == _sentences(gb.brief(scenario, draws=0))
    text = " ".join("".join(page.briefing_text).split())
    names = [scenario.title, *(i.title for i in scenario.issues)]
    assert all(" ".join(name.split()) in text for name in names)  # read back intact, as text
    assert page.outlook == _bars(gb.outlook(scenario, draws=0))


def test_without_a_briefing_or_outlook_the_report_opens_with_the_trades() -> None:
    scenario = gb.load_scenario("us-china-2025")
    html = build_report(scenario, gb.analyze(scenario, as_of=scenario.as_of))
    page = answer_first(html)
    assert page.sections[0] == "trades"
    assert page.sentences == [] and page.outlook == []
