"""``grandbargain outlook``: the table shows what the JSON says; bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import grandbargain as gb

from ..backtest.tiny import SCENARIO
from .helpers import assert_clean_exit, invoke

SCHEMA = json.loads((Path(gb.__file__).parent / "schemas" / "outlook.schema.json").read_text())


@pytest.fixture
def tiny(tmp_path: Path) -> str:
    path = tmp_path / "tiny.yaml"
    path.write_text(SCENARIO)
    return str(path)


def test_json_validates_against_the_schema_and_the_table_shows_its_labels(tiny: str) -> None:
    for draws in ("0", "4"):
        result = invoke(
            ["outlook", tiny, "--as-of", "2024-03-01", "--draws", draws, "--format", "json"]
        )
        assert_clean_exit(result, 0)
        data = json.loads(result.stdout)
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        assert data["nominal"] is (draws == "0")
    table = invoke(["outlook", tiny, "--as-of", "2024-03-01", "--draws", "0"])
    assert_clean_exit(table, 0)
    for item in data["issues"]:
        label = {o["id"]: o["label"] for o in item["options"]}
        assert item["title"] in table.stdout and label[item["most_likely"]] in table.stdout
    assert "blocking constraints: not available" in table.stdout
    assert "(nominal)" in table.stdout and "Most likely" in table.stdout


def test_the_shipped_scenario_validates_with_draws(tiny: str) -> None:
    result = invoke(["outlook", "--as-of", "2025-07-20", "--draws", "3", "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert len(data["issues"]) == 21 and data["as_of"] == "2025-07-20"


def test_a_condition_fixes_that_state_as_the_api_does() -> None:
    args = ["--as-of", "2025-07-20", "--draws", "3", "--condition", "allies=defect"]
    result = invoke(["outlook", *args, "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    truth = gb.outlook(
        gb.load_scenario("us-china-2025"), "2025-07-20", 3, conditions={"allies": "defect"}
    )
    assert data == json.loads(json.dumps(truth.to_dict()))
    assert data["conditions"] == {"allies": "defect"}
    assert "allies=defect" in invoke(["outlook", *args]).stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no-such-scenario"], "no-such-scenario"),
        (["--as-of", "2025-02-30"], "--as-of"),
        (["--draws", "-1"], "--draws"),
        (["--seed", "-1"], "--seed"),
        (["--weight", "oracle=1"], "unknown predictor"),
        (["--weight", "nash"], "PREDICTOR=NUMBER"),
        (["--condition", "nope=x"], "--condition: nope: unknown condition"),
        (["--condition", "allies=vanished"], "--condition: allies: unknown state 'vanished'"),
        (["--condition", "allies"], "expected NAME=STATE"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], says: str) -> None:
    result = invoke(
        ["outlook", *args, "--draws", "0"] if "--draws" not in args else ["outlook", *args]
    )
    assert_clean_exit(result, 2)
    assert says in result.stderr
