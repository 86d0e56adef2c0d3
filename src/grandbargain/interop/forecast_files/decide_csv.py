"""The Decide tagged CSV of Stokman's exchange model (many issues, one datum a row).

Layout, from ``docs/inputfiles.md`` and ``decide/data/reader.py`` of
github.com/foarsitter/decide-exchange-model. Every row starts with a tag; fields are separated
by tabs (or ``;`` or ``,``, found from the first row); fields may be wrapped in single or
double quotes; a decimal comma is accepted unless ``,`` separates the fields::

    #A  actor key   actor name   comment
    #P  issue key   issue name   comment
    #M  issue key   position     description      (a point of the issue's scale)
    #D  actor key   issue key    position   salience   power   [comment]
    #/ and #O rows are comments

An issue's scale runs from its lowest to its highest ``#M`` position, 0-100 when it has no
``#M`` rows. The format declares salience and power ("capability") on 0-1. ``#M`` rows that
carry a description become the issue's options.
"""

from __future__ import annotations

import os
import re

from grandbargain.interop.forecast_files._common import (
    Cell,
    Problems,
    check_actor_count,
    csv_rows,
    declared_salience,
    load_text,
)
from grandbargain.model.forecast_input import Actor, ForecastInput, ForecastIssue

DECLARED = "the Decide format declares saliences on 0-1"
TAG = re.compile(r"""\s*['"]?(#[A-Za-z0-9/])['"]?\s*([\t;,])""")
"""A tagged row's start: the tag (optionally quoted) and the field separator after it."""

FIELDS = {
    "#A": ("tag", "actor key", "actor name", "comment"),
    "#P": ("tag", "issue key", "issue name", "comment"),
    "#M": ("tag", "issue key", "position", "description"),
    "#D": ("tag", "actor key", "issue key", "position", "salience", "power", "comment"),
}
"""Column names per tag (used in messages); the last of each is optional."""

COMMENTS = ("#/", "#O", "#0")


def looks_like_decide(text: str) -> bool:
    """Whether the first non-blank line of ``text`` starts with a Decide row tag."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return TAG.match(first) is not None


def read_decide_csv(path: str | os.PathLike[str]) -> ForecastInput:
    """Read a Decide tagged CSV: many issues, positions on each issue's ``#M`` scale."""
    return parse_decide_csv(load_text(path), os.fspath(path))


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] and cell[0] in "'\"":
        return cell[1:-1].strip()
    return cell


def parse_decide_csv(text: str, file: str) -> ForecastInput:
    """Parse the text of a Decide CSV read from ``file``."""
    problems = Problems(file)
    first = next(line for line in text.splitlines() if line.strip())
    match = TAG.match(first)
    if match is None:
        raise problems.fatal(1, 1, "tag", "expected a Decide row tag (#A, #P, #M or #D)")
    delimiter = match.group(2)
    comma = delimiter != ","
    actors: dict[str, tuple[str, int]] = {}
    issues: dict[str, tuple[str, int]] = {}
    points: dict[str, list[tuple[float, str]]] = {}
    data: list[tuple[str, str, Cell, Cell, Cell]] = []
    data_at: dict[tuple[str, str], int] = {}
    point_at: dict[str, int] = {}
    unread: set[str] = set()  # issues with a #M row whose position is not a number
    for line, row in csv_rows(problems, text, delimiter):
        cells = [_unquote(cell) for cell in row]
        if not any(cells) or cells[0] in COMMENTS:
            continue
        tag = cells[0]
        if tag not in FIELDS:
            problems.add(line, 1, "tag", f"unknown row tag {tag!r}; expected #A, #P, #M or #D")
            continue
        names = FIELDS[tag]
        needed = len(names) - 1
        if len(cells) < needed:
            problems.add(
                line,
                len(cells) + 1,
                names[len(cells)],
                f"missing column; a {tag} row has {', '.join(names[1:needed])}",
            )
            continue
        if not cells[1]:
            problems.add(line, 2, names[1], "empty key")
            continue
        if tag in ("#A", "#P"):
            table = actors if tag == "#A" else issues
            if cells[1] in table:
                kind = "actor" if tag == "#A" else "issue"
                problems.add(
                    line,
                    2,
                    names[1],
                    f"duplicate {kind} {cells[1]!r} (first on line {table[cells[1]][1]})",
                )
            else:
                table[cells[1]] = (cells[2] or cells[1], line)
        elif tag == "#M":
            point = problems.number(cells[2], line, 3, "position", comma)
            if point is None:
                unread.add(cells[1])
            else:
                description = cells[3] if len(cells) > 3 else ""
                points.setdefault(cells[1], []).append((point.value, description))
                point_at.setdefault(cells[1], line)
        else:
            numbers = [problems.number(cells[i], line, i + 1, names[i], comma) for i in (3, 4, 5)]
            key = (cells[1], cells[2])
            if key in data_at:
                problems.add(
                    line,
                    2,
                    names[1],
                    f"duplicate actor {cells[1]!r} on issue "
                    f"{cells[2]!r} (first on line {data_at[key]})",
                )
                continue
            data_at[key] = line
            position, salience, power = numbers
            if position is not None and salience is not None and power is not None:
                data.append((cells[1], cells[2], position, salience, power))
    scale_points = (points, point_at, unread)
    return _build(problems, file, (actors, issues), scale_points, data, data_at)


