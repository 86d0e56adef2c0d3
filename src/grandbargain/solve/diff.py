"""What changed in the bargain between two dates.

Between ``from`` and ``to`` (events on a date apply on that date): status quos, reservation
values, options withdrawn or restored, condition states, and how each solution concept moved -
which issues changed option, and each party's utility before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Scenario
from grandbargain.solve.analysis import CONCEPTS, Analysis, analyze


@dataclass(frozen=True)
class BargainDiff:
    """Two analyses of one scenario on two dates, and what differs between them."""

    scenario: str
    before: Analysis
    after: Analysis

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/diff.schema.json``."""
        b, a = self.before, self.after
        sq_b, sq_a = dict(b.status_quo or {}), dict(a.status_quo or {})
        unavailable_b = b.space.state.unavailable
        unavailable_a = a.space.state.unavailable
        solutions = {}
        for concept in CONCEPTS:
            old = getattr(b.solutions, concept)
            new = getattr(a.solutions, concept)
            moved = []
            if old is not None and new is not None:
                moved = [
                    {"issue": i, "from": old.package[i], "to": new.package[i]}
                    for i in b.issues
                    if old.package[i] != new.package[i]
                ]
            solutions[concept] = {
                "before": None if old is None else old.to_dict(),
                "after": None if new is None else new.to_dict(),
                "moved": moved,
                "utility_change": None
                if old is None or new is None
                else {p: new.utilities[p] - old.utilities[p] for p in b.parties},
            }
        return {
            "schema_version": 1,
            "scenario": self.scenario,
            "from": None if b.as_of is None else b.as_of.isoformat(),
            "to": None if a.as_of is None else a.as_of.isoformat(),
            "events": [e for e in a.applied_events if e not in b.applied_events],
            "status_quo": [
                {"issue": i, "from": sq_b.get(i), "to": sq_a.get(i)}
                for i in b.issues
                if sq_b.get(i) != sq_a.get(i)
            ],
            "reservation": {
                p: {"from": b.reservation[p], "to": a.reservation[p]} for p in b.parties
            },
            "withdrawn": [f"{i}={o}" for i, o in sorted(unavailable_a - unavailable_b)],
            "restored": [f"{i}={o}" for i, o in sorted(unavailable_b - unavailable_a)],
            "conditions": [
                {"condition": c, "from": b.conditions[c], "to": a.conditions[c]}
                for c in b.conditions
                if b.conditions[c] != a.conditions.get(c)
            ],
            "solutions": solutions,
        }


def diff(
    scenario: Scenario,
    start: dt.date,
    end: dt.date,
    conditions: Mapping[str, str] | None = None,
) -> BargainDiff:
    """Analyse ``scenario`` on both dates and compare."""
    return BargainDiff(
        scenario.id, analyze(scenario, start, conditions), analyze(scenario, end, conditions)
    )
