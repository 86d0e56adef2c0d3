"""Shared fixtures: the shipped scenario and a small uncertainty spec for it."""

from __future__ import annotations

import pytest

import grandbargain
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import UncertaintySpec, spec_from_mapping

from .specs import spec_data, uncertain

SMALL_SPEC = spec_data(
    uncertain(
        "parties.United States.stances.rare-earths.weight", "triangular", low=10, mode=20, high=30
    ),
    uncertain("parties.China.stances.sme-controls.values.eased-mature", "uniform", low=40, high=70),
    uncertain("parties.China.weights", "dirichlet", concentration=50),
    uncertain(
        "parties.United States.stances.purchase-commitments.values.moderate",
        "truncated-normal",
        mean=60,
        sd=10,
        low=40,
        high=80,
    ),
    uncertain("events.tariff-snapback.probability", "beta", a=2, b=5, low=0, high=1),
    conditions="draw",
    events="draw",
)


@pytest.fixture(scope="session")
def us_china() -> Scenario:
    return grandbargain.load_scenario("us-china-2025")


@pytest.fixture(scope="session")
def small_spec(us_china: Scenario) -> UncertaintySpec:
    return spec_from_mapping(SMALL_SPEC, us_china)
