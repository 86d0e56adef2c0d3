"""What-if condition states in the outlook and the briefing: a fixed state is the scenario in
which that state is certain, and unknown names or states are refused as ``analyze`` refuses
them.

The independent truth: the same scenario edited so that the chosen state is the condition's
default (no draws) or has chance 1 and every other state chance 0 (draws: the draw still
spends its uniform on the condition, so the draws line up one for one).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.model.errors import InputError

SCENARIO = gb.load_scenario("us-china-2025")
CONDITION = SCENARIO.conditions[0]
OTHER = next(s.id for s in CONDITION.states if s.id != CONDITION.default)
CHOSEN = {CONDITION.id: OTHER}


def _certain(scenario: gb.Scenario, condition: str, state: str) -> gb.Scenario:
    """``scenario`` with ``state`` the default of ``condition`` and its only chance."""
    data = scenario.model_dump(mode="json")
    for item in data["conditions"]:
        if item["id"] == condition:
            item["default"] = state
            for s in item["states"]:
                s["probability"] = 1.0 if s["id"] == state else 0.0
    return gb.Scenario.model_validate(data)


def _without_what_if(data: dict[str, Any]) -> dict[str, Any]:
    notes = [n for n in data["notes"] if not n.startswith("conditions fixed")]
    return {k: v for k, v in data.items() if k != "conditions"} | {"notes": notes}


@pytest.mark.parametrize("draws", [0, 12])
def test_a_fixed_condition_is_the_scenario_where_that_state_is_certain(draws: int) -> None:
    fixed = gb.outlook(SCENARIO, draws=draws, seed=4, conditions=CHOSEN, explain=False)
    truth = gb.outlook(_certain(SCENARIO, CONDITION.id, OTHER), draws=draws, seed=4, explain=False)
    assert fixed.to_dict()["conditions"] == CHOSEN
    assert any(OTHER in note for note in fixed.notes)
    assert _without_what_if(fixed.to_dict()) == _without_what_if(truth.to_dict())
    # The premise that the condition matters. Under the ratification rules no predictor's
    # package moves with the allies' stance (the ratified solutions and the ratified simulated
    # sessions are the same either way), so the packages cannot show it; the blockers the
    # outlook names when it explains itself differ.
    named = gb.outlook(SCENARIO, draws=0, conditions=CHOSEN).to_dict()["blocking"]
    assert named != gb.outlook(SCENARIO, draws=0).to_dict()["blocking"]


def test_the_briefing_under_a_condition_is_built_from_the_outlook_under_it() -> None:
    briefing = gb.brief(SCENARIO, draws=0, conditions=CHOSEN, explain=False)
    outlook = gb.outlook(SCENARIO, draws=0, conditions=CHOSEN, explain=False)
    assert briefing.to_dict() == api.briefing_of(outlook, SCENARIO).to_dict()
    explained = gb.brief(SCENARIO, draws=0, conditions=CHOSEN)
    assert (
        explained.to_dict()
        == api.briefing_of(gb.outlook(SCENARIO, draws=0, conditions=CHOSEN), SCENARIO).to_dict()
    )
    # the premise: the condition changes the briefing (its blockers; see the test above)
    assert explained.to_dict()["sections"] != gb.brief(SCENARIO, draws=0).to_dict()["sections"]


def test_with_since_the_changes_are_those_under_the_condition() -> None:
    """Between these dates an event of the phase-one scenario designates China a currency
    manipulator; a chosen state wins over events, so under it that change is not reported."""
    scenario = gb.load_scenario("us-china-phase-one-2019")
    condition = scenario.conditions[0]
    chosen = {condition.id: condition.default}
    start, end = "2019-07-01", "2019-09-01"

    def changes(briefing: gb.Briefing) -> str:
        section = next(s for s in briefing.sections if s.id == "changes")
        return " ".join(s.text for s in section.sentences)

    plain = gb.brief(scenario, end, start, draws=0, explain=False)
    fixed = gb.brief(scenario, end, start, draws=0, conditions=chosen, explain=False)
    assert condition.title in changes(plain)  # the premise: the event changes it
    assert condition.title not in changes(fixed)
    truth = api.diff(scenario, *map(dt.date.fromisoformat, (start, end)), chosen)
    assert truth.to_dict()["conditions"] == []


@pytest.mark.parametrize(
    ("chosen", "field", "says"),
    [
        ({"nope": "x"}, "nope", "unknown condition; expected one of: allies"),
        ({CONDITION.id: "vanished"}, CONDITION.id, "unknown state 'vanished'"),
    ],
)
def test_unknown_conditions_and_states_are_refused_by_name(
    chosen: dict[str, str], field: str, says: str
) -> None:
    for call in (
        lambda: gb.outlook(SCENARIO, draws=0, conditions=chosen),
        lambda: gb.brief(SCENARIO, draws=0, conditions=chosen),
    ):
        with pytest.raises(InputError) as caught:
            call()
        problem = caught.value.problems[0]
        assert (problem.file, problem.field) == ("--condition", field)
        assert says in problem.message
