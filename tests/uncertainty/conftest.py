"""Shared fixtures: the shipped scenario and a small uncertainty spec for it."""

from __future__ import annotations

from typing import Any

import pytest

import grandbargain
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import UncertaintySpec, spec_from_mapping

SMALL_SPEC: dict[str, Any] = {
    "schema_version": 1,
    "numbers": [
        {
            "path": "parties.United States.stances.rare-earths.weight",
            "distribution": {"kind": "triangular", "low": 10, "mode": 20, "high": 30},
        },
        {
            "path": "parties.China.stances.sme-controls.values.eased-mature",
            "distribution": {"kind": "uniform", "low": 40, "high": 70},
        },
        {
            "path": "parties.China.weights",
            "distribution": {"kind": "dirichlet", "concentration": 50},
        },
        {
            "path": "parties.United States.stances.purchase-commitments.values.moderate",
            "distribution": {
                "kind": "truncated-normal",
                "mean": 60,
                "sd": 10,
                "low": 40,
                "high": 80,
            },
        },
        {
            "path": "events.tariff-snapback.probability",
            "distribution": {"kind": "beta", "a": 2, "b": 5, "low": 0, "high": 1},
        },
    ],
    "conditions": "draw",
    "events": "draw",
}


@pytest.fixture(scope="session")
def us_china() -> Scenario:
    return grandbargain.load_scenario("us-china-2025")


@pytest.fixture(scope="session")
def small_spec(us_china: Scenario) -> UncertaintySpec:
    return spec_from_mapping(SMALL_SPEC, us_china)
