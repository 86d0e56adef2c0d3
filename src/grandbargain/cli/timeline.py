"""``timeline`` and ``diff``: the negotiation through time."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.api import SOLUTION_NAMES
from grandbargain.cli.common import (
    ConditionOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    bad_option,
    emit,
    guarded,
    loaded_scenario,
    parse_conditions,
    parse_date,
)
from grandbargain.cli.names import Names


def timeline(scenario: ScenarioArg = None, output: FormatOpt = OutputFormat.TABLE) -> None:
    """The scenario's dated events with their sources, status and what they change.

    A date the scenario marks as an assumption (outside knowledge, not in the sources) is
    shown as "(assumed)": its sources report the event, not its day.
    """
    data = api.timeline_to_dict(loaded_scenario(scenario))
    emit(data, output, lambda: [_events_table(data)])


def _events_table(data: dict[str, Any]) -> Table:
    table = Table(title=f"{data['scenario']}: timeline")
    for column in ("date", "precision", "status", "p", "event", "changes", "sources"):
        table.add_column(column)
    for e in data["events"]:
        p = "" if e["probability"] is None else f"{e['probability']:g}"
        status = e["status"] + ("" if e["applies_by_default"] else " (not applied by default)")
        assumed = e["date_basis"] == "assumption"
        table.add_row(
            e["date"] + ("\n(assumed)" if assumed else ""),
            e["precision"],
            status,
            p,
            f"{e['id']}: {e['title']}",
            "\n".join(e["changes"]),
            ("date assumed; these report the event:\n" if assumed else "")
            + "\n".join(e["sources"]),
        )
    return table


def diff(
    scenario: ScenarioArg = None,
    start: Annotated[str | None, typer.Option("--from", help="Earlier date YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Later date YYYY-MM-DD.")] = None,
    condition: ConditionOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """What changed between two dates: status quo, reservation values, and every solution."""
    first = parse_date(start, "--from")
    second = parse_date(end, "--to")
    if first is None or second is None:
        bad_option("--from/--to", "give both dates, YYYY-MM-DD")
        return
    conditions = parse_conditions(condition)
    loaded = loaded_scenario(scenario)
    data = guarded(lambda: api.diff(loaded, first, second, conditions)).to_dict()
    emit(data, output, lambda: _diff_tables(data, Names.of(loaded)))


def _moved(move: dict[str, Any], names: Names) -> str:
    issue = move["issue"]
    before, after = (
        "none" if move[k] is None else names.option(issue, move[k]) for k in ("from", "to")
    )
    return f"{names.issue(issue)}: {before} -> {after}"


def _diff_tables(data: dict[str, Any], names: Names) -> list[RenderableType]:
    head = Text(
        f"{data['scenario']}: from {data['from']} to {data['to']}; events in between: "
        + (", ".join(data["events"]) or "none")
    )
    changes = Table(title="What changed")
    changes.add_column("what")
    changes.add_column("from")
    changes.add_column("to")
    for row in data["status_quo"]:
        issue = row["issue"]
        changes.add_row(
            f"status quo: {names.issue(issue)}",
            "-" if row["from"] is None else names.option(issue, row["from"]),
            "-" if row["to"] is None else names.option(issue, row["to"]),
        )
    for party, row in data["reservation"].items():
        if abs(row["from"] - row["to"]) > 1e-12:
            changes.add_row(f"reservation value: {party}", f"{row['from']:.3f}", f"{row['to']:.3f}")
    for option in data["withdrawn"]:
        changes.add_row(f"option withdrawn: {option}", "available", "withdrawn")
    for option in data["restored"]:
        changes.add_row(f"option restored: {option}", "withdrawn", "available")
    for row in data["conditions"]:
        changes.add_row(f"condition: {row['condition']}", row["from"], row["to"])
    moves = Table(title="How each solution moved")
    for column in ("solution", "issues that changed option", "utility change by party"):
        moves.add_column(column)
    for concept, row in data["solutions"].items():
        moved = "\n".join(_moved(m, names) for m in row["moved"]) or "-"
        utility = row["utility_change"]
        text = "-" if utility is None else ", ".join(f"{p} {v:+.3f}" for p, v in utility.items())
        moves.add_row(SOLUTION_NAMES.get(concept, concept), moved, text)
    return [head, changes, moves]
