"""``grandbargain analyze --ratify``: JSON against its schema on the shipped scenarios, a plain
"no ratifiable agreement", and bad ratification rules as exit 2 with file:line:field."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import grandbargain as gb

from .helpers import assert_clean_exit, invoke

SCHEMA = json.loads((Path(gb.__file__).parent / "schemas" / "analysis.schema.json").read_text())
CASE = Path(__file__).parents[1] / "solve" / "test_ratification_cases.py"


@pytest.mark.parametrize(
    ("name", "as_of"),
    [("us-china-2025", "2025-07-20"), ("us-china-phase-one-2019", "2019-07-01")],
)
def test_analyze_ratify_json_validates_on_the_shipped_scenarios(name: str, as_of: str) -> None:
    result = invoke(["analyze", name, "--ratify", "--as-of", as_of, "--format", "json"])
    assert_clean_exit(result, 0, name)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    ratification = data["ratification"]
    assert [r["party"] for r in ratification["rules"]] == ["United States", "China"]
    assert ratification["blockers"]
    table = invoke(["analyze", name, "--ratify", "--as-of", as_of])
    assert_clean_exit(table, 0, name)
    assert "ratification blocks" in table.stdout
    # 2019 after Osaka: the US red line demands law changes, China's win-set refuses them
    assert ratification["only_no_deal"] == (name == "us-china-phase-one-2019")
    if ratification["only_no_deal"]:
        assert ratification["binding"]
        assert "No ratifiable agreement" in " ".join(table.stdout.split())


def _write(tmp_path: Path, ratification: list[dict[str, object]]) -> Path:
    from tests.solve.test_ratification_cases import BASE

    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({**BASE, "ratification": ratification}, sort_keys=False))
    return path


def test_only_no_deal_is_said_plainly_with_the_binding_rules(tmp_path: Path) -> None:
    from tests.solve.test_ratification_cases import BASE

    data = {**BASE, "stakeholders": [*BASE["stakeholders"]]}
    data["stakeholders"].append(
        {
            "id": "u",
            "name": "U",
            "party": "B",
            "kind": "other",
            "stances": {"i0": {"position": 0, "salience": 1, "clout": 1}},
        }
    )
    data["ratification"] = [
        {"party": "A", "veto_players": ["v"]},
        {"party": "B", "veto_players": ["u"]},
    ]
    path = tmp_path / "stuck.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = invoke(["analyze", str(path), "--ratify"])
    assert_clean_exit(result, 0)
    text = " ".join(result.stdout.split())
    assert "No ratifiable agreement" in text
    assert "veto player u (B)" in text
    data_json = json.loads(invoke(["analyze", str(path), "--ratify", "--format", "json"]).stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data_json)
    assert data_json["ratification"]["only_no_deal"] is True


@pytest.mark.parametrize(
    ("rules", "field", "says"),
    [
        (
            [{"party": "A", "veto_players": ["ghost"]}],
            "ratification[0].veto_players[0]",
            "unknown stakeholder 'ghost'",
        ),
        (
            [{"party": "B", "veto_players": ["v"]}],
            "ratification[0].veto_players[0]",
            "stands behind 'A', not 'B'",
        ),
        (
            [{"party": "A", "winsets": {"threshold": 1.5}}],
            "ratification[0].winsets.threshold",
            "less than or equal to 1",
        ),
        (
            [{"party": "A", "package": {"threshold": -0.1}}],
            "ratification[0].package.threshold",
            "greater than or equal to 0",
        ),
        (
            [{"party": "A", "winsets": {"issues": {"i0": 2}}}],
            "ratification[0].winsets.issues.i0",
            "outside 0..1",
        ),
        ([{"party": "Mars"}], "ratification[0].party", "unknown party 'Mars'"),
    ],
)
def test_bad_ratification_rules_exit_2_naming_file_line_and_field(
    tmp_path: Path, rules: list[dict[str, object]], field: str, says: str
) -> None:
    path = _write(tmp_path, rules)
    result = invoke(["analyze", str(path), "--ratify"])
    assert_clean_exit(result, 2)
    message = " ".join(result.stderr.split())
    assert f"{path}:" in message or "case.yaml:" in message
    line = next(part for part in message.split(":") if part.strip().isdigit())
    assert int(line) > 1
    assert field in message and says in message, message
