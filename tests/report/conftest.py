"""Shared fixtures: the us-china-2025 report (with forecast and simulation) built once."""

from __future__ import annotations

import pytest

import grandbargain as gb
from grandbargain.api import Analysis, Scenario
from grandbargain.report import build_report


@pytest.fixture(scope="module")
def us_china() -> tuple[Scenario, Analysis]:
    scenario = gb.load_scenario("us-china-2025")
    return scenario, gb.analyze(scenario, as_of=scenario.as_of)


@pytest.fixture(scope="module")
def us_china_html(us_china: tuple[Scenario, Analysis]) -> str:
    scenario, analysis = us_china
    return build_report(scenario, analysis)
