"""The shipped us-china-phase-one-2019 scenario: no hindsight, and its structure.

The no-hindsight rule: everything the model uses on its as-of date, 1 July 2019, is backed only
by notes dated on or before that day, and no event after it applies then. Then the issues,
stakeholders, calendar and status quo the brief asks for. Sources, quotes, numbers and the
outcomes file are in ``test_us_china_phase_one_2019.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import pytest

import grandbargain as gb
from grandbargain.api import state_as_of
from grandbargain.model.checks import evidence_lists
from grandbargain.model.provenance import scenario_numbers

NAME = "us-china-phase-one-2019"
S = gb.load_scenario(NAME)
CUTOFF = dt.date(2019, 7, 1)
SOURCE_DATE = {source.id: source.date for source in S.sources}
EVENT_DATE = {event.id: event.date for event in S.events}


# --- no hindsight ------------------------------------------------------------------------------


def _in_force_on_cutoff(path: tuple[Any, ...]) -> bool:
    """Whether the entity at ``path`` is part of the model on 1 July: everything but the events
    dated after it (the later record)."""
    if path[0] == "events":
        return S.events[path[1]].date <= CUTOFF
    return True


def test_everything_in_force_on_1_july_cites_only_notes_dated_by_then() -> None:
    late = [
        f"{'.'.join(map(str, path))}: {item.source} ({SOURCE_DATE[item.source]})"
        for path, items in evidence_lists(S)
        if _in_force_on_cutoff(path)
        for item in items
        if item.source is not None and SOURCE_DATE[item.source] > CUTOFF
    ]
    assert not late, "\n".join(late)


def test_every_number_the_model_uses_on_1_july_is_backed_by_notes_dated_by_then() -> None:
    checked = 0
    for number in scenario_numbers(S):
        if number.entity.startswith("events."):
            if EVENT_DATE[number.entity.split(".", 1)[1]] > CUTOFF:
                continue
        for item in number.evidence:
            if item.source is not None:
                assert SOURCE_DATE[item.source] <= CUTOFF, (number.entity, number.field)
        checked += 1
    assert checked > 250


def test_status_quo_red_lines_and_stances_are_backed_by_early_notes_only() -> None:
    for issue in S.issues:
        for item in issue.evidence:
            if item.source is not None:
                assert SOURCE_DATE[item.source] <= CUTOFF, issue.id
    for party in S.parties:
        for issue_id, stance in party.stances.items():
            if stance.red_lines:
                backing = [e for e in stance.evidence if e.backs is None or "red_lines" in e.backs]
                assert backing, (party.name, issue_id)
            for item in stance.evidence:
                if item.source is not None:
                    assert SOURCE_DATE[item.source] <= CUTOFF, (party.name, issue_id)


def test_no_event_after_1_july_applies_on_1_july() -> None:
    state = state_as_of(S, CUTOFF)
    assert all(EVENT_DATE[e] <= CUTOFF for e in state.applied_events)
    later = {e.id for e in S.events if e.date > CUTOFF}
    assert later and later <= set(state.pending_events)
    assert all(e.status.value == "happened" for e in S.events if e.date > CUTOFF)


def _without_the_later_record() -> gb.Scenario:
    early = tuple(e for e in S.events if e.date <= CUTOFF)
    return S.model_copy(update={"events": early})


def test_state_on_1_july_is_the_same_without_the_later_record() -> None:
    full, early = state_as_of(S, CUTOFF), state_as_of(_without_the_later_record(), CUTOFF)
    assert dict(full.status_quo) == dict(early.status_quo)
    assert dict(full.reservation_values) == dict(early.reservation_values)
    assert full.unavailable == early.unavailable
    assert dict(full.conditions) == dict(early.conditions)


@functools.lru_cache(maxsize=2)
def _analysis(without_later: bool) -> dict[str, Any]:
    scenario = _without_the_later_record() if without_later else S
    result: dict[str, Any] = gb.analyze(scenario, as_of=CUTOFF).to_dict()
    return result


def test_analysis_on_1_july_is_the_same_without_the_later_record() -> None:
    full, early = _analysis(False), _analysis(True)
    for key in ("reservation", "status_quo", "feasible_count", "solutions", "pareto"):
        assert full[key] == early[key], key


def test_a_feasible_package_exists_on_1_july_and_the_frontier_is_not_trivial() -> None:
    result = _analysis(False)
    assert result["feasible_count"] > 0
    assert result["solutions"]["nash"] is not None
    assert len(result["pareto"]) > 10


# Words that only the record after 1 July could supply. They must not appear in anything the model
# uses on 1 July (issues, options, parties, stances, linkages, stakeholders, events up to 1 July).
LATER_ONLY = re.compile(
    r"phase one|phase-one|list 4a|list 4b|\b4a\b|\b4b\b|7\.5%|\b15%|\b30%|\$75|\$120|\$160|\$370"
    r"|manipulator|fentanyl|shanghai|grassley|gerrish|chapter 7"
    r"|(august|september|october|november|december) 2019|2020",
    re.IGNORECASE,
)


def _texts_in_force_on_cutoff() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for bucket in S.buckets:
        found += [(f"buckets.{bucket.id}", bucket.title), (bucket.id, bucket.description or "")]
    for issue in S.issues:
        found += [(issue.id, t) for t in (issue.title, issue.description or "")]
        found += [
            (issue.id, issue.position_scale or ""),
            *((issue.id, w) for w in issue.search_terms),
        ]
        for option in issue.options:
            found += [(f"{issue.id}.{option.id}", option.label)]
            found += [(f"{issue.id}.{option.id}", option.description or "")]
    for party in S.parties:
        found.append((party.name, party.description or ""))
    for term in S.linkages.interactions:
        found.append((term.id, term.description or ""))
    for rule in S.linkages.constraints:
        found.append((rule.id, rule.description or ""))
    for holder in S.stakeholders:
        found.append((holder.id, holder.name))
    for event in S.events:
        if event.date <= CUTOFF:
            found += [(event.id, event.title), (event.id, event.description or "")]
    for path, items in evidence_lists(S):
        if _in_force_on_cutoff(path) and path[0] != "conditions":
            for item in items:
                for text in (item.note, item.assumption.reasoning if item.assumption else None):
                    if text:
                        found.append((".".join(map(str, path)), text))
    return found


def test_nothing_in_force_on_1_july_mentions_what_came_later() -> None:
    leaks = [
        f"{where}: {text[:80]}"
        for where, text in _texts_in_force_on_cutoff()
        if LATER_ONLY.search(text)
    ]
    assert not leaks, "\n".join(leaks)


def test_the_condition_recording_a_later_label_changes_no_number() -> None:
    # The currency-designation condition exists to record the August 2019 label and its removal
    # on the timeline; it must activate nothing, so it cannot carry hindsight into any analysis.
    for condition in S.conditions:
        assert all(not state.activates for state in condition.states), condition.id
        assert all(state.probability is None for state in condition.states), condition.id


# --- structure -----------------------------------------------------------------------------------


def _issue_text() -> str:
    return " ".join(
        " ".join(
            [i.id, i.title, i.description or "", *i.search_terms, *(o.label for o in i.options)]
        )
        for i in S.issues
    ).lower()


@pytest.mark.parametrize(
    "chip",
    [
        "$200bn",
        "25%",
        "$325bn",
        "remaining imports",
        "retaliat",
        "purchase",
        "categories",
        "intellectual property",
        "technology transfer",
        "financial services",
        "currency",
        "enforcement",
        "subsidies",
        "state-owned",
        "changes to chinese law",
        "huawei",
        "entity list",
        "rare earth",
        "unreliable entity list",
    ],
)
def test_every_issue_the_brief_names_is_on_the_table(chip: str) -> None:
    assert chip in _issue_text()


@pytest.mark.parametrize(
    "name",
    [
        "white house",
        "ustr",
        "lighthizer",
        "treasury",
        "mnuchin",
        "commerce",
        "ross",
        "hawk",
        "farm",
        "retailers",
        "leadership",
        "liu he",
        "mofcom",
        "state media",
        "state-owned",
        "huawei",
    ],
)
def test_named_stakeholders_are_present(name: str) -> None:
    assert any(name in (h.name + " " + h.id).lower() for h in S.stakeholders)


def test_every_stakeholder_stance_has_a_distribution_and_every_party_has_one() -> None:
    found = {d.path for d in S.distributions}
    parties = {h.party for h in S.stakeholders}
    assert parties == set(S.party_names)
    for holder in S.stakeholders:
        for issue in holder.stances:
            for name in ("position", "salience"):
                assert f"stakeholders.{holder.id}.stances.{issue}.{name}" in found


@pytest.mark.parametrize(
    ("event", "day"),
    [
        ("us-raises-200bn-to-25", "2019-05-10"),
        ("huawei-entity-list", "2019-05-15"),
        ("unreliable-entity-list", "2019-05-31"),
        ("china-retaliation-in-force", "2019-06-01"),
        ("osaka-truce", "2019-06-29"),
        ("remaining-imports-tariff-announced", "2019-08-01"),
        ("list-4-split", "2019-08-13"),
        ("list-4a-in-force", "2019-09-01"),
        ("phase-one-announced", "2019-10-11"),
        ("phase-one-deal-reached", "2019-12-13"),
        ("currency-label-dropped", "2020-01-13"),
        ("phase-one-signed", "2020-01-15"),
    ],
)
def test_the_calendar(event: str, day: str) -> None:
    assert EVENT_DATE[event].isoformat() == day


def test_status_quo_on_1_july_and_as_it_moves_later() -> None:
    july = state_as_of(S, CUTOFF).status_quo
    assert july["us-tariffs-200bn"] == "twenty-five"
    assert july["us-tariffs-remaining"] == "none"
    assert july["china-retaliation"] == "june-2019"
    assert july["huawei"] == "listed"
    assert july["china-countermeasures"] == "threatened"
    assert july["purchases-size"] == "none"
    october = state_as_of(S, dt.date(2019, 10, 11))
    assert october.status_quo["us-tariffs-remaining"] == "ten"
    assert october.conditions["currency-designation"] == "designated"
    signed = state_as_of(S, dt.date(2020, 1, 15))
    assert signed.status_quo["ip-protection"] == "in-text"
    assert signed.conditions["currency-designation"] == "not-designated"


def test_open_numbers_are_triangular_around_the_stated_number_inside_their_range() -> None:
    found = {d.path: dict(d.distribution) for d in S.distributions}
    numbers = {f"{n.entity}.{n.field}": n for n in scenario_numbers(S)}
    assert len(found) > 150
    for path, distribution in found.items():
        assert distribution["kind"] == "triangular", path
        assert distribution["mode"] == numbers[path].value, path
        assert distribution["low"] < distribution["high"], path
        ranges = [e.assumption.range for e in numbers[path].evidence if e.assumption is not None]
        assert any(
            r is not None and r[0] <= distribution["low"] and distribution["high"] <= r[1]
            for r in ranges
        ), path
