"""The HTML report: content, offline use, the admissible cloud, optional sections."""

from __future__ import annotations

import re
from html import escape as html_escape

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.api import Analysis, Scenario, timeline_to_dict
from grandbargain.report import build_report
from grandbargain.report.build import _chosen_parties

from ..conftest import DATA
from .helpers import figures, parse


def test_us_china_report_names_every_issue_party_and_solution(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    scenario, _ = us_china
    html = us_china_html
    assert html.startswith("<!DOCTYPE html>")
    for issue in scenario.issues:
        assert issue.id in html
        assert f'id="issue-{issue.id}"' in html
    for party in scenario.parties:
        assert party.name in html
    for name in ("Nash", "Kalai-Smorodinsky", "utilitarian", "egalitarian"):
        assert f">{name}</th>" in html


def test_us_china_report_quotes_evidence_and_marks_assumptions(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    scenario, _ = us_china
    quotes = [
        e.quote
        for party in scenario.parties
        for stance in party.stances.values()
        for e in stance.evidence
        if e.quote is not None
    ]
    assert quotes
    escaped = us_china_html.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")
    assert sum(q in escaped for q in quotes) >= 1
    assert 'class="quote"' in us_china_html
    if any(
        e.assumption is not None
        for p in scenario.parties
        for s in p.stances.values()
        for e in s.evidence
    ):
        assert 'class="assumption"' in us_china_html


def test_us_china_report_lists_the_timeline(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    scenario, _ = us_china
    events = timeline_to_dict(scenario)["events"]
    assert events
    for event in events:
        assert f"<code>{event['id']}</code>" in us_china_html
        assert event["date"] in us_china_html


def test_report_is_one_offline_file_with_plotly_inline(us_china_html: str) -> None:
    parsed = parse(us_china_html)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
        if tag == "link":
            pytest.fail(f"external resource link: {attrs}")
        if tag in ("img", "iframe", "object", "embed"):
            pytest.fail(f"external embed: {tag}")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", _outside_bundle(parsed))
    bundle = max((text for _, text in parsed.scripts), key=len)
    assert "Plotly" in bundle and len(bundle) > 1_000_000
    assert "cdn.plot.ly" not in _outside_bundle(parsed)
    assert "@import" not in us_china_html.split("</style>")[0]


def _outside_bundle(parsed: object) -> str:
    from .helpers import ReportParser

    assert isinstance(parsed, ReportParser)
    return "\n".join(f"{tag} {attrs}" for tag, attrs in parsed.tags)


def test_report_emits_exactly_its_own_three_scripts(us_china_html: str) -> None:
    scripts = parse(us_china_html).scripts
    assert [attrs for attrs, _ in scripts] == [
        {},
        {"type": "application/json", "id": "gb-figures"},
        {},
    ]
    assert "Plotly.newPlot" in scripts[2][1]


def test_no_cloud_above_twenty_thousand_admissible(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    _, analysis = us_china
    assert analysis.admissible_count > 20_000
    names = [trace["name"] for trace in figures(us_china_html)["chart-pareto"]["data"]]
    assert "admissible packages" not in names
    assert "Pareto frontier" in names and "status quo" in names
    assert {"Nash", "Kalai-Smorodinsky", "utilitarian", "egalitarian"} <= set(names)
    assert "is not drawn" in us_china_html


def test_cloud_drawn_for_a_small_scenario() -> None:
    scenario = gb.load_scenario(DATA / "small.yaml")
    analysis = gb.analyze(scenario)
    assert analysis.admissible_count <= 20_000
    html = build_report(scenario, analysis)
    traces = {t["name"]: t for t in figures(html)["chart-pareto"]["data"]}
    cloud = traces["admissible packages"]
    assert len(cloud["x"]) == analysis.admissible_count
    assert all("tariff: " in text for text in cloud["text"])
    assert f"all {analysis.admissible_count:,} admissible packages" in html


def test_reservation_lines_and_chosen_parties() -> None:
    scenario = gb.load_scenario(DATA / "small.yaml")
    analysis = gb.analyze(scenario)
    html = build_report(scenario, analysis, parties=("Beta", "Alpha"))
    layout = figures(html)["chart-pareto"]["layout"]
    assert [s["x0"] for s in layout["shapes"][:1]] == [analysis.reservation["Beta"]]
    assert layout["shapes"][1]["y0"] == analysis.reservation["Alpha"]
    with pytest.raises(gb.InputError):
        _chosen_parties(analysis, ("Alpha", "Nobody"))
    with pytest.raises(gb.InputError):
        _chosen_parties(analysis, ("Alpha", "Alpha"))


def test_forecast_and_simulation_sections_appear_only_when_given(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    scenario, analysis = us_china
    assert 'id="forecast"' not in us_china_html
    assert 'id="simulation"' not in us_china_html
    forecast = gb.forecast(scenario)
    simulation = gb.simulate(scenario, rounds=10, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, forecast=forecast, simulation=simulation)
    assert 'id="forecast"' in html and 'id="simulation"' in html
    embedded = figures(html)
    assert set(embedded) == {"chart-pareto", "chart-forecast", "chart-simulation"}
    assert len(embedded["chart-forecast"]["data"]) == sum(
        len(item.models) for item in forecast.issues
    )
    parties = scenario.party_names
    assert {t["name"] for t in embedded["chart-simulation"]["data"]} == {
        "Pareto frontier",
        "Nash",
        "agreement"
        if simulation.to_dict()["outcome"]["agreement"]
        else "no deal (reservation values)",
        *(f"offers by {p}" for p in parties),
    }
    for item in forecast.issues:
        assert f"<code>{item.issue.id}</code>" in html
    assert "Every offer" in html


def test_figures_are_valid_plotly() -> None:
    graph_objects = pytest.importorskip("plotly.graph_objects")
    scenario = gb.load_scenario(DATA / "small.yaml")
    analysis = gb.analyze(scenario)
    simulation = gb.simulate(scenario, rounds=5, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, forecast=gb.forecast(scenario), simulation=simulation)
    for figure in figures(html).values():
        graph_objects.Figure(figure)  # raises on any invalid property


def test_stances_show_weights_values_and_red_lines() -> None:
    scenario = gb.load_scenario(DATA / "small.yaml")
    html = build_report(scenario, gb.analyze(scenario))
    assert "built-in method" not in html
    assert "values: Closed 100, Partial 70, Open 0; red lines: Open." in html
    assert "Assumption (backs all numbers): Alpha collects the tariff." in html
    assert "<q>Alpha wants access.</q>" in html
    assert "No evidence given" in html  # Beta's stances carry no evidence


def test_the_backtest_section_appears_only_when_given(us_china_html: str) -> None:
    assert 'id="backtest"' not in us_china_html
    scenario = gb.load_scenario("us-china-phase-one-2019")
    backtest = gb.backtest(scenario, as_of=["2019-07-01", "2019-10-11"], draws=20)
    html = build_report(scenario, gb.analyze(scenario), backtest=backtest)
    section = html.split('<section id="backtest">', 1)[1].split("</section>", 1)[0]
    for date in ("2019-07-01", "2019-10-11"):
        assert f"Forecasts made as of {date}" in section
    data = backtest.to_dict()
    for item in data["dates"]:
        for p in item["predictors"]:
            assert f"<td>{api.predictor_name(p['name'])}</td>" in section  # as the CLI names it
    assert not re.search(r"<td>(nash|kalai-smorodinsky|montecarlo-nash)</td>", section)
    titles = {i.id: i.title for i in scenario.issues}
    labels = {(i.id, o.id): o.label for i in scenario.issues for o in i.options}
    not_scored = data["outcomes"]["not_scored"]
    assert not_scored == ["china-retaliation", "legal-form", "huawei", "china-countermeasures"]
    assert "not scored: " + ", ".join(html_escape(titles[i]) for i in not_scored) in section
    for row in data["dates"][0]["predictors"][0]["issues"]:  # the outcomes, by title and label
        issue, option = row["issue"], row["outcome_option"]
        cells = f"<tr><td>{html_escape(titles[issue])}</td>"
        assert cells in section
        if option is not None:
            assert html_escape(labels[(issue, option)]) in section
    assert "<code>us-tariffs-remaining</code>" not in section  # ids stay in the data only
