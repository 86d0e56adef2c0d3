"""The briefing on hand-built outlooks: the confidence words at their boundaries, blocking
not available and available, a deal or no deal most likely; ``since`` on the tiny scenario
(worked by hand) and on the shipped one; bad dates.

The tiny scenario (tests/backtest/tiny.py): as of 2024-03-01 the status quo is (high, small);
the event ``cut`` (2024-06-01) moves the tariff's status quo to ``mid``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.brief import build_briefing, confidence_word
from grandbargain.brief.words import percent, worded_percent
from grandbargain.outlook import Blocking, Outlook

from ..backtest.tiny import SCENARIO
from .helpers import PERCENT, matches_probability, sentences, with_blocking, with_issue

TINY = gb.load_scenario_text(
    SCENARIO.replace(
        "    stances: {tariff: {position: 0, salience: 1, clout: 1}}",
        "    stances: {tariff: {position: 0, salience: 1, clout: 1}}\n"
        "    evidence: [{source: memo, quote: S1 holds the line., note: Why S1 blocks.}]",
    ),
    "tiny.yaml",
)
BASE = gb.outlook(TINY, "2024-03-01", draws=0)


def _tariff_line(outlook: Outlook) -> str:
    lines = sentences(build_briefing(outlook, TINY), "confidence")
    return next(line for line in lines if line.startswith("Tariff: "))


@pytest.mark.parametrize(
    ("probabilities", "word"),
    [
        ((0.7, 0.3, 0.0), "high"),
        ((0.7 - 1e-6, 0.3 + 1e-6, 0.0), "medium"),
        ((0.7 - 1e-12, 0.3 + 1e-12, 0.0), "high"),  # within the tolerance of 1e-9
        ((0.4, 0.35, 0.25), "medium"),
        ((0.4 - 1e-6, 0.35, 0.25 + 1e-6), "low"),
        ((0.34, 0.33, 0.33), "low"),
        ((1.0, 0.0, 0.0), "high"),
    ],
)
def test_confidence_words_follow_the_rule_at_the_boundaries(
    probabilities: tuple[float, float, float], word: str
) -> None:
    line = _tariff_line(with_issue(BASE, "tariff", probabilities))
    top = max(probabilities)
    assert line.endswith(f"({word}).") or f"({word}). " in line
    written = PERCENT.findall(line)[0]
    assert matches_probability(written, top)
    # the written number falls on the same side of the boundary as the probability
    assert confidence_word(float(written) / 100).value == word


def test_percent_keeps_rounding_from_crossing_a_boundary() -> None:
    assert worded_percent(0.6996) == "69.96%" and worded_percent(0.7) == "70%"
    assert worded_percent(0.39999) == "39.999%" and worded_percent(0.123) == "12%"
    assert percent(0.6996) == "70%" and percent(0.0) == "0%"  # no word goes with these
    assert percent(0.004) == "0.4%" and percent(0.00004) == "0.004%"  # never a false zero


def test_without_ratification_rules_the_briefing_says_blocking_is_not_known() -> None:
    assert not BASE.blocking.available
    [text] = sentences(build_briefing(BASE, TINY), "blocking")
    assert text.startswith("Not known: this outlook carries no ratification rules")


def test_blockers_name_the_rule_the_veto_player_and_both_options() -> None:
    veto = {"rule": "veto", "party": "A", "stakeholder": "s1"}
    vote = {"rule": "package", "party": "B", "stakeholder": None}
    items = (
        {
            "issue": "tariff",
            "unconstrained": "none",
            "ratified": "mid",
            "blocked_by": [veto],
            "jointly": False,
        },
        {
            "issue": "buy",
            "unconstrained": "large",
            "ratified": "small",
            "blocked_by": [veto, vote],
            "jointly": True,
        },
    )
    b = build_briefing(with_blocking(BASE, Blocking(True, "2 moves", False, items)), TINY)
    first, second = b.section("blocking").sentences
    assert first.text == (
        "Tariff: an unconstrained deal would move to None; veto player S1 (A) blocks it, so the "
        "ratifiable deal keeps Mid."
    )
    assert second.text == (
        "Purchases: an unconstrained deal would move to Large; veto player S1 (A) and B's "
        "package vote block it together, so the ratifiable deal keeps Small."
    )
    abouts = {e.key: e.about for e in b.evidence}
    assert "stakeholder S1 (A)" in {abouts[k] for k in first.evidence}


def test_only_no_deal_nothing_blocked_and_other_shapes_are_said_plainly() -> None:
    none = build_briefing(with_blocking(BASE, Blocking(True, "", True, ())), TINY)
    assert sentences(none, "blocking") == [
        "No ratifiable agreement: only no deal can be ratified at home."
    ]
    free = build_briefing(with_blocking(BASE, Blocking(True, "", False, ())), TINY)
    assert sentences(free, "blocking")[0].startswith("No move of the unconstrained deal is blocked")
    odd = Blocking(True, "", False, ({"issue": "tariff", "move": "mid", "by": "s1"},))
    assert sentences(build_briefing(with_blocking(BASE, odd), TINY), "blocking") == [
        "Tariff: blocked (move: mid, by: s1)."
    ]


def test_a_deal_most_likely_and_no_deal_ever_found() -> None:
    deal = BASE.likely_deal
    assert deal is not None and BASE.most_likely.is_status_quo
    top = dataclasses.replace(deal, probability=0.55)
    b = build_briefing(dataclasses.replace(BASE, most_likely=top, likely_deal=top), TINY)
    first, second = sentences(b, "deal")[:2]
    assert first == "As of 2024-03-01, the most likely outcome is a deal (probability 55%)."
    assert second.startswith("It moves ") and "probability" not in second
    never = build_briefing(dataclasses.replace(BASE, likely_deal=None, trades=(), gains=()), TINY)
    assert [s.id for s in never.sections] == ["deal", "blocking", "confidence"]
    assert sentences(never, "deal")[1].startswith("No predictor found a deal")


def test_since_on_the_tiny_scenario_names_the_cut_and_what_it_changed() -> None:
    b = gb.brief(TINY, "2024-07-01", since="2024-03-01", draws=0)
    assert b.since == dt.date(2024, 3, 1) and b.as_of == dt.date(2024, 7, 1)
    texts = sentences(b, "changes")
    assert texts[:3] == [
        "From 2024-03-01 to 2024-07-01, 1 event took effect.",
        "2024-06-01: Tariff cut (happened).",
        "Status quo of Tariff: High -> Mid.",
    ]
    # A's utility of no deal: (high, small) 0.5 -> (mid, small) 0.3; B's 0.5 -> 0.85
    assert "A's utility of no deal: 0.500 -> 0.300." in texts
    assert "B's utility of no deal: 0.500 -> 0.850." in texts
    # on 2024-07-01 no package gives both a gain over (mid, small): no Nash package then
    assert (
        texts[-1] == "There is no Nash package on 2024-07-01 (no package gives every side a gain)."
    )
    same = gb.brief(TINY, "2024-03-01", since="2024-03-01", draws=0)
    assert sentences(same, "changes") == [
        "From 2024-03-01 to 2024-03-01, no event took effect.",
        "The Nash package did not move.",
    ]


@pytest.mark.parametrize(
    ("since", "as_of"), [("2025-06-08", "2025-07-20"), ("2025-07-20", "2025-10-31")]
)
def test_since_lists_every_event_between_the_dates_once_with_its_sources(
    since: str, as_of: str
) -> None:
    scenario = gb.load_scenario("us-china-2025")
    b = gb.brief(scenario, as_of, since=since, draws=0)
    part = b.section("changes").sentences
    applied = set(api.state_as_of(scenario, dt.date.fromisoformat(as_of)).applied_events)
    earlier = set(api.state_as_of(scenario, dt.date.fromisoformat(since)).applied_events)
    window = [e for e in scenario.events if since < e.date.isoformat() <= as_of]
    assert window
    by_key = {e.key: e for e in b.evidence}
    for event in window:
        day, line = event.date.isoformat(), f": {event.title} ({event.status.value}"
        # the date may carry "(date assumed)": test_timeline_dates checks which do
        [found] = [
            s
            for s in part
            if line in s.text and f"{day}{line}" in s.text.replace(" (date assumed)", "")
        ]
        took = event.id in applied - earlier
        assert found.text.startswith("Dated in that window but not applied") is not took
        cited = {by_key[k].source for k in found.evidence if by_key[k].kind == "quote"}
        assert cited == {e.source for e in event.evidence if e.source is not None}
    count = len(applied - earlier)
    assert part[0].text.startswith(f"From {since} to {as_of}, {count if count else 'no'} event")
    outside = [e for e in scenario.events if not since < e.date.isoformat() <= as_of]
    assert not any(f": {e.title} (" in s.text for e in outside for s in part)


@pytest.mark.parametrize(
    ("kwargs", "field", "says"),
    [
        ({"since": "2024-09-01"}, "--since", "after the briefing's date 2024-07-01"),
        ({"since": "2024-02-30"}, "--since", "not a date"),
        ({"as_of": "yesterday"}, "--as-of", "not a date"),
        ({"draws": -1}, "--draws", "negative"),
    ],
)
def test_bad_dates_and_arguments_are_input_errors(
    kwargs: dict[str, object], field: str, says: str
) -> None:
    arguments: dict[str, object] = {"as_of": "2024-07-01", "draws": 0, **kwargs}
    with pytest.raises(gb.InputError) as error:
        gb.brief(TINY, **arguments)  # type: ignore[arg-type]
    problem = error.value.problems[0]
    assert problem.file == field and says in str(problem)


def test_since_needs_a_date_to_compare_with() -> None:
    undated = TINY.model_copy(update={"as_of": None})
    with pytest.raises(gb.InputError) as error:
        gb.brief(undated, since="2024-03-01", draws=0)
    assert "give --as-of with --since" in str(error.value.problems[0])


def test_since_says_which_options_and_conditions_changed_and_cites_the_events(
    small_yaml: str,
) -> None:
    events = """\
  - id: pull
    title: Open access withdrawn
    date: 2025-06-01
    changes:
      - {kind: availability, issue: access, option: open, available: false}
    evidence: [{source: memo, quote: Open access is off the table., note: Withdrawn.}]
  - id: split
    title: Allies split
    date: 2025-06-02
    changes:
      - {kind: condition, condition: allies, state: defect}
    evidence: [{assumption: {reasoning: The allies split in June.}}]
"""
    text = small_yaml.replace("events:\n", "events:\n" + events, 1)
    scenario = gb.load_scenario_text(text, "small.yaml")
    b = gb.brief(scenario, "2025-07-20", since="2025-05-20", draws=0)
    found = {s.text: s for s in b.section("changes").sentences}
    assert "From 2025-05-20 to 2025-07-20, 2 events took effect." in found
    withdrawn = found["Option withdrawn: Market access: Open."]
    split = found["Condition Allies stay aligned: Aligned -> Defect."]
    by_key = {e.key: e for e in b.evidence}
    assert [by_key[k].quote for k in withdrawn.evidence] == ["Open access is off the table."]
    assert [by_key[k].reasoning for k in split.evidence] == ["The allies split in June."]
    assert "2025-06-01: Open access withdrawn (happened)." in found
