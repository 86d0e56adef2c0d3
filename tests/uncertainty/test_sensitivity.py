"""The one-at-a-time tornado table."""

from __future__ import annotations

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import UncertaintySpec
from grandbargain.uncertainty.sensitivity import tornado


def test_tornado_rows_are_ordered_by_swing(us_china: Scenario, small_spec: UncertaintySpec) -> None:
    rows = tornado(us_china, small_spec)
    scalar = [n for n in small_spec.numbers if n.distribution.kind != "dirichlet"]
    assert {r.path for r in rows} == {n.names[0] for n in scalar}
    sizes = [max(abs(r.swing(p) or 0.0) for p in us_china.party_names) for r in rows]
    assert sizes == sorted(sizes, reverse=True)
    assert rows[0].to_dict()["at_low"] is not None
    snapback = next(r for r in rows if r.path.startswith("events."))
    assert snapback.swing("China") == 0.0  # the event is after as_of: no effect
