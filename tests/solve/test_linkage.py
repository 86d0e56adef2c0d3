"""Value of linkage on a hand-worked two-issue example."""

from __future__ import annotations

import pytest

import grandbargain as gb

# Two issues, each purely distributive on its own: separately, no agreement helps both
# parties, so each stays at the status quo. Together, A gives up a little on `x` (which B
# values highly) for a lot on `y` (which A values highly): the classic logroll.
TEXT = """
schema_version: 1
id: link
title: Linkage example
buckets: [{id: b1, title: B1}, {id: b2, title: B2}]
issues:
  - {id: x, title: X, bucket: b1, status_quo: a,
     options: [{id: a, label: A wins}, {id: b, label: B wins}]}
  - {id: y, title: Y, bucket: b2, status_quo: b,
     options: [{id: a, label: A wins}, {id: b, label: B wins}]}
parties:
  - name: A
    stances:
      x: {weight: 20, values: {a: 100, b: 0}}
      y: {weight: 80, values: {a: 100, b: 0}}
  - name: B
    stances:
      x: {weight: 80, values: {a: 0, b: 100}}
      y: {weight: 20, values: {a: 0, b: 100}}
"""


def test_hand_worked_linkage() -> None:
    a = gb.analyze(gb.load_scenario_text(TEXT, "link.yaml"))
    # status quo (x=a, y=b): A has 0.2, B has 0.2; the grand bargain swaps both: 0.8 each
    assert a.reservation == {"A": pytest.approx(0.2), "B": pytest.approx(0.2)}
    assert a.solutions.nash is not None
    assert dict(a.solutions.nash.package) == {"x": "b", "y": "a"}
    assert a.solutions.nash.utilities == {"A": pytest.approx(0.8), "B": pytest.approx(0.8)}
    series = a.to_dict()["linkage"]["by_issue"]
    assert series["package"] == {"x": "a", "y": "b"}  # separately nothing moves
    assert series["utilities"] == {"A": pytest.approx(0.2), "B": pytest.approx(0.2)}
    assert series["difference"] == {"A": pytest.approx(0.6), "B": pytest.approx(0.6)}
    # ideal is 1.0 for both; gap = 1.0 - 0.2 = 0.8; 0.6 / 0.8 = 75%
    assert series["percent_of_gap"] == {"A": pytest.approx(75.0), "B": pytest.approx(75.0)}
    rolls = a.to_dict()["logrolls"]
    assert [r["moves"] for r in rolls] == [{"x": "b", "y": "a"}]
