"""KTAB's spatial-model (SMP) CSV: several dimensions, one actor a row.

Layout, as read by ``SMPModel::csvRead`` in KTAB's ``examples/smp/libsrc/smpread.cpp``
(comma-separated, double quotes trimmed, blanks around cells ignored here)::

    Scenario name,Scenario description,3,2
    Actor,Description,Power,Tax Position,Tax Salience,Trade Position,Trade Salience
    A,First actor,100,30,40,20,50
    ...

Line 1: scenario name, description, number of actors, number of dimensions. Line 2: header;
after ``Actor,Description,Power`` one position column and one salience column per dimension;
the position column's header names the dimension. Then one row per actor: name, description,
capability ("power", >= 0), then position and salience per dimension. KTAB declares both
positions and saliences on 0-100 and refuses an actor whose saliences sum above 100; this
reader checks the same. Each dimension becomes one issue on the 0-100 scale.
"""

from __future__ import annotations

import os
import re

from grandbargain.interop._common import UniqueIds
from grandbargain.interop.forecast_files._common import (
    Cell,
    Problems,
    check_actor_count,
    csv_rows,
    declared_salience,
    load_text,
)
from grandbargain.model.errors import InputError
from grandbargain.model.forecast_input import Actor, ForecastInput, ForecastIssue

DECLARED = "KTAB CSV declares saliences on 0-100"


def read_ktab_csv(path: str | os.PathLike[str]) -> ForecastInput:
    """Read a KTAB SMP CSV: one issue per dimension, positions on 0-100."""
    return parse_ktab_csv(load_text(path), os.fspath(path))


def _rows(problems: Problems, text: str) -> list[tuple[int, list[str]]]:
    rows = [(line, [cell.strip() for cell in row]) for line, row in csv_rows(problems, text)]
    rows = [(line, row) for line, row in rows if any(row)]
    if not rows:
        raise problems.fatal(0, 0, "", "no rows; expected the KTAB lines 1 and 2 and the actors")
    return rows


MAX_DIMENSIONS = 1_000
"""Most dimensions a KTAB file may declare (KTAB's own examples have up to 3)."""


def _count(
    problems: Problems, row: list[str], line: int, index: int, name: str, most: int
) -> int | None:
    text = row[index] if index < len(row) else ""
    if not re.fullmatch(r"[0-9]+", text):
        problems.add(line, index + 1, name, f"expected a whole number, found {text[:40]!r}")
        return None
    if len(text) > 9 or int(text) > most:
        problems.add(line, index + 1, name, f"{text[:12]} is too many; at most {most:,}")
        return None
    return int(text)


def _header(problems: Problems, rows: list[tuple[int, list[str]]]) -> tuple[int, int, list[str]]:
    """Lines 1 and 2: the number of actors and of dimensions, and the column names."""
    line, first = rows[0]
    actors = _count(problems, first, line, 2, "number of actors", 10**9)
    dims = _count(problems, first, line, 3, "number of dimensions", MAX_DIMENSIONS)
    if dims == 0:
        problems.add(line, 4, "number of dimensions", "at least one dimension is needed")
    if actors is None or not dims:
        raise InputError(problems.found)
    if len(rows) < 2:
        raise problems.fatal(0, 0, "", "missing the header line (Actor,Description,Power,...)")
    header_line, header = rows[1]
    width = 3 + 2 * dims
    names = header[:width] + [""] * max(0, width - len(header))
    for index in range(width):
        if not names[index]:
            kind = _column_name(index)
            problems.add(header_line, index + 1, kind, "missing column")
            names[index] = kind
    problems.raise_if_any()
    return actors, dims, names


