"""Markdown tables of a backtest, as the Phase One explanation page shows them.

The page (docs/explanation/backtest-us-china-phase-one-2019.md) holds these tables between
markers; ``test_phase_one_backtest_page`` recomputes the backtest and checks the page is current.
Regenerate with ``python -m tests.scenarios.backtest_tables`` from the repository root.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DATES = ("2019-07-01", "2019-10-11")
SHOWN = ("no-change", "nash", "utilitarian", "expected-utility-median", "montecarlo-nash")


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def scores_table(date: Mapping[str, Any]) -> str:
    """One row per predictor: kind, rank, headline, MAE, direction, Brier, log, no deal."""
    lines = [
        "| predictor | kind | rank | headline | MAE | direction | Brier | log | no deal | beats |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in date["predictors"]:
        metric = "MAE" if p["headline"]["metric"] == "mae" else "Brier"
        digits = 2 if metric == "MAE" else 3
        beats = (
            "(baseline)"
            if p["family"] == "baseline"
            else {
                (True, True): "both",
                (True, False): "no change only",
                (False, True): "uniform only",
                (False, False): "neither",
            }[(bool(p["beats_no_change"]), bool(p["beats_uniform"]))]
        )
        lines.append(
            f"| {p['name']} | {p['kind']} | {p['rank']} | {metric} "
            f"{_number(p['headline']['value'], digits)} | {_number(p['mae'], 2)} | "
            f"{_number(p['direction_hit_rate'], 2)} | {_number(p['brier'], 3)} | "
            f"{_number(p['log_score'], 2)} | {_number(p['no_deal_share'], 2)} | {beats} |"
        )
    return "\n".join(lines)


def issues_table(date: Mapping[str, Any]) -> str:
    """Per issue: the outcome, then each shown predictor's most likely option (its error)."""
    by_name = {p["name"]: p for p in date["predictors"]}
    header = "| issue | outcome (position) | " + " | ".join(SHOWN) + " |"
    lines = [header, "|---" * (2 + len(SHOWN)) + "|"]
    first = by_name[SHOWN[0]]["issues"]
    for row, issue in enumerate(first):
        cells = [issue["issue"], f"{issue['outcome_option']} ({issue['outcome_position']:g})"]
        for name in SHOWN:
            item = by_name[name]["issues"][row]
            cells.append(f"{item['predicted_option']} ({item['error']:.0f})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def marked(name: str, table: str) -> str:
    """A table between the page's markers."""
    return f"<!-- {name} -->\n{table}\n<!-- /{name} -->"


def page_tables(result: Mapping[str, Any]) -> dict[str, str]:
    """Every marked table of the page, by marker name."""
    tables = {}
    for date in result["dates"]:
        tables[f"scores {date['as_of']}"] = scores_table(date)
        tables[f"issues {date['as_of']}"] = issues_table(date)
    return tables


if __name__ == "__main__":
    import grandbargain as gb

    scenario = gb.load_scenario("us-china-phase-one-2019")
    data = gb.backtest(scenario, gb.shipped_outcomes(scenario), as_of=list(DATES)).to_dict()
    for key, value in page_tables(data).items():
        print(marked(key, value), end="\n\n")
