"""The compromise and expected-utility forecasting models.

The regression test runs the expected-utility model on the 1994 EU car-emission-standards
case (Bueno de Mesquita 1994; Scholz, Calbert & Smith 2011, Table 2) read straight from the
shared CSV files.
"""

from __future__ import annotations

import csv
import dataclasses
import os

import numpy as np
import pytest

from grandbargain.forecast.compromise import compromise
from grandbargain.forecast.data import Actor, ForecastIssue
from grandbargain.forecast.eu_core import challenge_eu, success_probabilities
from grandbargain.forecast.expected_utility import EUOptions, expected_utility

from ..conftest import SHARED

BDM = SHARED / "data" / "forecasting" / "bdm_examples"
# skipped where the shared data is absent, except on CI, where a missing folder must fail
needs_data = pytest.mark.skipif(
    not BDM.is_dir() and not os.environ.get("CI"), reason="shared forecasting data not present"
)
OUTCOME = 8.833  # years: the emission-standards delay actually agreed (BDM 1994)


def _emission_issue(shift: float = 0.0, factor: float = 1.0) -> ForecastIssue:
    with (BDM / "emission_standards_bdm1994.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    actors = tuple(
        Actor(
            name=r["Actor"],
            capability=float(r["Capability"]),
            position=shift + factor * float(r["Position"]),
            salience=float(r["Salience"]),
        )
        for r in rows
    )
    low, high = min(a.position for a in actors), max(a.position for a in actors)
    return ForecastIssue(
        "emission", "Emission standards", actors, scale=(low, high), outcome=OUTCOME
    )


def _scholz_table2() -> dict[int, tuple[float, float]]:
    with (BDM / "emission_standards_trace.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    return {
        int(r["round"]): (float(r["median_scholz2011_table2"]), float(r["mean_scholz2011_table2"]))
        for r in rows
        if r["median_scholz2011_table2"]
    }


def _three() -> ForecastIssue:
    actors = (
        Actor("A", capability=1.0, position=0.0, salience=1.0),  # w = c s = 1.0
        Actor("B", capability=1.0, position=0.5, salience=0.5),  # w = 0.5
        Actor("C", capability=0.5, position=1.0, salience=0.8),  # w = 0.4
    )
    return ForecastIssue("three", "Three actors", actors, scale=(0.0, 1.0))


# --- compromise -----------------------------------------------------------------------------


def test_compromise_is_the_weighted_mean_and_reports_the_weighted_median() -> None:
    f = compromise(_three())
    # (1.0 * 0 + 0.5 * 0.5 + 0.4 * 1) / 1.9 = 0.65 / 1.9
    assert f.prediction == pytest.approx(0.65 / 1.9)
    assert f.mean == f.prediction
    assert f.median == 0.0  # A alone holds 1.0 of 1.9 >= half
    assert len(f.trajectory) == 1 and f.trajectory[0].round == 0
    assert f.moves == ()


def test_compromise_median_tie_at_half_goes_to_the_lower_position() -> None:
    actors = (Actor("L", 1.0, 2.0, 1.0), Actor("H", 1.0, 8.0, 1.0))
    f = compromise(ForecastIssue("tie", "tie", actors, scale=(0.0, 10.0)))
    assert f.median == 2.0 and f.prediction == 5.0


@needs_data
def test_compromise_on_the_emission_case() -> None:
    f = compromise(_emission_issue())
    assert f.mean == pytest.approx(7.39, abs=0.005)  # Scholz: initial c*s mean 7.39
    assert f.median == 7.0


# --- expected utility: the equations by hand --------------------------------------------------


def test_probability_of_success_by_hand() -> None:
    x = np.array([0.0, 0.5, 1.0])
    w = np.array([1.0, 0.5, 0.4])
    r = np.ones(3)
    # Votes for A (0) over C (1), v_k = w_k (|x_k - x_C| - |x_k - x_A|):
    #   k=A: 1.0 (1 - 0) = 1;  k=B: 0.5 (0.5 - 0.5) = 0;  k=C: 0.4 (0 - 1) = -0.4.
    # Positive support: 1.0.
    # "pair" denominator: |1| + |0| + |-0.4| = 1.4, so P_AC = 1 / 1.4 = 0.714286 and
    #   P_CA = 0.4 / 1.4 (the two sum to 1).
    pair = success_probabilities(x, w, r, 1.0, "pair")
    assert pair[0, 2] == pytest.approx(1 / 1.4)
    assert pair[0, 2] + pair[2, 0] == pytest.approx(1.0)
    # "all_votes" denominator: sum over voters k and ordered pairs (a, b) of |v_k(a, b)|.
    #   k=A: distances 0, .5, 1 -> 2 (.5 + 1 + .5) = 4, times w=1.0 -> 4.0
    #   k=B: distances .5, 0, .5 -> 2 (.5 + 0 + .5) = 2, times 0.5 -> 1.0
    #   k=C: distances 1, .5, 0 -> 4, times 0.4 -> 1.6;  total 6.6, so P_AC = 1 / 6.6.
    every = success_probabilities(x, w, r, 1.0, "all_votes")
    assert every[0, 2] == pytest.approx(1 / 6.6)
    assert every[1, 1] == 0.0


