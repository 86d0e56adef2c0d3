"""No hindsight: what the model uses on a date must come from sources dated on or before it.

The rule (issue 13). For each thing in force on the date D (see
:func:`grandbargain.model.inforce.in_force`), citations of sources dated after D are set aside.

- If the thing had evidence and none is left - no earlier citation and no assumption - it is
  **unbacked** as of D: a problem naming its path and the later sources it relied on.
- Otherwise each citation set aside is a **later citation**: a warning, not a problem. So is a
  later citation on anything else the model holds on D (a bucket, an issue's description).
  Each later citation is reported once: in the problem it leaves unbacked, or else as a warning.
- Citations on events dated after D, and expectations published after D, are the **later
  record**: not in force on D, neither problems nor warnings; only counted.

An assumption backs a thing whatever the date (it has no source date). Its reasoning could still
use what was learnt later; no check can see that.

When a source counts as available (:func:`available_from`): a day-precision date is that day;
a month-precision date the **last day of its month**, since the source may have appeared on any
day of it and the first day would let a later source through; an approximate date the day
written, the author's best estimate, as there is no bound to be conservative with.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from grandbargain.evidence.citepaths import citations
from grandbargain.model.inforce import in_force
from grandbargain.model.schema import DatePrecision, Evidence, Expectation, Scenario, Source


def available_from(source: Source) -> dt.date:
    """The first day a source counts as available; see the module docstring."""
    if source.precision is DatePrecision.MONTH:
        last = calendar.monthrange(source.date.year, source.date.month)[1]
        return source.date.replace(day=last)
    return source.date


def describe_date(source: Source) -> str:
    """The source's date as written and how it counts: ``2025-07-17``, ``about 2025-07-21``
    (approximate) or ``2019-12 (counted as 2019-12-31)`` (month)."""
    if source.precision is DatePrecision.MONTH:
        return f"{source.date:%Y-%m} (counted as {available_from(source)})"
    if source.precision is DatePrecision.APPROXIMATE:
        return f"about {source.date}"
    return str(source.date)


@dataclass(frozen=True)
class Unbacked:
    """Something in force on the date whose every evidence item cites a later source."""

    path: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LaterCitation:
    """A citation of a source dated after the date, set aside while other evidence remains."""

    path: str
    source: Source


@dataclass(frozen=True)
class Hindsight:
    """The outcome of :func:`hindsight`."""

    as_of: dt.date
    unbacked: tuple[Unbacked, ...]
    later: tuple[LaterCitation, ...]
    in_force_checked: int
    """Things in force on the date that carry evidence (each one checked)."""
    later_record: int
    """Citations on events dated after the date and expectations published after it."""


class _Dates:
    def __init__(self, scenario: Scenario, as_of: dt.date) -> None:
        self.sources = {source.id: source for source in scenario.sources}
        self.as_of = as_of

    def later(self, item: Evidence | Expectation) -> Source | None:
        """The cited source when it is dated after the as-of date (undeclared: None)."""
        source = self.sources.get(item.source) if item.source is not None else None
        return source if source is not None and available_from(source) > self.as_of else None


def hindsight(scenario: Scenario, as_of: dt.date) -> Hindsight:
    """Check ``scenario`` for hindsight as of ``as_of``; see the module docstring."""
    dates = _Dates(scenario, as_of)
    unbacked: list[Unbacked] = []
    consumed: set[int] = set()
    checked = 0
    for thing in in_force(scenario, as_of):
        if not thing.evidence:
            continue
        checked += 1
        later = [dates.later(item) for item in thing.evidence]
        if all(source is not None for source in later):
            named = {source.id: source for source in later if source is not None}
            unbacked.append(Unbacked(thing.path, tuple(named.values())))
            consumed.update(id(item) for item in thing.evidence)
    record = {id(item) for e in scenario.events if e.date > as_of for item in e.evidence}
    found: list[LaterCitation] = []
    later_record = 0
    for path, item in citations(scenario):
        source = dates.later(item)
        if source is None:
            continue
        if id(item) in record or isinstance(item, Expectation):
            later_record += 1
        elif id(item) not in consumed:
            found.append(LaterCitation(path, source))
    return Hindsight(as_of, tuple(unbacked), tuple(found), checked, later_record)
