"""Outcome files: every class of bad input names file, line, column and field."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import grandbargain as gb
from grandbargain import api

from ..backtest.tiny import OUTCOMES, SCENARIO

FILE = "tiny.outcomes.yaml"
LONG_QUOTE = " ".join(["word"] * 41)

# (case, text replaced, replacement, field path, message fragment, text on the reported line)
CASES = [
    (
        "unknown scenario",
        "scenario: tiny",
        "scenario: tinny",
        "scenario",
        "the outcomes are for scenario 'tinny', not 'tiny'",
        "scenario: tinny",
    ),
    (
        "unknown issue",
        "- issue: buy",
        "- issue: bye",
        "outcomes[1].issue",
        "unknown issue 'bye'; expected one of: tariff, buy",
        "- issue: bye",
    ),
    (
        "unknown option",
        "option: large",
        "option: huge",
        "outcomes[1].option",
        "unknown option 'huge' of issue 'buy'; expected one of: small, large",
        "option: huge",
    ),
    (
        "position above the scale",
        "position: 40",
        "position: 140",
        "outcomes[0].position",
        "less than or equal to 100",
        "position: 140",
    ),
    (
        "position below the scale",
        "position: 40",
        "position: -5",
        "outcomes[0].position",
        "greater than or equal to 0",
        "position: -5",
    ),
    (
        "position true",
        "position: 40",
        "position: true",
        "outcomes[0].position",
        "not true/false",
        "position: true",
    ),
    (
        "duplicate issue",
        "- issue: buy",
        "- issue: tariff",
        "outcomes[1].issue",
        "issue 'tariff' is scored twice (first at outcomes[0])",
        "- issue: tariff",
    ),
    (
        "unknown top-level key",
        "date: 2024-12-31",
        "date: 2024-12-31\ncolour: red",
        "colour",
        "unknown field 'colour'; expected one of: date, outcomes, scenario, schema_version",
        "colour: red",
    ),
    (
        "unknown outcome key",
        "    option: large",
        "    option: large\n    confidence: high",
        "outcomes[1].confidence",
        "unknown field 'confidence'; expected one of: assumption, evidence, issue, note, "
        "option, position",
        "confidence: high",
    ),
    (
        "unknown evidence key",
        'quote: "They bought a lot."}',
        'quote: "They bought a lot.", page: 3}',
        "outcomes[1].evidence[0].page",
        "unknown field 'page'; expected one of: quote, source",
        "page: 3",
    ),
    (
        "option and position",
        "    option: large",
        "    option: large\n    position: 100",
        "outcomes[1]",
        "give either option or position (exactly one of them)",
        "- issue: buy",
    ),
    (
        "neither option nor position",
        "    position: 40\n",
        "",
        "outcomes[0]",
        "give either option or position (exactly one of them)",
        "- issue: tariff",
    ),
    (
        "evidence and assumption",
        "    option: large\n",
        "    option: large\n    assumption: {reasoning: Bought.}\n",
        "outcomes[1]",
        "give either evidence or assumption (exactly one of them)",
        "- issue: buy",
    ),
    (
        "neither evidence nor assumption",
        '    assumption: {reasoning: "Cut part of the way."}\n',
        "",
        "outcomes[0]",
        "give either evidence or assumption (exactly one of them)",
        "- issue: tariff",
    ),
    (
        "empty evidence",
        '    evidence:\n      - {source: memo, quote: "They bought a lot."}',
        "    evidence: []",
        "outcomes[1].evidence",
        "at least 1 item",
        "evidence: []",
    ),
    (
        "quote too long",
        '"They bought a lot."',
        f'"{LONG_QUOTE}"',
        "outcomes[1].evidence[0]",
        "quote has 41 words; at most 40 allowed",
        "source: memo",
    ),
    (
        "unknown source",
        "source: memo",
        "source: memoir",
        "outcomes[1].evidence[0].source",
        "unknown source 'memoir'; the scenario declares: memo",
        "source: memoir",
    ),
    (
        "invalid date",
        "date: 2024-12-31",
        "date: 2024-13-45",
        "date",
        "'2024-13-45' is not a valid date",
        "date: 2024-13-45",
    ),
    (
        "missing date",
        "date: 2024-12-31\n",
        "",
        "date",
        "missing required field",
        "schema_version: 1",
    ),
    (
        "wrong schema version",
        "schema_version: 1",
        "schema_version: 2",
        "schema_version",
        "input should be 1",
        "schema_version: 2",
    ),
    (
        "bad issue id",
        "- issue: buy",
        "- issue: Buy Now",
        "outcomes[1].issue",
        "string should match pattern",
        "- issue: Buy Now",
    ),
]


@pytest.fixture(scope="module")
def scenario() -> gb.Scenario:
    return gb.load_scenario_text(SCENARIO, "tiny.yaml")


def _problems(text: str, scenario: gb.Scenario) -> tuple[api.Problem, ...]:
    with pytest.raises(gb.InputError) as caught:
        api.load_outcomes_text(text, scenario, FILE)
    return caught.value.problems


@pytest.mark.parametrize(
    ("case", "old", "new", "field", "message", "on_line"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_names_file_line_column_and_field(
    scenario: gb.Scenario, case: str, old: str, new: str, field: str, message: str, on_line: str
) -> None:
    assert old in OUTCOMES, case
    text = OUTCOMES.replace(old, new, 1)
    problems = _problems(text, scenario)
    matching = [p for p in problems if p.field == field and message in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == FILE and problem.line >= 1 and problem.column >= 1
    assert on_line in text.splitlines()[problem.line - 1], str(problem)
    assert str(problem).startswith(f"{FILE}:{problem.line}:{problem.column}: {field}: ")


def test_an_unknown_key_does_not_hide_the_other_problems(scenario: gb.Scenario) -> None:
    text = OUTCOMES.replace("date: 2024-12-31", "date: 2024-12-31\ncolour: red").replace(
        "option: large", "option: huge"
    )
    fields = [p.field for p in _problems(text, scenario)]
    assert fields == ["colour", "outcomes[1].option"]


def test_a_scenario_without_positions_cannot_be_scored() -> None:
    unplaced = gb.load_scenario_text(
        SCENARIO.replace("{id: none, label: None, position: 100}", "{id: none, label: None}")
    )
    (problem,) = _problems(OUTCOMES, unplaced)
    assert problem.field == "outcomes[0].issue" and problem.line == 5
    assert "no position for option(s) none of issue 'tariff'" in problem.message


def test_an_issue_without_a_status_quo_on_the_date_is_an_input_error() -> None:
    loose = gb.load_scenario_text(SCENARIO.replace("    status_quo: small\n", ""))
    outcomes = api.load_outcomes_text(OUTCOMES, loose, FILE)
    with pytest.raises(gb.InputError) as caught:
        gb.backtest(loose, outcomes)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{FILE}:8:5: outcomes[1].issue: issue 'buy' has no status")


def test_other_shapes_are_refused(scenario: gb.Scenario) -> None:
    (problem,) = _problems("- 1\n- 2\n", scenario)
    assert "top level is a list" in problem.message
    empty = OUTCOMES.split("outcomes:")[0] + "outcomes: []\n"
    assert any("at least 1 item" in p.message for p in _problems(empty, scenario))


def test_a_file_on_disk_and_json_text_load_alike(scenario: gb.Scenario, tmp_path: Path) -> None:
    path = tmp_path / "tiny.outcomes.yaml"
    path.write_text(OUTCOMES)
    loaded = api.load_outcomes(path, scenario)
    assert loaded.file == str(path)
    assert loaded.issues == ("tariff", "buy")
    assert loaded.outcomes[0].position == 40 and loaded.outcomes[1].option == "large"
    as_json = json.dumps(yaml.safe_load(OUTCOMES), default=str)
    assert api.load_outcomes_text(as_json, scenario).outcomes == loaded.outcomes
    bad = tmp_path / "bad.yaml"
    bad.write_text(OUTCOMES.replace("option: large", "option: huge"))
    with pytest.raises(gb.InputError, match=rf"^{bad}:9:5: outcomes\[1\]\.option: unknown"):
        api.load_outcomes(bad, scenario)


def test_outcomes_are_frozen(scenario: gb.Scenario) -> None:
    outcomes = api.load_outcomes_text(OUTCOMES, scenario)
    with pytest.raises(Exception, match="frozen"):
        outcomes.date = outcomes.date  # type: ignore[misc]


def test_the_phase_one_outcomes_ship_and_load() -> None:
    scenario = gb.load_scenario("us-china-phase-one-2019")
    outcomes = gb.shipped_outcomes(scenario)
    assert outcomes is not None
    assert outcomes.file == "us-china-phase-one-2019.outcomes.yaml"
    assert str(outcomes.date) == "2020-01-15" and len(outcomes.outcomes) == 10
    positions = {o.issue: o.position for o in outcomes.outcomes if o.position is not None}
    assert positions == {"us-tariffs-remaining": 74, "purchases-size": 48}
    assert gb.shipped_outcomes(gb.load_scenario("us-china-2025")) is None
    assert "us-china-phase-one-2019.outcomes" not in [s.name for s in gb.list_shipped_scenarios()]


def test_outcomes_beside_a_scenario_file(tmp_path: Path) -> None:
    scenario_file = tmp_path / "tiny.yaml"
    scenario_file.write_text(SCENARIO)
    assert api.outcomes_beside(scenario_file) is None
    (tmp_path / "tiny.outcomes.yaml").write_text(OUTCOMES)
    assert api.outcomes_beside(scenario_file) == str(tmp_path / "tiny.outcomes.yaml")
    assert api.outcomes_beside("us-china-2025") is None


def test_the_committed_schema_is_current_and_accepts_the_shipped_file() -> None:
    committed = Path(gb.__file__).parent / "schemas" / "outcomes.schema.json"
    assert json.loads(committed.read_text()) == api.outcomes_json_schema(), (
        "regenerate: grandbargain schema --outcomes > src/grandbargain/schemas/outcomes.schema.json"
    )
    schema = api.outcomes_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    shipped = Path(gb.__file__).parent / "scenarios" / "us-china-phase-one-2019.outcomes.yaml"
    data = json.loads(json.dumps(yaml.safe_load(shipped.read_text()), default=str))
    assert not list(validator.iter_errors(data))
    both = json.loads(json.dumps(yaml.safe_load(OUTCOMES), default=str))
    both["outcomes"][1]["position"] = 100
    assert list(validator.iter_errors(both))
    assert list(validator.iter_errors({**data, "colour": "red"}))
