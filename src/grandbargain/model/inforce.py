"""What the model uses on a date, and the evidence behind each part of it.

**In force on D** (issue 13), each with the evidence that backs it:

- every number of the scenario outside its events (see
  :func:`~grandbargain.model.provenance.scenario_numbers`): option positions and trade effects,
  weights, values, reservation values, interaction utilities, condition-state probabilities,
  stakeholder positions, saliences and clout;
- each party's red lines on an issue (the stance's evidence covering ``red_lines``, else the
  party's);
- each constraint (all its evidence);
- each issue's declared ``status_quo`` and each condition's ``default`` state, unless an event
  the timeline applies on D replaced it (that event is then what backs the status quo on D);
  backed by the issue's or condition's evidence covering that field;
- every event dated on or before D - those :func:`~grandbargain.model.timeline.state_as_of`
  applies on D and those it considers but leaves pending (a possible event below even odds) -
  backed by its evidence other than items that only back its numbers; and the event's numbers
  (probability, changed reservation values).

Events dated after D are not in force on D: they are the later record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from grandbargain.model.provenance import backing, scenario_numbers
from grandbargain.model.schema import Event, Evidence, Scenario
from grandbargain.model.timeline import state_as_of


@dataclass(frozen=True)
class InForceItem:
    """One thing the model uses on the date: its path and the evidence that backs it."""

    path: str
    evidence: tuple[Evidence, ...]


def in_force(s: Scenario, as_of: dt.date) -> Iterator[InForceItem]:
    """Everything in force on ``as_of`` with its backing evidence; see the module docstring."""
    later = {f"events.{event.id}" for event in s.events if event.date > as_of}
    for number in scenario_numbers(s):
        if number.entity not in later:
            yield InForceItem(f"{number.entity}.{number.field}", number.evidence)
    for party in s.parties:
        for issue_id, stance in party.stances.items():
            if stance.red_lines:
                yield InForceItem(
                    f"parties.{party.name}.stances.{issue_id}.red_lines",
                    backing("red_lines", stance.evidence, party.evidence),
                )
    for rule in s.linkages.constraints:
        yield InForceItem(f"linkages.constraints.{rule.id}", rule.evidence)
    yield from _declared_states(s, as_of)
    for event in s.events:
        if event.date <= as_of:
            yield InForceItem(f"events.{event.id}", _event_evidence(event))


def _declared_states(s: Scenario, as_of: dt.date) -> Iterator[InForceItem]:
    events = {event.id: event for event in s.events}
    changes = [c for e in state_as_of(s, as_of).applied_events for c in events[e].changes]
    moved = {c.issue for c in changes if c.kind == "status_quo"}
    switched = {c.condition for c in changes if c.kind == "condition"}
    for issue in s.issues:
        if issue.status_quo is not None and issue.id not in moved:
            yield InForceItem(
                f"issues.{issue.id}.status_quo", backing("status_quo", issue.evidence)
            )
    for condition in s.conditions:
        if condition.id not in switched:
            yield InForceItem(
                f"conditions.{condition.id}.default", backing("default", condition.evidence)
            )


def _event_evidence(event: Event) -> tuple[Evidence, ...]:
    numbers = {"probability", *(f"changes.{k}.value" for k in range(len(event.changes)))}
    return tuple(
        item
        for item in event.evidence
        if item.backs is None or any(name not in numbers for name in item.backs)
    )
