"""The protocols, checked with scripted strategies: who may accept, when talks end, time."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import yaml

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import Action
from grandbargain.simulate.context import build_context
from grandbargain.simulate.session import StrategyError, run_session

from ..conftest import DATA
from .scripted import Scripted


def _small(**changes: object) -> Scenario:
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    data.update(changes)
    return Scenario.model_validate(data)


def _three_parties() -> Scenario:
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    third = dict(data["parties"][1], name="Gamma")
    third["stances"] = {k: dict(v, red_lines=[]) for k, v in third["stances"].items()}
    data["parties"].append(third)
    data.pop("linkages")
    data["conditions"][0]["states"][1]["activates"] = []
    return Scenario.model_validate(data)


def test_two_party_offer_accepted() -> None:
    context = build_context(_small(), rounds=10)
    a = Scripted([(1, 1)])
    b = Scripted([(0, 0)], [Action.ACCEPT])
    result = run_session(context, [a, b], rounds=10)
    assert result.ended == "agreement"
    assert result.agreement == (1, 1)
    assert [s.action for s in result.steps] == ["offer", "accept"]
    assert result.turns_used == 2 and result.rounds_used == 1


def test_offer_passes_only_when_every_other_party_accepts_in_turn() -> None:
    context = build_context(_three_parties(), rounds=10)
    a = Scripted([(1, 1)])
    b = Scripted([(1, 0)], [Action.ACCEPT, Action.ACCEPT])
    c = Scripted([(1, 2)], [Action.REJECT, Action.ACCEPT])
    result = run_session(context, [a, b, c], rounds=10)
    # A offers; B accepts; C rejects and counter-offers (1, 2); A must now answer C's offer
    actions = [(s.party, s.action) for s in result.steps]
    # (A rejects it and repeats its offer, which B and C must both accept again)
    assert actions == [
        (0, "offer"),
        (1, "accept"),
        (2, "reject"),
        (2, "offer"),
        (0, "reject"),
        (0, "offer"),
        (1, "accept"),
        (2, "accept"),
    ]
    assert result.agreement == (1, 1) and result.turns_used == 6


def test_walk_away_ends_in_breakdown_at_reservation_values() -> None:
    context = build_context(_small(), rounds=10)
    a = Scripted([(1, 1)])
    b = Scripted([(0, 0)], [Action.WALK_AWAY])
    result = run_session(context, [a, b], rounds=10)
    assert result.ended == "walk-away" and result.walked_away == 1
    assert result.utilities == pytest.approx(tuple(context.round_reservations[0]))


def test_deadline_ends_the_talks() -> None:
    context = build_context(_small(), rounds=7)
    result = run_session(context, [Scripted([(1, 1)]), Scripted([(0, 0)])], rounds=7)
    assert result.ended == "deadline"
    assert result.turns_used == 14 and len([s for s in result.steps if s.action == "offer"]) == 14


def test_discounting_multiplies_utilities_by_d_to_the_t() -> None:
    context = build_context(_small(), rounds=5, discounts=[0.5, 0.8])
    a = Scripted([(1, 1)])
    b = Scripted([(0, 0)], [Action.REJECT, Action.ACCEPT])
    result = run_session(context, [a, b], rounds=5)
    # B rejects A's offer and counters; A rejects that and repeats (1, 1); B accepts at turn 3
    assert result.agreement == (1, 1) and result.turns_used == 4
    raw = [p.utility((1, 1)) for p in context.preferences]
    t = (result.turns_used - 1) / 10
    assert result.utilities == pytest.approx((raw[0] * 0.5**t, raw[1] * 0.8**t))


def test_quota_voting_with_a_veto_party() -> None:
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    third = dict(data["parties"][1], name="Gamma")
    data["parties"].append(third)
    data["acceptance"] = {"rule": "quota", "quota": 2, "veto": ["Alpha"]}
    context = build_context(Scenario.model_validate(data), rounds=6)
    # round 0: Alpha proposes, Beta accepts: 2 of 3 including the veto party -> passes
    result = run_session(
        context,
        [Scripted([(1, 1)]), Scripted([(0, 0)], [Action.ACCEPT]), Scripted([(0, 0)])],
        rounds=6,
    )
    assert result.ended == "agreement" and result.agreement == (1, 1)
    # with Beta as the veto party, Alpha's offer fails although Gamma accepts (2 of 3);
    # Beta's own offer in round 1 passes with Gamma's vote
    data["acceptance"] = {"rule": "quota", "quota": 2, "veto": ["Beta"]}
    context = build_context(Scenario.model_validate(data), rounds=6)
    result = run_session(
        context,
        [
            Scripted([(1, 1)], [Action.REJECT]),
            Scripted([(0, 1)], [Action.REJECT]),
            Scripted([(0, 0)], [Action.ACCEPT]),
        ],
        rounds=6,
    )
    assert result.ended == "agreement" and result.agreement == (0, 1)
    assert result.rounds_used == 2


def test_calendar_moves_reservation_values_on_event_dates() -> None:
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    data["calendar"] = {"start": "2025-08-01", "days_per_round": 7}
    data["events"][1]["status"] = "scheduled"
    data["events"][1]["probability"] = 1.0
    s = Scenario.model_validate(data)
    context = build_context(s, rounds=4)
    assert context.round_dates == (
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 8),
        dt.date(2025, 8, 15),
        dt.date(2025, 8, 22),
    )
    before, after = context.round_reservations[1], context.round_reservations[2]
    assert not np.allclose(before, after)  # the 12 August snapback changes the status quo


def test_invalid_packages_are_strategy_errors() -> None:
    context = build_context(_small(), rounds=3)
    with pytest.raises(StrategyError):
        run_session(context, [Scripted([(5, 0)]), Scripted([(0, 0)])], rounds=3)
    with pytest.raises(ValueError):
        run_session(context, [Scripted([(0, 0)])], rounds=3)


def test_observations_are_frozen_and_hide_the_engine() -> None:
    context = build_context(gb.load_scenario("us-china-2025"), rounds=3)
    a = Scripted([tuple(0 for _ in context.space.issue_ids)])
    run_session(context, [a, Scripted([tuple(0 for _ in context.space.issue_ids)])], rounds=3)
    seen = a.seen[-1]
    with pytest.raises(AttributeError):
        seen.turn = 0  # type: ignore[misc]
    assert not hasattr(seen, "space") and not hasattr(seen, "strategies")
    with pytest.raises(ValueError):
        seen.preferences.tables[0][0] = 1.0


def test_a_proposer_with_nothing_to_offer_walks_away() -> None:
    context = build_context(_small(), rounds=5)
    result = run_session(context, [Scripted([None]), Scripted([(0, 0)])], rounds=5)
    assert result.ended == "walk-away" and result.walked_away == 0 and result.walk_aways == (0,)
    assert [s.action for s in result.steps] == ["walk-away"]


def test_time_dependent_strategies_take_an_acceptable_deal_on_their_last_chance() -> None:
    from grandbargain.api import simulate

    sim = simulate(
        gb.load_scenario("us-china-2025"),
        {"United States": "boulware", "China": "tit-for-tat"},
        rounds=60,
        seed=1,
        compare_agendas=False,
    )
    assert sim.agreement
    for party in sim.parties:
        assert sim.utilities[party] >= sim.reservation[party] - 1e-9
