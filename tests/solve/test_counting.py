"""Feasible counts: meet-in-the-middle and the estimate agree with enumeration."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from grandbargain.model.schema import Scenario
from grandbargain.solve import counting
from grandbargain.solve.units import build_units
from grandbargain.space import build_space

from ..builders import random_additive, scenario_data
from .oracle import brute_force


@settings(max_examples=80, deadline=None)
@given(scenario_data(parties=(2, 2), issues=(2, 6), options=(2, 4)))
def test_meet_in_the_middle_equals_enumeration(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    units = build_units(space)
    brute = brute_force(scenario)
    assert counting.admissible_count(units) == len(brute.packages)
    exact = counting.feasible_count(space, units)
    assert exact.exact and exact.value == brute.feasible_count
    halves = counting._split(units)
    assert halves is not None
    assert counting._meet_in_the_middle(space, *halves) == brute.feasible_count


@settings(max_examples=60, deadline=None)
@given(scenario_data(parties=(2, 3), issues=(2, 5), options=(2, 4), timeline=True))
def test_counts_with_events_and_conditions_equal_enumeration(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    units = build_units(space)
    brute = brute_force(scenario)
    assert counting.admissible_count(units) == len(brute.packages)
    count = counting.feasible_count(space, units)
    assert count.exact and count.value == brute.feasible_count


@settings(max_examples=40, deadline=None)
@given(scenario_data(parties=(3, 4), issues=(2, 4), quota=True))
def test_quota_counts_equal_brute_force(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    count = counting.feasible_count(space, build_units(space))
    assert count.exact and count.value == brute_force(scenario).feasible_count


def test_estimate_interval_covers_the_truth(monkeypatch: pytest.MonkeyPatch) -> None:
    data = random_additive(3, 6, 4, n_parties=3, integer=True, status_quo="o1")
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    units = build_units(space)
    truth = counting.feasible_count(space, units)
    assert truth.exact
    monkeypatch.setattr(counting, "ENUMERATION_LIMIT", 10)
    estimate = counting.feasible_count(space, units, seed=1)
    assert not estimate.exact
    assert estimate.low is not None and estimate.high is not None
    assert estimate.low <= truth.value <= estimate.high
    assert counting.feasible_count(space, units, seed=1) == estimate  # deterministic


def test_counts_of_the_embedded_scenario_are_exact_integers() -> None:
    import grandbargain as gb

    a = gb.analyze(gb.load_scenario("us-china-2025"))
    sizes = [len(i.options) for i in gb.load_scenario("us-china-2025").issues]
    assert a.package_count == int(np.prod(sizes, dtype=object))
    assert a.feasible.exact
    assert 0 < a.feasible_count <= a.admissible_count <= a.package_count


def test_enumeration_and_meet_in_the_middle_agree_on_a_mid_sized_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = random_additive(11, 8, 5)
    space = build_space(Scenario.model_validate(data))
    units = build_units(space)
    enumerated = counting.feasible_count(space, units)
    assert enumerated.method == "enumeration"
    monkeypatch.setattr(counting, "ENUMERATION_LIMIT", 10)
    mitm = counting.feasible_count(space, units)
    assert mitm.method == "meet-in-the-middle"
    assert mitm.value == enumerated.value
    # and a direct, slow check on a slice of the space
    assert sum(1 for _ in itertools.islice(itertools.product(range(5), repeat=8), 10)) == 10
