"""The strategy contract (:mod:`.test_contract`) for ``llm``, against the fake server with a
share of junk replies (malformed JSON, unknown options, missing issues, stray acceptances):
whatever the model says, the strategy never offers or accepts a package it may not or one
below its reservation value, walks away when nothing is worth it, stops at the deadline, and
the same seed gives the same transcript."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from grandbargain.api import LLMSettings
from grandbargain.simulate.base import Strategy
from grandbargain.simulate.llm import LLMNegotiator, open_client
from grandbargain.simulate.llm.client import LLMClient

from ..builders import scenario_data
from .conftest import FakeServer
from .harness import Seat, play
from .test_contract import OPPONENTS, TURNS, _assert_contract, _player, _random_table, _table

CHAOS = 0.3


@pytest.fixture
def client(fake: FakeServer) -> Iterator[LLMClient]:
    fake.model.reset(chaos=CHAOS)
    with open_client(LLMSettings(url=fake.url, model="fake", backoff=0.0, retries=1)) as opened:
        yield opened


def _players(client: LLMClient, opponent: str, seed: int, seat: int) -> list[Strategy]:
    mine: Strategy = LLMNegotiator(np.random.default_rng(seed), client)
    if opponent == "self":
        other: Strategy = LLMNegotiator(np.random.default_rng(seed + 1), client)
    else:
        other = _player(opponent, seed + 1)
    return [mine, other] if seat == 0 else [other, mine]


@pytest.mark.parametrize("scenario", ["small", "small-defect", "us-china"])
@pytest.mark.parametrize("opponent", OPPONENTS)
def test_llm_keeps_the_contract(client: LLMClient, opponent: str, scenario: str) -> None:
    for discounted in (False, True) if scenario != "us-china" else (True,):
        table = _table(scenario, discounted)
        for seat in (0, 1):
            checked = (0, 1) if opponent == "self" else (seat,)
            transcript = play(_players(client, opponent, 7, seat), table, TURNS, checked)
            _assert_contract(transcript)


def test_llm_same_seed_same_transcript(client: LLMClient) -> None:
    table = _table("small", True)
    for opponent in ("scripted-random", "self", "boulware"):
        first = play(_players(client, opponent, 11, 1), table, TURNS, (1,))
        again = play(_players(client, opponent, 11, 1), table, TURNS, (1,))
        assert first.moves == again.moves


def test_llm_walks_away_when_nothing_is_worth_the_reservation_value(client: LLMClient) -> None:
    left, right = _table("small", False)
    hopeless = Seat(right.preferences, right.reservation + 10.0, None)
    players = [_player("scripted-own-best", 1), LLMNegotiator(np.random.default_rng(0), client)]
    transcript = play(players, (left, hopeless), TURNS, checked=(1,))
    _assert_contract(transcript)
    assert transcript.moves[-1][:3] == (1, 1, "walk-away")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    scenario_data(parties=(2, 2)),
    st.sampled_from(OPPONENTS),
    st.integers(0, 2**32 - 1),
    st.integers(4, 12),
)
def test_llm_contract_holds_on_random_scenarios(
    client: LLMClient, data: dict[str, Any], opponent: str, seed: int, turns: int
) -> None:
    table = _random_table(data, (None, 0.9))
    assume(table is not None)
    checked = (0, 1) if opponent == "self" else (0,)
    transcript = play(_players(client, opponent, seed, 0), table, turns, checked)
    assert transcript.violations == []
    assert len(transcript.moves) <= 2 * turns
