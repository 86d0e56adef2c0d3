"""Package counts against independent truth: enumeration by the oracle, sampling, Wilson.

Every count of ``grandbargain.solve.counting`` is compared with a number computed here without
it: the oracle's plain-Python utilities and admissibility (``oracle.py``), a numpy outer sum
straight from the scenario's weights and values, or scipy's Wilson interval.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.solve import counting
from grandbargain.solve.units import build_units
from grandbargain.space import build_space

from ..builders import random_additive, scenario_data
from .oracle import TOL, admissible, brute_force, utility

Package = tuple[int, ...]


def _status_quo(s: Scenario) -> Package:
    return tuple(
        next(k for k, o in enumerate(issue.options) if o.id == issue.status_quo)
        for issue in s.issues
    )


def _meets_rule(s: Scenario, u: Sequence[float], reservation: Sequence[float]) -> bool:
    accepts = [u[k] >= reservation[k] - TOL for k in range(len(s.parties))]
    if s.acceptance.rule == "unanimity":
        return all(accepts)
    assert s.acceptance.quota is not None
    veto = [s.party_names.index(v) for v in s.acceptance.veto]
    return sum(accepts) >= s.acceptance.quota and all(accepts[v] for v in veto)


def _oracle_counts(
    s: Scenario, packages: Sequence[Package] | None = None, at: Package | None = None
) -> tuple[int, int]:
    """(admissible, feasible) among ``packages`` (default: all), one package at a time.

    The reservation values are the oracle's utilities of ``at`` (default: the status quo)."""
    if packages is None:
        packages = list(itertools.product(*[range(len(i.options)) for i in s.issues]))
    reservation = utility(s, at or _status_quo(s))
    allowed = [p for p in packages if admissible(s, p)]
    feasible = sum(_meets_rule(s, utility(s, p), reservation) for p in allowed)
    return len(allowed), feasible


@st.composite
def _with_rule(draw: st.DrawFn, parties: tuple[int, int], issues: tuple[int, int]) -> Scenario:
    """A random scenario (red lines, interactions, constraints) under unanimity or a random
    quota with random veto parties."""
    data = draw(scenario_data(parties=parties, issues=issues, options=(2, 4)))
    names = [p["name"] for p in data["parties"]]
    if draw(st.booleans()):
        quota = draw(st.integers(1, len(names)))
        veto = draw(st.lists(st.sampled_from(names), max_size=quota, unique=True))
        data["acceptance"] = {"rule": "quota", "quota": quota, "veto": veto}
    return Scenario.model_validate(data)


@settings(max_examples=120, deadline=None)
@given(_with_rule(parties=(2, 4), issues=(1, 4)))
def test_exact_counts_equal_the_oracle(scenario: Scenario) -> None:
    space = build_space(scenario)
    units = build_units(space)
    allowed, feasible = _oracle_counts(scenario)
    assert counting.admissible_count(units) == allowed
    count = counting.feasible_count(space, units)
    method = "meet-in-the-middle" if len(scenario.parties) == 2 else "enumeration"
    assert count == counting.Count(feasible, True, method if allowed else "empty")


@settings(max_examples=80, deadline=None)
@given(_with_rule(parties=(2, 2), issues=(2, 6)), st.sampled_from([0, 1, 4_000_000]))
def test_meet_in_the_middle_equals_the_oracle(scenario: Scenario, table_cells: int) -> None:
    # two parties under unanimity or a quota: counted from a table of suffix sums, from the
    # wavelet matrix alone (no table), or with a table of one cell (wavelet for the rest)
    space = build_space(scenario)
    units = build_units(space)
    allowed, feasible = _oracle_counts(scenario)
    with mock.patch.object(counting, "TABLE_CELLS", table_cells):
        count = counting.feasible_count(space, units)
    assert count.value == feasible and count.exact
    assert count.method == ("meet-in-the-middle" if allowed else "empty")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(-3, 3)), max_size=60),
    st.lists(st.tuples(st.integers(-1, 7), st.integers(-1, 7)), max_size=60),
    st.integers(0, 2**32 - 1),
)
def test_dominance_pairs_equal_pairwise_comparison(
    points: list[tuple[int, int, int]], thresholds: list[tuple[int, int]], seed: int
) -> None:
    # values on a scale of quarters, some moved by a few units in the last place (as sums in
    # another order come out), and thresholds that hit point values exactly: inside the
    # clusters of nearly equal values as well as between them
    rng = np.random.default_rng(seed)
    p = np.array([(x / 4, y / 4) for x, y, _ in points]).reshape(-1, 2)
    p += np.array([k for *_, k in points]).reshape(-1, 1) * rng.integers(0, 2, p.shape) * 1e-15
    t = np.array(thresholds, dtype=float).reshape(-1, 2) / 4
    if len(p) and len(t):
        hit = rng.random(len(t)) < 0.3
        t[hit] = p[rng.integers(0, len(p), int(hit.sum()))]
    truth = int(np.all(p[None, :, :] >= t[:, None, :], axis=2).sum())
    for cells in (0, 4, 4_000_000):
        with mock.patch.object(counting, "TABLE_CELLS", cells):
            assert counting.dominance_pairs(p, t) == truth


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


