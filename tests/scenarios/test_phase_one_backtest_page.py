"""The Phase One backtest page shows what the tool computes, table by table."""

from __future__ import annotations

import re
from typing import Any

import pytest

import grandbargain as gb

from ..conftest import ROOT
from .backtest_tables import DATES, marked, page_tables

PAGE = ROOT / "docs" / "explanation" / "backtest-us-china-phase-one-2019.md"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    scenario = gb.load_scenario("us-china-phase-one-2019")
    data: dict[str, Any] = gb.backtest(
        scenario, gb.shipped_outcomes(scenario), as_of=list(DATES)
    ).to_dict()
    return data


def test_every_table_on_the_page_is_the_backtest_as_computed(result: dict[str, Any]) -> None:
    text = PAGE.read_text(encoding="utf-8")
    tables = page_tables(result)
    assert len(tables) == 4
    for name, table in tables.items():
        assert marked(name, table) in text, (
            f"the table '{name}' on {PAGE.name} is out of date; regenerate it with "
            "python -m tests.scenarios.backtest_tables"
        )
    assert len(re.findall(r"<!-- /", text)) == len(tables)  # no stale extra table


PROSE = {
    "63.9": "63.90",
    "60.4": "60.40",
    "49.1": "49.10",
    "67.4": "67.40",
    "52.1": "52.10",
    "0.683": "0.683",
    "88%": "0.88",
    "64%": "0.64",
}
"""Figures the page's prose quotes, and how each appears in the computed tables."""


def test_the_figures_in_the_prose_come_from_the_tables(result: dict[str, Any]) -> None:
    computed = "\n".join(page_tables(result).values())
    prose = PAGE.read_text(encoding="utf-8").split("## What it teaches")[1]
    for quoted, in_table in PROSE.items():
        assert quoted in prose and in_table in computed, quoted
