"""What-if edits: a scenario with some weights, reservation values and red lines changed.

:func:`apply_changes` is pure: it returns a new, validated :class:`Scenario` (the input is
frozen and stays as it was) and lists every changed number with the evidence that backed its
old value - evidence that no longer backs the new one. Condition states are not edits of the
scenario; they are analysis inputs (``analyze(..., conditions=...)``).

Field paths in changes and in errors are dotted, as in provenance and uncertainty specs:
``parties.China.stances.rare-earths.weight``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from grandbargain.model.checks import check_scenario
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.provenance import scenario_numbers
from grandbargain.model.schema import Evidence, Scenario, Stance

CHANGES_FILE = "changes"
"""The ``file`` of every problem found in a set of changes."""


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class ScenarioChanges:
    """What to change: ``weights[party][issue]`` (on the scenario's own weight scale),
    ``reservation_values[party]`` (a number on the utility scale, or None for the default:
    the utility of the status quo) and ``red_lines[party][issue]`` (the options the party
    never accepts, replacing the scenario's list)."""

    weights: Mapping[str, Mapping[str, float]] = field(default_factory=_empty)
    reservation_values: Mapping[str, float | None] = field(default_factory=_empty)
    red_lines: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=_empty)


@dataclass(frozen=True)
class ChangedValue:
    """One value that differs from the scenario as written, and what backed the old value."""

    path: str
    old: float | tuple[str, ...] | None
    new: float | tuple[str, ...] | None
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: path, old and new values, and the evidence that backed the old one."""
        return {
            "path": self.path,
            "old": list(self.old) if isinstance(self.old, tuple) else self.old,
            "new": list(self.new) if isinstance(self.new, tuple) else self.new,
            "backed_by": [_describe(item) for item in self.evidence],
        }


@dataclass(frozen=True)
class ChangedScenario:
    """The scenario after the changes, and every value that changed, in scenario order."""

    scenario: Scenario
    changed: tuple[ChangedValue, ...]

    @property
    def changed_paths(self) -> tuple[str, ...]:
        """Dotted paths of the changed values."""
        return tuple(c.path for c in self.changed)


def _describe(item: Evidence) -> dict[str, Any]:
    if item.assumption is not None:
        span = item.assumption.range
        return {
            "assumption": item.assumption.reasoning,
            "range": None if span is None else list(span),
        }
    return {"source": item.source, "quote": item.quote}


def _problem(path: str, message: str) -> Problem:
    return Problem(CHANGES_FILE, 0, 0, path, message)


def _number(value: Any, path: str, low: float, high: float, problems: list[Problem]) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(_problem(path, f"expected a number, got {value!r}"))
        return False
    if not math.isfinite(value):
        problems.append(_problem(path, f"{value} is not a finite number"))
        return False
    if not low <= value <= high:
        problems.append(_problem(path, f"{value:g} is outside {low:g}..{high:g}"))
        return False
    return True


def _check(scenario: Scenario, changes: ScenarioChanges) -> list[Problem]:
    """Unknown parties, issues or options, and numbers out of range."""
    problems: list[Problem] = []
    parties = {p.name: p for p in scenario.parties}
    options = {i.id: [o.id for o in i.options] for i in scenario.issues}
    known_parties = ", ".join(parties)

    def stance_ok(party: str, issue: str, path: str) -> bool:
        if party not in parties:
            problems.append(_problem(path, f"unknown party; expected one of: {known_parties}"))
            return False
        if issue not in parties[party].stances:
            shown = ", ".join(sorted(options))
            problems.append(_problem(path, f"unknown issue {issue!r}; expected one of: {shown}"))
            return False
        return True

    for party, weights in changes.weights.items():
        for issue, weight in weights.items():
            path = f"weights.{party}.{issue}"
            if stance_ok(party, issue, path):
                _number(weight, path, 0.0, 1e6, problems)
    for party, value in changes.reservation_values.items():
        path = f"reservation_values.{party}"
        if party not in parties:
            problems.append(_problem(path, f"unknown party; expected one of: {known_parties}"))
        elif value is not None:
            _number(value, path, -1e9, 1e9, problems)
    for party, lines in changes.red_lines.items():
        for issue, chosen in lines.items():
            path = f"red_lines.{party}.{issue}"
            if not stance_ok(party, issue, path):
                continue
            if isinstance(chosen, str):
                problems.append(_problem(path, "expected a list of option ids"))
                continue
            for option in chosen:
                if option not in options[issue]:
                    problems.append(
                        _problem(
                            path,
                            f"unknown option {option!r}; expected one of: "
                            + ", ".join(options[issue]),
                        )
                    )
    return problems


def apply_changes(scenario: Scenario, changes: ScenarioChanges) -> ChangedScenario:
    """``scenario`` with the changes applied, validated like a loaded scenario.

    Raises :class:`InputError` for unknown parties, issues or options, numbers that are not
    finite or out of range, and changes that leave an invalid scenario (all weights of a party
    zero; red lines that rule out every option), each problem naming its field path. An event
    that sets a party's reservation value still overrides it on and after the event's date.
    """
    problems = _check(scenario, changes)
    if problems:
        raise InputError(problems)
    order = {i.id: [o.id for o in i.options] for i in scenario.issues}
    backing = {f"{n.entity}.{n.field}": n.evidence for n in scenario_numbers(scenario)}
    parties = []
    changed: list[ChangedValue] = []
    for party in scenario.parties:
        weights = changes.weights.get(party.name, {})
        lines = changes.red_lines.get(party.name, {})
        stances: dict[str, Stance] = {}
        for issue, stance in party.stances.items():
            update: dict[str, Any] = {}
            base = f"parties.{party.name}.stances.{issue}"
            if issue in weights and float(weights[issue]) != stance.weight:
                update["weight"] = float(weights[issue])
                path = f"{base}.weight"
                changed.append(ChangedValue(path, stance.weight, update["weight"], backing[path]))
            if issue in lines:
                new = tuple(o for o in order[issue] if o in set(lines[issue]))
                if set(new) != set(stance.red_lines):
                    update["red_lines"] = new
                    evidence = _backing("red_lines", stance.evidence, party.evidence)
                    changed.append(
                        ChangedValue(f"{base}.red_lines", stance.red_lines, new, evidence)
                    )
            stances[issue] = stance.model_copy(update=update) if update else stance
        update = {"stances": MappingProxyType(stances)}
        if party.name in changes.reservation_values:
            value = changes.reservation_values[party.name]
            value = None if value is None else float(value)
            if value != party.reservation_value:
                update["reservation_value"] = value
                evidence = _backing("reservation_value", party.evidence)
                changed.append(
                    ChangedValue(
                        f"parties.{party.name}.reservation_value",
                        party.reservation_value,
                        value,
                        evidence,
                    )
                )
        parties.append(party.model_copy(update=update))
    if not changed:
        return ChangedScenario(scenario, ())
    result = _validated(scenario.model_copy(update={"parties": tuple(parties)}))
    return ChangedScenario(result, tuple(changed))


def _backing(name: str, *levels: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The first level's evidence items that back ``name`` (as in provenance)."""
    for items in levels:
        found = tuple(e for e in items if e.backs is None or name in e.backs)
        if found:
            return found
    return ()


def _validated(candidate: Scenario) -> Scenario:
    """Re-validate the edited scenario: field bounds, then the cross-reference checks."""
    try:
        scenario = Scenario.model_validate(candidate.model_dump())
    except ValidationError as error:
        raise InputError(
            [
                _problem(_dotted(candidate, tuple(item["loc"])), str(item["msg"]))
                for item in error.errors(include_url=False)
            ]
        ) from None
    findings = check_scenario(scenario)
    if findings:
        raise InputError([_problem(_dotted(scenario, path), m) for path, m in findings])
    return scenario


def _dotted(scenario: Scenario, path: tuple[str | int, ...]) -> str:
    """A field path with a party's index replaced by its name: ``parties.China.stances``."""
    parts = [str(part) for part in path]
    if len(path) > 1 and path[0] == "parties" and isinstance(path[1], int):
        parts[1] = scenario.parties[path[1]].name
    return ".".join(parts)
