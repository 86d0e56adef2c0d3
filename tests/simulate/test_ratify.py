"""Ratification-constrained talks (``simulate(..., ratify=True)``) against independent truth:
random scenarios.

Random small scenarios with ratification rules (the builder of the analysis tests), random
strategy pairings and seeds: every agreement passes every rule of every party as the
brute-force oracle (:mod:`tests.solve.ratification_oracle`) judges it, package by package; a
session that ends for want of a ratifiable offer ends so only when the oracle finds none.
Without rules the transcript is the one of today, and the fast path plays the same session.
A case worked by hand and the shipped scenario are in ``test_ratify_cases.py``.
"""

from __future__ import annotations

import itertools
from typing import Any
from unittest.mock import patch

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate.context import build_context
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import STRATEGIES, make_strategy

from ..builders import scenario_data
from ..solve.oracle import State, state_on, status_quo_package
from ..solve.ratification_oracle import ratifiable
from ..solve.test_ratification import KINDS, ratified_scenario
from .harness import others_dropped

NAMES = sorted(STRATEGIES)


def _permits(s: Scenario, party: int, package: tuple[int, ...], state: State) -> bool:
    """The party's own red lines, options withdrawn by events and the constraints in force."""
    chosen = {issue.id: issue.options[o].id for issue, o in zip(s.issues, package, strict=True)}
    if any(pair in state.unavailable for pair in chosen.items()):
        return False
    if any(chosen[i] in stance.red_lines for i, stance in s.parties[party].stances.items()):
        return False
    for rule in s.linkages.constraints:
        if rule.id in state.active and all(chosen[k] == v for k, v in rule.when.items()):
            if any(chosen[k] not in allowed for k, allowed in rule.requires.items()):
                return False
    return True


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratified_scenario(KINDS),
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.integers(0, 2**32 - 1),
    st.integers(2, 16),
)
def test_every_agreement_passes_every_rule_of_every_party(
    s: Scenario, names: tuple[str, str, str], seed: int, rounds: int
) -> None:
    try:
        context = build_context(s, rounds, ratify=True)
    except gb.InputError:
        assume(False)  # no status quo, or a party with nothing to offer even without rules
        return
    rngs = [np.random.default_rng(seed + k) for k in range(len(s.parties))]
    players = [make_strategy(n, r) for n, r in zip(names, rngs, strict=False)]
    result = run_session(context, players, rounds)
    state = state_on(s)
    sq = status_quo_package(s, state)
    if result.agreement is not None:
        assert ratifiable(s, result.agreement, sq)
        assert all(_permits(s, p, result.agreement, state) for p in range(len(s.parties)))
    if result.ended == "no-ratifiable-offer":
        assert result.agreement is None and result.unratifiable
        every = itertools.product(*[range(len(issue.options)) for issue in s.issues])
        for party in result.unratifiable:
            dropped = others_dropped(s, s.parties[party].name)
            assert not any(
                _permits(s, party, package, state) and ratifiable(s, package, sq, dropped)
                for package in every
            )
    else:
        assert not context.unratifiable
    for step in result.steps:  # every offer and acceptance passes its maker's own rules
        if step.package is not None and step.action in {"offer", "accept"}:
            dropped = others_dropped(s, s.parties[step.party].name)
            assert ratifiable(s, step.package, sq, dropped), step


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratified_scenario(KINDS),
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.integers(0, 2**32 - 1),
    st.integers(2, 12),
)
def test_agreements_pass_every_rule_when_curves_are_filtered_not_listed(
    s: Scenario, names: tuple[str, str, str], seed: int, rounds: int
) -> None:
    """Above the enumeration limit a ratified curve is the unconstrained one filtered (plus
    the status quo); forced here on small scenarios, every agreement and every move still
    passes the rules (a party may then miss an offer, so no-offer endings are not judged)."""
    with patch("grandbargain.simulate.iso.RATIFIED_ENUMERATION_LIMIT", -1):
        try:
            context = build_context(s, rounds, ratify=True)
        except gb.InputError:
            assume(False)
            return
        assert all(p.ratifiable_rows is None for p in context.preferences)
        rngs = [np.random.default_rng(seed + k) for k in range(len(s.parties))]
        players = [make_strategy(n, r) for n, r in zip(names, rngs, strict=False)]
        result = run_session(context, players, rounds)
    sq = status_quo_package(s, state_on(s))
    if result.agreement is not None:
        assert ratifiable(s, result.agreement, sq)
    for step in result.steps:
        if step.package is not None and step.action in {"offer", "accept"}:
            assert ratifiable(s, step.package, sq, others_dropped(s, s.parties[step.party].name))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_data(parties=(2, 3)),
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.integers(0, 1000),
    st.integers(1, 12),
)
def test_without_rules_ratify_changes_nothing(
    data: dict[str, Any], names: tuple[str, str, str], seed: int, rounds: int
) -> None:
    s = Scenario.model_validate(data)
    assert not s.ratification
    results = []
    for ratify in (False, True):
        try:
            context = build_context(s, rounds, ratify=ratify)
        except gb.InputError:
            return
        rngs = [np.random.default_rng(seed + k) for k in range(len(s.parties))]
        players = [make_strategy(n, r) for n, r in zip(names, rngs, strict=False)]
        results.append(run_session(context, players, rounds))
    assert results[0] == results[1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratified_scenario(KINDS),
    st.tuples(st.sampled_from(["boulware", "linear", "conceder"]), st.sampled_from(NAMES)),
    st.integers(1, 20),
)
def test_the_fast_path_plays_the_same_ratified_session(
    s: Scenario, names: tuple[str, str], rounds: int
) -> None:
    assume(len(s.parties) == 2)
    try:
        context = build_context(s, rounds, ratify=True)
    except gb.InputError:
        return
    pair = (names[0], names[0] if names[1] not in {"linear", "boulware"} else names[1])
    sessions = []
    for fast in (True, False):
        players = [make_strategy(n, np.random.default_rng(k)) for k, n in enumerate(pair)]
        sessions.append(run_session(context, players, rounds, fast=fast))
    assert sessions[0] == sessions[1]
    assert tuple(sessions[0].steps) == tuple(sessions[1].steps)
