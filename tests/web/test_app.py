"""The web API answers what-if questions exactly as the Python API does."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from fastapi.testclient import TestClient

import grandbargain as gb
from grandbargain import api

from ..conftest import DATA
from .app_support import SHIPPED, US, answered, edited, party_data, solutions

SCHEMAS = Path(gb.__file__).parent / "schemas"
SCENARIO = gb.load_scenario(US)
IDS = [
    *("scenario-select", "upload-input", "upload-error", "status", "party-x", "party-y"),
    *("frontier-chart", "solutions", "nash-package", "changed", "reset"),
    *("download-yaml", "download-json", "download-report"),
    *("sim-rounds", "sim-run", "sim-transcript", "sim-result", "evidence-issue", "evidence-list"),
]


def whatif(client: TestClient, **body: Any) -> Any:
    return client.post("/api/whatif", json={"scenario": SHIPPED, **body})


def test_the_page_has_every_control_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    for element in IDS:
        assert f'id="{element}"' in html, element
    assert f'<option value="{US}" selected>' in html
    assert "data-ready" in html and "data-busy" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") or s == "data:," for s in sources), sources
    config = html.split('id="gb-config">', 1)[1].split("</script>", 1)[0]
    data = json.loads(config)
    assert data["default"] == US and US in [s["id"] for s in data["shipped"]]
    assert set(data["strategies"]) == set(api.strategy_descriptions())


def test_static_files_and_plotly_are_served_locally(client: TestClient) -> None:
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    # user text only through textContent and attributes; the one HTML the page parses is the
    # server's autoescaped briefing fragment, through DOMParser (which runs no script)
    assert not re.search(r"\.(inner|outer)HTML|insertAdjacentHTML|document\.write", script.text)
    assert script.text.count("new DOMParser()") == 1
    assert re.search(r"parseFromString\(html, \"text/html\"\)", script.text)
    assert "renderBriefing(answer.briefing_html)" in script.text
    assert client.get("/static/app.css").status_code == 200
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/secret.py").status_code == 404


def test_scenarios_and_controls(client: TestClient) -> None:
    listed = client.get("/api/scenarios").json()
    assert [s["id"] for s in listed["scenarios"]] == [s.name for s in api.list_shipped_scenarios()]
    view = client.post("/api/scenario", json={"scenario": SHIPPED}).json()["scenario"]
    assert [p["name"] for p in view["parties"]] == list(SCENARIO.party_names)
    assert [i["id"] for i in view["issues"]] == [i.id for i in SCENARIO.issues]
    china = SCENARIO.party("China")
    weights = view["parties"][1]["weights"]
    assert weights == {issue: stance.weight for issue, stance in china.stances.items()}
    assert view["conditions"][0]["id"] == SCENARIO.conditions[0].id


def test_unchanged_what_if_is_the_quick_analysis(client: TestClient) -> None:
    response = whatif(client)
    truth = gb.analyze(SCENARIO, quick=True)
    assert answered(response) == solutions(truth)
    body = response.json()
    nash = truth.solutions.nash
    assert nash is not None
    assert body["nash_package"] == "\n".join(f"{i}={o}" for i, o in nash.package.items())
    assert body["changed"] == []
    assert body["analysis"]["reservation"] == dict(truth.reservation)
    assert body["analysis"]["frontier_size"] == len(truth.frontier)
    names = [trace["name"] for trace in body["figure"]["data"]]
    for name in ("Pareto frontier", "status quo", "Nash", "Kalai-Smorodinsky"):
        assert name in names
    assert len(body["figure"]["layout"]["shapes"]) == 2  # the two reservation lines


WEIGHT_CHANGES = [
    ("United States", "h20-exports", 0.0),
    ("United States", "rare-earths", 0.0),
    ("China", "rare-earths", 0.0),
]


def test_a_weight_change_moves_nash_exactly_as_analyze_on_the_changed_scenario(
    client: TestClient,
) -> None:
    before = solutions(gb.analyze(SCENARIO))["nash"]
    for party, issue, weight in WEIGHT_CHANGES:

        def edit(data: dict[str, Any], p: str = party, i: str = issue, w: float = weight) -> None:
            party_data(data, p)["stances"][i]["weight"] = w

        truth = solutions(gb.analyze(edited(SCENARIO, edit)))
        if truth["nash"] != before:
            break
    else:
        pytest.fail("no weight change in WEIGHT_CHANGES moves the Nash package")
    response = whatif(client, changes={"weights": {party: {issue: weight}}})
    assert answered(response) == truth
    assert answered(response)["nash"] != before
    body = response.json()
    assert body["nash_package"].splitlines() == [f"{i}={o}" for i, o in truth["nash"].items()]
    [changed] = body["changed"]
    old = SCENARIO.party(party).stances[issue].weight
    assert changed["path"] == f"parties.{party}.stances.{issue}.weight"
    assert (changed["old"], changed["new"]) == (old, weight)
    assert changed["backed_by"]  # the evidence that backed the old number


def test_reservation_values_change_the_result_as_analyze_does(client: TestClient) -> None:
    for value in (0.6, 0.99):

        def edit(data: dict[str, Any], v: float = value) -> None:
            party_data(data, "China")["reservation_value"] = v

        truth = gb.analyze(edited(SCENARIO, edit), quick=True)
        response = whatif(client, changes={"reservation_values": {"China": value}})
        assert answered(response) == solutions(truth)
        assert response.json()["analysis"]["reservation"]["China"] == value
    assert answered(response)["nash"] is None  # nothing gives China 0.99 and the US a gain
    assert response.json()["nash_package"] is None
    default = whatif(client, changes={"reservation_values": {"China": None}})
    assert answered(default) == solutions(gb.analyze(SCENARIO))
    assert default.json()["changed"] == []


def test_red_lines_change_the_result_as_analyze_does(client: TestClient) -> None:
    nash = gb.analyze(SCENARIO, quick=True).solutions.nash
    assert nash is not None
    chosen = nash.package["h20-exports"]

    def edit(data: dict[str, Any]) -> None:
        party_data(data, "United States")["stances"]["h20-exports"]["red_lines"] = [chosen]

    truth = solutions(gb.analyze(edited(SCENARIO, edit)))
    lines = {"United States": {"h20-exports": [chosen]}}
    response = whatif(client, changes={"red_lines": lines})
    assert answered(response) == truth
    assert truth["nash"] is not None and truth["nash"]["h20-exports"] != chosen
    [changed] = response.json()["changed"]
    assert changed["path"] == "parties.United States.stances.h20-exports.red_lines"
    assert (changed["old"], changed["new"]) == ([], [chosen])


def test_condition_states_change_the_result_as_analyze_does(client: TestClient) -> None:
    condition = SCENARIO.conditions[0]
    other = next(s.id for s in condition.states if s.id != condition.default)
    chosen = {condition.id: other}
    truth = gb.analyze(SCENARIO, conditions=chosen, quick=True)
    assert solutions(truth) != solutions(gb.analyze(SCENARIO, quick=True))
    response = whatif(client, conditions=chosen)
    assert answered(response) == solutions(truth)
    assert response.json()["analysis"]["conditions"][condition.id] == other
    assert response.json()["changed"] == []  # conditions are inputs, not scenario edits


def test_the_chart_parties_can_be_chosen(client: TestClient) -> None:
    flipped = list(reversed(SCENARIO.party_names[:2]))
    body = whatif(client, parties=flipped).json()
    assert body["parties"] == flipped
    assert (
        body["figure"]["layout"]["xaxis"]["title"]["text"] == f"utility of {flipped[0]} (0-1 scale)"
    )


def test_simulation_is_the_api_simulation_on_the_changed_scenario(client: TestClient) -> None:
    weights = {"China": {"rare-earths": 0.0}}
    strategies = {"United States": "boulware", "China": "conceder"}
    response = client.post(
        "/api/simulate",
        json={
            "scenario": SHIPPED,
            "changes": {"weights": weights},
            "strategies": strategies,
            "rounds": 30,
            "seed": 3,
        },
    )
    assert response.status_code == 200, response.text
    changed = api.apply_changes(SCENARIO, api.ScenarioChanges(weights=weights)).scenario
    truth = gb.simulate(changed, strategies, rounds=30, seed=3, compare_agendas=False)
    assert response.json() == json.loads(json.dumps(truth.to_dict()))
    schema = json.loads((SCHEMAS / "simulation.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(response.json())


def test_evidence_for_an_issue_lists_quotes_sources_and_assumptions(client: TestClient) -> None:
    issue = SCENARIO.issue("rare-earths")
    response = client.post(
        "/api/evidence",
        json={
            "scenario": SHIPPED,
            "issue": issue.id,
            "changes": {"weights": {"China": {issue.id: 1.0}}},
        },
    )
    assert response.status_code == 200, response.text
    row = response.json()
    quotes = [e.quote for e in issue.evidence if e.quote]
    for party in SCENARIO.parties:
        quotes += [e.quote for e in party.stances[issue.id].evidence if e.quote]
    listed = [e["quote"] for e in row["issue_evidence"]]
    listed += [e["quote"] for s in row["stances"] for e in s["evidence"] if not e["assumption"]]
    assert sorted(listed) == sorted(quotes)
    items = [e for s in row["stances"] for e in s["evidence"]]
    assert any(e["assumption"] for e in items)
    assert all(e["date"] and e["source_title"] for e in items if not e["assumption"])
    changed = {s["party"]: s["changed"] for s in row["stances"]}
    assert changed == {"United States": [], "China": ["weight"]}


def test_downloads_are_the_changed_scenario_its_analysis_and_report(client: TestClient) -> None:
    body = {"scenario": SHIPPED, "changes": {"weights": {"China": {"rare-earths": 7}}}}
    changed = api.apply_changes(
        SCENARIO, api.ScenarioChanges(weights={"China": {"rare-earths": 7}})
    ).scenario
    scenario_file = client.post("/api/download/yaml", json=body)
    assert scenario_file.status_code == 200
    assert scenario_file.headers["content-disposition"] == (
        f'attachment; filename="{US}-what-if.yaml"'
    )
    assert gb.load_scenario_text(scenario_file.text, "download.yaml") == changed
    assert yaml.safe_load(scenario_file.text)["id"] == US
    analysis = client.post("/api/download/json", json=body)
    data = analysis.json()
    schema = json.loads((SCHEMAS / "analysis.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["quick"] is False and isinstance(data["feasible_count"], int)
    assert data == json.loads(json.dumps(gb.analyze(changed).to_dict()))
    report = client.post("/api/download/report", json=body)
    assert report.status_code == 200
    assert report.text.startswith("<!doctype html>") or report.text.startswith("<!DOCTYPE html>")
    assert 'filename="us-china-2025-what-if-report.html"' in report.headers["content-disposition"]
    assert client.post("/api/download/exe", json=body).status_code == 404


def test_an_uploaded_file_is_checked_and_then_sent_back_as_text(client: TestClient) -> None:
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    upload = client.post(
        "/api/upload?name=small.yaml",
        content=text.encode(),
        headers={"content-type": "application/octet-stream"},
    )
    assert upload.status_code == 200, upload.text
    assert upload.json()["name"] == "small.yaml"
    assert [p["name"] for p in upload.json()["scenario"]["parties"]] == ["Alpha", "Beta"]
    source = {"text": text, "name": "small.yaml"}
    changes = {"weights": {"Beta": {"access": 5}}}
    response = client.post("/api/whatif", json={"scenario": source, "changes": changes})

    def edit(data: dict[str, Any]) -> None:
        party_data(data, "Beta")["stances"]["access"]["weight"] = 5

    small = gb.load_scenario_text(text, "small.yaml")
    assert answered(response) == solutions(gb.analyze(edited(small, edit)))


def test_as_of_analyses_the_scenario_on_that_date(client: TestClient) -> None:
    day = "2025-06-08"
    response = client.post("/api/whatif", json={"scenario": SHIPPED, "as_of": day})
    assert response.status_code == 200, response.text
    body = response.json()
    truth = gb.analyze(SCENARIO, as_of=day, quick=True)
    later = gb.analyze(SCENARIO, quick=True)
    assert truth.solutions.nash is not None and later.solutions.nash is not None
    assert dict(truth.solutions.nash.package) != dict(later.solutions.nash.package)
    nash = next(s for s in body["solutions"] if s["concept"] == "nash")
    assert nash["package"] == dict(truth.solutions.nash.package)
    assert body["analysis"]["as_of"] == day
    assert body["briefing"]["as_of"] == day
    nash_x, nash_y = (truth.solutions.nash.utilities[p] for p in truth.parties[:2])
    assert f"Nash at ({nash_x:.3f}, {nash_y:.3f})" in body["figure_summary"]
    bad = client.post("/api/whatif", json={"scenario": SHIPPED, "as_of": "2025-13-01"})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "as_of"


def _sentences(briefing: gb.Briefing) -> list[list[str]]:
    return [[s.text for s in part.sentences] for part in briefing.sections]


def test_a_condition_change_gives_the_briefing_of_the_api_under_that_condition(
    client: TestClient,
) -> None:
    condition = SCENARIO.conditions[0]
    other = next(s.id for s in condition.states if s.id != condition.default)
    chosen = {condition.id: other}
    body = whatif(client, conditions=chosen).json()
    truth = gb.brief(SCENARIO, draws=0, conditions=chosen, explain=False)
    assert [part["sentences"] for part in body["briefing"]["sections"]] == _sentences(truth)
    default = whatif(client, conditions={condition.id: condition.default}).json()
    # The condition reached this what-if: the unconstrained solutions move with it. (Under
    # the ratification rules no package of us-china-2025 moves with the allies' stance, so
    # the quick briefing reads the same under both states; the full briefing differs in its
    # blockers, tests/outlook/test_conditions.py.)
    assert default["solutions"] != body["solutions"]
    plain = gb.brief(SCENARIO, draws=0, explain=False)
    assert [part["sentences"] for part in default["briefing"]["sections"]] == _sentences(plain)


@pytest.mark.parametrize("kind", ["yaml", "json", "report"])
def test_downloads_refuse_an_unknown_condition_by_name(client: TestClient, kind: str) -> None:
    for conditions, field in (({"nope": "x"}, "nope"), ({"allies": "vanished"}, "allies")):
        body = {"scenario": SHIPPED, "conditions": conditions}
        response = client.post(f"/api/download/{kind}", json=body)
        assert response.status_code == 422, (kind, response.text)
        problem = response.json()["problems"][0]
        assert problem["field"] == field and "unknown" in problem["message"]


def test_every_what_if_answer_carries_the_briefing_of_the_changed_scenario(
    client: TestClient,
) -> None:
    day = "2025-06-08"
    change = {"weights": {"China": {"rare-earths": 0}}}
    body = whatif(client, changes=change, as_of=day).json()
    changed = api.apply_changes(
        SCENARIO, api.ScenarioChanges(weights={"China": {"rare-earths": 0}})
    ).scenario
    truth = gb.brief(changed, as_of=day, draws=0, explain=False)
    assert [part["sentences"] for part in body["briefing"]["sections"]] == _sentences(truth)
    assert body["briefing"]["draws"] == 0 and body["briefing"]["as_of"] == day
    unchanged = gb.brief(SCENARIO, as_of=day, draws=0, explain=False)
    assert _sentences(truth) != _sentences(unchanged)  # the change shows in the briefing
    fragment = body["briefing_html"]
    assert fragment.startswith('<section id="briefing"')
    shown = re.findall(r'<span class="brief-text">(.*?)</span>', fragment, re.S)
    assert [html.unescape(t) for t in shown] == [t for part in _sentences(truth) for t in part]
