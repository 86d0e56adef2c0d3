"""Monte Carlo on the shipped scenario: summaries, determinism across workers, Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import grandbargain
from grandbargain.model.schema import Scenario
from grandbargain.solve.analysis import CONCEPTS
from grandbargain.uncertainty import (
    MonteCarloResult,
    UncertaintySpec,
    load_results,
    monte_carlo,
    save_results,
)
from grandbargain.uncertainty.montecarlo import evaluate, logroll_key
from grandbargain.uncertainty.sampling import SampledScenario

DRAWS = 48


@pytest.fixture(scope="module")
def result(us_china: Scenario, small_spec: UncertaintySpec) -> MonteCarloResult:
    return monte_carlo(us_china, small_spec, DRAWS, seed=2025)


def test_option_probabilities_sum_to_one(result: MonteCarloResult) -> None:
    probabilities = result.option_probabilities()
    assert set(probabilities) == set(CONCEPTS)
    for issues in probabilities.values():
        assert set(issues) == set(result.issues)
        for shares in issues.values():
            assert sum(shares.values()) == pytest.approx(1.0)


def test_summaries(result: MonteCarloResult) -> None:
    data = result.to_dict()
    assert data["schema_version"] == 1 and data["draws"] == DRAWS
    assert 0 <= data["feasible_probability"] <= 1
    for concept in CONCEPTS:
        for party in result.parties:
            q = data["utilities"][concept][party]
            if q["n"]:
                assert q["q05"] <= q["q50"] <= q["q95"]
    shares = list(data["logrolls"].values())
    assert shares == sorted(shares, reverse=True) and all(0 < s <= 1 for s in shares)


def test_same_seed_same_result_whatever_the_workers(
    us_china: Scenario, small_spec: UncertaintySpec, result: MonteCarloResult
) -> None:
    seen: list[tuple[int, int]] = []
    again = monte_carlo(
        us_china, small_spec, DRAWS, seed=2025, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert again.outcomes == result.outcomes
    assert again.to_dict() == result.to_dict()
    assert seen[-1] == (DRAWS, DRAWS) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_different_seed_draws_differently(
    us_china: Scenario, small_spec: UncertaintySpec, result: MonteCarloResult
) -> None:
    other = monte_carlo(us_china, small_spec, 8, seed=1)
    assert other.outcomes[0].numbers != result.outcomes[0].numbers


def test_parquet_round_trip(result: MonteCarloResult, tmp_path: Path) -> None:
    file = tmp_path / "draws.parquet"
    save_results(file, result)
    loaded = load_results(file)
    assert loaded.to_dict() == result.to_dict()
    assert loaded.outcomes == result.outcomes
    assert loaded.scenario == result.scenario and loaded.seed == result.seed


def test_one_draw_matches_analyze_on_the_nominal_scenario(us_china: Scenario) -> None:
    outcome = evaluate(SampledScenario(us_china, {}, {}, frozenset(), frozenset()))
    analysis = grandbargain.analyze(us_china, logroll_size=2, logroll_limit=10_000)
    for concept in CONCEPTS:
        solution = getattr(analysis.solutions, concept)
        assert outcome.packages[concept] == (None if solution is None else dict(solution.package))
    assert outcome.feasible == (analysis.feasible_count > 0)
    space = analysis.space
    keys = {
        logroll_key({space.issue_ids[i]: space.option_ids[i][o] for i, o in roll.moves})
        for roll in analysis.logrolls
    }
    assert keys == set(outcome.logrolls) and len(keys) == analysis.logroll_count


def test_bad_arguments(us_china: Scenario, small_spec: UncertaintySpec) -> None:
    with pytest.raises(ValueError):
        monte_carlo(us_china, small_spec, 0, seed=1)
    with pytest.raises(ValueError):
        monte_carlo(us_china, small_spec, 1, seed=1, workers=0)
    assert np.isfinite(monte_carlo(us_china, small_spec, 1, seed=1).feasible_probability())
