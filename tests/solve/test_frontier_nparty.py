"""Three to six parties: frontier and solutions equal brute force, on every filtering path.

Small scenarios (red lines, interactions, constraints, quota rules with a veto, events and
conditions) are checked against the oracle with the pairwise shortcut switched off, so the
divide-and-conquer (three parties) and k-d tree (four or more, with and without the grid
sieve in front, searched in small blocks on two threads) filters run on them; random
additive domains of up to about 10^4 packages are checked by definition against every
package, with the filters as shipped.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grandbargain.model.schema import Scenario
from grandbargain.solve import dominance, kdtree
from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import build_space, package_utilities

from ..builders import random_additive, scenario_data
from .test_frontier import _check

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _forced(data: dict[str, Any], leaf: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "PAIRWISE", 0)
        patch.setattr(kdtree, "LEAF", leaf)
        patch.setattr(dominance, "SIEVE", 0 if leaf % 2 else 10**9)  # grid sieve first or not
        patch.setattr(kdtree, "QUERY_CHUNK", 7)  # several blocks, searched on two threads
        patch.setattr(kdtree, "THREADS", 2)
        _check(data)


@SETTINGS
@given(scenario_data(parties=(3, 6), issues=(2, 4), options=(2, 4)), st.integers(1, 8))
def test_many_parties_equal_brute_force(data: dict[str, Any], leaf: int) -> None:
    _forced(data, leaf)


@SETTINGS
@given(scenario_data(parties=(3, 6), issues=(2, 4), options=(2, 3), quota=True), st.integers(1, 8))
def test_many_parties_under_a_quota_equal_brute_force(data: dict[str, Any], leaf: int) -> None:
    _forced(data, leaf)


@SETTINGS
@given(scenario_data(parties=(3, 5), issues=(2, 4), timeline=True), st.integers(1, 8))
def test_many_parties_with_events_equal_brute_force(data: dict[str, Any], leaf: int) -> None:
    _forced(data, leaf)


def _grid(n_issues: int, n_options: int) -> np.ndarray:
    return np.indices([n_options] * n_issues).reshape(n_issues, -1).T


@settings(max_examples=12, deadline=None)
@given(st.integers(3, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_larger_domains_by_definition(n_parties: int, seed: int, integer: bool) -> None:
    # integer weights and values give many exact ties between packages
    n_issues = {3: 7, 4: 6, 5: 6, 6: 5}[n_parties]
    data = random_additive(seed, n_issues, 4, n_parties=n_parties, integer=integer)
    space = build_space(Scenario.model_validate(data))
    frontier = pareto_frontier(build_units(space), space.n_issues, space.n_parties)
    packages = _grid(n_issues, 4)
    utilities = package_utilities(space, packages)
    front = frontier.utilities
    assert np.allclose(package_utilities(space, frontier.packages), front, atol=1e-12)
    tol = 1e-9
    for u in front:  # no package dominates a frontier point
        assert not np.any(
            np.all(utilities >= u - tol, axis=1) & np.any(utilities > u + tol, axis=1)
        )
    for start in range(0, len(utilities), 2_000):  # every package is covered by one
        block = utilities[start : start + 2_000]
        assert np.all(np.any(np.all(front[None] >= block[:, None] - tol, axis=2), axis=1))
    for u, p in zip(front, frontier.packages, strict=True):  # the lowest package of its vector
        same = np.flatnonzero(np.all(np.abs(utilities - u) <= tol, axis=1))
        assert tuple(packages[same[0]]) == tuple(p)
    choices = choose(frontier, space.reservation)
    gains = utilities - space.reservation
    accepted = np.all(gains >= -tol, axis=1)
    assert choices.utilitarian is not None
    best = utilities[accepted].sum(axis=1).max()
    assert abs(front[choices.utilitarian.row].sum() - best) <= 1e-9