def parse_ktab_csv(text: str, file: str) -> ForecastInput:
    """Parse the text of a KTAB SMP CSV read from ``file``."""
    problems = Problems(file)
    rows = _rows(problems, text)
    actors_declared, dims, names = _header(problems, rows)
    body = rows[2:]
    if len(body) != actors_declared:
        problems.add(
            rows[0][0],
            3,
            "number of actors",
            f"line 1 declares {actors_declared} actors but {len(body)} actor rows follow",
        )
    read = _actors(problems, body, names, dims)
    rule = declared_salience(problems, [s for *_, sals in read for s in sals], 100, DECLARED)
    ids = UniqueIds()
    dimension_ids = [ids.add(names[3 + 2 * d], f"dimension-{d + 1}") for d in range(dims)]
    check_actor_count(problems, "every dimension", [line for line, _ in body])
    problems.raise_if_any()

    issues = tuple(
        ForecastIssue(
            dimension_ids[d],
            names[3 + 2 * d],
            tuple(
                Actor(name, cap.value, pos[d].value, sal[d].value / rule.divisor)
                for name, cap, pos, sal in read
            ),
            (0.0, 100.0),
        )
        for d in range(dims)
    )
    scenario = rows[0][1][0]
    source = f"{file} ({scenario})" if scenario else file
    note = f"{rule.note}. Positions declared on 0-100 by the format"
    return ForecastInput(source, issues, rule.scale, note)


def _actors(
    problems: Problems, body: list[tuple[int, list[str]]], names: list[str], dims: int
) -> list[tuple[str, Cell, list[Cell], list[Cell]]]:
    """The actor rows, checked: names unique, capability >= 0, positions and saliences 0-100
    and each actor's saliences summing to at most 100 (KTAB's rule)."""
    read: list[tuple[str, Cell, list[Cell], list[Cell]]] = []
    seen: dict[str, int] = {}
    for line, row in body:
        actor = _actor_row(problems, line, row, names, dims)
        if actor is None:
            continue
        first_at = seen.get(actor[0].casefold())
        if first_at is not None:
            message = f"duplicate actor {actor[0]!r} (first on line {first_at})"
            problems.add(line, 1, names[0], message)
            continue
        seen[actor[0].casefold()] = line
        read.append(actor)
    for _name, capability, positions, saliences in read:
        if capability.value < 0:
            problems.at(capability, f"capability {capability.value:g} is negative")
        for position in positions:
            if not 0 <= position.value <= 100:
                problems.at(
                    position, f"position {position.value:g} is off the declared scale 0-100"
                )
        total = sum(cell.value for cell in saliences)
        if total > 100 + 1e-9 and all(0 <= cell.value <= 100 for cell in saliences):
            message = f"saliences of this actor sum to {total:g}; KTAB allows at most 100 in total"
            problems.at(saliences[-1], message)
    return read


def _column_name(index: int) -> str:
    """What column ``index`` (0-based) of a KTAB header holds, for a missing header cell."""
    if index < 3:
        return ("Actor", "Description", "Power")[index]
    kind = "position" if index % 2 else "salience"
    return f"dimension {(index - 3) // 2 + 1} {kind}"


def _actor_row(
    problems: Problems, line: int, row: list[str], names: list[str], dims: int
) -> tuple[str, Cell, list[Cell], list[Cell]] | None:
    """One actor row as (name, capability, positions, saliences), or ``None`` after problems."""
    width = 3 + 2 * dims
    for index in range(width, len(row)):
        if row[index]:
            problems.add(line, index + 1, "", "more cells than the header has columns")
    if not row[0]:
        problems.add(line, 1, names[0], "empty actor name")
    cells: list[Cell | None] = []
    for index in range(2, width):
        if index >= len(row):
            problems.add(line, index + 1, names[index], "missing cell; the row is too short")
            cells.append(None)
        else:
            cells.append(problems.number(row[index], line, index + 1, names[index]))
    capability, rest = cells[0], cells[1:]
    if not row[0] or capability is None or any(cell is None for cell in rest):
        return None
    numbers = [cell for cell in rest if cell is not None]
    return row[0], capability, numbers[0::2], numbers[1::2]