def _build(
    problems: Problems,
    file: str,
    declared: tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]],
    scale_points: tuple[dict[str, list[tuple[float, str]]], dict[str, int], set[str]],
    data: list[tuple[str, str, Cell, Cell, Cell]],
    data_at: dict[tuple[str, str], int],
) -> ForecastInput:
    """Check references and scales, then assemble the issues.

    ``declared`` holds the #A and #P rows (key -> name and line), ``scale_points`` the #M
    points per issue, each issue's first #M line and the issues with an unreadable #M row
    (their scale is unknown, so positions are not checked against it), ``data_at`` the line
    of every #D row.
    """
    actors, issues = declared
    points, point_at, unread = scale_points
    if not issues:
        problems.add(0, 0, "", "no issues: a Decide file declares its issues in #P rows")
    for issue in points:
        if issue not in issues:
            problems.add(
                point_at[issue], 2, "issue key", f"unknown issue {issue!r}; declare it in a #P row"
            )
    scales: dict[str, tuple[float, float]] = {}
    for issue in issues:
        values = [value for value, _ in points.get(issue, [])]
        scales[issue] = (min(values), max(values)) if values else (0.0, 100.0)
        if values and scales[issue][0] == scales[issue][1] and issue not in unread:
            problems.add(
                issues[issue][1],
                2,
                "issue key",
                f"issue {issue!r} has a one-point scale; give two different #M positions",
            )
    kept: dict[str, list[tuple[str, Cell, Cell, Cell]]] = {issue: [] for issue in issues}
    for actor, issue, position, salience, power in data:
        if actor not in actors:
            problems.at(
                _key_cell(position, 2, "actor key"),
                f"unknown actor {actor!r}; declare it in an #A row",
            )
        if issue not in issues:
            problems.at(
                _key_cell(position, 3, "issue key"),
                f"unknown issue {issue!r}; declare it in a #P row",
            )
            continue
        low, high = scales[issue]
        if not low <= position.value <= high and issue not in unread:
            problems.at(
                position,
                f"position {position.value:g} is off the declared scale "
                f"{low:g}-{high:g} of issue {issue!r}",
            )
        if not 0 <= power.value <= 1:
            what = "negative" if power.value < 0 else "above 1"
            problems.at(
                power,
                f"power (capability) {power.value:g} is {what}; "
                "the Decide format declares power on 0-1",
            )
        kept[issue].append((actor, position, salience, power))
    for issue in issues:
        lines = [line for (_, key), line in data_at.items() if key == issue]
        check_actor_count(problems, issue, sorted(lines))
    rule = declared_salience(problems, [row[3] for row in data], 1, DECLARED)
    problems.raise_if_any()
    names = [name for name, _ in actors.values()]
    shown = {key: name if names.count(name) == 1 else key for key, (name, _) in actors.items()}
    built = tuple(
        ForecastIssue(
            issue,
            title,
            tuple(
                Actor(shown[actor], power.value, position.value, salience.value)
                for actor, position, salience, power in kept[issue]
            ),
            scales[issue],
            tuple((text, value) for value, text in points.get(issue, []) if text),
        )
        for issue, (title, _) in issues.items()
    )
    note = f"{rule.note}. Positions on each issue's #M scale (0-100 where none is given)"
    return ForecastInput(file, built, rule.scale, note)


def _key_cell(cell: Cell, column: int, name: str) -> Cell:
    """A location in the same row as ``cell`` but at another column."""
    return Cell(cell.line, column, name, cell.value)
