"""The outlook on a tiny scenario worked by hand, and its invariants on random scenarios.

The tiny scenario (tests/backtest/tiny.py): as of 2024-03-01 the status quo is (high, small)
and Nash is (mid, large) with gains (0.3, 0.15); the event ``cut`` (2024-06-01) moves the
tariff's status quo to ``mid``.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import grandbargain as gb
from grandbargain.outlook.explain import blocking_of
from grandbargain.outlook.result import NOT_AVAILABLE

from ..backtest.tiny import SCENARIO
from ..builders import scenario_data

TINY = gb.load_scenario_text(SCENARIO, "tiny.yaml")
UNCERTAIN = gb.load_scenario_text(
    SCENARIO.replace(
        "values: {high: 100, mid: 60, none: 0}",
        "values: {high: 100, mid: {kind: triangular, low: 30, mode: 60, high: 90}, none: 0}",
    ),
    "uncertain.yaml",
)


def _sums_to_one(o: gb.Outlook, scenario: gb.Scenario) -> None:
    for issue in scenario.issues:
        p = o.issue(issue.id).probabilities
        assert list(p) == [option.id for option in issue.options]
        assert abs(sum(p.values()) - 1.0) <= 1e-9 and min(p.values()) >= 0


def test_two_predictors_with_known_weights_give_the_hand_computed_marginals() -> None:
    o = gb.outlook(TINY, "2024-03-01", draws=0, weights={"nash": 1, "no-change": 3})
    assert dict(o.issue("tariff").probabilities) == pytest.approx(
        {"high": 0.75, "mid": 0.25, "none": 0.0}
    )
    assert dict(o.issue("buy").probabilities) == pytest.approx({"small": 0.75, "large": 0.25})
    assert o.most_likely.is_status_quo and o.most_likely.probability == pytest.approx(0.75)
    assert o.likely_deal is not None
    assert dict(o.likely_deal.package) == {"tariff": "mid", "buy": "large"}
    assert o.likely_deal.probability == pytest.approx(0.25)
    gains = {g.party: g.nominal for g in o.gains}
    assert gains == pytest.approx({"A": 0.3, "B": 0.15})
    assert all(g.low is None and g.high is None for g in o.gains)  # nominal


def test_the_default_weights_are_equal_per_family_and_shown() -> None:
    o = gb.outlook(TINY, "2024-03-01", draws=0)
    weights = {p.name: p.weight for p in o.predictors}
    families: dict[str, float] = {}
    for p in o.predictors:
        families[p.family] = families.get(p.family, 0.0) + p.weight
    assert families == pytest.approx(
        dict.fromkeys(("solution", "forecast", "simulation", "prior"), 0.25)
    )
    assert weights["nash"] == pytest.approx(weights["egalitarian"]) == pytest.approx(1 / 16)
    _sums_to_one(o, TINY)


def test_as_of_excludes_later_events() -> None:
    before = gb.outlook(TINY, "2024-05-31", draws=0, weights={"no-change": 1})
    after = gb.outlook(TINY, "2024-06-01", draws=0, weights={"no-change": 1})
    assert before.issue("tariff").probabilities["high"] == 1.0
    assert after.issue("tariff").probabilities["mid"] == 1.0
    # with every predictor: the later event changes nothing before its date
    without = TINY.model_copy(update={"events": ()})
    full = gb.outlook(TINY, "2024-05-31", draws=0).to_dict()
    assert full == gb.outlook(without, "2024-05-31", draws=0).to_dict()
    assert full != gb.outlook(TINY, "2024-06-01", draws=0).to_dict()


def test_draws_zero_is_deterministic_and_nominal() -> None:
    first = gb.outlook(TINY, "2024-03-01", draws=0, seed=3)
    assert first.nominal and first.to_dict()["nominal"] is True
    assert first.to_dict() == gb.outlook(TINY, "2024-03-01", draws=0, seed=3).to_dict()
    assert "nominal" in first.notes[0]


def test_the_same_seed_gives_the_same_result_with_any_number_of_workers() -> None:
    one = gb.outlook(UNCERTAIN, "2024-03-01", draws=120, seed=5, workers=1).to_dict()
    assert one == gb.outlook(UNCERTAIN, "2024-03-01", draws=120, seed=5, workers=2).to_dict()
    assert one != gb.outlook(UNCERTAIN, "2024-03-01", draws=120, seed=6, workers=1).to_dict()
    gains = one["gains"]
    assert all(g["low"] <= g["median"] <= g["high"] for g in gains)
    assert one["subsamples"] == {"forecast": 120, "simulation": 100}


def test_trades_are_contained_in_the_deal_and_ranked_by_joint_gain() -> None:
    o = gb.outlook(gb.load_scenario("us-china-2025"), "2025-07-20", draws=0)
    # Over ratifiable packages the likely deal may hold none of the logrolls (trades may be empty).
    assert o.likely_deal is not None and len(o.trades) <= 5
    for trade in o.trades:
        assert all(o.likely_deal.package[i] == option for i, option in trade.moves.items())
        assert trade.joint_gain == pytest.approx(sum(trade.gains.values()))
        assert all(g > 0 for g in trade.gains.values())
    joint = [t.joint_gain for t in o.trades]
    assert joint == sorted(joint, reverse=True)


def test_every_predictor_answers_on_every_issue_and_disagreements_are_where_they_differ() -> None:
    o = gb.outlook(gb.load_scenario("us-china-2025"), "2025-07-20", draws=0)
    names = [p.name for p in o.predictors]
    for item in o.issues:
        assert [a.predictor for a in item.answers] == names
        movers = {a.option for a in item.answers if a.family != "prior"}
        assert item.disagreement == (len(movers) > 1)
        assert all(a.why for a in item.answers)
    assert [i.id for i in o.disagreements] == o.to_dict()["disagreements"]


def test_blockers_are_read_from_a_ratification_when_the_analysis_has_one() -> None:
    assert blocking_of(SimpleNamespace(ratification=None)).note == NOT_AVAILABLE  # type: ignore[arg-type]
    blocker = {"issue": "tariff", "move": "mid", "by": "s1"}
    report = SimpleNamespace(
        rules=("a rule",),
        only_no_deal=False,
        unconstrained_nash={"tariff": "mid"},
        blockers=[SimpleNamespace(to_dict=lambda: blocker)],
    )
    found = blocking_of(SimpleNamespace(ratification=report))  # type: ignore[arg-type]
    assert found.available and found.blockers == (blocker,) and not found.no_ratifiable_agreement
    report = SimpleNamespace(
        rules=("a rule",), only_no_deal=True, unconstrained_nash=None, blockers=()
    )
    none = blocking_of(SimpleNamespace(ratification=report))  # type: ignore[arg-type]
    assert none.no_ratifiable_agreement and "no ratifiable agreement" in none.note


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"draws": -1}, "--draws"),
        ({"seed": -2}, "--seed"),
        ({"as_of": "2024-13-45"}, "--as-of"),
        ({"weights": {"oracle": 1.0}}, "--weight"),
        ({"weights": {"nash": 0.0}}, "--weight"),
        ({"weights": {"nash": -1.0}}, "--weight"),
    ],
)
def test_bad_arguments_are_input_errors(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(gb.InputError) as error:
        gb.outlook(TINY, **{"as_of": "2024-03-01", **kwargs})
    assert error.value.problems[0].file == field


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(parties=(2, 3), issues=(1, 3), options=(2, 3)))
def test_probabilities_cover_every_option_and_sum_to_one(data: dict[str, Any]) -> None:
    scenario = gb.load_scenario_text(json.dumps(data), "random.json")
    for draws in (0, 3):
        o = gb.outlook(scenario, dt.date(2025, 6, 1), draws=draws, seed=1)
        _sums_to_one(o, scenario)
        assert 0 < o.most_likely.probability <= 1
        for item in o.issues:  # the most likely package's options have positive probability
            assert item.probabilities[o.most_likely.package[item.id]] > 0
        json.dumps(o.to_dict())


def test_quick_outlook_applies_the_rules_but_does_not_name_blockers() -> None:
    """With ``explain=False`` the ratified solutions are the same as with it, and the blocking
    section says the blockers were not named (never "nothing blocked")."""
    import grandbargain as gb
    from grandbargain.outlook.result import NOT_EXPLAINED

    scenario = gb.load_scenario("us-china-2025")
    full = gb.outlook(scenario, as_of="2025-07-20", draws=0)
    quick = gb.outlook(scenario, as_of="2025-07-20", draws=0, explain=False)
    assert full.blocking.available and full.blocking.blockers
    assert quick.blocking.note == NOT_EXPLAINED and quick.blocking.blockers == ()
    assert {i.id: i.probabilities for i in quick.issues} == {
        i.id: i.probabilities for i in full.issues
    }
