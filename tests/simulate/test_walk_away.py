"""Who ended the talks: walk-aways under quota and veto rules, worked by hand and at random.

The rule (``grandbargain.simulate.session``): the talks end at the first walk-away, in
transcript order, after which the parties still at the table cannot meet the acceptance rule
(a veto party has gone, or fewer than the quota remain). That party is ``walked_away``; every
exit is in ``walk_aways``; nobody moves after the walk-away that ends the talks.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate import fast
from grandbargain.simulate.base import Action, Observation, Offer, Package
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.session import SessionResult, run_session
from grandbargain.simulate.strategies import make_strategy

from .scripted import Scripted

R, A, W = Action.REJECT, Action.ACCEPT, Action.WALK_AWAY
OFFER = (1, 1)
SCHEMAS = Path(gb.__file__).parent / "schemas"


def validate(name: str, data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text())).validate(data)


def _table(n: int, quota: int | None = None, veto: Sequence[int] = ()) -> Scenario:
    """``n`` parties P0.. on two issues; quota rule when ``quota`` is given."""
    issues = [
        {
            "id": f"i{i}",
            "title": f"Issue {i}",
            "bucket": "b",
            "status_quo": "o0",
            "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(2)],
        }
        for i in range(2)
    ]
    parties = [
        {
            "name": f"P{p}",
            "stances": {
                f"i{i}": {"weight": 1 + (p + i) % 3, "values": {"o0": 10 * p, "o1": 100 - 10 * i}}
                for i in range(2)
            },
        }
        for p in range(n)
    ]
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "table",
        "title": "Walk-away table",
        "buckets": [{"id": "b", "title": "B"}],
        "issues": issues,
        "parties": parties,
    }
    if quota is not None:
        data["acceptance"] = {"rule": "quota", "quota": quota, "veto": [f"P{v}" for v in veto]}
    return Scenario.model_validate(data)


def _run(scenario: Scenario, players: Sequence[Scripted], rounds: int = 6) -> SessionResult:
    context = build_context(scenario, rounds=rounds)
    return run_session(context, players, rounds=rounds)


def _moves(result: SessionResult) -> list[tuple[int, int, str]]:
    return [(s.round, s.party, s.action) for s in result.steps]


def test_a_later_exit_that_breaks_the_quota_ends_the_talks_not_the_first_one() -> None:
    # quota 3 of 4: P0 leaves in round 1 (three remain: the talks go on); P3 leaves in round 2
    # (two remain): P3 ended the talks, although P0 is the lowest-numbered party that left
    players = [
        Scripted([OFFER], [W]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [R, R, W]),
    ]
    result = _run(_table(4, quota=3), players)
    assert _moves(result) == [
        (0, 0, "offer"),
        (0, 1, "reject"),
        (0, 2, "reject"),
        (0, 3, "reject"),
        (1, 1, "offer"),
        (1, 0, "walk-away"),
        (1, 2, "reject"),
        (1, 3, "reject"),
        (2, 2, "offer"),
        (2, 1, "reject"),
        (2, 3, "walk-away"),
    ]
    assert result.ended == "walk-away" and result.walked_away == 3
    assert result.walk_aways == (0, 3) and result.rounds_used == 3 and result.agreement is None


def test_the_same_two_exits_in_the_other_order_blame_the_other_party() -> None:
    # P3 leaves in round 0, P0 in round 1: now P0's exit is the one that breaks the quota
    players = [
        Scripted([OFFER], [W]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [W]),
    ]
    result = _run(_table(4, quota=3), players)
    assert _moves(result)[-2:] == [(1, 1, "offer"), (1, 0, "walk-away")]
    assert result.walked_away == 0 and result.walk_aways == (3, 0) and result.rounds_used == 2


def test_two_exits_in_one_round_the_second_ends_it_and_nobody_votes_after() -> None:
    # quota 3 of 4: P1 leaves (three remain), P2 leaves (two remain); P3 is never asked
    players = [Scripted([OFFER]), Scripted([OFFER], [W]), Scripted([OFFER], [W]), Scripted([OFFER])]
    result = _run(_table(4, quota=3), players)
    assert _moves(result) == [(0, 0, "offer"), (0, 1, "walk-away"), (0, 2, "walk-away")]
    assert result.walked_away == 2 and result.walk_aways == (1, 2)
    assert players[3].seen == []


def test_a_veto_party_leaving_ends_the_talks_with_the_quota_still_in_reach() -> None:
    # quota 2 of 4 with P2 holding a veto: P1 leaves (fine), then P2 leaves: three parties
    # would still meet the quota, but without P2 no offer can pass
    players = [Scripted([OFFER]), Scripted([OFFER], [W]), Scripted([OFFER], [W]), Scripted([OFFER])]
    result = _run(_table(4, quota=2, veto=[2]), players)
    assert _moves(result) == [(0, 0, "offer"), (0, 1, "walk-away"), (0, 2, "walk-away")]
    assert result.walked_away == 2 and result.walk_aways == (1, 2)
    # the same exits without the veto: still three of four at the table, the talks go on
    players = [Scripted([OFFER]), Scripted([OFFER], [W]), Scripted([OFFER], [W]), Scripted([OFFER])]
    result = _run(_table(4, quota=2), players, rounds=3)
    assert result.ended == "deadline" and result.walked_away is None
    assert result.walk_aways == (1, 2)


def test_a_non_veto_party_leaves_and_the_rest_still_agree() -> None:
    # quota 2 of 3, P0 holds a veto: P1 walks away in round 0; round 1's proposer would be
    # P1, so P2 proposes; P0 accepts and the offer passes with 2 of 3 including the veto
    players = [
        Scripted([(1, 1)], [A]),
        Scripted([(0, 0)], [W]),
        Scripted([(0, 1)], [R]),
    ]
    result = _run(_table(3, quota=2, veto=[0]), players)
    assert _moves(result) == [
        (0, 0, "offer"),
        (0, 1, "walk-away"),
        (0, 2, "reject"),
        (1, 2, "offer"),
        (1, 0, "accept"),
    ]
    assert result.ended == "agreement" and result.agreement == (0, 1)
    assert result.walked_away is None and result.walk_aways == (1,)


def test_a_proposer_who_walks_away_without_ending_the_talks_is_not_blamed() -> None:
    # quota 2 of 3, P1 holds a veto: P0 has nothing to offer and leaves (P1 and P2 remain);
    # in round 1 P1 offers and P2 walks away: one party left, below the quota: P2 ended it
    players = [Scripted([None]), Scripted([OFFER]), Scripted([OFFER], [W])]
    result = _run(_table(3, quota=2, veto=[1]), players)
    assert _moves(result) == [(0, 0, "walk-away"), (1, 1, "offer"), (1, 2, "walk-away")]
    assert result.walked_away == 2 and result.walk_aways == (0, 2)
    # and when the veto party itself has nothing to offer, it ends the talks as proposer
    players = [Scripted([None]), Scripted([None]), Scripted([OFFER])]
    result = _run(_table(3, quota=2, veto=[1]), players)
    assert _moves(result) == [(0, 0, "walk-away"), (1, 1, "walk-away")]
    assert result.walked_away == 1 and result.walk_aways == (0, 1)


def test_breakdown_pays_the_reservation_values_of_the_round_it_ends_in() -> None:
    scenario = _table(4, quota=3)
    context = build_context(scenario, rounds=6)
    players = [
        Scripted([OFFER], [W]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [R]),
        Scripted([OFFER], [R, R, W]),
    ]
    result = run_session(context, players, rounds=6)
    assert result.utilities == pytest.approx(tuple(context.round_reservations[2]))


def test_under_alternating_offers_the_one_who_walks_away_ends_the_talks() -> None:
    # three parties, unanimity: P0 offers, P1 accepts, P2 walks away
    players = [Scripted([OFFER]), Scripted([OFFER], [A]), Scripted([OFFER], [W])]
    result = _run(_table(3), players)
    assert _moves(result) == [(0, 0, "offer"), (0, 1, "accept"), (0, 2, "walk-away")]
    assert result.walked_away == 2 and result.walk_aways == (2,)


@pytest.mark.parametrize("stubborn", [0, 1])
def test_fast_path_and_general_protocol_blame_the_same_party(stubborn: int) -> None:
    # a party whose reservation value is above everything it may offer walks away on its
    # first turn; both paths must say who it was
    context = build_context(gb.load_scenario("us-china-2025"), 20)
    best = context.preferences[stubborn].curve.best
    reservations = np.array(context.round_reservations, dtype=float)
    reservations[:, stubborn] = best + 0.1
    context = dataclasses.replace(context, round_reservations=reservations)
    results = []
    for quick in (True, False):
        players = [make_strategy(n, np.random.default_rng(k)) for k, n in enumerate(["linear"] * 2)]
        assert fast.applies(context, players)
        results.append(run_session(context, players, 20, fast=quick))
    assert results[0] == results[1]
    assert results[0].ended == "walk-away"
    assert results[0].walked_away == stubborn and results[0].walk_aways == (stubborn,)
    assert results[0].steps[-1].party == stubborn


class _Dice:
    """Valid random moves: offers (or walks away as proposer) and random votes."""

    name: ClassVar[str] = "dice"
    description: ClassVar[str] = "random moves"

    def __init__(self, rng: np.random.Generator, walk: float) -> None:
        self.rng = rng
        self.walk = walk

    def propose(self, observation: Observation) -> Package | None:
        if self.rng.random() < self.walk:
            return None
        return tuple(int(self.rng.integers(0, 2)) for _ in range(2))

    def respond(self, observation: Observation, offer: Offer) -> Action:
        return Action(str(self.rng.choice(["accept", "reject", "walk-away"], p=self._odds())))

    def _odds(self) -> list[float]:
        return [0.2, 0.8 - self.walk, self.walk]


def _unmeetable(left: list[int], n: int, quota: int, veto: Sequence[int]) -> bool:
    remaining = set(range(n)) - set(left)
    return len(remaining) < quota or not set(veto) <= remaining


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(2, 5),
    data=st.data(),
    walk=st.sampled_from([0.05, 0.2, 0.4]),
    seed=st.integers(0, 10_000),
)
def test_random_voting_sessions_follow_the_rule(
    n: int, data: st.DataObject, walk: float, seed: int
) -> None:
    quota = data.draw(st.integers(1, n - 1))
    veto = data.draw(st.lists(st.integers(0, n - 1), max_size=quota, unique=True))
    context: SimulationContext = build_context(_table(n, quota, veto), rounds=8)
    rngs = np.random.SeedSequence(seed).spawn(n)
    players = [_Dice(np.random.default_rng(r), walk) for r in rngs]
    result = run_session(context, players, rounds=8)
    # replay the transcript: exits in order, and the first one that leaves the rule unmeetable
    left: list[int] = []
    ender = None
    for k, step in enumerate(result.steps):
        if step.action == "walk-away":
            left.append(step.party)
            if _unmeetable(left, n, quota, veto):
                ender = step.party
                assert k == len(result.steps) - 1  # nobody moves after it
                break
    assert result.walk_aways == tuple(left)
    assert result.walked_away == ender
    assert (result.ended == "walk-away") == (ender is not None)
    if result.ended == "agreement":
        last = result.steps[-1]
        offer = next(s for s in reversed(result.steps) if s.action == "offer")
        yes = {offer.party} | {
            s.party for s in result.steps if s.round == last.round and s.action == "accept"
        }
        assert len(yes) >= quota and set(veto) <= yes


def _hopeless(n: int, quota: int, hopeless: Sequence[int]) -> Scenario:
    """Parties in ``hopeless`` red-line the status quo they like best: nothing is worth it."""
    data = _table(n, quota).model_dump(mode="json", exclude_none=True)
    for p in hopeless:
        for stance in data["parties"][p]["stances"].values():
            stance["values"] = {"o0": 100, "o1": 0}
            stance["red_lines"] = ["o0"]
    return Scenario.model_validate(data)


def test_the_json_names_who_ended_each_stage_and_every_exit() -> None:
    # quota 2 of 3; P1 and P2 have nothing worth offering, so (contract) they walk away at
    # their first move: P1's exit leaves two parties, P2's leaves one: P2 ended the talks
    scenario = _hopeless(3, 2, [1, 2])
    sim = gb.simulate(scenario, rounds=5, compare_agendas=False)
    data = sim.to_dict()
    validate("simulation.schema.json", data)
    (stage,) = data["stages"]
    assert [(s["party"], s["action"]) for s in stage["transcript"]] == [
        ("P0", "offer"),
        ("P1", "walk-away"),
        ("P2", "walk-away"),
    ]
    assert stage["ended"] == "walk-away" and stage["walked_away"] == "P2"
    assert stage["walk_aways"] == ["P1", "P2"]
    assert data["outcome"]["ended_by"] == {"package": "P2"}
    staged = gb.simulate(scenario, rounds=5, agenda="issue-by-issue", compare_agendas=False)
    data = staged.to_dict()
    validate("simulation.schema.json", data)
    assert data["outcome"]["ended_by"] == {"i0": "P2", "i1": "P2"}
    # one hopeless party under the same quota leaves without ending anything
    sim = gb.simulate(_hopeless(3, 2, [2]), rounds=5, compare_agendas=False)
    data = sim.to_dict()
    validate("simulation.schema.json", data)
    assert data["stages"][0]["walk_aways"] == ["P2"] and data["stages"][0]["walked_away"] is None
    assert data["outcome"]["ended_by"] == {}
