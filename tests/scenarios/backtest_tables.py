"""Markdown tables of a backtest, as the Phase One explanation page shows them.

The page (docs/explanation/backtest-us-china-phase-one-2019.md) holds these tables between
markers; ``test_phase_one_backtest_page`` checks the page is current. Three kinds:

- the backtest as the tool computes it now (markers ``scores DATE``, ``issues DATE``);
- the frozen record of the run before the stakeholders of issue 14 were added (markers
  ``before issue 14: scores DATE``, ``before issue 14: issues DATE``), rendered from
  ``backtest_before_issue_14.json``, which is never regenerated;
- the comparison of the two (markers ``change scores DATE``, ``change issues``): only the
  predictors and issues whose scores changed;
- the stakeholder stances added since the frozen record, with what backs them (marker
  ``added stances``).

Regenerate with ``python -m tests.scenarios.backtest_tables`` from the repository root.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DATES = ("2019-07-01", "2019-10-11")
SHOWN = ("no-change", "nash", "utilitarian", "expected-utility-median", "montecarlo-nash")
SHOWN_NOW = (*SHOWN, "outlook")
"""The predictors of the current issue tables (the frozen record has no outlook)."""
BEFORE = "before issue 14: "
FROZEN = Path(__file__).with_name("backtest_before_issue_14.json")
SCORES = ("mae", "direction_hit_rate", "brier", "log_score")


def frozen_before() -> dict[str, Any]:
    """The backtest as it came out before issue 14's stakeholders (a frozen record)."""
    data: dict[str, Any] = json.loads(FROZEN.read_text(encoding="utf-8"))
    return data


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
    shown = tuple(name for name in SHOWN_NOW if name in by_name)
    header = "| issue | outcome (position) | " + " | ".join(shown) + " |"
    lines = [header, "|---" * (2 + len(shown)) + "|"]
    first = by_name[SHOWN[0]]["issues"]
    for row, issue in enumerate(first):
        cells = [issue["issue"], f"{issue['outcome_option']} ({issue['outcome_position']:g})"]
        for name in shown:
            item = by_name[name]["issues"][row]
            cells.append(f"{item['predicted_option']} ({item['error']:.0f})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _rounded(p: Mapping[str, Any]) -> tuple[str, ...]:
    """A predictor's scores as the tables print them."""
    return (
        _number(p["mae"], 2),
        _number(p["direction_hit_rate"], 2),
        _number(p["brier"], 3),
        _number(p["log_score"], 2),
    )


def changed_predictors(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Names of the predictors whose printed scores differ between two runs on one date
    (predictors added since the first run, such as the outlook, are left out)."""
    old = {p["name"]: p for p in before["predictors"]}
    return [
        p["name"]
        for p in after["predictors"]
        if p["name"] in old and _rounded(p) != _rounded(old[p["name"]])
    ]


def change_scores_table(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Before -> after, for each predictor whose scores changed on one date."""
    old = {p["name"]: p for p in before["predictors"]}
    new = {p["name"]: p for p in after["predictors"]}
    lines = [
        "| predictor | MAE before | MAE after | direction before | direction after "
        "| Brier before | Brier after | log before | log after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in changed_predictors(before, after):
        pairs = zip(_rounded(old[name]), _rounded(new[name]), strict=True)
        lines.append(f"| {name} | " + " | ".join(f"{a} | {b}" for a, b in pairs) + " |")
    return "\n".join(lines)


def change_issues_table(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Each (date, predictor, issue) whose prediction changed: option (position; error). A
    later date shows only the changes that differ from the first date's."""
    lines = [
        "| date | predictor | issue | outcome (position) | before | after |",
        "|---|---|---|---|---|---|",
    ]
    keys = ("predicted_option", "predicted_position", "error")
    seen: dict[tuple[str, str], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    def cell(item: Mapping[str, Any]) -> str:
        return (
            f"{item['predicted_option']} ({item['predicted_position']:.1f}; "
            f"error {item['error']:.1f})"
        )

    for old_date, new_date in zip(before["dates"], after["dates"], strict=True):
        old = {p["name"]: p for p in old_date["predictors"]}
        for p in new_date["predictors"]:
            if p["name"] not in old:
                continue  # added since the first run
            for was, now in zip(old[p["name"]]["issues"], p["issues"], strict=True):
                change = (tuple(was[k] for k in keys), tuple(now[k] for k in keys))
                if change[0] == change[1] or seen.get((p["name"], now["issue"])) == change:
                    continue
                seen.setdefault((p["name"], now["issue"]), change)
                lines.append(
                    f"| {new_date['as_of']} | {p['name']} | {now['issue']} | "
                    f"{now['outcome_option']} ({now['outcome_position']:g}) | "
                    f"{cell(was)} | {cell(now)} |"
                )
    return "\n".join(lines)


def added_stances_table(scenario: Any, before: Mapping[str, Any]) -> str:
    """Every stakeholder stance the scenario has and the frozen record's scenario had not: its
    three numbers and the sources quoted for them (each also carries an assumption)."""
    from grandbargain.model.provenance import scenario_numbers

    had = before["stakeholder_stances"]
    backing = {(n.entity, n.field): n.evidence for n in scenario_numbers(scenario)}
    lines = [
        "| stakeholder | issue | position | salience | clout | quoted sources |",
        "|---|---|---|---|---|---|",
    ]
    for holder in scenario.stakeholders:
        for issue, view in holder.stances.items():
            if issue in had.get(holder.id, ()):
                continue
            items = backing[(f"stakeholders.{holder.id}", f"stances.{issue}.position")]
            sources = dict.fromkeys(item.source for item in items if item.source is not None)
            assert any(item.assumption is not None for item in items), (holder.id, issue)
            lines.append(
                f"| {holder.id} | {issue} | {view.position:g} | {view.salience:g} | "
                f"{view.clout:g} | {', '.join(sources)} |"
            )
    return "\n".join(lines)


def marked(name: str, table: str) -> str:
    """A table between the page's markers."""
    return f"<!-- {name} -->\n{table}\n<!-- /{name} -->"


def page_tables(result: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Every table of one backtest run, by marker name (``prefix`` for the frozen record)."""
    tables = {}
    for date in result["dates"]:
        tables[f"{prefix}scores {date['as_of']}"] = scores_table(date)
        tables[f"{prefix}issues {date['as_of']}"] = issues_table(date)
    return tables


def change_tables(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, str]:
    """The before -> after comparison tables, by marker name."""
    tables = {}
    for old, new in zip(before["dates"], after["dates"], strict=True):
        assert old["as_of"] == new["as_of"]
        tables[f"change scores {new['as_of']}"] = change_scores_table(old, new)
    tables["change issues"] = change_issues_table(before, after)
    return tables


def all_tables(result: Mapping[str, Any], scenario: Any) -> dict[str, str]:
    """Every marked table of the page: the current run, the frozen record, the comparison,
    the stances added in between."""
    before = frozen_before()
    return {
        **page_tables(result),
        **page_tables(before, BEFORE),
        **change_tables(before, result),
        "added stances": added_stances_table(scenario, before),
    }


if __name__ == "__main__":
    import grandbargain as gb

    scenario = gb.load_scenario("us-china-phase-one-2019")
    data = gb.backtest(scenario, gb.shipped_outcomes(scenario), as_of=list(DATES)).to_dict()
    for key, value in all_tables(data, scenario).items():
        print(marked(key, value), end="\n\n")
