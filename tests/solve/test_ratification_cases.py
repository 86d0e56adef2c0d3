"""Hand-worked ratification cases, and every reported blocker verified by re-solving."""

from __future__ import annotations

from typing import Any

import pytest

import grandbargain as gb
from grandbargain.model.schema import Scenario

BASE: dict[str, Any] = {
    "schema_version": 1,
    "id": "veto-case",
    "title": "A veto player removes the Nash package",
    "buckets": [{"id": "b", "title": "B"}],
    "issues": [
        {
            "id": f"i{k}",
            "title": f"Issue {k}",
            "bucket": "b",
            "status_quo": "o0",
            "options": [
                {"id": "o0", "label": "keep", "position": 0},
                {"id": "o1", "label": "change", "position": 100},
            ],
        }
        for k in range(2)
    ],
    "parties": [
        {
            "name": "A",
            "stances": {
                "i0": {"weight": 1, "values": {"o0": 0, "o1": 100}},
                "i1": {"weight": 1, "values": {"o0": 0, "o1": 100}},
            },
        },
        {
            "name": "B",
            "stances": {
                "i0": {"weight": 1, "values": {"o0": 0, "o1": 100}},
                "i1": {"weight": 1, "values": {"o0": 100, "o1": 60}},
            },
        },
    ],
    "stakeholders": [
        {
            "id": "v",
            "name": "V",
            "party": "A",
            "kind": "legislator",
            "stances": {"i1": {"position": 0, "salience": 1, "clout": 10}},
        },
        {
            "id": "w",
            "name": "W",
            "party": "A",
            "kind": "firm",
            "stances": {"i1": {"position": 100, "salience": 1, "clout": 30}},
        },
    ],
}


def _scenario(ratification: list[dict[str, Any]]) -> Scenario:
    return Scenario.model_validate({**BASE, "ratification": ratification})


def test_a_veto_player_removes_the_nash_package() -> None:
    """Worked by hand. U_A = (i0 = o1)/2 + (i1 = o1)/2; U_B = (i0 = o1)/2 + (i1: o0 1, o1 0.6)/2.
    Status quo (o0, o0): U = (0, 0.5), the reservation values. The packages:

    - (o1, o0): U = (0.5, 1.0), gains (0.5, 0.5), Nash product 0.25;
    - (o0, o1): U = (0.5, 0.3), B loses 0.2: not accepted;
    - (o1, o1): U = (1.0, 0.8), gains (1.0, 0.3), product 0.30: the unconstrained Nash.

    Veto player V (behind A) stands at 0 on i1 with all its salience there:
    U_V = (100 - |0 - pos|)/100 = 1 with i1 = o0 (position 0), 0 with o1 (position 100); its
    status quo is 1, so V vetoes every package with i1 = o1. Ratifiable: (o0, o0) and
    (o1, o0); the ratified Nash is (o1, o0), and the move i1 -> o1 is blocked by V alone.
    """
    s = _scenario([{"party": "A", "veto_players": ["v"]}])
    free = gb.analyze(s)
    assert free.solutions.nash is not None
    assert dict(free.solutions.nash.package) == {"i0": "o1", "i1": "o1"}
    a = gb.analyze(s, ratify=True)
    assert a.solutions.nash is not None
    assert dict(a.solutions.nash.package) == {"i0": "o1", "i1": "o0"}
    assert a.solutions.nash.gains == {"A": pytest.approx(0.5), "B": pytest.approx(0.5)}
    assert a.feasible_count == 2  # (o0, o0) and (o1, o0)
    assert a.ratification is not None
    [blocker] = a.ratification.blockers
    assert (blocker.issue, blocker.unconstrained, blocker.ratified) == ("i1", "o1", "o0")
    assert [r.stakeholder for r in blocker.blocked_by] == ["v"] and not blocker.jointly


