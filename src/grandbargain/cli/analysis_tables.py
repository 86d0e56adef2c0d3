"""Rich tables for ``grandbargain analyze``. Rendering only: no analysis here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.cli.names import Names
from grandbargain.cli.ratification_tables import ratification_tables

if TYPE_CHECKING:
    from grandbargain.api import Analysis


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def analysis_tables(
    a: Analysis, names: Names | None = None, logrolls_shown: int = 10
) -> Iterator[RenderableType]:
    """Summary, solutions by issue, utilities, logrolls and value of linkage, with issue
    titles and option labels from ``names``."""
    names = names or Names()
    data = a.to_dict()
    when = data["as_of"] or "after all events"
    conditions = ", ".join(f"{k}={v}" for k, v in a.conditions.items()) or "none"
    count = data["feasible_count_method"]
    if a.feasible_count is None:
        feasible = "not computed"
    else:
        feasible = f"{a.feasible_count:,}" + (
            "" if count["exact"] else f" (estimate, 95% {count['low']:,}-{count['high']:,})"
        )
    yield Text(f"{a.scenario}: analysis as of {when}; conditions: {conditions}", style="bold")
    if data["ratification"] is not None:
        yield from ratification_tables(a, data["ratification"])
    yield Text(
        f"packages {a.package_count:,}; admissible {a.admissible_count:,}; feasible {feasible} "
        f"[{count['method']}]; Pareto frontier {len(a.frontier):,} points"
        + ("" if a.frontier.exact else f" (epsilon-Pareto, epsilon = {a.epsilon:.2g})")
    )
    yield _solutions_table(a, data, names)
    yield _utilities_table(a, data)
    if data["logrolls"]:
        yield _logrolls_table(a, data, names, logrolls_shown)
    else:
        yield Text("No logrolls (two-issue trades that leave every party better off).")
    yield _linkage_table(a, data)


def _solutions_table(a: Analysis, data: Mapping[str, Any], names: Names) -> Table:
    table = Table(title="Where each issue settles under each solution concept")
    table.add_column("issue")
    table.add_column("status quo")
    solutions = data["solutions"]
    for concept in api.SOLUTION_CONCEPTS:
        table.add_column(api.SOLUTION_NAMES[concept])
    sq = data["status_quo"]["package"] if data["status_quo"] else {}
    for issue in a.issues:
        status_quo = sq.get(issue)
        cells: list[str | Text] = ["-" if status_quo is None else names.option(issue, status_quo)]
        for concept in api.SOLUTION_CONCEPTS:
            chosen = solutions[concept]["package"][issue] if solutions[concept] else None
            text = "-" if chosen is None else names.option(issue, chosen)
            cells.append(Text(text, style="dim" if chosen == status_quo else ""))
        table.add_row(names.issue(issue), *cells)
    return table


def _utilities_table(a: Analysis, data: Mapping[str, Any]) -> Table:
    table = Table(title="Utilities and gains over the reservation value")
    table.add_column("party")
    for column in ("reservation", "ideal", *(api.SOLUTION_NAMES[c] for c in api.SOLUTION_CONCEPTS)):
        table.add_column(column, justify="right")
    for party in a.parties:
        cells = [_fmt(data["reservation"][party]), _fmt(data["ideal"][party])]
        for concept in api.SOLUTION_CONCEPTS:
            solution = data["solutions"][concept]
            cells.append(
                "-"
                if solution is None
                else f"{solution['utilities'][party]:.3f} (+{solution['gains'][party]:.3f})"
            )
        table.add_row(party, *cells)
    return table


def _logrolls_table(a: Analysis, data: Mapping[str, Any], names: Names, shown: int) -> Table:
    """One row per move of each logroll, so a label that wraps onto more lines keeps its
    numbers beside it; the trade's totals on its first row, a rule between trades."""
    total = data["logroll_count"]
    title = (
        f"Logrolls: best {min(shown, total)} of {total}, by smallest party gain; each "
        "party's gain on each issue moved, and in total"
    )
    table = Table(title=title)
    table.add_column("#", justify="right")
    table.add_column("move", ratio=1)
    for party in a.parties:
        table.add_column(party, justify="right", max_width=10)
    for party in a.parties:
        table.add_column(f"{party} total", justify="right", max_width=10)
    rolls = data["logrolls"][:shown]
    for number, roll in enumerate(rolls, start=1):
        moves = list(roll["moves"].items())
        for k, (issue, option) in enumerate(moves):
            gains = roll["issue_gains"][issue]
            totals = [f"{roll['gains'][p]:+.3f}" if k == 0 else "" for p in a.parties]
            table.add_row(
                str(number) if k == 0 else "",
                names.move(issue, option),
                *(f"{gains[p]:+.3f}" for p in a.parties),
                *totals,
                end_section=k == len(moves) - 1 and number < len(rolls),
            )
    return table


def _linkage_table(a: Analysis, data: Mapping[str, Any]) -> Table:
    table = Table(title="Value of linkage: grand bargain (Nash) against separate agreements")
    table.add_column("party")
    table.add_column("grand bargain", justify="right")
    for name in ("issue by issue", "bucket by bucket"):
        table.add_column(name, justify="right")
        table.add_column("grand gains (% of gap)", justify="right")
    for party in a.parties:
        cells = []
        for key in ("by_issue", "by_bucket"):
            series = data["linkage"][key]
            if series is None:
                cells += ["-", "-"]
                continue
            diff = series["difference"]
            pct = series["percent_of_gap"]
            cells.append(_fmt(series["utilities"][party]))
            cells.append("-" if diff is None else f"{diff[party]:+.3f} ({_fmt(pct[party], 1)}%)")
        grand = data["solutions"]["nash"]
        table.add_row(party, "-" if grand is None else _fmt(grand["utilities"][party]), *cells)
    return table
