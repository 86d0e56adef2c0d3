"""The array-based fast path gives exactly the transcript of the general protocol."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate import fast
from grandbargain.simulate.context import build_context
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import make_strategy

from ..builders import scenario_data

MEMORYLESS = ["boulware", "linear", "conceder", "time-dependent"]


def _both(context: Any, names: tuple[str, str], rounds: int, seed: int) -> None:
    players = [make_strategy(n, np.random.default_rng(seed + k)) for k, n in enumerate(names)]
    assert fast.applies(context, players)
    quick = run_session(context, players, rounds, fast=True)
    players = [make_strategy(n, np.random.default_rng(seed + k)) for k, n in enumerate(names)]
    slow = run_session(context, players, rounds, fast=False)
    assert quick == slow
    # the lazy transcript reads the same whichever way it is read
    assert list(quick.steps) == [quick.steps[k] for k in range(len(quick.steps))]
    assert tuple(quick.steps) == slow.steps


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=scenario_data(parties=(2, 2), issues=(1, 5)),
    names=st.tuples(st.sampled_from(MEMORYLESS), st.sampled_from(MEMORYLESS)),
    rounds=st.integers(1, 40),
    discounts=st.sampled_from([None, (0.9, 0.7), (1.0, 0.5)]),
    seed=st.integers(0, 1000),
)
def test_fast_path_equals_the_general_protocol(
    data: dict[str, Any],
    names: tuple[str, str],
    rounds: int,
    discounts: tuple[float, float] | None,
    seed: int,
) -> None:
    scenario = Scenario.model_validate(data)
    try:
        context = build_context(scenario, rounds, discounts=discounts)
    except gb.InputError:
        return  # a party with nothing it may offer: no session to compare
    _both(context, names, rounds, seed)


def test_fast_path_on_the_embedded_scenario_and_with_high_reservations() -> None:
    import dataclasses

    context = build_context(gb.load_scenario("us-china-2025"), 60)
    for names in [("boulware", "conceder"), ("linear", "linear"), ("conceder", "boulware")]:
        _both(context, names, 60, 3)
    best = [p.curve.best for p in context.preferences]
    stubborn = dataclasses.replace(
        context, round_reservations=np.tile(np.array(best) - 1e-6, (60, 1))
    )
    _both(stubborn, ("boulware", "conceder"), 60, 0)
    walk = dataclasses.replace(context, round_reservations=np.full((60, 2), 5.0))
    _both(walk, ("boulware", "conceder"), 60, 0)


def test_other_strategies_take_the_general_path() -> None:
    context = build_context(gb.load_scenario("us-china-2025"), 10)
    players = [
        make_strategy("boulware", np.random.default_rng(0)),
        make_strategy("tit-for-tat", np.random.default_rng(1)),
    ]
    assert not fast.applies(context, players)