def _outer_sum_count(data: dict[str, Any]) -> tuple[int, int]:
    """(admissible, feasible) of an additive two-party scenario with red lines and no
    linkages, by numpy outer sums of each party's per-issue tables taken from ``data``."""
    sums = []
    status_quo = []
    for party in data["parties"]:
        total_weight = sum(s["weight"] for s in party["stances"].values())
        u: Any = np.zeros(())
        sq = 0.0
        for issue in data["issues"]:
            stance = party["stances"][issue["id"]]
            red = set(stance.get("red_lines", []))
            for other in data["parties"]:
                red |= set(other["stances"][issue["id"]].get("red_lines", []))
            ids = [o["id"] for o in issue["options"] if o["id"] not in red]
            table = np.array([stance["weight"] * stance["values"][o] / 100 for o in ids])
            u = np.add.outer(u, table / total_weight)
            sq += stance["weight"] * stance["values"][issue["status_quo"]] / 100 / total_weight
        sums.append(u.ravel())
        status_quo.append(sq)
    feasible = (sums[0] >= status_quo[0] - TOL) & (sums[1] >= status_quo[1] - TOL)
    return len(sums[0]), int(feasible.sum())


def _mid_sized(seed: int, red_lines: bool) -> dict[str, Any]:
    data = random_additive(seed, 8, 5)
    if red_lines:  # each party rules out one option of some issues
        for k, party in enumerate(data["parties"]):
            for i in range(k, 8, 3):
                party["stances"][f"i{i}"]["red_lines"] = [f"o{(i + k) % 5}"]
    return data


@pytest.mark.parametrize(("seed", "red_lines"), [(11, False), (12, True)])
def test_meet_in_the_middle_equals_outer_sums_on_a_mid_sized_space(
    monkeypatch: pytest.MonkeyPatch, seed: int, red_lines: bool
) -> None:
    data = _mid_sized(seed, red_lines)
    allowed, feasible = _outer_sum_count(data)
    assert (allowed == 5**8) is not red_lines
    space = build_space(Scenario.model_validate(data))
    units = build_units(space)
    assert counting.admissible_count(units) == allowed
    expected = counting.Count(feasible, True, "meet-in-the-middle")
    assert counting.feasible_count(space, units) == expected
    monkeypatch.setattr(counting, "TABLE_CELLS", 0)  # the wavelet matrix alone
    assert counting.feasible_count(space, units) == expected


def test_half_sums_list_the_combinations_in_order() -> None:
    # a half lists the combinations of its units' choices with the first unit slowest, so
    # combination k is the k-th of itertools.product
    data = _mid_sized(12, red_lines=True)
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    units = build_units(space)[:5]
    options = [[int(o) for o in unit.choices[:, 0]] for unit in units]
    assert [unit.issues for unit in units] == [(i,) for i in range(5)]
    sums = counting.half_sums(units, 2)
    assert len(sums) == counting.admissible_count(units)
    fixed = tuple(space.status_quo or ())[5:]
    listed = list(itertools.product(*options))
    base = np.array(utility(scenario, listed[0] + fixed))
    for k in (1, 77, len(sums) - 1):
        moved = np.array(utility(scenario, listed[k] + fixed)) - base
        np.testing.assert_allclose(sums[k] - sums[0], moved, rtol=0, atol=1e-12)


