"""The Phase One backtest page shows what the tool computes, table by table.

The page has three kinds of table: the backtest as the tool computes it now; the frozen record
of the run before the stakeholders of issue 14 were added (kept in
``backtest_before_issue_14.json``, never regenerated); and the comparison of the two, with the
stances added in between.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import grandbargain as gb

from ..conftest import ROOT
from .backtest_tables import (
    BEFORE,
    DATES,
    all_tables,
    changed_predictors,
    frozen_before,
    marked,
    page_tables,
)

PAGE = ROOT / "docs" / "explanation" / "backtest-us-china-phase-one-2019.md"
SECTION = "## Before and after the stakeholders of issue 14"
SCENARIO = gb.load_scenario("us-china-phase-one-2019")


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    data: dict[str, Any] = gb.backtest(
        SCENARIO, gb.shipped_outcomes(SCENARIO), as_of=list(DATES)
    ).to_dict()
    return data


def test_every_table_on_the_page_is_the_backtest_as_computed(result: dict[str, Any]) -> None:
    text = PAGE.read_text(encoding="utf-8")
    tables = all_tables(result, SCENARIO)
    assert len(tables) == 4 + 4 + 3 + 1
    for name, table in tables.items():
        assert marked(name, table) in text, (
            f"the table '{name}' on {PAGE.name} is out of date; regenerate it with "
            "python -m tests.scenarios.backtest_tables"
        )
    assert len(re.findall(r"<!-- /", text)) == len(tables)  # no stale extra table


def test_the_frozen_record_is_labelled_and_comes_after_the_current_tables() -> None:
    text = PAGE.read_text(encoding="utf-8")
    before = frozen_before()
    assert before["scenario_commit"] == "fa4fc69290f5879186a7a33a3542a0c17962b870"
    assert [d["as_of"] for d in before["dates"]] == list(DATES)
    section = text.index(SECTION)
    for name in page_tables(before, BEFORE):
        assert text.index(f"<!-- {name} -->") > section, name
    for name in page_tables(before):
        assert text.index(f"<!-- {name} -->") < section, name
    assert "frozen" in text[section:] and "fa4fc69" in text[section:]


def test_the_comparison_leaves_out_only_predictors_whose_scores_did_not_change(
    result: dict[str, Any],
) -> None:
    # Issue 14 added stakeholder stances only; the solution concepts, Monte Carlo and the
    # simulation read the parties' preferences, so only the stakeholder models may change.
    for old, new in zip(frozen_before()["dates"], result["dates"], strict=True):
        changed = changed_predictors(old, new)
        families = {p["name"]: p["family"] for p in new["predictors"]}
        assert changed and all(families[name] == "forecast" for name in changed), changed


PROSE = {
    "21.4": "21.37",
    "25.7": "25.74",
    "63.9": "63.90",
    "60.4": "60.40",
    "49.1": "49.10",
    "67.4": "67.40",
    "52.1": "52.10",
    "0.683": "0.683",
    "88%": "0.88",
    "64%": "0.64",
    "1.089": "1.089",
    "0.914": "0.914",
    "1.600": "1.600",
}
"""Figures the page's prose quotes, and how each appears in the computed tables."""

BEFORE_PROSE = {"26.4": "26.37", "28.3": "28.31"}
"""Figures the before-and-after prose quotes from the frozen record's tables."""


def test_the_figures_in_the_prose_come_from_the_tables(result: dict[str, Any]) -> None:
    computed = "\n".join(page_tables(result).values())
    frozen = "\n".join(page_tables(frozen_before(), BEFORE).values())
    text = PAGE.read_text(encoding="utf-8")
    teaches, comparison = text.split("## What it teaches")[1].split(SECTION)
    for quoted, in_table in PROSE.items():
        assert quoted in teaches and in_table in computed, quoted
    for quoted, in_table in {"21.4": "21.37", "25.7": "25.74"}.items():
        assert quoted in comparison and in_table in computed, quoted
    for quoted, in_table in BEFORE_PROSE.items():
        assert quoted in comparison and in_table in frozen, quoted
