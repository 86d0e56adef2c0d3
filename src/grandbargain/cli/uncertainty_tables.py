"""Rich tables for ``montecarlo`` and ``sensitivity``, drawn from their JSON documents, so the
table shows the numbers the JSON holds. Rendering only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from grandbargain.api import SOLUTION_NAMES, number_names
from grandbargain.cli.console import longest_word
from grandbargain.cli.names import Names

if TYPE_CHECKING:
    from grandbargain.api import Scenario

QUANTILES = ("q05", "q50", "q95")


def _table(title: str, *columns: str, right: tuple[str, ...] = ()) -> Table:
    """A table whose cells fold onto more lines when narrow: ids are never cut short."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column in right else "left")
    return table


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def montecarlo_tables(data: dict[str, Any], names: Names | None = None) -> Iterator[RenderableType]:
    """Summary line, most likely options, Nash utilities, logrolls, simulation, forecast;
    with issue titles and option labels from ``names``."""
    names = names or Names()
    when = f" as of {data['as_of']}" if data.get("as_of") else ""
    yield Text(
        f"{data['scenario']}{when}: {data['draws']} draws, seed {data['seed']}; a feasible "
        f"package exists in {100 * data['feasible_probability']:.1f}% of draws"
    )
    concepts = list(data["option_probabilities"])
    title = "Most likely option per issue (probability) under each solution"
    table = _table(title, "issue", *(SOLUTION_NAMES.get(c, c) for c in concepts))
    for issue in next(iter(data["option_probabilities"].values())):
        cells = []
        for concept in concepts:
            options = data["option_probabilities"][concept][issue]
            best = max(options, key=options.get)
            cells.append(f"{names.option(issue, best)} ({options[best]:.2f})")
        table.add_row(names.issue(issue), *cells)
    yield table
    yield _stats_table(
        "Utility under Nash: 5%, median, 95%", "party", data["utilities"].get("nash", {})
    )
    share = "share of draws"
    rolls = _table("Logrolls that hold in most draws", "trade", share, right=(share,))
    for key, share in list(data["logrolls"].items())[:10]:
        rolls.add_row(_trade(key, names), f"{share:.2f}")
    yield rolls
    if "simulation" in data:
        sim = data["simulation"]
        title = (
            f"Simulated talks: agreement in {100 * sim['agreement_probability']:.1f}% of draws; "
            "utility when they agree (5%, median, 95%)"
        )
        yield _stats_table(title, "party", sim["utilities"])
    if "forecast" in data:
        title = f"Forecast ({data['forecast']['model']}): 5%, median, 95% position"
        issues = {names.issue(k): v for k, v in data["forecast"]["issues"].items()}
        yield _stats_table(title, "issue", issues, digits=1)


def _trade(key: str, names: Names) -> str:
    """A logroll key of the JSON (``issue=option+issue=option``) in titles and labels."""
    moves = [part.partition("=") for part in key.split("+")]
    if not all(sep for _, sep, _ in moves):
        return key
    return "\n".join(names.move(issue, option) for issue, _, option in moves)


def _stats_table(
    title: str, label: str, stats: dict[str, dict[str, Any]], digits: int = 3
) -> Table:
    """One row per key with its 5%, 50% and 95% quantiles; keys without values are skipped."""
    table = _table(title, label, *QUANTILES, right=QUANTILES)
    for key, q in stats.items():
        if q["n"]:
            table.add_row(key, *(_fmt(q[k], digits) for k in QUANTILES))
    return table


def tornado_table(data: dict[str, Any], parties: list[str], scenario: Scenario) -> Table:
    """The tornado rows as the JSON lists them (largest swing first, rows where Nash finds no
    package at one end before all others), one swing column per party; each number by what
    it is in ``scenario`` (a party's weight of an issue, an option's value...), the JSON
    keeping its path. The names wrap within their cells; every number stays on its row."""
    swings = tuple(f"{party}\nswing" for party in parties)
    shown = list(number_names(scenario, (row["path"] for row in data["rows"])))
    table = Table(title="Tornado: swing in each party's Nash utility, largest first")
    table.add_column("number", min_width=min(longest_word(shown, 6), 32), overflow="fold")
    table.add_column("range", no_wrap=True)
    for swing in swings:
        table.add_column(swing, justify="right", no_wrap=True)
    for text, row in zip(shown, data["rows"], strict=True):  # the engine's order
        cells = ["-" if row["swing"][p] is None else f"{row['swing'][p]:+.4f}" for p in parties]
        table.add_row(text, f"{row['low']:g}..{row['high']:g}", *cells)
    return table


def sobol_tables(data: dict[str, Any], shown: int = 15) -> Iterator[RenderableType]:
    """Header, notes and, per Nash utility, the inputs with the largest total indices."""
    yield Text(
        f"Sobol indices: {data['sample_size']} base samples, {data['model_runs']} model "
        f"runs, seed {data['seed']}; +- is the 95% confidence half-width"
    )
    for note in data["notes"]:
        yield Text(f"note: {note}")
    for item in data["outputs"]:
        if not item["output"].startswith("nash:"):
            continue
        title = f"Total and first-order indices of {item['output']}"
        table = _table(title, "number", "total", "first order")
        order = sorted(item["total"], key=lambda k: item["total"][k], reverse=True)
        for name in order[:shown]:
            table.add_row(
                name,
                f"{item['total'][name]:.3f} +- {item['total_conf'][name]:.3f}",
                f"{item['first'][name]:.3f} +- {item['first_conf'][name]:.3f}",
            )
        yield table
