"""Monte Carlo on the shipped scenario: summaries against an independent computation,
determinism across workers and batch sizes, Parquet, the analysis date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import grandbargain
from grandbargain import api
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
    with pytest.raises(api.InputError, match="--draws"):
        monte_carlo(us_china, small_spec, 0, seed=1)
    with pytest.raises(api.InputError, match="--workers"):
        monte_carlo(us_china, small_spec, 1, seed=1, workers=0)
    with pytest.raises(api.InputError, match="--seed: -1 is negative"):
        monte_carlo(us_china, small_spec, 1, seed=-1)
    with pytest.raises(ValueError, match="batch_size"):
        monte_carlo(us_china, small_spec, 1, seed=1, batch_size=0)
    assert np.isfinite(monte_carlo(us_china, small_spec, 1, seed=1).feasible_probability())


def test_results_do_not_depend_on_the_batch_size(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    # 2025-12-31: three events open, so draws also differ in their events
    when = dt.date(2025, 12, 31)
    runs = [
        monte_carlo(us_china, small_spec, 23, seed=9, as_of=when, batch_size=size)
        for size in (1, 5, 23, 512)
    ]
    assert len({len(r.table.events[0]) for r in runs}) == 1 and runs[0].events
    for run in runs[1:]:
        assert run.table.same_as(runs[0].table)
        assert run.to_dict() == runs[0].to_dict()


QUANTILE_KEYS = {"q05": 0.05, "q25": 0.25, "q50": 0.5, "q75": 0.75, "q95": 0.95}


def _independent_draws(
    scenario: Scenario, spec: UncertaintySpec, draws: int, seed: int
) -> list[api.Analysis]:
    """Each draw sampled as documented (draw k from the k-th child of SeedSequence(seed)),
    written into a validated Scenario and analysed by ``analyze``."""
    analyses = []
    for child in np.random.SeedSequence(seed).spawn(draws):
        sampled = api.sample_scenario(scenario, spec, np.random.default_rng(child))
        analyses.append(
            api.analyze(
                sampled.scenario,
                conditions=sampled.conditions,
                include_events=sampled.include_events,
                exclude_events=sampled.exclude_events,
                logroll_limit=100_000,
                quick=True,
            )
        )
    return analyses


def test_summaries_equal_numpy_over_analyze_of_each_draw(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    when = dt.date(2025, 12, 31)
    draws, seed = 24, 13
    data = monte_carlo(us_china, small_spec, draws, seed, as_of=when).to_dict()
    later = us_china.model_copy(update={"as_of": when})
    analyses = _independent_draws(later, small_spec, draws, seed)
    for concept in CONCEPTS:
        solutions = [getattr(a.solutions, concept) for a in analyses]
        for issue in us_china.issues:
            counts = Counter("(none)" if s is None else s.package[issue.id] for s in solutions)
            shares = data["option_probabilities"][concept][issue.id]
            assert {k: v for k, v in shares.items() if v} == {
                k: c / draws for k, c in counts.items()
            }
        picked = [s for s in solutions if s is not None]
        assert data["solution_probability"][concept] == len(picked) / draws
        for party in us_china.party_names:
            values = np.array([s.utilities[party] for s in picked])
            stats = data["utilities"][concept][party]
            assert stats["n"] == len(values)
            if not len(values):
                continue
            assert stats["mean"] == pytest.approx(values.mean(), abs=1e-9)
            for key, q in QUANTILE_KEYS.items():
                assert stats[key] == pytest.approx(np.quantile(values, q), abs=1e-9), key
    feasible = [bool(a.frontier_feasible.any()) for a in analyses]
    assert data["feasible_probability"] == pytest.approx(sum(feasible) / draws, abs=1e-12)
    rolls: Counter[str] = Counter()
    for a in analyses:
        space = a.space
        rolls.update(
            logroll_key({space.issue_ids[i]: space.option_ids[i][o] for i, o in roll.moves})
            for roll in a.logrolls
        )
    ranked = sorted(rolls.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    assert data["logrolls"] == {key: count / draws for key, count in ranked}
    # the run is not trivial: options, utilities and events differ between draws
    nash = data["option_probabilities"]["nash"]
    assert any(len([v for v in shares.values() if v]) > 1 for shares in nash.values())
    assert len({a.applied_events for a in analyses}) > 1


def test_as_of_analyses_every_draw_on_that_date(us_china: Scenario) -> None:
    nominal = api.UncertaintySpec(numbers=(), conditions="default", events="likely")
    seen = []
    for when in (dt.date(2025, 5, 1), dt.date(2025, 7, 20)):
        result = monte_carlo(us_china, nominal, 3, seed=1, as_of=when)
        expected = api.analyze(us_china, as_of=when, quick=True)
        assert result.to_dict()["as_of"] == when.isoformat()
        for outcome in result.outcomes:
            for concept in CONCEPTS:
                solution = getattr(expected.solutions, concept)
                assert outcome.packages[concept] == dict(solution.package)
                assert outcome.utilities[concept] == pytest.approx(solution.utilities, abs=1e-9)
        seen.append(result.outcome(0).utilities["nash"])
    assert seen[0] != seen[1]  # the date matters here: the status quo moved in between
