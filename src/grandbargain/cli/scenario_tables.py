"""Rich tables for the CLI's table output. Rendering only: no analysis here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from grandbargain.api import Scenario, ScenarioState


def scenario_tables(scenario: Scenario, state: ScenarioState) -> Iterator[RenderableType]:
    """Header, parties, issues (by bucket), conditions, linkages and events of a scenario."""
    as_of = state.as_of.isoformat() if state.as_of else "after all events"
    yield Text(f"{scenario.title} ({scenario.id})", style="bold")
    if scenario.description:
        yield Text(scenario.description)
    yield Text(f"Status quo as of {as_of}. Acceptance: {scenario.acceptance.rule}.")
    yield _parties(scenario)
    yield _issues(scenario, state)
    if scenario.linkages.interactions or scenario.linkages.constraints or scenario.conditions:
        yield _linkages(scenario, state)
    if scenario.events:
        yield _events(scenario, state)
    if scenario.stakeholders:
        yield _stakeholders(scenario)
    if scenario.out_of_scope:
        yield Text("Out of scope: " + "; ".join(scenario.out_of_scope))


def _parties(scenario: Scenario) -> Table:
    table = Table(title="Parties: issue weights (% of each party's total) and red lines")
    table.add_column("issue")
    for party in scenario.parties:
        table.add_column(party.name, justify="right")
    totals = {p.name: sum(s.weight for s in p.stances.values()) or 1.0 for p in scenario.parties}
    for issue in scenario.issues:
        cells = []
        for party in scenario.parties:
            stance = party.stances[issue.id]
            cell = f"{100 * stance.weight / totals[party.name]:.1f}"
            if stance.red_lines:
                cell += " (red line: " + ", ".join(stance.red_lines) + ")"
            cells.append(cell)
        table.add_row(issue.id, *cells)
    return table


def _issues(scenario: Scenario, state: ScenarioState) -> Table:
    table = Table(title="Issues by bucket (* = status quo as of the date; ~ = declared start)")
    table.add_column("bucket")
    table.add_column("issue")
    table.add_column("options")
    for bucket in scenario.buckets:
        label = bucket.title + (f"\nadvantage: {bucket.advantage}" if bucket.advantage else "")
        for issue in (i for i in scenario.issues if i.bucket == bucket.id):
            marks = []
            for option in issue.options:
                mark = "*" if state.status_quo.get(issue.id) == option.id else " "
                mark += "~" if issue.status_quo == option.id else " "
                if (issue.id, option.id) in state.unavailable:
                    mark += " (withdrawn)"
                marks.append(f"{mark} {option.id}: {option.label}")
            table.add_row(label, f"{issue.id}\n{issue.title}", "\n".join(marks))
            label = ""
    return table


def _linkages(scenario: Scenario, state: ScenarioState) -> Table:
    table = Table(title="Linkages and conditions")
    table.add_column("id")
    table.add_column("kind")
    table.add_column("what")
    for term in scenario.linkages.interactions:
        combo = ", ".join(f"{k}={v}" for k, v in term.when.items())
        gains = ", ".join(f"{p} {v:+.3f}" for p, v in term.utilities.items())
        table.add_row(term.id, "interaction", f"{combo}: {gains}")
    for rule in scenario.linkages.constraints:
        combo = ", ".join(f"{k}={v}" for k, v in rule.when.items())
        need = "; ".join(f"{k} in {{{', '.join(v)}}}" for k, v in rule.requires.items())
        table.add_row(rule.id, "constraint", f"if {combo} then {need}")
    for condition in scenario.conditions:
        states = ", ".join(
            f"{s.id}" + (f" p={s.probability:g}" if s.probability is not None else "")
            for s in condition.states
        )
        current = state.conditions.get(condition.id, condition.default)
        table.add_row(condition.id, "condition", f"{condition.title}: {states}; now {current}")
    return table


def _events(scenario: Scenario, state: ScenarioState) -> Table:
    table = Table(title="Events")
    for column in ("date", "precision", "status", "p", "event", "applied"):
        table.add_column(column)
    for event in sorted(scenario.events, key=lambda e: e.date):
        probability = "" if event.probability is None else f"{event.probability:g}"
        applied = "yes" if event.id in state.applied_events else "no"
        table.add_row(
            event.date.isoformat(),
            event.precision.value,
            event.status.value,
            probability,
            f"{event.id}: {event.title}",
            applied,
        )
    return table


def _stakeholders(scenario: Scenario) -> Table:
    table = Table(title="Stakeholders")
    for column in ("party", "stakeholder", "kind", "issues"):
        table.add_column(column)
    for holder in scenario.stakeholders:
        table.add_row(holder.party, holder.name, holder.kind, str(len(holder.stances)))
    return table
