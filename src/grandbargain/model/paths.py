"""Dotted paths to the numbers of a scenario, and which numbers may vary within which bounds.

Shared by the scenario loader (numbers written inline as distributions) and the uncertainty
engine (side-file specs), so both agree on what may vary. A path walks the scenario's JSON
form. Lists of named things are entered by ``id`` (or a party's ``name``), or by position; map
keys are used as written. Ids may contain dots, so at each step the longest run of segments
that names something wins: ``parties.United States.stances.rare-earths.weight``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Step = str | int
Pattern = tuple[str, ...]

_WEIGHTS: Pattern = ("parties", "*", "weights")


@dataclass(frozen=True)
class Field:
    """Bounds of a number that may vary: ``low <= x <= high`` (``low`` excluded if ``open_low``)."""

    low: float
    high: float
    open_low: bool = False
    what: str = ""


def variable_fields(value_low: float, value_high: float) -> dict[Pattern, Field]:
    """The numbers that may vary, by pattern (``*`` stands for a name, id or position)."""
    return {
        ("parties", "*", "stances", "*", "weight"): Field(0.0, 1e6, what="weights are >= 0"),
        ("parties", "*", "stances", "*", "values", "*"): Field(
            value_low, value_high, what="option values stay on the scenario's value scale"
        ),
        ("parties", "*", "reservation_value"): Field(-1e9, 1e9),
        ("parties", "*", "discount"): Field(
            0.0, 1.0, open_low=True, what="discounts are in (0, 1]"
        ),
        ("issues", "*", "options", "*", "position"): Field(0.0, 100.0, what="positions are 0-100"),
        ("issues", "*", "options", "*", "trade_effects", "goods"): Field(-1e5, 1e5),
        ("issues", "*", "options", "*", "trade_effects", "services"): Field(-1e5, 1e5),
        ("linkages", "interactions", "*", "utilities", "*"): Field(
            -1.0, 1.0, what="interaction utilities are -1..1"
        ),
        ("conditions", "*", "states", "*", "probability"): Field(
            0.0, 1.0, what="probabilities are 0-1"
        ),
        ("events", "*", "probability"): Field(0.0, 1.0, what="probabilities are 0-1"),
        ("events", "*", "changes", "*", "value"): Field(-1e9, 1e9),
        ("stakeholders", "*", "stances", "*", "position"): Field(
            0.0, 100.0, what="positions are 0-100"
        ),
        ("stakeholders", "*", "stances", "*", "salience"): Field(
            0.0, 1.0, what="saliences are 0-1"
        ),
        ("stakeholders", "*", "stances", "*", "clout"): Field(
            0.0, 1e6, open_low=True, what="clout is > 0"
        ),
    }


CANNOT_VARY = "not a number that can vary (ids, names, dates and settings cannot)"


def range_problem(field: Field, low: float, high: float) -> str | None:
    """Why a support ``[low, high]`` leaves ``field``'s range, or None if it stays inside."""
    low_ok = low > field.low if field.open_low else low >= field.low
    if low_ok and high <= field.high:
        return None
    bound = "(" if field.open_low else "["
    return f"[{low}, {high}] leaves the field's range {bound}{field.low}, {field.high}]" + (
        f": {field.what}" if field.what else ""
    )


def pattern_of(steps: tuple[Step, ...]) -> Pattern:
    """The pattern of concrete JSON steps: list positions and free map keys become ``*``."""
    pattern: Pattern = ()
    for step in steps:
        pattern = extend_pattern(pattern, step)
    return pattern


def extend_pattern(pattern: Pattern, step: Step) -> Pattern:
    """The pattern one step further down."""
    free = isinstance(step, int) or (bool(pattern) and pattern[-1] in _FREE_MAPS)
    return (*pattern, "*" if free else str(step))


@dataclass(frozen=True)
class Resolved:
    """Where a path leads: concrete JSON steps, the pattern it matches and the value there."""

    steps: tuple[Step, ...]
    pattern: Pattern
    value: Any


def _child(node: Any, name: str) -> tuple[Step, bool] | None:
    """The step into ``node`` named ``name``, and whether it chose among names (a ``*``)."""
    if isinstance(node, dict):
        return (name, False) if name in node else None
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict) and name in (item.get("id"), item.get("name")):
                return (index, True)
        if name.isdigit() and int(name) < len(node):
            return (int(name), True)
    return None


def resolve(data: Any, path: str) -> Resolved | None:
    """Follow ``path`` through ``data`` (a scenario's JSON form); None if it leads nowhere.

    Map keys that are free names (parties' stance issue ids, option ids of ``values``,
    interaction utilities' party names) count as ``*`` in the pattern.
    """
    segments = path.split(".")
    if not path or any(s == "" for s in segments):
        return None
    steps: list[Step] = []
    pattern: list[str] = []
    node = data
    start = 0
    while start < len(segments):
        for end in range(len(segments), start, -1):
            name = ".".join(segments[start:end])
            found = _child(node, name)
            if found is not None:
                step, chosen = found
                free = isinstance(node, dict) and bool(pattern) and _is_free_map(pattern)
                pattern.append("*" if chosen or free else name)
                steps.append(step)
                node = node[step]
                start = end
                break
        else:
            if start == len(segments) - 1 and segments[start] == "weights" and _is_party(pattern):
                return Resolved(tuple(steps), (*pattern, "weights"), None)
            return None
    return Resolved(tuple(steps), tuple(pattern), node)


_FREE_MAPS = frozenset({"stances", "values", "utilities", "when", "requires"})


def _is_free_map(pattern: list[str]) -> bool:
    return pattern[-1] in _FREE_MAPS


def _is_party(pattern: list[str]) -> bool:
    return tuple(pattern) == ("parties", "*")


def is_weights(pattern: Pattern) -> bool:
    """Whether the pattern names a party's weights jointly (``parties.NAME.weights``)."""
    return pattern == _WEIGHTS


def canonical(data: Any, steps: tuple[Step, ...]) -> str:
    """A path written with names rather than positions, for column names and reports."""
    return ".".join(canonical_parts(data, steps))


def canonical_parts(data: Any, steps: tuple[Step, ...]) -> tuple[str, ...]:
    """The segments of :func:`canonical`, one per step (a segment may itself hold dots)."""
    parts: list[str] = []
    node = data
    for step in steps:
        if isinstance(step, int):
            item = node[step]
            name = item.get("id", item.get("name")) if isinstance(item, dict) else None
            parts.append(str(name) if name is not None else str(step))
        else:
            parts.append(step)
        node = node[step]
    return tuple(parts)


def get(data: Any, steps: tuple[Step, ...]) -> Any:
    """The value at ``steps``."""
    node = data
    for step in steps:
        node = node[step]
    return node


def put(data: Any, steps: tuple[Step, ...], value: Any) -> None:
    """Set the value at ``steps`` (in place)."""
    node = get(data, steps[:-1])
    node[steps[-1]] = value