def test_expected_utility_of_challenging_by_hand() -> None:
    # A (x=0) challenges C (x=1, s_C = 0.8), r = 1, distance d = 1:
    #   U^s = 2 - 4 (0.5 - 0.5)^1 = 2;  U^f = 2 - 4 (0.5 + 0.5)^1 = -2;  U^sq = 2 - 4 (0.5) = 0
    #   EU = s_C (P U^s + (1 - P) U^f) + (1 - s_C) U^s - Q U^sq
    #      = 0.8 (4 P - 2) + 0.4 = 3.2 P - 1.2   (Q = 1)
    # P = 1/6.6 (all votes): EU = 3.2 / 6.6 - 1.2 = -0.715152
    # P = 1/1.4 (pair):      EU = 3.2 / 1.4 - 1.2 = 1.085714
    # With Q = 0.5, T = 1 and A at the weighted median (0: A holds 1.0 of 1.9), d_mu = 0:
    #   U^b = 2 - 4 (0.5 - 0.25 (0 + 1)) = 1, so EU = 3.2 P - 1.2 - 0.5 * 0 - 0.5 * 1 = 0.585714
    one = np.array([1.0])

    def eu(p: float, q: float = 1.0) -> float:
        value = challenge_eu(one, np.array([p]), np.array([0.8]), one, q, 1.0, np.array([0.0]))
        return float(value[0])

    assert eu(1 / 6.6) == pytest.approx(-0.715152, abs=1e-6)
    assert eu(1 / 1.4) == pytest.approx(1.085714, abs=1e-6)
    assert eu(1 / 1.4, q=0.5) == pytest.approx(0.585714, abs=1e-6)


def test_identical_positions_nothing_moves() -> None:
    actors = tuple(Actor(n, 0.3, 40.0, 0.7) for n in "ABCD")
    f = expected_utility(ForecastIssue("same", "same", actors))
    assert f.moves == ()
    assert f.prediction == 40.0 and f.mean == pytest.approx(40.0)
    assert all(p == 40.0 for state in f.trajectory for p in state.positions)
    assert "consensus" in f.stopped


def test_options_are_frozen_and_every_choice_runs() -> None:
    opts = EUOptions()
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.q = 0.5  # type: ignore[misc]
    issue = _three()
    for change in (
        {"q": 0.5},
        {"probability_denominator": "pair"},
        {"offer_choice": "smallest_move"},
        {"offer_choice": "largest_proposer_eu"},
        {"offer_choice": "type_then_smallest_move"},
        {"capitulation": "when_loss_exceeds_gain"},
        {"eu_perspective": "own"},
        {"risk_exponents": False},
        {"risk_range": "across_positions"},
        {"position_range": "current_spread"},
        {"position_range": "issue_scale"},
        {"stop": "median_stable"},
        {"stop": "eu_range"},
        {"stop": "max_rounds", "max_rounds": 3},
    ):
        f = expected_utility(issue, options=dataclasses.replace(opts, **change))  # type: ignore[arg-type]
        assert 0.0 <= f.prediction <= 1.0 and f.trajectory[0].round == 0


# --- expected utility: the emission-standards regression --------------------------------------


@needs_data
def test_default_options_reproduce_scholz_table2() -> None:
    f = expected_utility(_emission_issue())
    table = _scholz_table2()
    assert [s.round for s in f.trajectory] == list(range(9))  # rounds 0-8: nobody settles
    assert f.trajectory[0].mean == pytest.approx(7.39, abs=0.005)
    assert f.trajectory[0].median == 7.0
    for round_, (median, mean) in table.items():
        state = f.trajectory[round_]
        assert state.mean == pytest.approx(mean, abs=0.1), round_
        # Round 2: we get 9.611 (as the jmckib reconstruction of Scholz's code does), Scholz
        # prints 9.9; every other round is within 0.15 (largest gap 0.071, round 8).
        if round_ != 2:
            assert state.median == pytest.approx(median, abs=0.15), round_
    assert f.trajectory[2].median == pytest.approx(9.611, abs=0.001)
    # The forecast is the final (round-8) weighted median, 9.671 years, against the known
    # outcome of 8.833: an error of 0.84 years (BDM's own forecast: 8.35, rising to 9.05).
    assert f.prediction == f.median == pytest.approx(9.671, abs=0.001)
    assert abs(f.prediction - OUTCOME) == pytest.approx(0.838, abs=0.001)
    assert {m.offer for m in f.moves} <= {"confrontation", "compromise", "capitulation"}
    assert all(m.from_position != m.to_position for m in f.moves)


@needs_data
def test_expected_utility_is_deterministic() -> None:
    assert expected_utility(_emission_issue()) == expected_utility(_emission_issue())


@needs_data
@pytest.mark.parametrize(("shift", "factor"), [(100.0, 1.0), (-3.0, 12.5), (0.0, 0.1)])
def test_forecast_moves_with_the_position_scale(shift: float, factor: float) -> None:
    base = expected_utility(_emission_issue())
    moved = expected_utility(_emission_issue(shift, factor))
    tol = 1e-9 * max(1.0, abs(shift) + abs(factor) * 10)
    assert len(moved.trajectory) == len(base.trajectory)
    for a, b in zip(base.trajectory, moved.trajectory, strict=True):
        assert b.median == pytest.approx(shift + factor * a.median, abs=tol)
        assert b.mean == pytest.approx(shift + factor * a.mean, abs=tol)
    assert [(m.actor, m.pressured_by, m.offer) for m in moved.moves] == [
        (m.actor, m.pressured_by, m.offer) for m in base.moves
    ]
