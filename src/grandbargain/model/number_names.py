"""What a person calls one of a scenario's numbers, given its dotted path.

The uncertainty engine names each number it varies by its path
(``parties.China.stances.rare-earths.weight``); a table a person reads shows it as
``China: weight of Rare-earth and magnet export licensing``. Paths are read with
:func:`grandbargain.model.paths.resolve`, so ids that contain dots are read as everywhere else
(the longest run of segments that names something wins), and a number written by position
reads as one written by name. Only the numbers that may vary
(:func:`~grandbargain.model.paths.variable_fields`, and a party's joint weights) have such
names: any other path, and a path that names nothing in the scenario, stands for itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grandbargain.model.paths import Pattern, Resolved, canonical_parts, is_weights, resolve

if TYPE_CHECKING:
    from grandbargain.model.schema import Scenario

Words = tuple[str, ...]
"""A resolved path's segments, each an id or name as the scenario writes it."""


@dataclass(frozen=True)
class _Titles:
    """The titles and labels a name is made of, by id (an unknown id stands for itself)."""

    issues: Mapping[str, str]
    options: Mapping[tuple[str, str], str]
    events: Mapping[str, str]
    conditions: Mapping[str, str]
    states: Mapping[tuple[str, str], str]
    stakeholders: Mapping[str, str]
    changed_parties: Mapping[tuple[str, str], str]
    """The party whose reservation value an event's change sets, by (event id, change index)."""

    @classmethod
    def of(cls, scenario: Scenario) -> _Titles:
        return cls(
            {i.id: i.title for i in scenario.issues},
            {(i.id, o.id): o.label for i in scenario.issues for o in i.options},
            {e.id: e.title for e in scenario.events},
            {c.id: c.title for c in scenario.conditions},
            {(c.id, s.id): s.label for c in scenario.conditions for s in c.states},
            {s.id: s.name for s in scenario.stakeholders},
            {
                (e.id, str(k)): c.party
                for e in scenario.events
                for k, c in enumerate(e.changes)
                if c.party is not None
            },
        )

    def issue(self, issue: str) -> str:
        return self.issues.get(issue, issue)

    def move(self, issue: str, option: str) -> str:
        return f"{self.issue(issue)}: {self.options.get((issue, option), option)}"


def _weight(t: _Titles, w: Words) -> str:
    return f"{w[1]}: weight of {t.issue(w[3])}"


def _value(t: _Titles, w: Words) -> str:
    return f"{w[1]}: value of {t.move(w[3], w[5])}"


def _party_field(t: _Titles, w: Words) -> str:
    return f"{w[1]}: {w[2].replace('_', ' ')}"


def _option_field(t: _Titles, w: Words) -> str:
    return f"{t.move(w[1], w[3])} ({' '.join(w[4:]).replace('_', ' ')})"


def _linkage(t: _Titles, w: Words) -> str:
    return f"{w[4]}: value of linkage {w[2]}"


def _state(t: _Titles, w: Words) -> str:
    label = t.states.get((w[1], w[3]), w[3])
    return f"chance of {t.conditions.get(w[1], w[1])}: {label}"


def _event(t: _Titles, w: Words) -> str:
    return f"chance of {t.events.get(w[1], w[1])}"


def _change(t: _Titles, w: Words) -> str:
    """Only a ``reservation_value`` change has a value: the party's new reservation value."""
    party = t.changed_parties.get((w[1], w[3]), f"change {w[3]}")
    return f"{t.events.get(w[1], w[1])}: new reservation value of {party}"


def _actor(t: _Titles, w: Words) -> str:
    return f"{t.stakeholders.get(w[1], w[1])}: {w[4].replace('_', ' ')} on {t.issue(w[3])}"


_OPTION = ("issues", "*", "options", "*")
_ACTOR = ("stakeholders", "*", "stances", "*")

NAMERS: Mapping[Pattern, Callable[[_Titles, Words], str]] = {
    ("parties", "*", "stances", "*", "weight"): _weight,
    ("parties", "*", "stances", "*", "values", "*"): _value,
    ("parties", "*", "reservation_value"): _party_field,
    ("parties", "*", "discount"): _party_field,
    ("parties", "*", "weights"): _party_field,
    (*_OPTION, "position"): _option_field,
    (*_OPTION, "trade_effects", "goods"): _option_field,
    (*_OPTION, "trade_effects", "services"): _option_field,
    ("linkages", "interactions", "*", "utilities", "*"): _linkage,
    ("conditions", "*", "states", "*", "probability"): _state,
    ("events", "*", "probability"): _event,
    ("events", "*", "changes", "*", "value"): _change,
    (*_ACTOR, "position"): _actor,
    (*_ACTOR, "salience"): _actor,
    (*_ACTOR, "clout"): _actor,
}
"""How each pattern of :func:`~grandbargain.model.paths.variable_fields` (and a party's joint
weights) is named, from the resolved path's segments."""


def _resolved(data: object, path: str) -> Resolved | None:
    try:
        return resolve(data, path)
    except ValueError:  # a segment str.isdigit takes for a position that int cannot read
        return None


def number_names(scenario: Scenario, paths: Iterable[str]) -> tuple[str, ...]:
    """:func:`number_name` of each of ``paths``, reading the scenario once."""
    data = scenario.model_dump(mode="json")
    titles = _Titles.of(scenario)
    names: list[str] = []
    for path in paths:
        found = _resolved(data, path)
        namer = None if found is None else NAMERS.get(found.pattern)
        if found is None or namer is None:
            names.append(path)
            continue
        words = canonical_parts(data, found.steps)
        names.append(namer(titles, (*words, "weights") if is_weights(found.pattern) else words))
    return tuple(names)


def number_name(scenario: Scenario, path: str) -> str:
    """A dotted path to one of ``scenario``'s numbers as a person reads it.

    ``parties.China.stances.rare-earths.weight`` reads ``China: weight of`` and the issue's
    title; an option's value ``China: value of Issue title: Option label``; an option's
    position or trade effect ``Issue title: Option label (position)``; an interaction term
    ``Party: value of linkage ID``; a condition state's or an event's probability ``chance of``
    and its title (and the state's label); the value an event's change sets, the event's title
    and ``new reservation value of Party``; a stakeholder's stance ``Name: salience on Issue
    title``; a party's own number ``Party: reservation value``. Any other path, and one that
    names nothing in the scenario, is returned as it is.
    """
    return number_names(scenario, (path,))[0]
