"""Ratification-constrained analysis (``analyze(..., ratify=True)``) against brute force.

Random small scenarios (2-3 parties, 2-4 issues, 2-4 options, random stakeholders; unanimity
or a quota) with each rule alone and all together: the frontier, the four solution concepts
and the feasible count must match :mod:`.ratification_oracle`, which judges every package one
at a time. The package vote is checked both ways it is computed (enumeration, and the
extended frontier used above ten million packages).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import grandbargain as gb
import grandbargain.solve.ratification.frontier as ratified
from grandbargain.model.schema import Scenario
from grandbargain.solve.analysis import Analysis

from ..builders import scenario_data
from .oracle import TOL, _q
from .ratification_oracle import brute_ratified, ratifiable

KINDS = ("winsets", "veto", "package")


@st.composite
def ratified_scenario(draw: st.DrawFn, kinds: tuple[str, ...], quota: bool = False) -> Scenario:
    """A random scenario with option positions, stakeholders and the given kinds of rule."""
    data: dict[str, Any] = draw(
        scenario_data(parties=(2, 3), issues=(2, 4), options=(2, 4), quota=quota)
    )
    for issue in data["issues"]:
        for option in issue["options"]:
            option["position"] = draw(st.sampled_from([0, 20, 40, 50, 60, 80, 100]))
    holders, rules = [], []
    for party in data["parties"]:
        mine = []
        for k in range(draw(st.integers(1, 3))):
            stances = {}
            for issue in data["issues"]:
                if draw(st.booleans()):
                    stances[issue["id"]] = {
                        "position": draw(st.sampled_from([0, 10, 30, 50, 70, 90, 100])),
                        "salience": draw(st.sampled_from([0.0, 0.2, 0.5, 1.0])),
                        "clout": draw(st.sampled_from([1, 5, 20, 100])),
                    }
            holder_id = f"{party['name'].lower()}-s{k}"
            holders.append(
                {
                    "id": holder_id,
                    "name": holder_id,
                    "party": party["name"],
                    "kind": "other",
                    "stances": stances,
                }
            )
            mine.append(holder_id)
        entry: dict[str, Any] = {"party": party["name"]}
        share = st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0])
        if "winsets" in kinds and draw(st.booleans()):
            entry["winsets"] = {"threshold": draw(share)}
            if draw(st.booleans()):
                entry["winsets"]["issues"] = {data["issues"][0]["id"]: draw(share)}
        if "veto" in kinds:
            entry["veto_players"] = draw(st.lists(st.sampled_from(mine), max_size=2, unique=True))
        if "package" in kinds and draw(st.booleans()):
            entry["package"] = {"threshold": draw(share)}
        rules.append(entry)
    data["stakeholders"] = holders
    data["ratification"] = rules
    return Scenario.model_validate(data)


def _frontier_vectors(a: Analysis) -> set[tuple[int, ...]]:
    return {_q(tuple(float(x) for x in u)) for u in a.frontier.utilities}


def _score(concept: str, gains: np.ndarray, ideal: np.ndarray, utilities: np.ndarray) -> float:
    if concept == "nash":
        return float(np.prod(gains))
    if concept == "utilitarian":
        return float(utilities.sum())
    if concept == "egalitarian":
        return float(gains.min())
    counted = ideal > TOL
    return float((gains[counted] / ideal[counted]).min()) if counted.any() else 0.0


def _check(s: Scenario, a: Analysis, exact_count: bool = True) -> None:
    """Compare an analysis with the oracle: frontier, four concepts, feasible count."""
    brute = brute_ratified(s)
    assert _frontier_vectors(a) == set(brute.frontier)
    if exact_count:
        assert a.feasible_count == brute.feasible_count
    reservation = np.array([a.reservation[p] for p in a.parties])
    accepted = [u for u in a.frontier.utilities if np.all(u >= reservation - TOL)]
    ideal = np.max(np.array(accepted) - reservation, axis=0) if accepted else None
    for concept in ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian"):
        solution = getattr(a.solutions, concept)
        best = brute.scores[concept]
        if best is None:
            assert solution is None, concept
            continue
        assert solution is not None, concept
        package = tuple(
            [o.id for o in issue.options].index(solution.package[issue.id]) for issue in s.issues
        )
        assert package in brute.packages, f"{concept} package is not ratifiable"
        utilities = np.array([solution.utilities[p] for p in a.parties])
        gains = utilities - reservation
        assert ideal is not None
        got = _score(concept, gains, ideal, utilities)
        assert math.isclose(got, best, rel_tol=1e-9, abs_tol=1e-12), (concept, got, best)


@pytest.mark.parametrize("kinds", [("winsets",), ("veto",), ("package",), KINDS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_ratified_analysis_matches_brute_force(kinds: tuple[str, ...], data: st.DataObject) -> None:
    s = data.draw(ratified_scenario(kinds))
    _check(s, gb.analyze(s, ratify=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=ratified_scenario(KINDS, quota=True))
def test_quota_acceptance_with_every_rule_matches_brute_force(s: Scenario) -> None:
    _check(s, gb.analyze(s, ratify=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=ratified_scenario(("veto", "package"), quota=True))
def test_the_extended_frontier_used_above_the_enumeration_limit_is_exact(s: Scenario) -> None:
    with pytest.MonkeyPatch.context() as patch:  # every package vote via the extended frontier
        patch.setattr(ratified, "ENUMERATION_LIMIT", 0)
        a = gb.analyze(s, ratify=True)
    assert a.ratification is not None
    if any(r.package is not None for r in s.ratification):
        assert a.ratification.method.startswith(("extended frontier", "empty"))
    _check(s, a, exact_count=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=ratified_scenario(KINDS))
def test_no_rules_or_ratify_off_gives_the_unconstrained_answers(s: Scenario) -> None:
    bare = s.model_copy(update={"ratification": ()})
    plain = gb.analyze(s).to_dict()
    assert plain["ratification"] is None
    with_no_rules = gb.analyze(bare, ratify=True).to_dict()
    assert with_no_rules["ratification"]["rules"] == []
    for key in ("pareto", "solutions", "feasible_count", "logrolls", "linkage"):
        assert with_no_rules[key] == plain[key], key


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=ratified_scenario(KINDS))
def test_logrolls_and_separate_agreements_stay_ratifiable(s: Scenario) -> None:
    a = gb.analyze(s, ratify=True)
    brute = brute_ratified(s)
    index = {i.id: [o.id for o in i.options] for i in s.issues}
    assert a.status_quo is not None
    sq = tuple(index[i].index(a.status_quo[i]) for i in index)
    for roll in a.to_dict()["logrolls"]:
        package = list(sq)
        for issue, option in roll["moves"].items():
            package[list(index).index(issue)] = index[issue].index(option)
        assert tuple(package) in brute.packages
    for series in (a.linkage_issues, a.linkage_buckets):
        assert series is not None
        package = tuple(int(x) for x in series.package)
        assert series.admissible == (package in brute.packages)


def test_the_status_quo_is_always_ratifiable() -> None:
    s = gb.load_scenario("us-china-2025")
    a = gb.analyze(s, as_of="2025-07-20", ratify=True, quick=True)
    assert a.status_quo is not None
    sq = tuple([o.id for o in i.options].index(a.status_quo[i.id]) for i in s.issues)
    assert ratifiable(s, sq, sq)
