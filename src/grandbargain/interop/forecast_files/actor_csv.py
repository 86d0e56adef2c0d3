"""The actor CSV: one issue, one actor a row (the layout of the published BDM examples).

Header (case-insensitive, blanks around names ignored; ``Name`` may stand for ``Actor`` and
``Power`` for ``Capability``; other columns are ignored)::

    Actor,Capability,Position,Salience
    Netherlands,0.08,4,0.8

The format declares no scales. Saliences follow the rule of
:func:`~grandbargain.interop.forecast_files._common.detect_salience` (0-1, or 0-100 when any is
above 1). Positions stay as written; the issue's scale is 0-1 when every position lies within
0-1, otherwise the lowest to the highest position (as BDM-style models measure distances).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from grandbargain.interop._common import slugify
from grandbargain.interop.forecast_files._common import (
    Cell,
    Problems,
    check_actor_count,
    csv_rows,
    detect_salience,
    load_text,
)
from grandbargain.model.forecast_input import Actor, ForecastInput, ForecastIssue

REQUIRED = ("actor", "capability", "position", "salience")
"""The columns every actor CSV has (in any order)."""

ALIASES = {"name": "actor", "power": "capability"}
"""Other header names accepted for a required column."""


def normalise_header(name: str) -> str:
    """A header name as matched: lower-case, inner blanks collapsed, aliases resolved."""
    key = re.sub(r"\s+", " ", name.strip().lower())
    return ALIASES.get(key, key)


def delimiter_of(line: str) -> str:
    """``,`` unless the header line uses only ``;`` or only tabs."""
    if "," in line:
        return ","
    return ";" if ";" in line else ("\t" if "\t" in line else ",")


def read_actor_csv(path: str | os.PathLike[str]) -> ForecastInput:
    """Read an actor CSV (``Actor,Capability,Position,Salience``) as one issue."""
    return parse_actor_csv(load_text(path), os.fspath(path))


def parse_actor_csv(text: str, file: str) -> ForecastInput:
    """Parse the text of an actor CSV read from ``file``."""
    problems = Problems(file)
    first = next(line for line in text.splitlines() if line.strip())
    rows = csv_rows(problems, text, delimiter_of(first))
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise problems.fatal(0, 0, "", "no rows; expected a header and one row per actor")
    header_line, header = rows[0]
    names = [cell.strip() for cell in header]
    where: dict[str, int] = {}
    for index, name in enumerate(names):
        key = normalise_header(name)
        if key in REQUIRED and key in where:
            problems.add(header_line, index + 1, name, f"column {key!r} appears twice")
        where.setdefault(key, index)
    for key in REQUIRED:
        if key not in where:
            problems.add(
                header_line,
                1,
                key.capitalize(),
                "missing column; the header must name Actor, Capability, Position and Salience",
            )
    problems.raise_if_any()

    read: list[tuple[str, Cell, Cell, Cell]] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        actor = _actor_row(problems, line, row, names, where)
        if actor is None:
            continue
        name = actor[0]
        if name.casefold() in seen:
            problems.add(
                line,
                where["actor"] + 1,
                names[where["actor"]],
                f"duplicate actor {name!r} (first on line {seen[name.casefold()]})",
            )
            continue
        seen[name.casefold()] = line
        read.append(actor)
    issue_id = slugify(Path(file).stem, "issue")
    check_actor_count(problems, issue_id, [line for line, _ in rows[1:]])
    for _, capability, _, _ in read:
        if capability.value < 0:
            problems.at(capability, f"capability {capability.value:g} is negative")
    rule = detect_salience(problems, [salience for _, _, _, salience in read])
    problems.raise_if_any()

    positions = [position.value for _, _, position, _ in read]
    scale, position_note = _position_scale(positions)
    actors = tuple(
        Actor(name, cap.value, pos.value, sal.value / rule.divisor) for name, cap, pos, sal in read
    )
    issue = ForecastIssue(issue_id, Path(file).stem, actors, scale)
    return ForecastInput(file, (issue,), rule.scale, f"{rule.note}. {position_note}")


def _actor_row(
    problems: Problems, line: int, row: list[str], names: list[str], where: dict[str, int]
) -> tuple[str, Cell, Cell, Cell] | None:
    """One data row as (name, capability, position, salience), or ``None`` after problems."""
    for index in range(len(names), len(row)):
        if row[index].strip():
            problems.add(line, index + 1, "", "more cells than the header has columns")
    cells: dict[str, Cell | None] = {}
    for key in ("capability", "position", "salience"):
        index = where[key]
        if index >= len(row):
            problems.add(line, index + 1, names[index], "missing cell; the row is too short")
            cells[key] = None
        else:
            cells[key] = problems.number(row[index], line, index + 1, names[index])
    index = where["actor"]
    name = row[index].strip() if index < len(row) else ""
    if not name:
        problems.add(line, index + 1, names[index], "empty actor name")
    capability, position, salience = cells["capability"], cells["position"], cells["salience"]
    if not name or capability is None or position is None or salience is None:
        return None
    return name, capability, position, salience


def _position_scale(positions: list[float]) -> tuple[tuple[float, float], str]:
    """The issue's scale for positions of a format that declares none, and a note on it."""
    low, high = min(positions), max(positions)
    if low >= 0 and high <= 1:
        return (0.0, 1.0), "Positions detected as 0-1 (every position lies within 0-1)"
    if low == high:
        bounds = (0.0, 100.0) if 0 <= low <= 100 else (low - 1, low + 1)
        return bounds, f"All positions are {low:g}; position scale taken as {bounds[0]:g}-" + (
            f"{bounds[1]:g}"
        )
    return (low, high), (
        f"Position scale taken from the lowest to the highest position ({low:g}-{high:g}); "
        "the format declares none"
    )
