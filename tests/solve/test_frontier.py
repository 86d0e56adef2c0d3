"""Frontier and solution concepts equal brute-force enumeration on random scenarios."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grandbargain.model.schema import Scenario
from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import pareto_frontier, quantise
from grandbargain.solve.units import build_units
from grandbargain.space import build_space, package_utilities

from ..builders import random_additive, scenario_data
from .oracle import brute_force

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    frontier = pareto_frontier(build_units(space), space.n_issues, space.n_parties)
    brute = brute_force(scenario)
    assert np.allclose(space.reservation, brute.reservation, atol=1e-12)
    got = {
        tuple(q): tuple(int(x) for x in p)
        for q, p in zip(quantise(frontier.utilities), frontier.packages, strict=True)
    }
    assert got == brute.frontier
    assert frontier.exact
    # utilities reported on the frontier match a direct computation of their packages
    if len(frontier):
        direct = package_utilities(space, frontier.packages)
        assert np.allclose(direct, frontier.utilities, atol=1e-12)
    choices = choose(frontier, space.reservation)
    for concept in ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian"):
        picked = getattr(choices, concept)
        expected = brute.solutions[concept]
        if expected is None:
            assert picked is None, concept
        else:
            assert picked is not None, concept
            assert tuple(int(x) for x in frontier.packages[picked.row]) == expected, concept


@SETTINGS
@given(scenario_data())
def test_frontier_and_solutions_equal_brute_force(data: dict[str, Any]) -> None:
    _check(data)


@SETTINGS
@given(scenario_data(parties=(2, 2), issues=(4, 6), options=(2, 3)))
def test_two_party_larger_spaces_equal_brute_force(data: dict[str, Any]) -> None:
    _check(data)


@settings(max_examples=60, deadline=None)
@given(scenario_data(parties=(3, 4), issues=(2, 4), quota=True))
def test_quota_scenarios_equal_brute_force(data: dict[str, Any]) -> None:
    _check(data)


@SETTINGS
@given(scenario_data(timeline=True))
def test_scenarios_with_events_and_conditions_equal_brute_force(data: dict[str, Any]) -> None:
    # events of every change kind around the analysis date, conditions gating linkages
    _check(data)


@settings(max_examples=60, deadline=None)
@given(scenario_data(parties=(3, 4), issues=(2, 4), quota=True, timeline=True))
def test_quota_scenarios_with_events_equal_brute_force(data: dict[str, Any]) -> None:
    _check(data)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 6), st.integers(0, 2**32 - 1))
def test_no_frontier_point_is_dominated(n_issues: int, seed: int) -> None:
    data = random_additive(seed, n_issues, 3)
    space = build_space(Scenario.model_validate(data))
    frontier = pareto_frontier(build_units(space), space.n_issues, space.n_parties)
    u = frontier.utilities
    for row in u:
        dominated = np.all(u >= row, axis=1) & np.any(u > row, axis=1)
        assert not dominated.any()
    choices = choose(frontier, space.reservation)
    if choices.nash is not None:
        assert np.all(u[choices.nash.row] > space.reservation)
