"""The negotiation through time: the scenario's dated events with their sources and status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Change, Scenario
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
            }
            for e in timeline(scenario)
        ],
    }
