"""Backtests of the tiny scenario, whose scores are worked out by hand (see ``tiny.py``)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.backtest.predictors import pairings

from .tiny import OUTCOMES, SCENARIO

SCHEMAS = Path(gb.__file__).parent / "schemas"
LOG_MISS = math.log(1e6)
DATES = ("2024-03-01", "2024-07-01")


@pytest.fixture(scope="module")
def scenario() -> gb.Scenario:
    return gb.load_scenario_text(SCENARIO, "tiny.yaml")


@pytest.fixture(scope="module")
def outcomes(scenario: gb.Scenario) -> gb.Outcomes:
    return api.load_outcomes_text(OUTCOMES, scenario, "tiny.outcomes.yaml")


@pytest.fixture(scope="module")
def result(scenario: gb.Scenario, outcomes: gb.Outcomes) -> gb.Backtest:
    return gb.backtest(scenario, outcomes, list(DATES))


def _summary(result: gb.Backtest, date: str, name: str) -> tuple[float, float, float, float]:
    s = result.on(date).predictor(name).summary
    return (s.mae, s.direction_hit_rate, s.brier, s.log_score)


def test_baselines_by_hand(result: gb.Backtest) -> None:
    # 1 March: status quo tariff high (0), buy small (0); outcomes tariff 40 (mid), buy large.
    mae, hits, brier, log = _summary(result, "2024-03-01", "no-change")
    assert (mae, hits, brier) == (70, 0, 2)  # errors 40 and 100; both stay against up
    assert log == pytest.approx(LOG_MISS)
    mae, hits, brier, log = _summary(result, "2024-03-01", "uniform")
    assert mae == 70 and hits == 0  # its most probable option is a tie: the status quo
    assert brier == pytest.approx(((1 - 1 / 3) + (1 - 1 / 2)) / 2)
    assert log == pytest.approx((math.log(3) + math.log(2)) / 2)
    # 1 July: the cut moved the tariff's status quo to mid (50): the outcome (40) is down.
    mae, hits, brier, _ = _summary(result, "2024-07-01", "no-change")
    assert (mae, hits, brier) == (55, 0, 1)  # errors 10 and 100; Brier 0 and 2


def test_nash_from_the_analysis_against_the_outcomes(
    scenario: gb.Scenario, result: gb.Backtest
) -> None:
    nash = gb.analyze(scenario, as_of="2024-03-01").solutions.nash
    assert nash is not None and dict(nash.package) == {"tariff": "mid", "buy": "large"}
    positions = {"mid": 50, "large": 100}
    errors = [
        abs(positions[nash.package["tariff"]] - 40),
        abs(positions[nash.package["buy"]] - 100),
    ]
    assert _summary(result, "2024-03-01", "nash") == (sum(errors) / 2, 1, 0, 0)
    score = result.on("2024-03-01").predictor("nash")
    assert score.no_deal_share == 0 and score.beats_no_change and score.beats_uniform


def test_a_null_solution_counts_as_the_status_quo(result: gb.Backtest) -> None:
    # On 1 July the status quo (mid, small) is the only package no party loses by: no Nash.
    score = result.on("2024-07-01").predictor("nash")
    assert score.no_deal_share == 1
    assert all(row.counted_as_status_quo for row in score.issues)
    assert [row.score.predicted_option for row in score.issues] == ["mid", "small"]
    assert score.summary == result.on("2024-07-01").predictor("no-change").summary
    assert score.beats_no_change is False
    assert "nash" not in result.on("2024-07-01").lost_to_no_change  # a tie, not a loss


def test_forecasts_by_hand(scenario: gb.Scenario, result: gb.Backtest) -> None:
    # Tariff actors at 0 and 100 with equal weight: mean 50 (nearest mid), median 0 (high).
    # Buy has no actor: the forecast skips it and the status quo (small) stands in.
    mae, hits, brier, _ = _summary(result, "2024-03-01", "compromise-mean")
    assert (mae, hits, brier) == ((10 + 100) / 2, 0.5, 1)
    mae, hits, brier, _ = _summary(result, "2024-03-01", "compromise-median")
    assert (mae, hits, brier) == ((40 + 100) / 2, 0, 2)
    rows = result.on("2024-03-01").predictor("compromise-mean").issues
    assert [row.counted_as_status_quo for row in rows] == [False, True]
    forecast = gb.forecast(scenario, as_of=scenario.as_of)
    eu = forecast.issues[0].models["expected-utility"]
    score = result.on("2024-03-01").predictor("expected-utility-mean")
    assert score.issues[0].score.predicted_position == eu.mean
    assert score.summary.mae == pytest.approx((abs(eu.mean - 40) + 100) / 2)


def test_every_predictor_scores_every_outcome(result: gb.Backtest) -> None:
    expected = {
        "nash",
        "kalai-smorodinsky",
        "utilitarian",
        "egalitarian",
        "compromise-mean",
        "compromise-median",
        "expected-utility-mean",
        "expected-utility-median",
        "simulation",
        "outlook",
        "no-change",
        "uniform",
    }
    for date in result.dates:
        assert {p.name for p in date.predictors} == expected  # no distributions: no Monte Carlo
        for p in date.predictors:
            assert p.summary.n == 2 == len(p.issues)
            assert [row.issue for row in p.issues] == ["tariff", "buy"]
    assert result.not_scored == () and result.scored == ("tariff", "buy")


def test_ranked_by_headline_within_each_kind(result: gb.Backtest) -> None:
    for date in result.dates:
        kinds = [p.kind.value for p in date.predictors]
        assert kinds == sorted(kinds, key=["point", "probabilistic"].index)
        for kind in ("point", "probabilistic"):
            group = [p for p in date.predictors if p.kind.value == kind]
            heads = [p.headline for p in group]
            assert heads == sorted(heads)
            assert group[0].rank == 1
            for p in group:
                assert p.rank == 1 + sum(h < p.headline - 1e-9 for h in heads)


def test_simulation_shares_match_the_sessions_played(
    scenario: gb.Scenario, result: gb.Backtest
) -> None:
    seats = pairings(("boulware", "linear", "conceder", "tit-for-tat", "nash-seeker"), 2)
    assert len(seats) == 25 == result.sessions
    counts: dict[str, int] = {}
    no_deal = 0
    for pair in seats:
        run = gb.simulate(
            scenario,
            dict(zip(scenario.party_names, pair, strict=True)),
            60,
            seed=0,
            as_of="2024-03-01",
            compare_agendas=False,
        )
        option = run.package["tariff"] if run.agreement and run.package else "high"
        no_deal += not run.agreement
        counts[option] = counts.get(option, 0) + 1
    score = result.on("2024-03-01").predictor("simulation")
    row = score.issues[0]
    assert dict(row.prediction.probabilities) == {o: n / 25 for o, n in counts.items()}  # type: ignore[union-attr]
    assert score.no_deal_share == no_deal / 25


def test_a_calendar_never_brings_later_events_into_the_talks(scenario: gb.Scenario) -> None:
    # A reservation jump for A dated after the as-of date, and a calendar that would apply it
    # during the talks: the backtest's sessions must be those played without the calendar.
    text = SCENARIO.replace(
        "events:\n",
        "calendar: {start: 2024-03-01, days_per_round: 1}\nevents:\n"
        "  - id: jump\n    title: Jump\n    date: 2024-03-10\n    status: happened\n"
        "    changes:\n      - {kind: reservation_value, party: A, value: 0.95}\n",
    )
    dated = gb.load_scenario_text(text)
    outcomes = api.load_outcomes_text(OUTCOMES, dated)
    plain = dated.model_copy(update={"calendar": None})
    with_calendar = gb.backtest(dated, outcomes, "2024-03-01").dates[0].predictor("simulation")
    without = gb.backtest(plain, outcomes, "2024-03-01").dates[0].predictor("simulation")
    assert with_calendar == without
    # ...and the calendar would have changed the talks (no deal at all), so the test can fail.
    assert without.no_deal_share is not None and without.no_deal_share < 1
    assert gb.simulate(plain, {"A": "conceder", "B": "conceder"}, as_of="2024-03-01").agreement
    assert not gb.simulate(dated, {"A": "conceder", "B": "conceder"}, as_of="2024-03-01").agreement


def test_monte_carlo_per_concept_when_the_scenario_has_distributions() -> None:
    text = SCENARIO.replace(
        "tariff: {weight: 50, values: {high: 100, mid: 60, none: 0}}",
        "tariff: {weight: {kind: triangular, low: 20, mode: 50, high: 80}, "
        "values: {high: 100, mid: 60, none: 0}}",
    )
    uncertain = gb.load_scenario_text(text)
    outcomes = api.load_outcomes_text(OUTCOMES, uncertain)
    result = gb.backtest(uncertain, outcomes, "2024-03-01", draws=40, seed=3)
    names = [p.name for p in result.dates[0].predictors if p.family.value == "montecarlo"]
    assert sorted(names) == sorted(
        f"montecarlo-{c}" for c in ("nash", "kalai-smorodinsky", "utilitarian", "egalitarian")
    )
    run = api.monte_carlo(uncertain, api.spec_for_scenario(uncertain), 40, 3, as_of=uncertain.as_of)
    table = run.option_probabilities()["nash"]
    for row in result.dates[0].predictor("montecarlo-nash").issues:
        expected = dict(table[row.issue])
        none = expected.pop("(none)", 0.0)
        status_quo = row.score.status_quo
        expected[status_quo] = expected.get(status_quo, 0.0) + none
        got = dict(row.prediction.probabilities)  # type: ignore[union-attr]
        assert got.keys() <= expected.keys()
        for option, p in expected.items():
            assert got.get(option, 0.0) == pytest.approx(p, abs=1e-12)
    assert result.to_dict()["settings"]["draws"] == 40 and result.montecarlo


def test_no_change_scores_nothing_wrong_when_nothing_changed(scenario: gb.Scenario) -> None:
    unchanged = OUTCOMES.replace("position: 40", "option: high").replace(
        "option: large", "option: small"
    )
    outcomes = api.load_outcomes_text(unchanged, scenario)
    date = gb.backtest(scenario, outcomes).dates[0]
    assert date.as_of == scenario.as_of  # the default date
    s = date.predictor("no-change").summary
    assert (s.mae, s.direction_hit_rate, s.brier, s.log_score) == (0, 1, 0, 0)
    assert date.predictor("no-change").rank == 1
    assert "nash" in date.lost_to_no_change  # Nash moved both issues


def test_json_validates_against_the_schema_and_is_deterministic(
    scenario: gb.Scenario, outcomes: gb.Outcomes, result: gb.Backtest
) -> None:
    schema = json.loads((SCHEMAS / "backtest.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = result.to_dict()
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["outcomes"]["file"] == "tiny.outcomes.yaml"
    for date in data["dates"]:
        assert all(p["n"] == len(outcomes.outcomes) for p in date["predictors"])
    again = gb.backtest(scenario, outcomes, list(reversed(DATES)))
    assert json.dumps(again.to_dict()) == json.dumps(data)  # dates sorted, same seed
    other_seed = gb.backtest(scenario, outcomes, list(DATES), seed=1).to_dict()
    assert other_seed["settings"]["seed"] == 1


def test_results_are_frozen(result: gb.Backtest) -> None:
    with pytest.raises(AttributeError):
        result.scenario = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.dates[0].status_quo["tariff"] = "none"  # type: ignore[index]


def test_an_as_of_date_after_the_outcomes_is_an_input_error(
    scenario: gb.Scenario, outcomes: gb.Outcomes
) -> None:
    with pytest.raises(gb.InputError) as caught:
        gb.backtest(scenario, outcomes, ["2024-03-01", "2025-01-01"])
    (problem,) = caught.value.problems
    assert str(problem).startswith("tiny.outcomes.yaml:3:1: date: the outcomes record 2024-12-31")
    assert "2025-01-01 is after it" in problem.message
    gb.backtest(scenario, outcomes, "2024-12-31")  # the day itself is allowed
    with pytest.raises(gb.InputError, match="'July' is not a date"):
        gb.backtest(scenario, outcomes, "July")


def test_outcomes_of_another_scenario_are_refused(outcomes: gb.Outcomes) -> None:
    other = gb.load_scenario("us-china-phase-one-2019")
    with pytest.raises(gb.InputError) as caught:
        gb.backtest(other, outcomes)
    (problem,) = caught.value.problems
    assert problem.line == 2 and problem.field == "scenario"
    assert "for scenario 'tiny', not 'us-china-phase-one-2019'" in problem.message


def test_no_outcomes_shipped_says_how_to_write_them() -> None:
    with pytest.raises(gb.InputError) as caught:
        gb.backtest(gb.load_scenario("us-china-2025"))
    message = str(caught.value)
    assert "ships none" in message and "docs/how-to/backtest-a-forecast.md" in message
    assert "grandbargain schema --outcomes" in message


def test_bad_settings_are_input_errors(scenario: gb.Scenario, outcomes: gb.Outcomes) -> None:
    with pytest.raises(gb.InputError, match="--draws"):
        gb.backtest(scenario, outcomes, draws=0)
    with pytest.raises(gb.InputError, match="--seed"):
        gb.backtest(scenario, outcomes, seed=-1)


def test_pairings_for_two_and_three_parties() -> None:
    two = pairings(("a", "b"), 2)
    assert two == (("a", "a"), ("a", "b"), ("b", "a"), ("b", "b"))
    three = pairings(("a", "b", "c"), 3)
    # a strategy alone (3), or one strategy in one seat and another in the two others
    assert len(three) == 3 + 6 * 3 == len(set(three))
    assert ("b", "a", "a") in three and ("a", "b", "b") in three and ("a", "b", "c") not in three
