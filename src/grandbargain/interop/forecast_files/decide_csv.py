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
from dataclasses import dataclass, field

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
    read = _Rows(problems, decimal_comma=delimiter != ",")
    for line, row in csv_rows(problems, text, delimiter):
        read.row(line, [_unquote(cell) for cell in row])
    scales = read.scales()
    kept = read.checked_data(scales)
    rule = declared_salience(problems, [row[3] for row in read.data], 1, DECLARED)
    problems.raise_if_any()
    names = [name for name, _ in read.actors.values()]
    shown = {k: name if names.count(name) == 1 else k for k, (name, _) in read.actors.items()}
    built = tuple(
        ForecastIssue(
            issue,
            title,
            tuple(
                Actor(shown[actor], power.value, position.value, salience.value)
                for actor, position, salience, power in kept[issue]
            ),
            scales[issue],
            tuple((text, value) for value, text in read.points.get(issue, []) if text),
        )
        for issue, (title, _) in read.issues.items()
    )
    note = f"{rule.note}. Positions on each issue's #M scale (0-100 where none is given)"
    return ForecastInput(file, built, rule.scale, note)


@dataclass
class _Rows:
    """What the rows of a Decide file declare, collected row by row with their lines."""

    problems: Problems
    decimal_comma: bool
    actors: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (name, line)
    issues: dict[str, tuple[str, int]] = field(default_factory=dict)
    points: dict[str, list[tuple[float, str]]] = field(default_factory=dict)  # #M rows
    point_at: dict[str, int] = field(default_factory=dict)  # each issue's first #M line
    unread: set[str] = field(default_factory=set)  # issues with a non-numeric #M position
    data: list[tuple[str, str, Cell, Cell, Cell]] = field(default_factory=list)  # #D rows
    data_at: dict[tuple[str, str], int] = field(default_factory=dict)

    def row(self, line: int, cells: list[str]) -> None:
        """Read one row (its cells unquoted); every row is read or has a problem."""
        if not any(cells) or cells[0] in COMMENTS:
            return
        tag = cells[0]
        if tag not in FIELDS:
            message = f"unknown row tag {tag[:40]!r}; expected #A, #P, #M or #D"
            self.problems.add(line, 1, "tag", message)
            return
        names = FIELDS[tag]
        needed = len(names) - 1
        if len(cells) < needed:
            message = f"missing column; a {tag} row has {', '.join(names[1:needed])}"
            self.problems.add(line, len(cells) + 1, names[len(cells)], message)
        elif not cells[1]:
            self.problems.add(line, 2, names[1], "empty key")
        elif tag in ("#A", "#P"):
            self.declare(line, tag, cells)
        elif tag == "#M":
            point = self.problems.number(cells[2], line, 3, "position", self.decimal_comma)
            if point is None:
                self.unread.add(cells[1])
                return
            description = cells[3] if len(cells) > 3 else ""
            self.points.setdefault(cells[1], []).append((point.value, description))
            self.point_at.setdefault(cells[1], line)
        else:
            self.datum(line, cells)

    def declare(self, line: int, tag: str, cells: list[str]) -> None:
        table = self.actors if tag == "#A" else self.issues
        if cells[1] in table:
            kind = "actor" if tag == "#A" else "issue"
            message = f"duplicate {kind} {cells[1]!r} (first on line {table[cells[1]][1]})"
            self.problems.add(line, 2, FIELDS[tag][1], message)
        else:
            table[cells[1]] = (cells[2] or cells[1], line)

    def datum(self, line: int, cells: list[str]) -> None:
        names = FIELDS["#D"]
        numbers = [
            self.problems.number(cells[i], line, i + 1, names[i], self.decimal_comma)
            for i in (3, 4, 5)
        ]
        key = (cells[1], cells[2])
        if key in self.data_at:
            message = (
                f"duplicate actor {cells[1]!r} on issue {cells[2]!r} "
                f"(first on line {self.data_at[key]})"
            )
            self.problems.add(line, 2, names[1], message)
            return
        self.data_at[key] = line
        position, salience, power = numbers
        if position is not None and salience is not None and power is not None:
            self.data.append((cells[1], cells[2], position, salience, power))

    def scales(self) -> dict[str, tuple[float, float]]:
        """Each declared issue's scale, from its #M points (0-100 without)."""
        if not self.issues:
            self.problems.add(0, 0, "", "no issues: a Decide file declares its issues in #P rows")
        for issue, line in self.point_at.items():
            if issue not in self.issues:
                message = f"unknown issue {issue!r}; declare it in a #P row"
                self.problems.add(line, 2, "issue key", message)
        scales: dict[str, tuple[float, float]] = {}
        for issue, (_, line) in self.issues.items():
            values = [value for value, _ in self.points.get(issue, [])]
            scales[issue] = (min(values), max(values)) if values else (0.0, 100.0)
            if values and min(values) == max(values) and issue not in self.unread:
                message = f"issue {issue!r} has a one-point scale; give two different #M positions"
                self.problems.add(line, 2, "issue key", message)
        return scales

    def checked_data(
        self, scales: dict[str, tuple[float, float]]
    ) -> dict[str, list[tuple[str, Cell, Cell, Cell]]]:
        """The #D rows per issue, checked against the declared actors, issues and scales."""
        kept: dict[str, list[tuple[str, Cell, Cell, Cell]]] = {issue: [] for issue in self.issues}
        for actor, issue, position, salience, power in self.data:
            if actor not in self.actors:
                message = f"unknown actor {actor!r}; declare it in an #A row"
                self.problems.at(_key_cell(position, 2, "actor key"), message)
            if issue not in self.issues:
                message = f"unknown issue {issue!r}; declare it in a #P row"
                self.problems.at(_key_cell(position, 3, "issue key"), message)
                continue
            low, high = scales[issue]
            if not low <= position.value <= high and issue not in self.unread:
                message = (
                    f"position {position.value:g} is off the declared scale "
                    f"{low:g}-{high:g} of issue {issue!r}"
                )
                self.problems.at(position, message)
            if not 0 <= power.value <= 1:
                what = "negative" if power.value < 0 else "above 1"
                message = (
                    f"power (capability) {power.value:g} is {what}; "
                    "the Decide format declares power on 0-1"
                )
                self.problems.at(power, message)
            kept[issue].append((actor, position, salience, power))
        for issue in self.issues:
            lines = [line for (_, key), line in self.data_at.items() if key == issue]
            check_actor_count(self.problems, issue, sorted(lines))
        return kept


def _key_cell(cell: Cell, column: int, name: str) -> Cell:
    """A location in the same row as ``cell`` but at another column."""
    return Cell(cell.line, column, name, cell.value)
