"""``apply_changes``: a pure, validated what-if edit of a frozen scenario."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.api import ScenarioChanges, apply_changes

from ..conftest import DATA

SMALL = gb.load_scenario_text((DATA / "small.yaml").read_text(encoding="utf-8"), "small.yaml")


def _edited(edit: Any) -> gb.Scenario:
    data = gb.scenario_to_dict(SMALL)
    edit(data)
    return gb.load_scenario_text(json.dumps(data), "small.json")


def test_no_change_gives_back_the_same_scenario() -> None:
    same = {"weights": {"Alpha": {"tariff": 30}}, "red_lines": {"Beta": {"access": ["open"]}}}
    result = apply_changes(SMALL, ScenarioChanges(**same))
    assert result.scenario is SMALL and result.changed == ()
    assert apply_changes(SMALL, ScenarioChanges()).scenario is SMALL


def test_changes_give_the_scenario_written_with_those_numbers() -> None:
    changes = ScenarioChanges(
        weights={"Alpha": {"tariff": 55.5}},
        reservation_values={"Beta": 0.25},
        red_lines={"Alpha": {"access": ["open", "closed"]}, "Beta": {"access": []}},
    )
    result = apply_changes(SMALL, changes)

    def edit(data: dict[str, Any]) -> None:
        alpha, beta = data["parties"]
        alpha["stances"]["tariff"]["weight"] = 55.5
        alpha["stances"]["access"]["red_lines"] = ["closed", "open"]  # in option order
        beta["reservation_value"] = 0.25
        beta["stances"]["access"]["red_lines"] = []

    assert result.scenario == _edited(edit)
    assert SMALL.party("Alpha").stances["tariff"].weight == 30  # the input is untouched
    assert result.changed_paths == (
        "parties.Alpha.stances.tariff.weight",
        "parties.Alpha.stances.access.red_lines",
        "parties.Beta.stances.access.red_lines",
        "parties.Beta.reservation_value",
    )
    weight, lines = result.changed[0], result.changed[1]
    assert (weight.old, weight.new) == (30, 55.5)
    assert lines.new == ("closed", "open")
    assert weight.to_dict()["backed_by"] == [
        {"assumption": "Alpha collects the tariff.", "range": [20.0, 40.0]}
    ]
    assert result.changed[3].to_dict() == {
        "path": "parties.Beta.reservation_value",
        "old": None,
        "new": 0.25,
        "backed_by": [],
    }
    with pytest.raises(Exception, match="frozen"):
        result.scenario.parties[0].stances["tariff"].weight = 1  # type: ignore[misc]


def test_the_changed_scenario_analyses_like_the_written_one() -> None:
    us = gb.load_scenario("us-china-2025")
    changes = ScenarioChanges(weights={"China": {"rare-earths": 0.0}})
    changed = apply_changes(us, changes).scenario

    def edit(data: dict[str, Any]) -> None:
        next(p for p in data["parties"] if p["name"] == "China")["stances"]["rare-earths"][
            "weight"
        ] = 0.0

    data = gb.scenario_to_dict(us)
    edit(data)
    written = gb.load_scenario_text(json.dumps(data), "us.json")
    assert changed == written
    assert gb.analyze(changed, quick=True).solutions == gb.analyze(written, quick=True).solutions


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            ScenarioChanges(weights={"Gamma": {"tariff": 1}}),
            "weights.Gamma.tariff",
            "unknown party",
        ),
        (ScenarioChanges(weights={"Alpha": {"tarif": 1}}), "weights.Alpha.tarif", "unknown issue"),
        (ScenarioChanges(weights={"Alpha": {"tariff": -1}}), "weights.Alpha.tariff", "outside"),
        (ScenarioChanges(weights={"Alpha": {"tariff": 1e7}}), "weights.Alpha.tariff", "outside"),
        (
            ScenarioChanges(weights={"Alpha": {"tariff": math.nan}}),
            "weights.Alpha.tariff",
            "finite",
        ),
        (ScenarioChanges(weights={"Alpha": {"tariff": "9"}}), "weights.Alpha.tariff", "a number"),  # type: ignore[dict-item]
        (
            ScenarioChanges(reservation_values={"Beta": math.inf}),
            "reservation_values.Beta",
            "finite",
        ),
        (ScenarioChanges(reservation_values={"X": 0.1}), "reservation_values.X", "unknown party"),
        (
            ScenarioChanges(red_lines={"Beta": {"access": ["shut"]}}),
            "red_lines.Beta.access",
            "unknown option 'shut'",
        ),
        (
            ScenarioChanges(red_lines={"Beta": {"access": "open"}}),  # type: ignore[dict-item]
            "red_lines.Beta.access",
            "a list",
        ),
        (
            ScenarioChanges(weights={"Alpha": {"tariff": 0, "access": 0}}),
            "parties.Alpha.stances",
            "all weights are zero",
        ),
        (
            ScenarioChanges(red_lines={"Beta": {"tariff": ["high", "low"]}}),
            "parties.Beta.stances.tariff.red_lines",
            "rule out every option",
        ),
    ],
)
def test_impossible_changes_are_input_errors_naming_the_field(
    changes: ScenarioChanges, field: str, message: str
) -> None:
    with pytest.raises(api.InputError) as caught:
        apply_changes(SMALL, changes)
    [problem] = caught.value.problems
    assert problem.file == "changes" and problem.field == field
    assert message in problem.message


def test_every_problem_is_reported_at_once() -> None:
    changes = ScenarioChanges(
        weights={"Gamma": {"tariff": 1}, "Alpha": {"tariff": -2}},
        red_lines={"Beta": {"access": ["shut"]}},
    )
    with pytest.raises(api.InputError) as caught:
        apply_changes(SMALL, changes)
    assert len(caught.value.problems) == 3
