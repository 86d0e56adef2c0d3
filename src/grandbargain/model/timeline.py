"""Where things stand on a date: events applied on and after their dates.

Which events apply: ``happened`` and ``scheduled`` events, and ``possible`` ones, apply on and
after their date when their probability (1 when not given, except for possible events which
must give one) is at least one half - the more likely branch. ``include`` and ``exclude`` name
events to force either way; the uncertainty engine instead draws each event with its probability.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Event, EventStatus, Scenario

LIKELY = 0.5


def _frozen(mapping: dict[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class ScenarioState:
    """The status quo, reservation overrides, withdrawn options and condition states on a date."""

    as_of: dt.date | None
    status_quo: Mapping[str, str]
    reservation_values: Mapping[str, float]
    unavailable: frozenset[tuple[str, str]]
    conditions: Mapping[str, str]
    applied_events: tuple[str, ...]
    pending_events: tuple[str, ...] = field(default=())


def event_applies(event: Event, as_of: dt.date | None) -> bool:
    """Whether ``event`` is in force on ``as_of`` under the more-likely-branch rule."""
    if as_of is not None and event.date > as_of:
        return False
    if event.status is EventStatus.HAPPENED:
        return True
    probability = 1.0 if event.probability is None else event.probability
    return probability >= LIKELY


def state_as_of(
    scenario: Scenario,
    as_of: dt.date | None = None,
    conditions: Mapping[str, str] | None = None,
    include: frozenset[str] = frozenset(),
    exclude: frozenset[str] = frozenset(),
) -> ScenarioState:
    """Apply the scenario's events in date order up to and including ``as_of``.

    ``as_of`` None means the scenario's own ``as_of`` (or, if it has none, every event).
    ``conditions`` picks condition states (``{"allies": "defect"}``); an explicitly chosen
    state wins over events that would change it.
    """
    as_of = as_of if as_of is not None else scenario.as_of
    chosen = dict(conditions or {})
    _check_choices(scenario, chosen, include | exclude)
    status_quo = {i.id: i.status_quo for i in scenario.issues if i.status_quo is not None}
    reservation: dict[str, float] = {}
    unavailable: set[tuple[str, str]] = set()
    states = {c.id: c.default for c in scenario.conditions}
    applied, pending = [], []
    for event in sorted(scenario.events, key=lambda e: e.date):
        in_window = as_of is None or event.date <= as_of
        forced = event.id in include and in_window
        if event.id in exclude or not (forced or event_applies(event, as_of)):
            pending.append(event.id)
            continue
        applied.append(event.id)
        for change in event.changes:
            if change.kind == "status_quo" and change.issue and change.option:
                status_quo[change.issue] = change.option
            elif change.kind == "reservation_value" and change.party and change.value is not None:
                reservation[change.party] = change.value
            elif change.kind == "availability" and change.issue and change.option:
                key = (change.issue, change.option)
                if change.available:
                    unavailable.discard(key)
                else:
                    unavailable.add(key)
            elif change.kind == "condition" and change.condition and change.state:
                states[change.condition] = change.state
    states.update(chosen)
    return ScenarioState(
        as_of=as_of,
        status_quo=_frozen(status_quo),
        reservation_values=MappingProxyType(reservation),
        unavailable=frozenset(unavailable),
        conditions=_frozen(states),
        applied_events=tuple(applied),
        pending_events=tuple(pending),
    )


def _check_choices(scenario: Scenario, chosen: Mapping[str, str], events: frozenset[str]) -> None:
    problems = []
    known = {c.id: [s.id for s in c.states] for c in scenario.conditions}
    for name, state in chosen.items():
        if name not in known:
            choices = ", ".join(sorted(known)) or "(the scenario has none)"
            problems.append(
                Problem("--condition", 0, 0, name, f"unknown condition; expected one of: {choices}")
            )
        elif state not in known[name]:
            problems.append(
                Problem(
                    "--condition",
                    0,
                    0,
                    name,
                    f"unknown state {state!r}; expected one of: {', '.join(known[name])}",
                )
            )
    event_ids = {e.id for e in scenario.events}
    for event_id in sorted(events - event_ids):
        problems.append(Problem("--event", 0, 0, event_id, "unknown event id"))
    if problems:
        raise InputError(problems)
