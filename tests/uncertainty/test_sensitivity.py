"""The one-at-a-time tornado table, checked against re-analysing the scenario by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grandbargain import api
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import UncertaintySpec
from grandbargain.uncertainty.paths import put
from grandbargain.uncertainty.sensitivity import tornado, tornado_notes


def _nash_with(scenario: Scenario, steps: tuple[Any, ...], value: float) -> api.Analysis:
    """``analyze`` on the scenario with one number set to ``value``."""
    data = scenario.model_dump(mode="json")
    put(data, steps, value)
    return api.analyze(Scenario.model_validate(data), quick=True)


def test_each_swing_equals_a_re_analysis_at_low_and_high(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    rows = {row.path: row for row in tornado(us_china, small_spec)}
    scalar = [n for n in small_spec.numbers if n.distribution.kind != "dirichlet"]
    assert set(rows) == {n.names[0] for n in scalar}
    moved = []
    for number in scalar:
        row = rows[number.names[0]]
        (steps,) = number.targets
        low = _nash_with(us_china, steps, number.distribution.low).solutions.nash
        high = _nash_with(us_china, steps, number.distribution.high).solutions.nash
        assert low is not None and high is not None and row.at_low and row.at_high
        for party in us_china.party_names:
            assert row.at_low[party] == pytest.approx(low.utilities[party], abs=1e-9)
            assert row.at_high[party] == pytest.approx(high.utilities[party], abs=1e-9)
            swing = high.utilities[party] - low.utilities[party]
            assert row.swing(party) == pytest.approx(swing, abs=1e-9)
        moved.append(dict(low.package) != dict(high.package))
    # one number moves the Nash package between its ends, another leaves it where it is
    assert True in moved and False in moved
    sme = rows["parties.China.stances.sme-controls.values.eased-mature"]
    assert abs(sme.swing("China") or 0) > 0.01
    snapback = rows["events.tariff-snapback.probability"]
    assert snapback.swing("China") == 0.0  # the event is after as_of: no effect


def test_rows_are_ordered_by_their_largest_swing(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    rows = tornado(us_china, small_spec)
    sizes = [max(abs(r.swing(p) or 0.0) for p in us_china.party_names) for r in rows]
    assert sizes == sorted(sizes, reverse=True)


def test_the_analysis_date_reaches_the_tornado(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    early = dt.date(2025, 5, 1)
    row = next(r for r in tornado(us_china, small_spec, early) if "sme-controls" in r.path)
    (steps,) = next(n for n in small_spec.numbers if n.path == row.path).targets
    data = us_china.model_dump(mode="json")
    put(data, steps, row.high)
    expected = api.analyze(Scenario.model_validate(data), as_of=early, quick=True).solutions.nash
    assert expected is not None and row.at_high is not None
    assert row.at_high == pytest.approx(expected.utilities, abs=1e-9)
    later = next(r for r in tornado(us_china, small_spec) if r.path == row.path)
    assert later.at_high != row.at_high


def test_notes_say_why_numbers_have_no_row(us_china: Scenario) -> None:
    joint = api.spec_from_mapping(
        {
            "schema_version": 1,
            "numbers": [
                {
                    "path": "parties.China.weights",
                    "distribution": {"kind": "dirichlet", "concentration": 50},
                }
            ],
        },
        us_china,
    )
    assert tornado(us_china, joint) == ()
    (only,) = tornado_notes(joint)
    assert "only uncertain numbers are jointly drawn weights (parties.China.weights)" in only
    empty = UncertaintySpec(numbers=())
    assert tornado(us_china, empty) == ()
    assert "no uncertain numbers to vary" in tornado_notes(empty)[0]
