"""The report reads answer first: section order, the briefing and outlook slots, long tables
folded away with CSV downloads, charts with titles, units and text alternatives, and the
simulation's agreed package (or who walked away)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.api import Analysis, Scenario
from grandbargain.report import build_report
from grandbargain.report.downloads import csv_text

from ..conftest import DATA
from .helpers import figures

ORDER = [
    "briefing",
    "outlook",
    "trades",
    "frontier",
    "solutions",
    "forecast",
    "simulation",
    "evidence",
    "timeline",
    "backtest",
    "scenario",
]


def _sections(html: str) -> list[str]:
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    return re.findall(r'<section id="([a-z-]+)"', main)


def _csv(html: str, name: str) -> list[list[str]]:
    """The rows of the CSV download whose file name ends with ``name``."""
    found = re.search(
        rf'download="[^"]*{re.escape(name)}" href="data:text/csv;charset=utf-8;base64,([^"]+)"',
        html,
    )
    assert found, name
    text = base64.b64decode(found[1]).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}"', 1)[1].split("</section>", 1)[0]


@pytest.fixture(scope="module")
def small() -> tuple[Scenario, Analysis]:
    scenario = gb.load_scenario(DATA / "small.yaml")
    return scenario, gb.analyze(scenario)


@pytest.fixture(scope="module")
def full_phase_one() -> str:
    """The Phase One report with every optional part, briefing and outlook included."""
    scenario = gb.load_scenario("us-china-phase-one-2019")
    july = dt.date(2019, 7, 1)
    analysis = gb.analyze(scenario, as_of=july)
    outlook = gb.outlook(scenario, july, draws=0)
    return build_report(
        scenario,
        analysis,
        forecast=gb.forecast(scenario, as_of=july),
        simulation=gb.simulate(scenario, rounds=8, compare_agendas=False, analysis=analysis),
        backtest=gb.backtest(scenario, as_of=["2019-07-01"], draws=10),
        conflicts=[],
        briefing=api.briefing_of(outlook, scenario),
        outlook=outlook,
    )


def test_sections_come_answer_first_in_the_agreed_order(full_phase_one: str) -> None:
    sections = _sections(full_phase_one)
    assert [s for s in sections if s in ORDER] == ORDER
    assert sections.index("conflicts") == sections.index("evidence") + 1
    nav = re.findall(
        r'<a href="#([a-z-]+)">', full_phase_one.split("<nav", 1)[1].split("</nav>")[0]
    )
    assert nav == [s for s in sections]


def test_the_slots_render_nothing_without_a_briefing_or_outlook(us_china_html: str) -> None:
    sections = _sections(us_china_html)
    assert sections[0] == "trades"
    assert "briefing" not in sections and "outlook" not in sections
    assert 'href="#briefing"' not in us_china_html and 'href="#outlook"' not in us_china_html


def test_outlook_bars_are_as_wide_as_the_probabilities(full_phase_one: str) -> None:
    outlook = full_phase_one.split('<section id="outlook"', 1)[1].split("</section>", 1)[0]
    scenario = gb.load_scenario("us-china-phase-one-2019")
    truth = gb.outlook(scenario, dt.date(2019, 7, 1), draws=0)
    probabilities = [o.probability for issue in truth.issues for o in issue.options]
    widths = [float(w) for w in re.findall(r'style="width: ([0-9.]+)%"', outlook)]
    assert widths == [round(100 * p, 1) for p in probabilities]
    shown = re.findall(r"</span></span> (\d+)%", outlook)
    assert shown == [f"{100 * p:.0f}" for p in probabilities]
    assert len(set(widths)) > 1  # not every bar the same


def test_frontier_points_are_folded_away_with_a_csv_of_the_frontier(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    scenario, analysis = us_china
    details = us_china_html.split('<details class="long" id="frontier-points">', 1)[1]
    details = details.split("</details>", 1)[0]
    assert details.count("<tr>") == len(analysis.frontier) + 1  # with the header row
    rows = _csv(us_china_html, "-frontier.csv")
    header, body = rows[0], rows[1:]
    parties = list(analysis.parties)
    issues = [i.id for i in scenario.issues]
    assert header == [f"utility of {p}" for p in parties] + issues
    # the same points as the engine's frontier, each with its package in option labels
    truth = set()
    for k in range(len(analysis.frontier)):
        package = analysis.space.package_dict(analysis.frontier.packages[k])
        labels = tuple(
            scenario.issue(i)
            .options[[o.id for o in scenario.issue(i).options].index(package[i])]
            .label
            for i in issues
        )
        truth.add((*(round(float(u), 9) for u in analysis.frontier.utilities[k]), *labels))
    shown = {
        (*(round(float(v), 9) for v in row[: len(parties)]), *row[len(parties) :]) for row in body
    }
    assert shown == truth and len(body) == len(analysis.frontier)


def test_the_full_transcript_is_folded_away_with_a_csv(
    small: tuple[Scenario, Analysis],
) -> None:
    scenario, analysis = small
    simulation = gb.simulate(scenario, rounds=6, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, simulation=simulation)
    data = simulation.to_dict()
    steps = [s for stage in data["stages"] for s in stage["transcript"]]
    rows = _csv(html, "-transcript.csv")
    assert rows[0][:4] == ["stage", "round", "party", "action"]
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        (str(s["round"]), s["party"], s["action"]) for s in steps
    ]
    labels = {o.id: o.label for o in scenario.issue("access").options}
    column = rows[0].index("access")
    for row, step in zip(rows[1:], steps, strict=True):
        expected = "" if step["package"] is None else labels[step["package"]["access"]]
        assert row[column] == expected
    transcript = html.split('<details class="long" id="transcript">', 1)[1].split("</details>")[0]
    offers = [s for s in steps if s["action"] == "offer"]
    assert transcript.count("<tr>") == len(offers) + 1


def test_csv_cells_never_become_formulas() -> None:
    text = csv_text(["name", "value"], [["=HYPERLINK(1)", -0.5], ["+1", "@x"], ["-2.5", None]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "value"],
        ["'=HYPERLINK(1)", "-0.5"],
        ["+1", "'@x"],
        ["-2.5", ""],
    ]


def test_offers_chart_shows_each_sides_offers_nash_and_the_agreement(
    us_china: tuple[Scenario, Analysis],
) -> None:
    scenario, analysis = us_china
    sim = gb.simulate(scenario, rounds=20, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, simulation=sim)
    traces = {t["name"]: t for t in figures(html)["chart-simulation"]["data"]}
    data = sim.to_dict()
    a, b = analysis.parties[:2]
    for party in data["parties"]:
        mine = [
            s["utilities"]
            for stage in data["stages"]
            for s in stage["transcript"]
            if s["party"] == party and s["action"] == "offer"
        ]
        assert traces[f"offers by {party}"]["x"] == [u[a] for u in mine]
        assert traces[f"offers by {party}"]["y"] == [u[b] for u in mine]
    nash = analysis.solutions.nash
    assert nash is not None
    assert (traces["Nash"]["x"], traces["Nash"]["y"]) == ([nash.utilities[a]], [nash.utilities[b]])
    end = traces["agreement" if data["outcome"]["agreement"] else "no deal (reservation values)"]
    assert (end["x"][0], end["y"][0]) == (
        data["outcome"]["utilities"][a],
        data["outcome"]["utilities"][b],
    )


def test_forecast_is_one_small_chart_per_issue(us_china: tuple[Scenario, Analysis]) -> None:
    scenario, analysis = us_china
    forecast = gb.forecast(scenario)
    html = build_report(scenario, analysis, forecast=forecast)
    figure = figures(html)["chart-forecast"]
    issues = forecast.to_dict()["issues"]
    axes = {(t["xaxis"], t["yaxis"]) for t in figure["data"]}
    assert len(axes) == len(issues)
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert len(titles) == len(issues)
    for k, issue in enumerate(issues, start=1):
        x = "x" if k == 1 else f"x{k}"
        mine = [t for t in figure["data"] if t["xaxis"] == x]
        assert [t["name"] for t in mine] == list(issue["models"])
        for trace, result in zip(mine, issue["models"].values(), strict=True):
            assert trace["y"] == [step["mean"] for step in result["trajectory"]]
        y = "yaxis" if k == 1 else f"yaxis{k}"
        assert figure["layout"][y]["range"] == [0, 100]
    assert sum(t["showlegend"] for t in figure["data"]) == len(
        {m for i in issues for m in i["models"]}
    )


def test_every_chart_has_a_title_axis_units_and_a_text_alternative(full_phase_one: str) -> None:
    embedded = figures(full_phase_one)
    assert set(embedded) == {"chart-pareto", "chart-forecast", "chart-simulation"}
    for element, figure in embedded.items():
        layout = figure["layout"]
        assert layout["title"]["text"].strip(), element
        axis_titles = [
            value["title"]["text"]
            for key, value in layout.items()
            if re.fullmatch(r"[xy]axis\d*", key) and value["title"]["text"]
        ]
        assert axis_titles, element
        assert all(re.search(r"\((0-1|0-100) scale\)|\(0-100\)|^round$", t) for t in axis_titles)
        figure_html = full_phase_one.split(f'id="{element}"', 1)[1].split("</figure>", 1)[0]
        caption = figure_html.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
        assert len(caption) > 80


def test_the_frontier_caption_states_the_solutions_where_the_chart_draws_them(
    us_china: tuple[Scenario, Analysis], us_china_html: str
) -> None:
    _, analysis = us_china
    caption = us_china_html.split('id="chart-pareto"', 1)[1].split("<figcaption>", 1)[1]
    caption = caption.split("</figcaption>", 1)[0]
    a, b = analysis.parties[:2]
    nash = analysis.solutions.nash
    assert nash is not None
    assert f"Nash at ({nash.utilities[a]:.3f}, {nash.utilities[b]:.3f})" in caption
    assert f"{len(analysis.frontier):,} packages" in caption


def _walk_away_scenario() -> Scenario:
    """small.yaml where Beta red-lines both options of the status quo it likes best (as of
    its date: low tariff, closed market): nothing it may offer reaches its reservation
    value, so it walks away at its first move."""
    data = gb.scenario_to_dict(gb.load_scenario(DATA / "small.yaml"))
    stances = next(p for p in data["parties"] if p["name"] == "Beta")["stances"]
    stances["tariff"]["red_lines"] = ["low"]
    stances["access"]["red_lines"] = ["closed", "open"]
    return gb.load_scenario_text(json.dumps(data), "walk-away.json")


def test_a_walk_away_is_reported_as_no_deal_and_names_who_left() -> None:
    scenario = _walk_away_scenario()
    analysis = gb.analyze(scenario)
    sim = gb.simulate(scenario, rounds=6, compare_agendas=False, analysis=analysis)
    data: dict[str, Any] = sim.to_dict()
    (stage,) = data["stages"]
    assert stage["ended"] == "walk-away"  # the premise of the test
    html = build_report(scenario, analysis, simulation=sim)
    section = _section(html, "simulation")
    rounds = stage["rounds_used"]
    assert f"No deal: {stage['walked_away']} walked away after {rounds} round" in section
    package = section.split('id="agreed-package"', 1)[1].split("</table>", 1)[0]
    assert package.count("no deal: the status quo stays") == len(scenario.issues)
    assert ">agreed<" not in package
    assert "no deal (reservation values)" in {
        t["name"] for t in figures(html)["chart-simulation"]["data"]
    }


def test_an_agreement_lists_the_agreed_package_in_option_labels(
    small: tuple[Scenario, Analysis],
) -> None:
    scenario, analysis = small
    sim = gb.simulate(scenario, rounds=30, compare_agendas=False, analysis=analysis)
    data = sim.to_dict()
    assert data["outcome"]["agreement"]  # the premise of the test
    html = build_report(scenario, analysis, simulation=sim)
    section = _section(html, "simulation")
    assert f"Agreement after {data['outcome']['rounds_used']} rounds." in section
    package = section.split('id="agreed-package"', 1)[1].split("</table>", 1)[0]
    for issue, option in data["outcome"]["package"].items():
        label = next(o.label for o in scenario.issue(issue).options if o.id == option)
        title = scenario.issue(issue).title
        assert f"{title} <code>{issue}</code></th><td>{label}</td><td>agreed</td>" in package
