"""Shared hypothesis builders: random valid scenarios as plain data (Axelrod's property.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

AS_OF = dt.date(2025, 6, 1)
"""The analysis date of scenarios built with a timeline."""
DATES = (
    dt.date(2025, 1, 15),
    dt.date(2025, 5, 31),
    AS_OF,
    dt.date(2025, 6, 2),
    dt.date(2025, 9, 1),
)
"""Event dates: before, the day before, on (events apply on their date) and after ``AS_OF``."""


@st.composite
def scenario_data(
    draw: st.DrawFn,
    parties: tuple[int, int] = (2, 4),
    issues: tuple[int, int] = (1, 5),
    options: tuple[int, int] = (2, 4),
    links: bool = True,
    quota: bool = False,
    timeline: bool = False,
) -> dict[str, Any]:
    """A valid scenario with red lines, interactions, constraints, ties and a status quo.

    With ``timeline``, also conditions whose states switch linkages on, events of all four
    change kinds (status quo, reservation value, availability, condition) dated around the
    analysis date ``AS_OF``, and now and then a reservation value written for a party.
    """
    n_parties = draw(st.integers(*parties))
    n_issues = draw(st.integers(*issues))
    names = [f"P{k}" for k in range(n_parties)]
    issue_list = [_issue(draw, i, draw(st.integers(*options))) for i in range(n_issues)]
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "random",
        "title": "Random scenario",
        "buckets": [{"id": "b0", "title": "B0"}, {"id": "b1", "title": "B1"}],
        "issues": issue_list,
        "parties": [_party(draw, name, issue_list) for name in names],
    }
    if links and n_issues >= 2:
        data["linkages"] = _linkages(draw, issue_list, names)
    if quota and n_parties >= 3:
        data["acceptance"] = {"rule": "quota", "quota": n_parties - 1, "veto": [names[0]]}
    if timeline:
        _add_timeline(draw, data)
    return data


def _option(draw: st.DrawFn, issue: dict[str, Any]) -> str:
    return f"o{draw(st.integers(0, len(issue['options']) - 1))}"


def _issue(draw: st.DrawFn, i: int, n_options: int) -> dict[str, Any]:
    return {
        "id": f"i{i}",
        "title": f"Issue {i}",
        "bucket": f"b{i % 2}",
        "status_quo": f"o{draw(st.integers(0, n_options - 1))}",
        "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(n_options)],
    }


def _party(draw: st.DrawFn, name: str, issue_list: list[dict[str, Any]]) -> dict[str, Any]:
    value = st.sampled_from([0, 25, 50, 50, 75, 100]) | st.integers(0, 100)
    weights = draw(st.lists(st.integers(0, 10), min_size=len(issue_list), max_size=len(issue_list)))
    if sum(weights) == 0:
        weights[0] = 1
    stances = {}
    for i, issue in enumerate(issue_list):
        option_ids = [o["id"] for o in issue["options"]]
        red = draw(st.lists(st.sampled_from(option_ids), max_size=1, unique=True))
        if draw(st.integers(0, 4)) > 0:
            red = []
        stances[issue["id"]] = {
            "weight": weights[i],
            "values": {o: draw(value) for o in option_ids},
            "red_lines": red,
        }
    return {"name": name, "stances": stances}


def _linkages(
    draw: st.DrawFn, issue_list: list[dict[str, Any]], names: list[str]
) -> dict[str, Any]:
    n_issues = len(issue_list)
    interactions, constraints = [], []
    for k in range(draw(st.integers(0, 2))):
        a, b = draw(st.lists(st.integers(0, n_issues - 1), min_size=2, max_size=2, unique=True))
        when = {f"i{a}": _option(draw, issue_list[a]), f"i{b}": _option(draw, issue_list[b])}
        gains = {name: draw(st.sampled_from([-0.05, 0.0, 0.02, 0.05])) for name in names}
        interactions.append({"id": f"x{k}", "when": when, "utilities": gains})
    for k in range(draw(st.integers(0, 1))):
        a, b = draw(st.lists(st.integers(0, n_issues - 1), min_size=2, max_size=2, unique=True))
        n_b = len(issue_list[b]["options"])
        allowed = draw(st.lists(st.integers(0, n_b - 1), min_size=1, max_size=n_b, unique=True))
        constraints.append(
            {
                "id": f"c{k}",
                "when": {f"i{a}": _option(draw, issue_list[a])},
                "requires": {f"i{b}": [f"o{x}" for x in allowed]},
            }
        )
    return {"interactions": interactions, "constraints": constraints}


def _add_timeline(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Conditions gating some linkages, events of every change kind, written reservations."""
    issue_list, names = data["issues"], [p["name"] for p in data["parties"]]
    linkages = data.get("linkages", {})
    linkage_ids = [t["id"] for t in linkages.get("interactions", [])]
    linkage_ids += [c["id"] for c in linkages.get("constraints", [])]
    data["as_of"] = AS_OF
    conditions = []
    for c in range(draw(st.integers(0, 2))):
        states = [{"id": f"s{k}", "label": f"State {k}"} for k in range(draw(st.integers(2, 3)))]
        for state in states:
            ids = st.lists(st.sampled_from(linkage_ids), max_size=2, unique=True)
            state["activates"] = draw(ids) if linkage_ids else []
        default = draw(st.sampled_from([s["id"] for s in states]))
        conditions.append({"id": f"k{c}", "title": f"Condition {c}", "states": states})
        conditions[-1]["default"] = default
    data["conditions"] = conditions
    for party in data["parties"]:
        if draw(st.integers(0, 5)) == 0:
            party["reservation_value"] = draw(st.sampled_from([0.0, 0.3, 0.6]))
    kinds = ["status_quo", "reservation_value", "availability"] + (["condition"] * bool(conditions))
    events = []
    for e in range(draw(st.integers(0, 4))):
        changes = []
        for _ in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from(kinds))
            change: dict[str, Any] = {"kind": kind}
            if kind in ("status_quo", "availability"):
                issue = draw(st.sampled_from(issue_list))
                change.update(issue=issue["id"], option=_option(draw, issue))
                if kind == "availability":
                    change["available"] = draw(st.booleans())
            elif kind == "reservation_value":
                change.update(party=draw(st.sampled_from(names)))
                change["value"] = draw(st.sampled_from([0.0, 0.25, 0.5, 0.9]))
            else:
                condition = draw(st.sampled_from(conditions))
                change.update(condition=condition["id"])
                change["state"] = draw(st.sampled_from([s["id"] for s in condition["states"]]))
            changes.append(change)
        status = draw(st.sampled_from(["happened", "scheduled", "possible"]))
        event: dict[str, Any] = {"id": f"e{e}", "title": f"Event {e}", "status": status}
        event.update(date=draw(st.sampled_from(DATES)), changes=changes)
        if status != "happened" or draw(st.booleans()):
            probability = draw(st.sampled_from([0.2, 0.5, 0.8, None]))
            if status == "possible" and probability is None:
                probability = 0.3
            if status == "happened":
                probability = 1.0
            event["probability"] = probability
        events.append(event)
    data["events"] = events


def random_additive(
    seed: int,
    n_issues: int,
    n_options: int,
    n_parties: int = 2,
    integer: bool = False,
    status_quo: str = "o0",
) -> dict[str, Any]:
    """A random additive scenario (numpy-seeded) with uniform weights and values."""
    import numpy as np

    rng = np.random.default_rng(seed)

    def weight() -> float:
        return int(rng.integers(1, 10)) if integer else float(rng.uniform(0.1, 1))

    def value() -> float:
        return int(rng.integers(0, 101)) if integer else float(rng.uniform(0, 100))

    return {
        "schema_version": 1,
        "id": "random",
        "title": "Random additive scenario",
        "buckets": [{"id": "b", "title": "b"}],
        "issues": [
            {
                "id": f"i{i}",
                "title": f"Issue {i}",
                "bucket": "b",
                "status_quo": status_quo,
                "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(n_options)],
            }
            for i in range(n_issues)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "stances": {
                    f"i{i}": {
                        "weight": weight(),
                        "values": {f"o{k}": value() for k in range(n_options)},
                    }
                    for i in range(n_issues)
                },
            }
            for p in range(n_parties)
        ],
    }
