"""The admissible cloud lists exactly the packages a brute-force enumeration finds admissible."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings

import grandbargain as gb
from grandbargain import api
from grandbargain.model.schema import Scenario
from grandbargain.solve.cloud import admissible_cloud
from grandbargain.space import build_space

from ..builders import scenario_data
from ..conftest import DATA
from .oracle import brute_force

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenario_data())
def test_cloud_equals_the_brute_force_admissible_packages(data: dict[str, Any]) -> None:
    scenario = Scenario.model_validate(data)
    space = build_space(scenario)
    brute = brute_force(scenario)  # red lines and constraints read from the scenario itself
    cloud = admissible_cloud(space, limit=len(brute.packages))
    assert cloud is not None
    assert [tuple(p) for p in cloud.packages.tolist()] == brute.packages
    n_parties = len(scenario.parties)
    expected = np.array(brute.utilities, dtype=float).reshape(len(brute.packages), n_parties)
    assert cloud.utilities.shape == (len(brute.packages), n_parties)
    assert np.allclose(cloud.utilities, expected, atol=1e-12)
    if brute.packages:
        assert admissible_cloud(space, limit=len(brute.packages) - 1) is None


def test_a_huge_space_is_refused_without_listing_it() -> None:
    analysis = gb.analyze(gb.load_scenario("us-china-2025"), quick=True)
    assert analysis.admissible_count > 1_000_000_000
    assert api.admissible_cloud(analysis) is None
    assert api.admissible_cloud(analysis, limit=analysis.admissible_count - 1) is None


def test_the_api_lists_the_cloud_of_an_analysis() -> None:
    scenario = gb.load_scenario(DATA / "small.yaml")
    analysis = gb.analyze(scenario)
    cloud = api.admissible_cloud(analysis)
    assert cloud is not None
    brute = brute_force(scenario)
    assert len(cloud) == analysis.admissible_count == len(brute.packages)
    assert [tuple(p) for p in cloud.packages.tolist()] == brute.packages
