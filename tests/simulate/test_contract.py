"""The contract every registered strategy keeps (Axelrod's TestPlayer; STYLE rule 17).

Each strategy plays both seats against scripted opponents and itself, on the small scenario
(red lines, a constraint, an interaction under the ``defect`` condition) and the shipped
US-China scenario, with and without discounting: it returns valid packages, never offers or
accepts a package it does not allow or one below its reservation value, walks away rather than
accepting when nothing is worth its reservation value, stops at the deadline, and the same
seed gives the same transcript.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import Strategy
from grandbargain.simulate.context import build_context
from grandbargain.simulate.iso import offer_curve
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import STRATEGIES, make_strategy
from grandbargain.space import TOLERANCE

from ..builders import scenario_data
from ..conftest import DATA
from .harness import Seat, Transcript, play, seats
from .scripted import SCRIPTED

NAMES = sorted(STRATEGIES)
OPPONENTS = [*sorted(SCRIPTED), "self"]
TURNS = 30


@cache
def _small() -> Scenario:
    return Scenario.model_validate(yaml.safe_load((DATA / "small.yaml").read_text()))


@cache
def _table(scenario: str, discounted: bool) -> tuple[Seat, Seat]:
    discounts = (0.9, 0.6) if discounted else (None, None)
    if scenario == "small":
        return seats(_small(), discounts)
    if scenario == "small-defect":
        return seats(_small(), discounts, conditions={"allies": "defect"})
    return seats(gb.load_scenario("us-china-2025"), discounts)


def _player(name: str, seed: int) -> Strategy:
    rng = np.random.default_rng(seed)
    if name in SCRIPTED:
        player: Strategy = SCRIPTED[name](rng)
        return player
    return make_strategy(name, rng)


def _match(name: str, opponent: str, table: tuple[Seat, Seat], seed: int, seat: int) -> Transcript:
    other = name if opponent == "self" else opponent
    names = [name, other] if seat == 0 else [other, name]
    players = [_player(n, seed + k) for k, n in enumerate(names)]
    checked = (0, 1) if opponent == "self" else (seat,)
    return play(players, table, TURNS, checked)


def _assert_contract(transcript: Transcript) -> None:
    assert transcript.violations == []
    assert transcript.ended in {"agreement", "walk-away", "deadline"}
    assert len(transcript.moves) <= 2 * TURNS


@pytest.mark.parametrize("scenario", ["small", "small-defect", "us-china"])
@pytest.mark.parametrize("opponent", OPPONENTS)
@pytest.mark.parametrize("name", NAMES)
def test_strategy_keeps_the_contract(name: str, opponent: str, scenario: str) -> None:
    for discounted in (False, True):
        table = _table(scenario, discounted)
        for seat in (0, 1):
            _assert_contract(_match(name, opponent, table, seed=7, seat=seat))


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_transcript(name: str) -> None:
    table = _table("us-china", True)
    for opponent in ("scripted-random", "self", "random"):
        first = _match(name, opponent, table, seed=11, seat=1)
        again = _match(name, opponent, table, seed=11, seat=1)
        assert first.moves == again.moves


@pytest.mark.parametrize("name", NAMES)
def test_walks_away_when_nothing_is_worth_the_reservation_value(name: str) -> None:
    left, right = _table("small", False)
    hopeless = Seat(right.preferences, right.reservation + 10.0, None)
    players = [_player("scripted-own-best", 1), make_strategy(name, np.random.default_rng(0))]
    transcript = play(players, (left, hopeless), TURNS, checked=(1,))
    _assert_contract(transcript)
    assert transcript.ended == "walk-away"
    assert transcript.moves[-1][:3] == (1, 1, "walk-away")


def _random_table(data: dict[str, Any], discounts: tuple[float | None, float | None]) -> Any:
    table = seats(Scenario.model_validate(data), discounts)
    try:
        for seat in table:
            offer_curve(seat.preferences)  # raises when nothing is admissible
    except ValueError:
        return None
    return table


DISCOUNTS = st.sampled_from([None, 0.5, 0.95])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_data(parties=(2, 2)),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES + sorted(SCRIPTED)),
    st.integers(0, 2**32 - 1),
    st.tuples(DISCOUNTS, DISCOUNTS),
    st.integers(4, 24),
)
def test_contract_holds_on_random_scenarios(
    data: dict[str, Any],
    name: str,
    opponent: str,
    seed: int,
    discounts: tuple[float | None, float | None],
    turns: int,
) -> None:
    table = _random_table(data, discounts)
    assume(table is not None)
    checked = (0, 1) if opponent in STRATEGIES else (0,)
    players = [_player(name, seed), _player(opponent, seed + 1)]
    first = play(players, table, turns, checked)
    assert first.violations == []
    assert len(first.moves) <= 2 * turns
    again = play([_player(name, seed), _player(opponent, seed + 1)], table, turns, checked)
    assert again.moves == first.moves


# --- the same contract through the engine -------------------------------------------------


@pytest.mark.parametrize("scenario", ["small", "us-china"])
def test_every_pairing_keeps_the_contract_in_the_engine(scenario: str) -> None:
    loaded = _small() if scenario == "small" else gb.load_scenario("us-china-2025")
    rounds = 8
    context = build_context(loaded, rounds=rounds, discounts=[0.9, 0.7])
    total = rounds * context.n_parties
    for seed, (a, b) in enumerate((a, b) for a in NAMES for b in NAMES):
        players = [
            make_strategy(a, np.random.default_rng(seed)),
            make_strategy(b, np.random.default_rng(seed + 1000)),
        ]
        result = run_session(context, players, rounds)
        assert result.ended in {"agreement", "walk-away", "deadline"}
        for step in result.steps:
            if step.action not in {"offer", "accept"}:
                continue
            assert step.package is not None
            preferences = context.preferences[step.party]
            assert preferences.allows(step.package), (a, b, step)
            d = context.discounts[step.party]
            factor = 1.0 if d is None else d ** (step.turn / total)
            reservation = context.round_reservations[step.round, step.party]
            worth = preferences.utility(step.package) * factor
            assert worth >= reservation * factor - TOLERANCE, (a, b, step)
