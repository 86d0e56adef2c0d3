"""``grandbargain brief``: JSON that validates against its schema, text that shows the JSON's
sentences, and exit 2 with one clear line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import grandbargain as gb

from .helpers import assert_clean_exit, invoke

SCHEMA = json.loads((Path(gb.__file__).parent / "schemas" / "brief.schema.json").read_text())


@pytest.mark.parametrize(
    "args",
    [
        ["--as-of", "2025-07-20", "--draws", "0"],
        ["--as-of", "2025-07-20", "--since", "2025-06-08", "--draws", "3", "--seed", "2"],
        ["us-china-phase-one-2019", "--since", "2019-05-01", "--draws", "0"],
    ],
)
def test_json_validates_and_the_text_shows_the_same_sentences(args: list[str]) -> None:
    result = invoke(["brief", *args, "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    assert data["nominal"] is (args[args.index("--draws") + 1] == "0")
    assert [s["id"] for s in data["sections"]][-1] == (
        "changes" if "--since" in args else "confidence"
    )
    text = invoke(["brief", *args])
    assert_clean_exit(text, 0)
    flat = " ".join(text.stdout.split())
    for part in data["sections"]:
        assert part["title"].upper() in flat
        for sentence in part["sentences"]:
            assert " ".join(sentence["text"].split()) in flat
    assert invoke(["brief", *args, "--format", "table"]).stdout == text.stdout


def test_a_condition_gives_the_briefing_the_api_gives_under_it() -> None:
    args = ["--as-of", "2025-07-20", "--draws", "0", "--condition", "allies=defect"]
    result = invoke(["brief", *args, "--format", "json"])
    assert_clean_exit(result, 0)
    scenario = gb.load_scenario("us-china-2025")
    truth = gb.brief(scenario, "2025-07-20", draws=0, conditions={"allies": "defect"})
    assert json.loads(result.stdout) == json.loads(json.dumps(truth.to_dict()))
    plain = gb.brief(scenario, "2025-07-20", draws=0)
    assert truth.to_dict()["sections"] != plain.to_dict()["sections"]  # it matters


def test_width_wraps_the_text() -> None:
    result = invoke(["brief", "--draws", "0", "--width", "60"])
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines if " " in line.strip()) <= 60


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--as-of", "2025-07-20", "--since", "2025-07-21"], "--since: 2025-07-21 is after"),
        (["--as-of", "2025-02-30"], "--as-of: '2025-02-30' is not a date"),
        (["--since", "June"], "--since: 'June' is not a date"),
        (["no-such-scenario"], "no-such-scenario"),
        (["--seed", "-1"], "--seed"),
        (["--format", "html"], "--format"),
        (["--condition", "nope=x"], "--condition: nope: unknown condition"),
        (["--condition", "allies=vanished"], "--condition: allies: unknown state 'vanished'"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], says: str) -> None:
    result = invoke(["brief", *args, "--draws", "0"])
    assert_clean_exit(result, 2)
    assert says in result.stderr
