"""Loading valid scenarios: immutability, round trips, shipped names, events over time."""

from __future__ import annotations

import datetime as dt
import json

import pydantic
import pytest

import grandbargain as gb
from grandbargain.api import scenario_to_dict, state_as_of
from grandbargain.model.schema import Scenario

from ..conftest import DATA


def test_small_scenario_loads_with_every_block() -> None:
    s = gb.load_scenario(DATA / "small.yaml")
    assert s.party_names == ("Alpha", "Beta")
    assert [i.id for i in s.issues] == ["tariff", "access"]
    assert s.party("Beta").stances["access"].red_lines == ("open",)
    assert s.linkages.constraints[0].requires["tariff"] == ("low",)
    assert s.conditions[0].states[1].activates == ("swap",)
    assert s.events[1].probability == 0.3
    assert s.as_of == dt.date(2025, 7, 20)


def test_scenario_is_deeply_immutable() -> None:
    s = gb.load_scenario(DATA / "small.yaml")
    with pytest.raises(pydantic.ValidationError):
        s.parties[0].name = "Gamma"  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.parties[0].stances["tariff"] = s.parties[0].stances["access"]  # type: ignore[index]
    with pytest.raises(TypeError):
        s.parties[0].stances["tariff"].values["high"] = 5.0  # type: ignore[index]
    with pytest.raises(AttributeError):
        s.issues.append(s.issues[0])  # type: ignore[attr-defined]


def test_json_round_trip_gives_the_same_scenario(small_yaml: str) -> None:
    s = gb.load_scenario_text(small_yaml, "small.yaml")
    text = json.dumps(scenario_to_dict(s))
    again = gb.load_scenario_text(text, "small.json")
    assert again == s
    assert scenario_to_dict(again) == scenario_to_dict(s)


def test_shipped_scenario_loads_by_name_and_by_path() -> None:
    import grandbargain

    by_name = gb.load_scenario("us-china-2025")
    path = DATA.parents[2] / "src" / "grandbargain" / "scenarios" / "us-china-2025.yaml"
    assert path.exists(), grandbargain.__file__
    assert gb.load_scenario(path) == by_name
    assert gb.load_scenario() == by_name
    assert isinstance(by_name, Scenario)
    assert "us-china-2025" in [x.name for x in gb.list_shipped_scenarios()]


def test_events_apply_on_and_after_their_date() -> None:
    s = gb.load_scenario(DATA / "small.yaml")
    assert state_as_of(s, dt.date(2025, 5, 11)).status_quo["tariff"] == "high"
    assert state_as_of(s, dt.date(2025, 5, 12)).status_quo["tariff"] == "low"
    # the snapback is possible with p = 0.3: the more likely branch (no snapback) holds ...
    assert state_as_of(s, dt.date(2025, 9, 1)).status_quo["tariff"] == "low"
    # ... unless the caller includes it, and never before its date
    forced = state_as_of(s, dt.date(2025, 9, 1), include=frozenset({"snapback"}))
    assert forced.status_quo["tariff"] == "high"
    early = state_as_of(s, dt.date(2025, 8, 11), include=frozenset({"snapback"}))
    assert early.status_quo["tariff"] == "low"
    assert state_as_of(s, None).applied_events == ("truce",)


def test_condition_choice_is_checked() -> None:
    s = gb.load_scenario(DATA / "small.yaml")
    assert state_as_of(s, conditions={"allies": "defect"}).conditions["allies"] == "defect"
    with pytest.raises(gb.InputError, match="unknown state 'maybe'"):
        state_as_of(s, conditions={"allies": "maybe"})
    with pytest.raises(gb.InputError, match="unknown condition"):
        state_as_of(s, conditions={"weather": "rain"})
