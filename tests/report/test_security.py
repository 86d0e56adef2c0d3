"""User text is inert everywhere it lands: HTML, hover text and embedded JSON."""

from __future__ import annotations

import json

import grandbargain as gb
from grandbargain.report import build_report

from ..hostile import SCRIPT, hostile_data
from .helpers import figures, parse


def _evil_report() -> tuple[str, gb.Scenario]:
    data = hostile_data()
    scenario = gb.load_scenario_text(json.dumps(data, default=str))
    analysis = gb.analyze(scenario)
    forecast = gb.forecast(scenario)
    simulation = gb.simulate(scenario, rounds=5, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, forecast=forecast, simulation=simulation)
    return html, scenario


def test_hostile_names_render_inert() -> None:
    html, scenario = _evil_report()
    assert scenario.parties[0].name == f"Alpha{SCRIPT}"
    assert "<script>alert(" not in html
    assert "</script><script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    scripts = parse(html).scripts
    assert [attrs for attrs, _ in scripts] == [
        {},
        {"type": "application/json", "id": "gb-figures"},
        {},
    ]
    assert "alert(" not in scripts[2][1]


def test_embedded_json_escapes_markup_and_hover_text_is_escaped() -> None:
    html, _ = _evil_report()
    raw = html.split('id="gb-figures">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c" in raw
    embedded = figures(html)
    texts = [text for trace in embedded["chart-pareto"]["data"] for text in trace["text"]]
    assert texts
    assert all("<script" not in text for text in texts)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in texts)
    names = [trace["name"] for figure in embedded.values() for trace in figure["data"]]
    assert all("<script" not in name for name in names)
    titles = [figure["layout"]["title"]["text"] for figure in embedded.values()]
    assert all("<script" not in title for title in titles)


def test_json_for_script_drops_non_finite_numbers() -> None:
    from grandbargain.report.output import json_for_script

    text = str(json_for_script({"a": [float("nan"), 1.5, float("inf")], "b": "</script>&"}))
    assert json.loads(text) == {"a": [None, 1.5, None], "b": "</script>&"}
    assert "<" not in text and "&" not in text


def test_the_backtest_section_escapes_the_outcomes_file_name() -> None:
    scenario = gb.load_scenario_text(json.dumps(hostile_data(), default=str))
    text = (
        "schema_version: 1\nscenario: small\ndate: 2025-09-01\noutcomes:\n"
        "  - {issue: tariff, option: low, assumption: {reasoning: Cut.}}\n"
        "  - {issue: access, position: 40, assumption: {reasoning: Opened a little.}}\n"
    )
    outcomes = gb.api.load_outcomes_text(text, scenario, f"evil{SCRIPT}.yaml")
    backtest = gb.backtest(scenario, outcomes, draws=5)
    html = build_report(scenario, gb.analyze(scenario), backtest=backtest)
    assert 'id="backtest"' in html
    assert "<script>alert(" not in html
    assert "evil&lt;script&gt;alert(1)&lt;/script&gt;.yaml" in html
