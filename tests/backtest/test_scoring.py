"""The scoring functions on hand-worked cases (CONVENTIONS, "Outcomes and forecast scores")."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grandbargain.backtest.run import competition_ranks
from grandbargain.backtest.scoring import (
    Direction,
    IssueScale,
    Point,
    Probabilities,
    absolute_error,
    brier,
    check_probabilities,
    direction,
    direction_hit,
    log_score,
    mean,
    most_probable,
    nearest_option,
    outcome_point,
    score_issue,
    summarise,
)

# Three options at 0, 50 and 100; the status quo is the middle one.
SCALE = IssueScale((("low", 0.0), ("mid", 50.0), ("high", 100.0)), "mid")
# The same positions with the status quo at the top.
TOP = IssueScale((("low", 0.0), ("mid", 50.0), ("high", 100.0)), "high")


def test_a_position_between_two_options_goes_to_the_nearer() -> None:
    assert nearest_option(SCALE, 20) == "low"  # 20 from low, 30 from mid
    assert nearest_option(SCALE, 30) == "mid"
    assert nearest_option(SCALE, 74) == "mid"  # |74 - 50| = 24 < |74 - 100| = 26
    assert nearest_option(SCALE, 80) == "high"  # 20 from high, 30 from mid


def test_a_tie_goes_to_the_status_quo_then_the_lower_position() -> None:
    assert nearest_option(SCALE, 25) == "mid"  # 25 from low and from mid: the status quo
    assert nearest_option(SCALE, 75) == "mid"
    assert nearest_option(TOP, 25) == "low"  # neither is the status quo: the lower position
    assert nearest_option(TOP, 75) == "high"  # the status quo wins against mid
    assert nearest_option(SCALE, 25 + 1e-12) == "mid"  # within 1e-9 is a tie


def test_outcome_point_of_an_option_and_of_a_position() -> None:
    assert outcome_point(SCALE, "high", None) == ("high", 100.0)
    assert outcome_point(SCALE, None, 74.0) == ("mid", 74.0)


def test_absolute_error_and_direction() -> None:
    assert absolute_error(60, 74) == 14
    assert absolute_error(100, 74) == 26
    assert direction(50 + 1e-10, 50) is Direction.STAY
    assert direction(50.1, 50) is Direction.UP
    assert direction(0, 50) is Direction.DOWN
    assert direction_hit(100, 74, 50)  # both up
    assert direction_hit(50, 50, 50)  # both stay
    assert not direction_hit(50, 74, 50)  # stay against up
    assert not direction_hit(0, 74, 50)  # down against up


def test_brier_over_every_option_with_missing_ones_at_zero() -> None:
    assert brier(SCALE, {"mid": 1.0}, "mid") == 0
    assert brier(SCALE, {"low": 1.0}, "mid") == 2  # (1 - 0)^2 + (0 - 1)^2
    # high is missing, so 0: (0.5 - 0)^2 + (0.5 - 1)^2 + 0^2
    assert brier(SCALE, {"low": 0.5, "mid": 0.5}, "mid") == pytest.approx(0.5)
    # (0.2 - 0)^2 + (0.3 - 0)^2 + (0.5 - 1)^2 = 0.04 + 0.09 + 0.25
    assert brier(SCALE, {"low": 0.2, "mid": 0.3, "high": 0.5}, "high") == pytest.approx(0.38)


@pytest.mark.parametrize("k", [2, 3, 4, 7])
def test_uniform_brier_is_one_minus_one_over_k(k: int) -> None:
    scale = IssueScale(tuple((f"o{n}", float(n)) for n in range(k)), "o0")
    uniform = {f"o{n}": 1 / k for n in range(k)}
    assert brier(scale, uniform, "o1") == pytest.approx(1 - 1 / k, abs=1e-12)
    assert log_score(uniform, "o1") == pytest.approx(math.log(k))


def test_probabilities_must_sum_to_one_and_name_known_options() -> None:
    check_probabilities(SCALE, {"low": 0.25, "high": 0.75})
    check_probabilities(SCALE, {"low": 1 / 3, "mid": 1 / 3, "high": 1 / 3})
    with pytest.raises(ValueError, match="sum to"):
        check_probabilities(SCALE, {"low": 0.5, "mid": 0.4})
    with pytest.raises(ValueError, match="unknown options: nope"):
        check_probabilities(SCALE, {"nope": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        check_probabilities(SCALE, {"low": -0.5, "mid": 1.5})
    with pytest.raises(ValueError, match="sum to"):
        brier(SCALE, {"low": 0.9}, "low")


def test_log_score_is_floored_and_never_negative_zero() -> None:
    assert math.copysign(1.0, log_score({"mid": 1.0}, "mid")) == 1.0  # 0.0, not -0.0
    assert log_score({"mid": 0.5, "low": 0.5}, "mid") == pytest.approx(math.log(2))
    assert log_score({"low": 1.0}, "mid") == pytest.approx(math.log(1e6))  # 13.8155...
    assert log_score({"low": 1.0}, "mid") == pytest.approx(13.815510557964274)


def test_most_probable_ties_go_to_the_status_quo_then_the_lower_position() -> None:
    assert most_probable(SCALE, {"low": 0.2, "high": 0.8}) == "high"
    assert most_probable(SCALE, {"low": 0.4, "mid": 0.2, "high": 0.4}) == "low"
    assert most_probable(SCALE, {"low": 0.4, "mid": 0.4, "high": 0.2}) == "mid"
    assert most_probable(TOP, {"low": 0.5, "mid": 0.5}) == "low"
    assert most_probable(SCALE, {o: 1 / 3 for o in ("low", "mid", "high")}) == "mid"


def test_a_point_option_prediction_against_a_position_outcome() -> None:
    # Predicted high (100); the outcome lies at 80 (nearest: high); status quo mid (50).
    s = score_issue(SCALE, Point(option="high"), None, 80.0)
    assert (s.predicted_option, s.predicted_position) == ("high", 100.0)
    assert (s.outcome_option, s.outcome_position) == ("high", 80.0)
    assert s.error == 20
    assert s.hit  # both up from 50
    assert (s.p_outcome, s.brier, s.log_score) == (1.0, 0.0, 0.0)
    # At 74 the nearest option is mid (24 against 26): right direction, wrong option.
    s = score_issue(SCALE, Point(option="high"), None, 74.0)
    assert s.outcome_option == "mid" and s.error == 26 and s.hit
    assert (s.p_outcome, s.brier) == (0.0, 2.0)


def test_a_point_position_prediction_uses_the_nearest_option_for_brier() -> None:
    # Forecast at 30 (nearest mid); outcome option low (0); status quo mid at 50.
    s = score_issue(SCALE, Point(position=30.0), "low", None)
    assert s.predicted_option == "mid" and s.predicted_position == 30
    assert s.error == 30
    assert s.hit  # both down
    assert s.brier == 2 and s.p_outcome == 0
    assert s.log_score == pytest.approx(math.log(1e6))


def test_a_probabilistic_prediction_is_scored_at_its_most_probable_option() -> None:
    prediction = Probabilities({"low": 0.6, "high": 0.4})
    s = score_issue(SCALE, prediction, "high", None)
    assert s.predicted_option == "low" and s.error == 100
    assert s.predicted_direction is Direction.DOWN and not s.hit
    assert s.p_outcome == 0.4
    assert s.brier == pytest.approx(0.36 + 0 + 0.36)
    assert s.log_score == pytest.approx(-math.log(0.4))


def test_no_deal_is_scored_as_the_status_quo() -> None:
    # A predictor with no deal predicts the status quo: the no-change forecast.
    no_deal = score_issue(SCALE, Point(option=SCALE.status_quo), None, 80.0)
    assert no_deal.error == 30 and not no_deal.hit and no_deal.brier == 2
    unchanged = score_issue(SCALE, Point(option=SCALE.status_quo), "mid", None)
    assert unchanged.error == 0 and unchanged.hit and unchanged.brier == 0


def test_summary_is_the_mean_over_issues() -> None:
    scores = [
        score_issue(SCALE, Point(option="high"), None, 80.0),  # error 20, hit, Brier 0
        score_issue(SCALE, Point(option="mid"), "low", None),  # error 50, miss, Brier 2
    ]
    summary = summarise(scores)
    assert summary.n == 2
    assert summary.mae == 35
    assert summary.direction_hit_rate == 0.5
    assert summary.brier == 1
    assert summary.log_score == pytest.approx(math.log(1e6) / 2)
    with pytest.raises(ValueError):
        mean([])


def test_a_point_prediction_is_an_option_or_a_position() -> None:
    with pytest.raises(ValueError):
        Point()
    with pytest.raises(ValueError):
        Point(option="mid", position=50.0)


def test_ranks_share_ties() -> None:
    assert competition_ranks([3.0, 1.0, 2.0]) == [3, 1, 2]
    assert competition_ranks([1.0, 2.0, 2.0 + 1e-12, 4.0]) == [1, 2, 2, 4]
    assert competition_ranks([5.0, 5.0]) == [1, 1]


@st.composite
def scored_cases(draw: st.DrawFn) -> tuple[IssueScale, dict[str, float], str]:
    """An issue of 2-6 options at drawn positions, a drawn distribution over some of its
    options (summing to 1) and an outcome option."""
    k = draw(st.integers(2, 6))
    positions = draw(st.lists(st.integers(0, 100), min_size=k, max_size=k))
    scale = IssueScale(
        tuple((f"o{n}", float(at)) for n, at in enumerate(positions)),
        f"o{draw(st.integers(0, k - 1))}",
    )
    weights = draw(st.lists(st.integers(0, 5), min_size=k, max_size=k).filter(any))
    probabilities = {f"o{n}": w / sum(weights) for n, w in enumerate(weights) if w}
    return scale, probabilities, f"o{draw(st.integers(0, k - 1))}"


@settings(max_examples=200, deadline=None)
@given(scored_cases())
def test_score_bounds_hold_for_any_distribution(
    case: tuple[IssueScale, dict[str, float], str],
) -> None:
    scale, probabilities, outcome = case
    s = score_issue(scale, Probabilities(probabilities), outcome, None)
    assert 0 <= s.brier <= 2 + 1e-12
    assert 0 <= s.log_score <= math.log(1e6) + 1e-12
    assert s.p_outcome == probabilities.get(outcome, 0.0)
    assert probabilities.get(s.predicted_option, 0.0) == max(probabilities.values())
    assert 0 <= s.error <= 100
    # certainty on the outcome is a perfect score; certainty elsewhere the worst one
    assert score_issue(scale, Point(option=outcome), outcome, None).brier == 0
    wrong = next(name for name in scale.option_ids if name != outcome)
    assert score_issue(scale, Point(option=wrong), outcome, None).brier == 2
