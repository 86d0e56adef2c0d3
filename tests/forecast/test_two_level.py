"""The two-level link: domestic win-sets from stakeholders, and their effect on the analysis."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import grandbargain as gb
from grandbargain.forecast.two_level import derive_preferences, domestic_winsets
from grandbargain.model.schema import Scenario

from ..conftest import DATA

SCHEMAS = Path(gb.__file__).parent / "schemas"


def _scenario(positions: dict[str, tuple[float, float, float]]) -> Scenario:
    """small.yaml with three Alpha stakeholders on `access` (closed 0, partial 50, open 100)."""
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    data["stakeholders"] = [
        {
            "id": name,
            "name": name,
            "party": "Alpha",
            "kind": "firm",
            "stances": {"access": {"position": p, "salience": s, "clout": c}},
        }
        for name, (p, s, c) in positions.items()
    ]
    return Scenario.model_validate(data)


def test_hand_worked_winset() -> None:
    # status quo: closed (0). a at 100 (weight 0.5*2=1), b at 40 (weight 1*1=1), c at 0 (2*1=2)
    # partial (50): a (|100-50| < |100-0|) and b (10 < 40) prefer it: support 2/4 = 0.5 -> in
    # open (100): a prefers it (0 < 100); b: |40-100| = 60 > 40, no: support 1/4 -> out
    s = _scenario({"a": (100, 0.5, 2), "b": (40, 1.0, 1), "c": (0, 1.0, 2)})
    (winset,) = [
        w for w in domestic_winsets(s).winsets if (w.party, w.issue) == ("Alpha", "access")
    ]
    support = {o.option: o.support for o in winset.options}
    assert support == {"closed": 0.0, "partial": pytest.approx(0.5), "open": pytest.approx(0.25)}
    assert winset.inside == ("closed", "partial")
    # values: 100 - weighted mean distance; partial: (1*50 + 1*10 + 2*50)/4 = 40 -> 60
    values = {o.option: o.value for o in winset.options}
    assert values["partial"] == pytest.approx(60.0)
    assert values["open"] == pytest.approx(100 - (1 * 0 + 1 * 60 + 2 * 100) / 4)
    # a higher ratification share drops partial
    strict = domestic_winsets(s, ratification=0.6)
    (winset,) = [w for w in strict.winsets if (w.party, w.issue) == ("Alpha", "access")]
    assert winset.inside == ("closed",)


def test_derived_scenario_has_red_lines_outside_the_winset() -> None:
    s = _scenario({"a": (100, 0.5, 2), "b": (40, 1.0, 1), "c": (0, 1.0, 2)})
    derived = derive_preferences(s)
    stance = derived.party("Alpha").stances["access"]
    assert stance.red_lines == ("open",)
    assert stance.values["partial"] == pytest.approx(60.0)
    # Beta has no stakeholders: its typed-in stance is kept
    assert derived.party("Beta").stances == s.party("Beta").stances


def test_two_level_link_changes_the_exact_analysis() -> None:
    s = gb.load_scenario("us-china-2025")
    derived = derive_preferences(s)
    before, after = gb.analyze(s), gb.analyze(derived)
    assert before.to_dict()["pareto"] != after.to_dict()["pareto"]
    assert before.solutions.nash is not None
    changed = derived.party("United States").stances != s.party("United States").stances
    assert changed


def test_winsets_json_and_command() -> None:
    from typer.testing import CliRunner

    from grandbargain.cli import app

    data = domestic_winsets(gb.load_scenario("us-china-2025")).to_dict()
    schema = json.loads((SCHEMAS / "winsets.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    result = CliRunner().invoke(app, ["winsets"])
    assert result.exit_code == 0 and "win-sets" in result.output
    result = CliRunner().invoke(app, ["winsets", "--format", "json", "--ratification", "0.75"])
    assert json.loads(result.stdout)["ratification"] == 0.75
    assert CliRunner().invoke(app, ["winsets", "--ratification", "1.5"]).exit_code == 2
