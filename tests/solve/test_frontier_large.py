"""Larger random spaces (up to about 10^5 packages): a vectorised brute-force check.

Utilities are computed for every package straight from the scenario's numbers (not through
grandbargain.space); the frontier is checked by definition against every package, and the
four solutions by their definitions over every package.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, assume, event, given, settings

import grandbargain as gb
from grandbargain.model.schema import Scenario

from ..builders import scenario_data

TOL = 1e-9


def _all_packages(s: Scenario) -> np.ndarray:
    sizes = [len(i.options) for i in s.issues]
    grids = np.indices(sizes).reshape(len(sizes), -1).T
    return grids  # lexicographic order


def _utilities(s: Scenario, packages: np.ndarray) -> np.ndarray:
    out = np.zeros((len(packages), len(s.parties)))
    for p, party in enumerate(s.parties):
        total = sum(st.weight for st in party.stances.values())
        for i, issue in enumerate(s.issues):
            stance = party.stances[issue.id]
            values = np.array([stance.values[o.id] for o in issue.options]) / 100.0
            out[:, p] += stance.weight / total * values[packages[:, i]]
    ids = {issue.id: i for i, issue in enumerate(s.issues)}
    for term in s.linkages.interactions:
        hit = np.ones(len(packages), dtype=bool)
        for issue_id, option_id in term.when.items():
            i = ids[issue_id]
            hit &= packages[:, i] == [o.id for o in s.issues[i].options].index(option_id)
        for p, party in enumerate(s.parties):
            out[hit, p] += term.utilities.get(party.name, 0.0)
    return out


def _admissible(s: Scenario, packages: np.ndarray) -> np.ndarray:
    ok = np.ones(len(packages), dtype=bool)
    ids = {issue.id: i for i, issue in enumerate(s.issues)}

    def index(issue_id: str, option_id: str) -> int:
        return [o.id for o in s.issues[ids[issue_id]].options].index(option_id)

    for party in s.parties:
        for issue_id, stance in party.stances.items():
            for option_id in stance.red_lines:
                ok &= packages[:, ids[issue_id]] != index(issue_id, option_id)
    for rule in s.linkages.constraints:
        hit = np.ones(len(packages), dtype=bool)
        for issue_id, option_id in rule.when.items():
            hit &= packages[:, ids[issue_id]] == index(issue_id, option_id)
        for issue_id, allowed in rule.requires.items():
            good = np.isin(packages[:, ids[issue_id]], [index(issue_id, o) for o in allowed])
            ok &= ~hit | good
    return ok


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(parties=(2, 3), issues=(6, 9), options=(3, 4)))
def test_frontier_and_solutions_on_spaces_up_to_1e5(data: dict[str, Any]) -> None:
    s = Scenario.model_validate(data)
    packages = _all_packages(s)
    assume(len(packages) <= 150_000)
    event(f"packages ~10^{int(np.log10(len(packages)))}")
    keep = _admissible(s, packages)
    packages, utilities = packages[keep], _utilities(s, packages)[keep]
    analysis = gb.analyze(s)
    assert analysis.admissible_count == len(packages)
    front_u = analysis.frontier.utilities
    front_p = analysis.frontier.packages
    # 1. no frontier point is dominated by any admissible package
    for u in front_u:
        dominated = np.all(utilities >= u - TOL, axis=1) & np.any(utilities > u + TOL, axis=1)
        assert not dominated.any()
    # 2. every admissible package is weakly dominated by some frontier point
    for start in range(0, len(utilities), 20_000):
        block = utilities[start : start + 20_000]
        covered = np.any(np.all(front_u[None, :, :] >= block[:, None, :] - TOL, axis=2), axis=1)
        assert covered.all()
    # 3. each frontier point carries the lowest package with its utility vector
    for u, p in zip(front_u, front_p, strict=True):
        same = np.all(np.abs(utilities - u) <= TOL, axis=1)
        first = packages[np.flatnonzero(same)[0]]
        assert tuple(first) == tuple(p)
    # 4. solution concepts by definition
    r = np.array([analysis.reservation[p.name] for p in s.parties])
    gains = utilities - r
    accepted = np.all(gains >= -TOL, axis=1)
    if not accepted.any():
        assert analysis.solutions.utilitarian is None
        return
    util = analysis.solutions.utilitarian
    assert util is not None
    assert abs(sum(util.utilities.values()) - utilities[accepted].sum(axis=1).max()) <= 1e-9
    egal = analysis.solutions.egalitarian
    assert egal is not None
    assert abs(min(egal.gains.values()) - gains[accepted].min(axis=1).max()) <= 1e-9
    positive = np.all(gains > TOL, axis=1)
    nash = analysis.solutions.nash
    if positive.any():
        assert nash is not None
        best = np.prod(gains[positive], axis=1).max()
        assert abs(np.prod(list(nash.gains.values())) - best) <= 1e-12 * max(1.0, best)
    else:
        assert nash is None
    assert analysis.feasible.exact
    assert analysis.feasible_count == int(accepted.sum()) or s.acceptance.rule == "quota"
