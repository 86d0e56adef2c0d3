"""What changed between two dates and why: the events that took effect (with their sources),
the status quos, values of no deal, options and conditions they changed, and how the Nash
package moved. Templates filled from :class:`~grandbargain.solve.diff.BargainDiff`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from grandbargain.brief.evidence import EvidenceBook, unique
from grandbargain.brief.result import Section, Sentence
from grandbargain.brief.words import plural, possessive, signed
from grandbargain.evidence.timeline import date_basis
from grandbargain.model.schema import Event, Scenario
from grandbargain.solve.diff import BargainDiff

OPENING = "From {start} to {end}, {events} took effect."
EVENT = "{date}: {title} ({status}{chance})."
NOT_APPLIED = "Dated in that window but not applied: {date}: {title} ({status}{chance})."
STATUS_QUO = "Status quo of {title}: {old} -> {new}."
NO_DEAL_VALUE = "{whose} utility of no deal: {old} -> {new}."
WITHDRAWN = "Option withdrawn: {title}: {label}."
RESTORED = "Option restored: {title}: {label}."
CONDITION = "Condition {title}: {old} -> {new}."
NASH_MOVED = "The Nash package moved on {count}: {moves}; utility change {change}."
NASH_STILL = "The Nash package did not move."
NASH_NONE = "There is no Nash package {when} (no package gives every side a gain)."
UTILITY = "utility on the 0-1 scale, from the parties' stances on the status quo of each date"


def _events(scenario: Scenario, ids: Iterable[str]) -> list[Event]:
    by_id = {e.id: e for e in scenario.events}
    return [by_id[i] for i in ids if i in by_id]


def _chance(event: Event) -> str:
    return "" if event.probability is None else f", p = {event.probability:g}"


def _date(event: Event) -> str:
    """The event's date, marked when the scenario gives it as an assumption (as ``timeline``
    and the report's timeline do)."""
    assumed = date_basis(event)[0] == "assumption"
    return event.date.isoformat() + (" (date assumed)" if assumed else "")


def _why(applied: list[Event], book: EvidenceBook, **match: object) -> tuple[str, ...]:
    """The evidence of the applied events whose changes touch what ``match`` names."""
    keys: list[str] = []
    for event in applied:
        if any(all(getattr(c, k) == v for k, v in match.items()) for c in event.changes):
            keys += book.event(event.id)
    return unique(keys)


def _label(scenario: Scenario, issue: str, option: str | None) -> str:
    if option is None:
        return "none"
    found = scenario.issue(issue).options
    return next((o.label for o in found if o.id == option), option)


def event_sentences(
    scenario: Scenario, start: dt.date, end: dt.date, applied: list[Event], book: EvidenceBook
) -> list[Sentence]:
    """The events that took effect in the window, and those dated in it that did not."""
    count = plural(len(applied), "event") if applied else "no event"
    text = OPENING.format(start=start.isoformat(), end=end.isoformat(), events=count)
    sentences = [Sentence(text)]
    for event in applied:
        line = EVENT.format(
            date=_date(event),
            title=event.title,
            status=event.status.value,
            chance=_chance(event),
        )
        sentences.append(Sentence(line, book.event(event.id)))
    done = {e.id for e in applied}
    for event in sorted(scenario.events, key=lambda e: e.date):
        if start < event.date <= end and event.id not in done:
            line = NOT_APPLIED.format(
                date=_date(event),
                title=event.title,
                status=event.status.value,
                chance=_chance(event),
            )
            sentences.append(Sentence(line, book.event(event.id)))
    return sentences


def _status_quos(
    scenario: Scenario, data: Mapping[str, Any], applied: list[Event], book: EvidenceBook
) -> list[Sentence]:
    sentences = []
    for row in data["status_quo"]:
        issue = row["issue"]
        text = STATUS_QUO.format(
            title=scenario.issue(issue).title,
            old=_label(scenario, issue, row["from"]),
            new=_label(scenario, issue, row["to"]),
        )
        sentences.append(Sentence(text, _why(applied, book, kind="status_quo", issue=issue)))
    for party, row in data["reservation"].items():
        if abs(row["from"] - row["to"]) > 1e-12:
            text = NO_DEAL_VALUE.format(
                whose=possessive(party), old=f"{row['from']:.3f}", new=f"{row['to']:.3f}"
            )
            keys = unique(k for e in applied for k in book.event(e.id))
            sentences.append(Sentence(text, keys, UTILITY))
    return sentences


def _options_and_conditions(
    scenario: Scenario, data: Mapping[str, Any], applied: list[Event], book: EvidenceBook
) -> list[Sentence]:
    sentences = []
    for key, template, available in (("withdrawn", WITHDRAWN, False), ("restored", RESTORED, True)):
        for pair in data[key]:
            issue, option = pair.split("=", 1)
            text = template.format(
                title=scenario.issue(issue).title, label=_label(scenario, issue, option)
            )
            match = {"issue": issue, "option": option, "available": available}
            keys = _why(applied, book, kind="availability", **match)
            sentences.append(Sentence(text, keys))
    conditions = {c.id: c for c in scenario.conditions}
    for row in data["conditions"]:
        condition = conditions[row["condition"]]
        states = {s.id: s.label for s in condition.states}
        text = CONDITION.format(
            title=condition.title,
            old=states.get(row["from"], row["from"]),
            new=states.get(row["to"], row["to"]),
        )
        keys = _why(applied, book, kind="condition", condition=condition.id)
        sentences.append(Sentence(text, keys))
    return sentences


def state_sentences(
    scenario: Scenario, data: Mapping[str, Any], applied: list[Event], book: EvidenceBook
) -> list[Sentence]:
    """Status quos, utilities of no deal, options and conditions that changed, each with the
    evidence of the events that changed it."""
    return [
        *_status_quos(scenario, data, applied, book),
        *_options_and_conditions(scenario, data, applied, book),
    ]


def nash_sentence(scenario: Scenario, data: Mapping[str, Any]) -> Sentence:
    """How the Nash package moved between the two dates."""
    nash = data["solutions"]["nash"]
    if nash["before"] is None or nash["after"] is None:
        missing = [
            d for d, x in ((data["from"], nash["before"]), (data["to"], nash["after"])) if x is None
        ]
        when = "on either date" if len(missing) == 2 else f"on {missing[0]}"
        return Sentence(NASH_NONE.format(when=when))
    if not nash["moved"]:
        return Sentence(NASH_STILL)
    moves = "; ".join(
        f"{scenario.issue(m['issue']).title}: {_label(scenario, m['issue'], m['from'])} -> "
        f"{_label(scenario, m['issue'], m['to'])}"
        for m in nash["moved"]
    )
    change = ", ".join(f"{p} {signed(v)}" for p, v in nash["utility_change"].items())
    count = plural(len(nash["moved"]), "issue")
    return Sentence(NASH_MOVED.format(count=count, moves=moves, change=change), (), UTILITY)


def changes_section(scenario: Scenario, changes: BargainDiff, book: EvidenceBook) -> Section:
    """The "what changed" section between the diff's two dates."""
    data = changes.to_dict()
    start, end = changes.before.as_of, changes.after.as_of
    assert start is not None and end is not None
    applied = _events(scenario, data["events"])
    sentences = [
        *event_sentences(scenario, start, end, applied, book),
        *state_sentences(scenario, data, applied, book),
        nash_sentence(scenario, data),
    ]
    return Section("changes", f"What changed since {start.isoformat()}, and why", tuple(sentences))