def test_a_package_vote_weighs_the_stakeholders() -> None:
    """W (clout 30) gains from i1 = o1, V (clout 10) loses: W holds 30 / 40 = 0.75 of A's
    weight, so a vote at 0.7 passes (o1, o1) and one at 0.8 does not."""
    passes = gb.analyze(_scenario([{"party": "A", "package": {"threshold": 0.7}}]), ratify=True)
    fails = gb.analyze(_scenario([{"party": "A", "package": {"threshold": 0.8}}]), ratify=True)
    assert passes.solutions.nash is not None and fails.solutions.nash is not None
    assert passes.solutions.nash.package["i1"] == "o1"
    assert fails.solutions.nash.package["i1"] == "o0"


def test_win_sets_filter_options_per_issue() -> None:
    """On i1 the stakeholders preferring o1 to the status quo o0 (W, 30 of 40 clout x
    salience) hold 0.75: inside the win-set at 0.75, outside at 0.76."""
    inside = gb.analyze(_scenario([{"party": "A", "winsets": {"threshold": 0.75}}]), ratify=True)
    outside = gb.analyze(
        _scenario([{"party": "A", "winsets": {"threshold": 0.5, "issues": {"i1": 0.76}}}]),
        ratify=True,
    )
    assert inside.solutions.nash is not None and outside.solutions.nash is not None
    assert inside.solutions.nash.package["i1"] == "o1"
    assert outside.solutions.nash.package["i1"] == "o0"


def test_only_no_deal_names_the_binding_rule() -> None:
    """Vetoes on both issues (V on i1; a second veto player against i0) leave only the
    status quo: the analysis says so and names both rules as binding together."""
    data = {**BASE}
    data["stakeholders"] = [
        *BASE["stakeholders"],
        {
            "id": "u",
            "name": "U",
            "party": "B",
            "kind": "other",
            "stances": {"i0": {"position": 0, "salience": 1, "clout": 1}},
        },
    ]
    rules = [{"party": "A", "veto_players": ["v"]}, {"party": "B", "veto_players": ["u"]}]
    a = gb.analyze(Scenario.model_validate({**data, "ratification": rules}), ratify=True)
    assert a.ratification is not None and a.ratification.only_no_deal
    assert a.solutions.nash is None
    assert {r.stakeholder for r in a.ratification.binding} == {"u"}  # U alone blocks (o1, o0)


def _without(s: Scenario, rules: tuple[Any, ...]) -> Scenario:
    """``s`` with the given rules taken out of its ratification block."""
    data = s.model_dump(mode="json", exclude_none=True)
    for entry in data["ratification"]:
        for rule in rules:
            if rule.party != entry["party"]:
                continue
            if rule.kind == "winsets":
                entry.pop("winsets", None)
            elif rule.kind == "package":
                entry.pop("package", None)
            else:
                entry["veto_players"] = [v for v in entry["veto_players"] if v != rule.stakeholder]
    return Scenario.model_validate(data)


@pytest.mark.parametrize(
    ("name", "as_of"),
    [("us-china-2025", "2025-07-20"), ("us-china-phase-one-2019", "2019-07-01")],
)
def test_every_reported_blocker_lets_the_move_through_once_removed(name: str, as_of: str) -> None:
    s = gb.load_scenario(name)
    a = gb.analyze(s, as_of=as_of, ratify=True)
    free = gb.analyze(s, as_of=as_of)
    assert a.ratification is not None and free.solutions.nash is not None
    assert a.ratification.unconstrained_nash == dict(free.solutions.nash.package)
    assert a.ratification.blockers, "the shipped rules block some moves"
    resolved: dict[frozenset[Any], Any] = {}
    for blocker in a.ratification.blockers:
        key = frozenset(blocker.blocked_by)
        if key not in resolved:
            again = gb.analyze(
                _without(s, blocker.blocked_by), as_of=as_of, ratify=True, quick=True
            )
            resolved[key] = again.solutions.nash
        nash = resolved[key]
        assert nash is not None, blocker
        assert nash.package[blocker.issue] == blocker.unconstrained, blocker
