"""Rich tables for ``grandbargain analyze``. Rendering only: no analysis here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.cli.ratification_tables import ratification_tables

if TYPE_CHECKING:
    from grandbargain.api import Analysis

LABELS = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai-Smorodinsky",
    "utilitarian": "utilitarian",
    "egalitarian": "egalitarian",
}


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def analysis_tables(a: Analysis, logrolls_shown: int = 10) -> Iterator[RenderableType]:
    """Summary, solutions by issue, utilities, logrolls and value of linkage."""
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
    yield _solutions_table(a, data)
    yield _utilities_table(a, data)
    if data["logrolls"]:
        yield _logrolls_table(a, data, logrolls_shown)
    else:
        yield Text("No logrolls (two-issue trades that leave every party better off).")
    yield _linkage_table(a, data)


def _solutions_table(a: Analysis, data: Mapping[str, Any]) -> Table:
    table = Table(title="Where each issue settles under each solution concept")
    table.add_column("issue")
    table.add_column("status quo")
    solutions = data["solutions"]
    for concept in api.SOLUTION_CONCEPTS:
        table.add_column(LABELS[concept])
    sq = data["status_quo"]["package"] if data["status_quo"] else {}
    for issue in a.issues:
        cells: list[str | Text] = [sq.get(issue, "-")]
        for concept in api.SOLUTION_CONCEPTS:
            chosen = solutions[concept]["package"][issue] if solutions[concept] else "-"
            cells.append(Text(chosen, style="dim" if chosen == sq.get(issue) else ""))
        table.add_row(issue, *cells)
    return table


def _utilities_table(a: Analysis, data: Mapping[str, Any]) -> Table:
    table = Table(title="Utilities and gains over the reservation value")
    table.add_column("party")
    for column in ("reservation", "ideal", *(LABELS[c] for c in api.SOLUTION_CONCEPTS)):
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


def _logrolls_table(a: Analysis, data: Mapping[str, Any], shown: int) -> Table:
    total = data["logroll_count"]
    table = Table(title=f"Logrolls: best {min(shown, total)} of {total}, by smallest party gain")
    table.add_column("trade")
    for party in a.parties:
        table.add_column(f"{party} per issue")
        table.add_column(f"{party} total", justify="right")
    for roll in data["logrolls"][:shown]:
        trade = "\n".join(f"{issue} -> {option}" for issue, option in roll["moves"].items())
        cells = [trade]
        for party in a.parties:
            cells.append("\n".join(f"{g[party]:+.3f}" for g in roll["issue_gains"].values()))
            cells.append(f"{roll['gains'][party]:+.3f}")
        table.add_row(*cells)
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
