"""The negotiation through time: the scenario's dated events with their sources and status.

A date that the scenario marks as the analyst's own (an assumption among the event's evidence,
backing the date) is shown as such: the sources beside it report the event, not its day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Change, Event, Scenario
from grandbargain.model.timeline import event_applies


@dataclass(frozen=True)
class TimelineEntry:
    """One event: when, how sure, what it changes, and which sources report it."""

    id: str
    date: dt.date
    precision: str
    status: str
    probability: float | None
    title: str
    changes: tuple[str, ...]
    sources: tuple[str, ...]
    applies_by_default: bool
    date_basis: str = "sources"
    """``assumption`` when the scenario marks the date as the analyst's (an assumption among
    the event's evidence backing its date), ``sources`` when only citations back it, ``none``
    when the event has no evidence."""
    date_assumption: str | None = None
    """The reasoning of that assumption."""


def describe_change(change: Change) -> str:
    """One line saying what a change does."""
    if change.kind == "status_quo":
        return f"status quo of {change.issue} becomes {change.option}"
    if change.kind == "reservation_value":
        return f"reservation value of {change.party} becomes {change.value:g}"
    if change.kind == "availability":
        state = "available again" if change.available else "withdrawn"
        return f"option {change.option} of {change.issue} {state}"
    return f"condition {change.condition} becomes {change.state}"


def date_basis(event: Event) -> tuple[str, str | None]:
    """Whether an event's date comes from an assumption (with its reasoning), its sources, or
    nothing: an assumption whose ``backs`` is omitted or names ``date`` makes it assumed."""
    for item in event.evidence:
        if item.assumption is not None and (item.backs is None or "date" in item.backs):
            return "assumption", item.assumption.reasoning
    return ("sources", None) if event.evidence else ("none", None)


def timeline(scenario: Scenario) -> tuple[TimelineEntry, ...]:
    """Every event in date order (ties in file order)."""
    entries = []
    for event in sorted(scenario.events, key=lambda e: e.date):
        sources = tuple(
            dict.fromkeys(item.source for item in event.evidence if item.source is not None)
        )
        entries.append(
            TimelineEntry(
                event.id,
                event.date,
                event.precision.value,
                event.status.value,
                event.probability,
                event.title,
                tuple(describe_change(c) for c in event.changes),
                sources,
                event_applies(event, None),
                *date_basis(event),
            )
        )
    return tuple(entries)


def timeline_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Plain data matching ``schemas/timeline.schema.json``."""
    return {
        "schema_version": 1,
        "scenario": scenario.id,
        "events": [
            {
                "id": e.id,
                "date": e.date.isoformat(),
                "precision": e.precision,
                "status": e.status,
                "probability": e.probability,
                "title": e.title,
                "changes": list(e.changes),
                "sources": list(e.sources),
                "applies_by_default": e.applies_by_default,
                "date_basis": e.date_basis,
                "date_assumption": e.date_assumption,
            }
            for e in timeline(scenario)
        ],
    }