def test_every_pair_of_halves_is_counted_once_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # three parties: every package is one pair (a, b) of half sums; blocks of pairs that do
    # not divide the halves still count each package once
    scenario = _quota_scenario(3, 3, 3, [])
    space = build_space(scenario)
    units = build_units(space)
    truth = _oracle_counts(scenario, at=tuple(space.status_quo or ()))[1]
    assert counting.feasible_count(space, units) == counting.Count(truth, True, "enumeration")
    monkeypatch.setattr(counting, "CHUNK", 97)
    assert counting.feasible_count(space, units).value == truth


def _quota_scenario(seed: int, n_parties: int, quota: int, veto: Sequence[str]) -> Scenario:
    data = random_additive(seed, 6, 4, n_parties=n_parties, integer=True, status_quo="o1")
    data["acceptance"] = {"rule": "quota", "quota": quota, "veto": list(veto)}
    return Scenario.model_validate(data)


SAMPLED = [  # about 10%, 51% and 63% of the 4,096 packages feasible
    _quota_scenario(3, 4, 3, ["P1"]),
    _quota_scenario(4, 3, 3, []),
    _quota_scenario(5, 4, 2, ["P0"]),
]


def _recount(scenario: Scenario, seed: int, samples: int) -> tuple[int, int]:
    """(packages sampled, hits) for the draws ``_estimate`` makes with ``seed``: one uniform
    choice per unit, in unit order; each package judged by the oracle."""
    space = build_space(scenario)
    units = build_units(space)
    rng = np.random.default_rng(seed)
    packages = np.zeros((samples, space.n_issues), dtype=np.int64)
    for unit in units:
        pick = rng.integers(0, len(unit.choices), size=samples)
        packages[:, list(unit.issues)] = unit.choices[pick]
    listed = [tuple(int(o) for o in row) for row in packages]
    allowed, hits = _oracle_counts(scenario, listed, at=tuple(space.status_quo or ()))
    return allowed, hits


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_the_estimate_is_recomputed_from_its_seeded_sample(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    scenario = SAMPLED[1]
    space = build_space(scenario)
    units = build_units(space)
    total = counting.admissible_count(units)
    monkeypatch.setattr(counting, "ENUMERATION_LIMIT", 10)
    monkeypatch.setattr(counting, "SAMPLES", 3000)
    estimate = counting.feasible_count(space, units, seed=seed)
    allowed, hits = _recount(scenario, seed, 3000)
    assert allowed == 3000  # sampling over units only ever draws admissible packages
    assert not estimate.exact and f"seed {seed}" in estimate.method
    assert estimate.value == round(hits / 3000 * total)
    wilson = binomtest(hits, 3000).proportion_ci(confidence_level=0.95, method="wilson")
    assert estimate.low is not None and estimate.high is not None
    assert abs(estimate.low - wilson.low * total) <= 1
    assert abs(estimate.high - wilson.high * total) <= 1


def test_wilson_intervals_cover_the_true_count_for_seeds_0_to_19(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    covered = 0
    for scenario in SAMPLED:
        space = build_space(scenario)
        units = build_units(space)
        truth = counting.feasible_count(space, units)
        assert truth.value == _oracle_counts(scenario, at=tuple(space.status_quo or ()))[1]
        total = counting.admissible_count(units)
        p = truth.value / total
        expected_width = 2 * 1.96 * math.sqrt(p * (1 - p) / counting.SAMPLES) * total
        with monkeypatch.context() as patch:
            patch.setattr(counting, "ENUMERATION_LIMIT", 10)
            estimates = [counting.feasible_count(space, units, seed=s) for s in range(20)]
        for estimate in estimates:
            assert estimate.low is not None and estimate.high is not None
            assert estimate.low <= estimate.value <= estimate.high
            # a real 95% interval, not one wide enough to cover anything (the bounds are
            # rounded outwards to whole packages)
            width = estimate.high - estimate.low
            assert width == pytest.approx(expected_width, rel=0.1, abs=2)
            covered += estimate.low <= truth.value <= estimate.high
        assert len({e.value for e in estimates}) > 1  # the seed is used
    # 60 intervals at 95%: fewer than 54 covering has probability below 1%
    assert covered >= 54


def _admissible_by_hand(s: Scenario) -> int:
    """Admissible packages: options no party red-lines, times the combinations of the issues
    that constraints name which break no constraint."""
    ids = [issue.id for issue in s.issues]
    allowed = [
        [
            o.id
            for o in issue.options
            if not any(o.id in p.stances[issue.id].red_lines for p in s.parties)
        ]
        for issue in s.issues
    ]
    named = sorted(
        {i for c in s.linkages.constraints for i in [*c.when, *c.requires]}, key=ids.index
    )
    free = math.prod(len(allowed[k]) for k, i in enumerate(ids) if i not in named)
    combos = 0
    for chosen in itertools.product(*[allowed[ids.index(i)] for i in named]):
        pick = dict(zip(named, chosen, strict=True))
        combos += all(
            any(pick[i] != o for i, o in c.when.items())
            or all(pick[i] in options for i, options in c.requires.items())
            for c in s.linkages.constraints
        )
    return free * combos


def _in_force(s: Scenario) -> Scenario:
    """``s`` with only the linkages in force when every condition is in its default state (a
    linkage a condition state ``activates`` holds only in that state)."""
    defaults = {(c.id, c.default) for c in s.conditions}
    gated: dict[str, set[tuple[str, str]]] = {}
    for condition in s.conditions:
        for state in condition.states:
            for linkage in state.activates:
                gated.setdefault(linkage, set()).add((condition.id, state.id))

    def held(linkage: str) -> bool:
        return linkage not in gated or bool(gated[linkage] & defaults)

    linkages = s.linkages.model_copy(
        update={
            "interactions": tuple(t for t in s.linkages.interactions if held(t.id)),
            "constraints": tuple(c for c in s.linkages.constraints if held(c.id)),
        }
    )
    return s.model_copy(update={"linkages": linkages})


def test_the_embedded_scenario_counts_match_direct_counts_and_a_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = gb.load_scenario("us-china-2025")
    a = gb.analyze(shipped)
    space = build_space(shipped)
    s = _in_force(shipped)  # what the oracle reads
    assert len(s.linkages.interactions) < len(shipped.linkages.interactions)
    assert space.status_quo is not None
    status_quo = tuple(space.status_quo)  # as of the scenario's date, after dated events
    assert a.package_count == math.prod(len(i.options) for i in s.issues)
    assert a.admissible_count == _admissible_by_hand(s)
    assert a.feasible == counting.Count(a.feasible_count, True, "meet-in-the-middle")
    # a seeded uniform sample of all packages, judged by the oracle, agrees with the exact
    # shares of admissible and feasible packages (4.5 standard errors)
    rng = np.random.default_rng(2025)
    sizes = [len(i.options) for i in s.issues]
    draws = [
        tuple(int(x) for x in row) for row in rng.integers(0, sizes, size=(30_000, len(sizes)))
    ]
    allowed, feasible = _oracle_counts(s, draws, at=status_quo)
    for hits, n, share in [
        (allowed, len(draws), a.admissible_count / a.package_count),
        (feasible, allowed, a.feasible_count / a.admissible_count),
    ]:
        assert abs(hits / n - share) <= 4.5 * math.sqrt(share * (1 - share) / n)
    # exactly, on the linked issues with every other issue fixed at its status quo
    ids = [issue.id for issue in s.issues]
    linked = {i for t in s.linkages.interactions for i in t.when}
    linked |= {i for c in s.linkages.constraints for i in [*c.when, *c.requires]}
    fixed = {k: status_quo[k] for k, i in enumerate(ids) if i not in linked}
    units = build_units(space, restrict=fixed)
    ranges = [
        [fixed[k]] if k in fixed else range(len(s.issues[k].options)) for k in range(len(ids))
    ]
    truth = _oracle_counts(s, list(itertools.product(*ranges)), at=status_quo)
    assert counting.admissible_count(units) == truth[0]
    expected = counting.Count(truth[1], True, "meet-in-the-middle")
    assert counting.feasible_count(space, units) == expected
    monkeypatch.setattr(counting, "TABLE_CELLS", 0)  # the wavelet matrix alone
    assert counting.feasible_count(space, units) == expected
