"""Draws stay within bounds, have the right means, and keep weights consistent."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import UncertaintySpec, sample_scenario
from grandbargain.uncertainty.distributions import Distribution, quantile, weights_quantile
from grandbargain.uncertainty.sampling import state_probabilities

KINDS = [
    Distribution("uniform", (("low", 2.0), ("high", 5.0))),
    Distribution("triangular", (("low", 0.0), ("mode", 1.0), ("high", 10.0))),
    Distribution("normal", (("mean", 3.0), ("sd", 2.0), ("low", 0.0), ("high", 4.0))),
    Distribution("beta", (("a", 2.0), ("b", 5.0), ("low", 10.0), ("high", 20.0))),
]


@pytest.mark.parametrize("distribution", KINDS, ids=[d.kind for d in KINDS])
def test_draws_stay_in_bounds_with_the_right_mean(distribution: Distribution) -> None:
    rng = np.random.default_rng(7)
    values = quantile(distribution, rng.random(20_000))
    assert values.min() >= distribution.low and values.max() <= distribution.high
    spread = distribution.high - distribution.low
    assert abs(values.mean() - distribution.mean()) < 0.01 * spread


def test_dirichlet_weights_stay_positive_and_keep_their_sum() -> None:
    weights = np.array([40.0, 20.0, 0.0, 15.0, 100.0])
    rng = np.random.default_rng(3)
    draws = weights_quantile(weights, 50.0, rng.random((5_000, len(weights))))
    assert np.allclose(draws.sum(axis=1), weights.sum())
    assert np.all(draws[:, [0, 1, 3, 4]] > 0) and np.all(draws[:, 2] == 0)
    assert np.allclose(draws.mean(axis=0), weights, atol=0.02 * weights.sum())


def test_sampled_scenarios_respect_the_spec(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    rng = np.random.default_rng(11)
    nominal_total = sum(s.weight for s in us_china.party("China").stances.values())
    states = []
    for _ in range(30):
        sampled = sample_scenario(us_china, small_spec, rng)
        china = sampled.scenario.party("China")
        assert sum(s.weight for s in china.stances.values()) == pytest.approx(nominal_total)
        assert all(s.weight > 0 for s in china.stances.values())
        us = sampled.scenario.party("United States")
        assert 10 <= us.stances["rare-earths"].weight <= 30
        assert 40 <= china.stances["sme-controls"].values["eased-mature"] <= 70
        assert set(sampled.numbers) == set(small_spec.columns)
        assert not sampled.include_events | sampled.exclude_events  # all after as_of
        states.append(sampled.conditions["allies"])
    assert set(states) <= {"aligned", "defect"}


def test_conditions_are_drawn_with_their_probabilities(us_china: Scenario) -> None:
    spec = UncertaintySpec(numbers=())
    rng = np.random.default_rng(5)
    drawn = [sample_scenario(us_china, spec, rng).conditions["allies"] for _ in range(2_000)]
    assert dict(state_probabilities(us_china)["allies"]) == {"aligned": 0.8, "defect": 0.2}
    assert drawn.count("defect") / len(drawn) == pytest.approx(0.2, abs=0.03)


def test_default_and_likely_draw_nothing(us_china: Scenario) -> None:
    spec = UncertaintySpec(numbers=(), conditions="default", events="likely")
    sampled = sample_scenario(us_china, spec, np.random.default_rng(0))
    assert sampled.conditions == {} and not sampled.include_events | sampled.exclude_events
    assert sampled.scenario is us_china


def test_open_events_are_drawn_with_their_probabilities(us_china: Scenario) -> None:
    later = us_china.model_copy(update={"as_of": dt.date(2025, 12, 31)})
    spec = UncertaintySpec(numbers=())
    rng = np.random.default_rng(9)
    draws = [sample_scenario(later, spec, rng) for _ in range(2_000)]
    chances = {"bessent-he-meeting": 0.9, "tariff-snapback": 0.2, "apec-leaders-meeting": 0.5}
    for event, chance in chances.items():
        assert all((event in d.include_events) != (event in d.exclude_events) for d in draws)
        share = sum(event in d.include_events for d in draws) / len(draws)
        assert share == pytest.approx(chance, abs=0.04)
