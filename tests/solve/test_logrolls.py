"""Logrolls equal a brute-force reading of the definition; the soybeans-for-EVs trade appears."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from grandbargain.model.schema import Scenario
from grandbargain.solve.logrolls import find_logrolls
from grandbargain.space import build_space

from ..builders import scenario_data
from .oracle import TOL, admissible, state_on, status_quo_package, utility


def _brute_logrolls(s: Scenario) -> set[tuple[tuple[int, int], ...]]:
    state = state_on(s)
    sq = list(status_quo_package(s, state))
    base = utility(s, tuple(sq), state)
    found = set()
    for a, b in itertools.combinations(range(len(s.issues)), 2):
        for oa in range(len(s.issues[a].options)):
            for ob in range(len(s.issues[b].options)):
                if oa == sq[a] or ob == sq[b]:
                    continue
                package = list(sq)
                package[a], package[b] = oa, ob
                if not admissible(s, tuple(package), state):
                    continue
                total = utility(s, tuple(package), state)
                only_a = list(sq)
                only_a[a] = oa
                only_b = list(sq)
                only_b[b] = ob
                # per-issue gains, without interaction terms: compare one-issue moves on a
                # scenario copy with no linkages
                plain = s.model_copy(update={"linkages": type(s.linkages)()})
                ga = [
                    x - y
                    for x, y in zip(
                        utility(plain, tuple(only_a), state),
                        utility(plain, tuple(sq), state),
                        strict=True,
                    )
                ]
                gb_ = [
                    x - y
                    for x, y in zip(
                        utility(plain, tuple(only_b), state),
                        utility(plain, tuple(sq), state),
                        strict=True,
                    )
                ]
                everyone_gains = all(t - u > TOL for t, u in zip(total, base, strict=True))
                each_loses = all(x < -TOL or y < -TOL for x, y in zip(ga, gb_, strict=True))
                if everyone_gains and each_loses:
                    found.add(((a, oa), (b, ob)))
    return found


@settings(max_examples=120, deadline=None)
@given(st.booleans().flatmap(lambda timeline: scenario_data(issues=(2, 5), timeline=timeline)))
def test_logrolls_equal_brute_force(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    rolls, total = find_logrolls(build_space(scenario), max_size=2, limit=10_000)
    assert {r.moves for r in rolls} == _brute_logrolls(scenario)
    assert total == len(rolls)
    smallest = [r.smallest_gain for r in rolls]
    assert smallest == sorted(smallest, reverse=True)


def test_soybeans_for_evs_is_a_logroll_in_the_embedded_scenario() -> None:
    import grandbargain as gb

    a = gb.analyze(gb.load_scenario("us-china-2025"), as_of="2025-07-20")
    trades = [dict(a.to_dict()["logrolls"][k]["moves"]) for k in range(len(a.logrolls))]
    assert {"chinese-brand-access": "open", "us-goods-access": "expanded"} in trades
