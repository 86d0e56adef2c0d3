"""Each of the four event-change kinds, applied on and after its date, worked out by hand.

The scenario: Alpha weighs tariff 30 and access 70 (normalised 0.3 and 0.7), Beta 60 and 40
(0.6 and 0.4); values on 0..100. Status quo: tariff high, access closed. So by hand

    Alpha(high, closed) = 0.3 * 100/100 + 0.7 * 0/100 = 0.3
    Beta(high, closed)  = 0.6 * 0/100   + 0.4 * 100/100 = 0.4
    Alpha(low, closed)  = 0.0,  Beta(low, closed) = 0.6 + 0.4 = 1.0

and the interaction ``swap`` (tariff low with access partial) adds 0.05 to both, only while
the condition ``allies`` is in state ``defect``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from grandbargain import api
from grandbargain.model.timeline import state_as_of
from grandbargain.space import build_space, package_utilities

SCENARIO = """
schema_version: 1
id: events
title: One event of each change kind
buckets: [{id: trade, title: Trade}]
issues:
  - id: tariff
    title: Tariff
    bucket: trade
    status_quo: high
    options: [{id: high, label: High}, {id: low, label: Low}]
  - id: access
    title: Access
    bucket: trade
    status_quo: closed
    options: [{id: closed, label: Closed}, {id: partial, label: Partial}, {id: open, label: Open}]
parties:
  - name: Alpha
    stances:
      tariff: {weight: 30, values: {high: 100, low: 0}}
      access: {weight: 70, values: {closed: 0, partial: 60, open: 100}}
  - name: Beta
    stances:
      tariff: {weight: 60, values: {high: 0, low: 100}}
      access: {weight: 40, values: {closed: 100, partial: 70, open: 0}}
linkages:
  interactions:
    - {id: swap, when: {tariff: low, access: partial}, utilities: {Alpha: 0.05, Beta: 0.05}}
conditions:
  - id: allies
    title: Allies
    default: aligned
    states:
      - {id: aligned, label: Aligned}
      - {id: defect, label: Defect, activates: [swap]}
events:
  - id: reservation
    title: Alpha's outside option improves
    date: 2025-03-01
    changes: [{kind: reservation_value, party: Alpha, value: 0.45}]
  - id: withdrawn
    title: Open access is taken off the table
    date: 2025-04-01
    changes: [{kind: availability, issue: access, option: open, available: false}]
  - id: restored
    title: Open access is back
    date: 2025-08-01
    status: scheduled
    changes: [{kind: availability, issue: access, option: open, available: true}]
  - id: defection
    title: Allies defect
    date: 2025-05-01
    status: possible
    probability: 0.6
    changes: [{kind: condition, condition: allies, state: defect}]
  - id: truce
    title: Tariffs cut
    date: 2025-06-01
    changes: [{kind: status_quo, issue: tariff, option: low}]
  - id: unlikely
    title: Tariffs back up (unlikely)
    date: 2025-06-01
    status: possible
    probability: 0.4
    changes: [{kind: status_quo, issue: tariff, option: high}]
"""

DAY = dt.date


@pytest.fixture(scope="module")
def scenario() -> api.Scenario:
    return api.load_scenario_text(SCENARIO, "events.yaml")


def test_reservation_value_change_applies_on_its_date(scenario: api.Scenario) -> None:
    before = build_space(scenario, DAY(2025, 2, 28))
    assert before.reservation == pytest.approx([0.3, 0.4])  # status quo utilities
    on = build_space(scenario, DAY(2025, 3, 1))
    assert on.reservation == pytest.approx([0.45, 0.4])  # Alpha's from the event
    assert dict(state_as_of(scenario, DAY(2025, 3, 1)).reservation_values) == {"Alpha": 0.45}


def test_availability_change_withdraws_then_restores_an_option(scenario: api.Scenario) -> None:
    assert build_space(scenario, DAY(2025, 3, 31)).admissible[1].tolist() == [True] * 3
    withdrawn = build_space(scenario, DAY(2025, 4, 1))
    assert withdrawn.admissible[1].tolist() == [True, True, False]
    assert withdrawn.state.unavailable == {("access", "open")}
    restored = build_space(scenario, DAY(2025, 8, 1))  # scheduled, probability 1: applies
    assert restored.admissible[1].tolist() == [True, True, True]
    assert restored.state.unavailable == frozenset()
    # 2 tariff options x 3 access options, less the 2 packages with open access
    assert api.analyze(scenario, DAY(2025, 3, 31)).to_dict()["admissible_count"] == 6
    assert api.analyze(scenario, DAY(2025, 4, 1)).to_dict()["admissible_count"] == 4
    assert api.analyze(scenario, DAY(2025, 8, 1)).to_dict()["admissible_count"] == 6


def test_condition_change_switches_a_linkage_on(scenario: api.Scenario) -> None:
    swap = np.array([[1, 1]])  # tariff low, access partial
    # Alpha 0.0 + 0.7 * 60/100 = 0.42; Beta 0.6 + 0.4 * 70/100 = 0.88
    before = build_space(scenario, DAY(2025, 4, 30))
    assert before.state.conditions["allies"] == "aligned"
    assert package_utilities(before, swap)[0] == pytest.approx([0.42, 0.88])
    after = build_space(scenario, DAY(2025, 5, 1))  # possible at 0.6: the likelier branch
    assert after.state.conditions["allies"] == "defect"
    assert package_utilities(after, swap)[0] == pytest.approx([0.47, 0.93])
    # a state chosen for the analysis wins over the event
    chosen = build_space(scenario, DAY(2025, 5, 1), conditions={"allies": "aligned"})
    assert package_utilities(chosen, swap)[0] == pytest.approx([0.42, 0.88])


def test_status_quo_change_moves_the_disagreement_point(scenario: api.Scenario) -> None:
    # Reservation values default to the status quo's utilities; Alpha's was replaced in
    # March, so only Beta's follows the new status quo (tariff low, access closed): 1.0.
    before = build_space(scenario, DAY(2025, 5, 31))
    assert before.status_quo == (0, 0)
    assert before.reservation == pytest.approx([0.45, 0.4])
    on = build_space(scenario, DAY(2025, 6, 1))
    assert on.status_quo == (1, 0)  # the unlikely snapback (0.4) the same day does not apply
    assert on.reservation == pytest.approx([0.45, 1.0])
    forced = build_space(scenario, DAY(2025, 6, 1), include_events=frozenset({"unlikely"}))
    assert forced.status_quo == (0, 0)  # applied after the truce, in file order
    assert forced.reservation == pytest.approx([0.45, 0.4])


def test_every_event_applies_on_and_after_its_date_only(scenario: api.Scenario) -> None:
    applied = {
        date: state_as_of(scenario, date).applied_events
        for date in (DAY(2025, 1, 1), DAY(2025, 4, 1), DAY(2025, 6, 1), DAY(2025, 12, 31))
    }
    assert applied == {
        DAY(2025, 1, 1): (),
        DAY(2025, 4, 1): ("reservation", "withdrawn"),
        DAY(2025, 6, 1): ("reservation", "withdrawn", "defection", "truce"),
        DAY(2025, 12, 31): ("reservation", "withdrawn", "defection", "truce", "restored"),
    }
