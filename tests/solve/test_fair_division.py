"""Adjusted Winner (Brams and Taylor 1996, ch. 4): hand-worked cases, properties, CSV errors."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.errors import InputError
from grandbargain.solve.fair_division import (
    AdjustedWinnerResult,
    adjusted_winner,
    normalise_points,
    points_from_scenario,
)

AB = ("A", "B")


def table(a: list[int], b: list[int]) -> dict[str, tuple[F, F]]:
    """Issues i1, i2, ... with A's and B's points."""
    return {f"i{n}": (F(x), F(y)) for n, (x, y) in enumerate(zip(a, b, strict=True), start=1)}


# --- hand-worked cases ----------------------------------------------------------------------


def test_no_split_when_the_initial_allocation_is_already_equal() -> None:
    # i1 -> A (60 > 40), i2 -> B (60 > 40): 60 each, nothing to adjust.
    result = adjusted_winner(table([60, 40], [40, 60]), AB)
    assert dict(result.winners) == {"i1": "A", "i2": "B"}
    assert result.split is None
    assert dict(result.scores) == {"A": 60, "B": 60}


def test_no_split_when_a_whole_transfer_equalises() -> None:
    # Initial: i1 -> A (55 > 45), i2 -> B (35 > 23), i3 -> A (22 > 20): A 77, B 35.
    # A's ratios: i1 55/45 = 11/9, i3 22/20 = 11/10, so i3 goes first: A 55, B 35 + 20 = 55.
    result = adjusted_winner(table([55, 23, 22], [45, 35, 20]), AB)
    assert dict(result.winners) == {"i1": "A", "i2": "B", "i3": "B"}
    assert result.split is None
    assert dict(result.scores) == {"A": 55, "B": 55}


def test_classic_four_issue_example_with_a_whole_transfer_then_a_split() -> None:
    # Initial: i1 (15, 40), i2 (15, 35), i3 (10, 15) -> B; i4 (60, 10) -> A. B 90, A 60.
    # B's ratios b/a: i1 40/15 = 8/3, i2 35/15 = 7/3, i3 15/10 = 3/2.
    # Transfer i3 whole: B 75, A 70 (A still behind).
    # Transfer i2 whole would give B 40, A 85: too far, so split i2. B keeps p with
    #   40 + 35p = 70 + 15(1 - p)  =>  50p = 45  =>  p = 9/10.
    # B = 40 + 35 * 9/10 = 143/2; A = 70 + 15 * 1/10 = 143/2.
    result = adjusted_winner(table([15, 15, 10, 60], [40, 35, 15, 10]), AB)
    assert result.split is not None
    assert result.split.issue == "i2"
    assert dict(result.split.fractions) == {"B": F(9, 10), "A": F(1, 10)}
    assert dict(result.scores) == {"A": F(143, 2), "B": F(143, 2)}
    # B keeps the larger share of i2, so it is named the winner of i2.
    assert dict(result.winners) == {"i1": "B", "i2": "B", "i3": "A", "i4": "A"}
    assert result.to_dict() == {
        "schema_version": 1,
        "points": "raw",
        "total": "100/1",
        "winners": {"i1": "B", "i2": "B", "i3": "A", "i4": "A"},
        "split": {"issue": "i2", "fractions": {"B": "9/10", "A": "1/10"}},
        "scores": {"A": "143/2", "B": "143/2"},
    }


def test_split_of_the_first_transfer() -> None:
    # Initial: i1 (40, 20), i2 (30, 20) -> A; i3, i4 -> B. A 70, B 60.
    # A's ratios: i1 2, i2 3/2; split i2: 40 + 30p = 60 + 20(1 - p) => p = 40/50 = 4/5.
    result = adjusted_winner(table([40, 30, 20, 10], [20, 20, 30, 30]), AB)
    assert result.split is not None
    assert (result.split.issue, dict(result.split.fractions)) == (
        "i2",
        {"A": F(4, 5), "B": F(1, 5)},
    )
    assert dict(result.scores) == {"A": 64, "B": 64}
    assert result.to_dict()["scores"] == {"A": "64/1", "B": "64/1"}


def test_tie_goes_to_the_party_with_fewer_points_so_far() -> None:
    # i1 -> A (60 > 40): A 60, B 0. i2 is a tie (20, 20): B has fewer, so B: B 20.
    # i3 -> B (40 > 20): B 60. Equal, no split. (Had i2 gone to A it would be 80 to 40.)
    result = adjusted_winner(table([60, 20, 20], [40, 20, 40]), AB)
    assert dict(result.winners) == {"i1": "A", "i2": "B", "i3": "B"}
    assert result.split is None
    assert dict(result.scores) == {"A": 60, "B": 60}


def test_tie_with_equal_points_so_far_goes_to_the_first_party() -> None:
    # i1 tie (20, 20) at 0-0 -> A (first party). i2 -> B (65). i3 -> A (45): A 65, B 65.
    result = adjusted_winner(table([20, 35, 45], [20, 65, 15]), AB)
    assert dict(result.winners) == {"i1": "A", "i2": "B", "i3": "A"}
    assert result.split is None
    assert dict(result.scores) == {"A": 65, "B": 65}


def test_identical_valuations_exercise_every_tie_rule() -> None:
    # Every issue is a tie. i1 at 0-0 -> A (first party): A 40. i2: B has fewer -> B: B 10.
    # i3: B has fewer -> B: B 60. B leads 60 to 40; all ratios are 1, so B's issues go in
    # table order: i2 whole -> B 50, A 50, equal, no split.
    # (Always-first-party ties would give A everything and end {i1: B, i2: B, i3: A}.)
    result = adjusted_winner(table([40, 10, 50], [40, 10, 50]), AB)
    assert dict(result.winners) == {"i1": "A", "i2": "A", "i3": "B"}
    assert result.split is None
    assert dict(result.scores) == {"A": 50, "B": 50}


def test_equal_ratios_are_transferred_in_table_order() -> None:
    # Initial: i1 (45, 30), i2 (30, 20) -> A; i3 -> B. A 75, B 50. Both ratios are 3/2.
    # Table order puts i1 first: 30 + 45p = 50 + 30(1 - p) => 75p = 50 => p = 2/3; 60 each.
    # (Taking i2 first would have split i2 at 1/2 instead.)
    result = adjusted_winner(table([45, 30, 25], [30, 20, 50]), AB)
    assert result.split is not None
    assert (result.split.issue, dict(result.split.fractions)) == (
        "i1",
        {"A": F(2, 3), "B": F(1, 3)},
    )
    assert dict(result.scores) == {"A": 60, "B": 60}


def test_split_tie_issue_is_won_by_the_larger_share() -> None:
    # i1 tie (25, 25) at 0-0 -> A; i2 -> B (35); i3 -> A (50): A 75, B 35.
    # A's ratios: i1 1, i3 5/4. Split i1: 50 + 25p = 35 + 25(1 - p) => p = 1/5; 55 each.
    result = adjusted_winner(table([25, 25, 50], [25, 35, 40]), AB)
    assert result.split is not None
    assert dict(result.split.fractions) == {"A": F(1, 5), "B": F(4, 5)}
    assert result.winners["i1"] == "B"
    assert dict(result.scores) == {"A": 55, "B": 55}


def test_issue_a_party_values_at_zero() -> None:
    # i1 (30, 0) -> A; i2 (30, 60) -> B; i3 tie (40, 40): A 30 < B 60 -> A: A 70.
    # i4 (0, 0) tie: A 70 > B 60 -> B. A's ratios: i3 1, i1 infinite (B gives it 0), last.
    # Split i3: 30 + 40p = 60 + 40(1 - p) => 80p = 70 => p = 7/8; 65 each. i1 stays with A.
    result = adjusted_winner(table([30, 30, 40, 0], [0, 60, 40, 0]), AB)
    assert result.split is not None
    assert (result.split.issue, dict(result.split.fractions)) == (
        "i3",
        {"A": F(7, 8), "B": F(1, 8)},
    )
    assert dict(result.winners) == {"i1": "A", "i2": "B", "i3": "A", "i4": "B"}
    assert dict(result.scores) == {"A": 65, "B": 65}


def test_bad_tables_are_rejected() -> None:
    with pytest.raises(ValueError, match="same positive total"):
        adjusted_winner(table([60, 30], [50, 50]), AB)
    with pytest.raises(ValueError, match="negative"):
        adjusted_winner(table([110, -10], [50, 50]), AB)
    with pytest.raises(ValueError, match="two different parties"):
        adjusted_winner(table([50, 50], [50, 50]), ("A", "A"))
    with pytest.raises(TypeError):
        adjusted_winner({"i1": (0.5, 0.5)}, AB)  # type: ignore[dict-item]
    assert normalise_points(table([1, 3], [2, 2])) == table([25, 75], [50, 50])


# --- properties -----------------------------------------------------------------------------

cells = st.one_of(
    st.integers(0, 100).map(F),
    st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False).map(lambda d: F(str(d))),
)


@st.composite
def point_tables(draw: st.DrawFn) -> dict[str, tuple[F, F]]:
    n = draw(st.integers(2, 8))
    rows = draw(st.lists(st.tuples(cells, cells), min_size=n, max_size=n))
    totals = [sum(row[side] for row in rows) for side in (0, 1)]
    if 0 in totals:  # a party must give some points; fix it up rather than discard
        rows[0] = (rows[0][0] + 1, rows[0][1] + 1)
        totals = [sum(row[side] for row in rows) for side in (0, 1)]
    return {
        f"issue-{k}": (100 * a / totals[0], 100 * b / totals[1]) for k, (a, b) in enumerate(rows)
    }


def shares(result: AdjustedWinnerResult, party: str) -> dict[str, F]:
    """Fraction of each issue the party ends with, read off the result."""
    out = {issue: F(winner == party) for issue, winner in result.winners.items()}
    if result.split is not None:
        out[result.split.issue] = result.split.fractions[party]
    return out


@settings(max_examples=300, deadline=None)
@given(point_tables())
def test_adjusted_winner_is_equitable_envy_free_and_efficient(
    points: dict[str, tuple[F, F]],
) -> None:
    result = adjusted_winner(points, AB)
    mine = {party: shares(result, party) for party in AB}
    # Scores recomputed from the allocation agree with the reported ones.
    score = {
        party: sum(mine[party][i] * points[i][side] for i in points)
        for side, party in enumerate(AB)
    }
    assert score == dict(result.scores)
    # At most one split, with shares in [0, 1] that add up to the whole issue.
    for issue in points:
        assert mine["A"][issue] + mine["B"][issue] == 1
        assert 0 <= mine["A"][issue] <= 1
    assert sum(0 < mine["A"][i] < 1 for i in points) <= 1
    if result.split is not None:
        assert sum(result.split.fractions.values()) == 1
    # Equitable.
    assert score["A"] == score["B"]
    # Envy-free: each party's share is worth at least the other's by its own points (>= 50).
    assert score["A"] >= 50 and score["B"] >= 50
    assert score["A"] >= sum(mine["B"][i] * points[i][0] for i in points)
    assert score["B"] >= sum(mine["A"][i] * points[i][1] for i in points)
    # Efficient: no whole allocation is at least as good for both and better for one.
    for owners in itertools.product((0, 1), repeat=len(points)):
        a = sum(p[0] for p, o in zip(points.values(), owners, strict=True) if o == 0)
        b = sum(p[1] for p, o in zip(points.values(), owners, strict=True) if o == 1)
        assert not (a >= score["A"] and b >= score["B"] and (a > score["A"] or b > score["B"]))


@settings(max_examples=100, deadline=None)
@given(point_tables())
def test_swapping_party_order_only_matters_through_ties(points: dict[str, tuple[F, F]]) -> None:
    result = adjusted_winner(points, AB)
    mirrored = adjusted_winner({i: (b, a) for i, (a, b) in points.items()}, ("B", "A"))
    # Final scores are the equal value the procedure reaches either way.
    assert result.scores["A"] == mirrored.scores["A"] == mirrored.scores["B"]


# --- points from a scenario -----------------------------------------------------------------


def test_points_from_the_shipped_scenario() -> None:
    scenario = gb.load_scenario("us-china-2025")
    points = points_from_scenario(scenario)
    splittable = [issue.id for issue in scenario.issues if issue.splittable]
    assert list(points) == splittable
    assert sum(row[0] for row in points.values()) == 100
    assert sum(row[1] for row in points.values()) == 100
    # US weights on the splittable issues: 30, 60, 40, 35, 100 (sum 265), every spread 100.
    # China: 15, 90, 55, 45, 40 (sum 245).
    assert points["sme-purchase"] == (F(3000, 265), F(1500, 245))
    result = adjusted_winner(points, ("United States", "China"))
    assert result.scores["United States"] == result.scores["China"] >= 50


def test_points_from_scenario_choices_and_errors() -> None:
    scenario = gb.load_scenario("us-china-2025")
    swapped = points_from_scenario(scenario, ("China", "United States"), ["rare-earths"])
    assert swapped == {"rare-earths": (F(100), F(100))}
    none_splittable = scenario.model_copy(
        update={
            "issues": tuple(i.model_copy(update={"splittable": False}) for i in scenario.issues)
        }
    )
    assert list(points_from_scenario(none_splittable)) == [i.id for i in scenario.issues]
    with pytest.raises(InputError, match="unknown party 'Mars'"):
        points_from_scenario(scenario, ("United States", "Mars"))
    with pytest.raises(InputError, match="unknown issue 'moon'"):
        points_from_scenario(scenario, issues=["moon"])
    with pytest.raises(InputError, match="two parties"):
        points_from_scenario(scenario.model_copy(update={"parties": scenario.parties[:1]}))


def test_scenario_floats_count_as_their_decimal_text() -> None:
    # 0.1 and 0.3 are not exact binary floats; as decimals they are exactly 1 : 3.
    scenario = gb.load_scenario("us-china-2025")
    us = scenario.parties[0]
    stances = dict(us.stances)
    stances["legacy-301"] = stances["legacy-301"].model_copy(update={"weight": 0.1})
    stances["fentanyl-tariff"] = stances["fentanyl-tariff"].model_copy(update={"weight": 0.3})
    changed = scenario.model_copy(
        update={"parties": (us.model_copy(update={"stances": stances}), *scenario.parties[1:])}
    )
    points = points_from_scenario(changed, issues=["legacy-301", "fentanyl-tariff"])
    assert points["legacy-301"][0] == 25 and points["fentanyl-tariff"][0] == 75
