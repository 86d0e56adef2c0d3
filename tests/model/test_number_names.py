"""What a person calls a scenario's number, from its dotted path: every kind of number, ids
that contain dots (the longest id wins), and paths that name nothing staying as written.
The expected names are written out by hand from the scenario below."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

import grandbargain as gb
from grandbargain.api import number_name, number_names
from grandbargain.model.paths import resolve, variable_fields

from ..conftest import DATA


def _dotted() -> gb.Scenario:
    """``small.yaml`` with ids and names that contain dots, some the start of another id:
    issues ``access`` and ``access.full``, party ``Beta.Two``, stakeholder ``farm.ers``..."""
    data: dict[str, Any] = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))
    data["issues"].append(
        {
            "id": "access.full",
            "title": "Full access",
            "bucket": "trade",
            "status_quo": "no",
            "options": [
                {"id": "yes.now", "label": "Yes, now", "position": 100},
                {"id": "no", "label": "No", "position": 0},
            ],
        }
    )
    data["issues"][0]["options"][1]["trade_effects"] = {"goods": 5, "services": 1}
    alpha, beta = data["parties"]
    alpha |= {"reservation_value": 0.2, "discount": 0.9}
    beta["name"] = "Beta.Two"
    for party in (alpha, beta):
        party["stances"]["access.full"] = {"weight": 10, "values": {"yes.now": 80, "no": 20}}
    (swap,) = data["linkages"]["interactions"]
    swap["id"] = "swap.deal"
    swap["utilities"] = {"Alpha": 0.02, "Beta.Two": 0.03}
    (allies,) = data["conditions"]
    allies["id"] = "allies.c"
    allies["states"][1] |= {"id": "defect.now", "activates": ["swap.deal"]}
    (farmers,) = data["stakeholders"]
    farmers["id"] = "farm.ers"
    farmers["stances"]["access.full"] = {"position": 0, "salience": 0.5, "clout": 1}
    snapback = data["events"][1]
    snapback["id"] = "snap.back"
    snapback["changes"].append({"kind": "reservation_value", "party": "Alpha", "value": 0.1})
    return gb.load_scenario_text(json.dumps(data, default=str), "dotted.json")


SCENARIO = _dotted()

NAMES = {
    "parties.Alpha.stances.access.weight": "Alpha: weight of Market access",
    "parties.Alpha.stances.access.full.weight": "Alpha: weight of Full access",
    "parties.Beta.Two.stances.access.full.values.yes.now": (
        "Beta.Two: value of Full access: Yes, now"
    ),
    "parties.Beta.Two.stances.tariff.values.low": "Beta.Two: value of Tariff level: Low tariff",
    "parties.Alpha.reservation_value": "Alpha: reservation value",
    "parties.Beta.Two.discount": "Beta.Two: discount",
    "parties.Beta.Two.weights": "Beta.Two: weights",
    "issues.access.full.options.yes.now.position": "Full access: Yes, now (position)",
    "issues.tariff.options.low.trade_effects.goods": (
        "Tariff level: Low tariff (trade effects goods)"
    ),
    "issues.tariff.options.low.trade_effects.services": (
        "Tariff level: Low tariff (trade effects services)"
    ),
    "linkages.interactions.swap.deal.utilities.Beta.Two": "Beta.Two: value of linkage swap.deal",
    "conditions.allies.c.states.defect.now.probability": "chance of Allies stay aligned: Defect",
    "conditions.allies.c.states.aligned.probability": "chance of Allies stay aligned: Aligned",
    "events.snap.back.probability": "chance of Snapback",
    "events.snap.back.changes.1.value": "Snapback: new reservation value of Alpha",
    "stakeholders.farm.ers.stances.access.full.salience": "Farmers: salience on Full access",
    "stakeholders.farm.ers.stances.access.clout": "Farmers: clout on Market access",
    "stakeholders.farm.ers.stances.access.position": "Farmers: position on Market access",
}


@pytest.mark.parametrize(("path", "name"), NAMES.items())
def test_each_kind_of_number_is_named(path: str, name: str) -> None:
    assert number_name(SCENARIO, path) == name


def test_the_cases_cover_every_number_that_may_vary() -> None:
    data = SCENARIO.model_dump(mode="json")
    patterns = set()
    for path in NAMES:
        found = resolve(data, path)
        assert found is not None, path
        patterns.add(found.pattern)
    assert patterns == set(variable_fields(0, 100)) | {("parties", "*", "weights")}


def test_a_number_written_by_position_reads_as_one_written_by_name() -> None:
    assert number_name(SCENARIO, "parties.1.discount") == "Beta.Two: discount"
    assert number_name(SCENARIO, "issues.2.options.0.position") == (
        "Full access: Yes, now (position)"
    )


@pytest.mark.parametrize(
    "path",
    [
        "parties.Gamma.discount",  # no such party
        "parties.Beta.discount",  # the start of a dotted name is not the name
        "parties.Alpha.stances.nothing.weight",
        "parties.Alpha.stances.access.values.ajar",
        "issues.access.options.ajar.position",
        "issues.access.full.options.yes.position",
        "events.nope.probability",
        "events.snap.probability",
        "conditions.allies.states.defect.probability",
        "conditions.allies.c.states.defect.probability",
        "stakeholders.farm.stances.access.clout",
        "linkages.interactions.swap.utilities.Alpha",
        "parties.Alpha.description",  # names something, but not a number
        "issues.tariff.title",
        "issues.tariff.options.low.label",
        "events.truce.date",
        "parties.Alpha.stances.access",
        "parties",
        "",
        "parties..discount",
        "parties.\u00b2.discount",  # a digit to str.isdigit that int cannot read
    ],
)
def test_a_path_that_names_no_number_stays_as_written(path: str) -> None:
    assert number_name(SCENARIO, path) == path


def test_number_names_reads_many_paths_as_number_name_reads_one() -> None:
    paths = [*NAMES, "parties.Gamma.discount"]
    assert number_names(SCENARIO, paths) == tuple(number_name(SCENARIO, p) for p in paths)
    assert number_names(SCENARIO, []) == ()


def test_an_event_change_is_named_after_what_it_sets_not_after_the_event_chance() -> None:
    """Snapback's second change sets Alpha's reservation value to 0.1; its probability (0.3) is
    a different number, so the two must not share a name."""
    (snapback,) = [e for e in SCENARIO.events if e.id == "snap.back"]
    change = snapback.changes[1]
    assert (change.kind, change.party, change.value) == ("reservation_value", "Alpha", 0.1)
    value = number_name(SCENARIO, "events.snap.back.changes.1.value")
    chance = number_name(SCENARIO, "events.snap.back.probability")
    assert value == "Snapback: new reservation value of Alpha"
    assert chance == "chance of Snapback"
    assert value != chance
