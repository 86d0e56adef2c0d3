"""The built-in strategies one by one: registry, hand-worked targets, the frequency model,
relative tit-for-tat, the Nash seeker and Rubinstein's equilibrium."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import numpy as np
import pytest
import yaml

from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import Offer
from grandbargain.simulate.context import build_context
from grandbargain.simulate.iso import offer_curve
from grandbargain.simulate.session import run_session
from grandbargain.simulate.strategies import STRATEGIES, make_strategy
from grandbargain.simulate.strategies._base import model_moved
from grandbargain.simulate.strategies.frequency import FrequencyModel
from grandbargain.simulate.strategies.hardliner import Hardliner
from grandbargain.simulate.strategies.nash_seeker import NashSeeker, nash_floor
from grandbargain.simulate.strategies.random_offers import sample_package
from grandbargain.simulate.strategies.rubinstein import Rubinstein, proposer_share
from grandbargain.simulate.strategies.time_dependent import TimeDependent, faratin_target
from grandbargain.simulate.strategies.tit_for_tat import TitForTat, reciprocate

from ..conftest import DATA
from .harness import Seat, Transcript, observe, play, seats
from .scripted import AcceptEverything, ConcedeLinearly


def _small() -> tuple[Seat, Seat]:
    return seats(Scenario.model_validate(yaml.safe_load((DATA / "small.yaml").read_text())))


# --- registry --------------------------------------------------------------------------------


def _defined_strategy_classes() -> set[type]:
    # imported by name: the package attribute grandbargain.simulate is the api function
    strategies_package = importlib.import_module("grandbargain.simulate.strategies")
    found = set()
    for info in pkgutil.iter_modules(strategies_package.__path__):
        module = importlib.import_module(f"{strategies_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or inspect.isabstract(cls):
                continue
            if callable(getattr(cls, "propose", None)) and callable(getattr(cls, "respond", None)):
                found.add(cls)
    return found


def test_registry_is_complete_and_described() -> None:
    assert _defined_strategy_classes() == set(STRATEGIES.values())
    for name, cls in STRATEGIES.items():
        assert cls.name == name
        assert isinstance(cls.description, str) and cls.description
        assert cls.__doc__


def test_registry_is_read_only_and_unknown_names_are_errors() -> None:
    with pytest.raises(TypeError):
        STRATEGIES["mine"] = Hardliner  # type: ignore[index]
    with pytest.raises(ValueError, match=r"boulware.*hardliner"):
        make_strategy("bulware", np.random.default_rng(0))
    built = make_strategy("time-dependent", np.random.default_rng(0), e=3.0)
    assert isinstance(built, TimeDependent) and built.e == 3.0


def test_named_time_dependent_strategies_fix_their_exponent() -> None:
    rng = np.random.default_rng(0)
    exponents = {n: make_strategy(n, rng).e for n in ("boulware", "linear", "conceder")}  # type: ignore[attr-defined]
    assert exponents == {"boulware": 0.2, "linear": 1.0, "conceder": 2.0}
    with pytest.raises(ValueError):
        TimeDependent(rng, e=0.0)


# --- time-dependent --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("e", "expected"),
    [
        (0.2, (1.0, 0.2 + 0.8 * (1 - 0.5**5), 0.2)),  # 0.975
        (1.0, (1.0, 0.6, 0.2)),
        (2.0, (1.0, 0.2 + 0.8 * (1 - 0.5**0.5), 0.2)),  # 0.4343
    ],
)
def test_faratin_target_by_hand(e: float, expected: tuple[float, float, float]) -> None:
    got = tuple(faratin_target(t, e, reservation=0.2, best=1.0) for t in (0.0, 0.5, 1.0))
    assert got == pytest.approx(expected)


def test_time_dependent_proposals_concede_to_the_reservation_value() -> None:
    left, _ = _small()
    curve = offer_curve(left.preferences)
    strategy = TimeDependent(np.random.default_rng(0), e=1.0)
    values = [
        left.preferences.utility(strategy.propose(observe(left, 0, turn, 10, [])))
        for turn in range(11)
    ]
    assert values[0] == pytest.approx(curve.best)
    assert values == sorted(values, reverse=True)
    assert min(values) >= left.reservation - 1e-9


# --- frequency model -------------------------------------------------------------------------


def test_frequency_model_weights_the_issue_that_never_moves() -> None:
    _, right = _small()
    # the opponent (party 0) always offers tariff option 0 and cycles access through 0, 1, 2
    log = [Offer(2 * k, k, 0, (0, k % 3)) for k in range(9)]
    model = FrequencyModel()
    model.update(observe(right, 1, 9, 20, log))
    weights = model.weights(0)
    assert weights[0] > weights[1]
    assert weights.sum() == pytest.approx(1.0)
    tables = model.tables()
    assert tables is not None
    assert [t.shape for t in tables] == [t.shape for t in right.preferences.tables]
    assert all((t >= 0).all() for t in tables)
    assert int(np.argmax(tables[0])) == 0
    # learning is incremental: seeing the same history again changes nothing
    model.update(observe(right, 1, 9, 20, log))
    assert np.array_equal(model.weights(0), weights)


def test_frequency_model_skips_own_offers_and_starts_empty() -> None:
    left, _ = _small()
    model = FrequencyModel()
    model.update(observe(left, 0, 1, 20, [Offer(0, 0, 0, (0, 0))]))
    assert not model.observed and model.tables() is None


# --- tit-for-tat -----------------------------------------------------------------------------


def test_reciprocate_by_hand() -> None:
    # the opponent closed half the gap to our best: we give up half our room above reservation
    assert reciprocate(1.0, 0.2, 0.6, best=1.0, floor=0.2) == pytest.approx(0.6)
    # a full retraction takes back the whole concession
    assert reciprocate(0.6, 0.6, 0.2, best=1.0, floor=0.2) == pytest.approx(1.0)
    # no move, no concession
    assert reciprocate(0.8, 0.5, 0.5, best=1.0, floor=0.2) == pytest.approx(0.8)


def test_tit_for_tat_mirrors_a_conceder_and_stonewalls_a_hardliner() -> None:
    table = _small()  # Alpha (seat 0) has room to concede: its reservation value is 0
    preferences = table[0].preferences
    curve = offer_curve(preferences)

    def talks(opponent: Any) -> Transcript:
        return play([TitForTat(np.random.default_rng(0)), opponent], table, 40, checked=(0,))

    stonewall = talks(Hardliner(np.random.default_rng(1)))
    offers = [preferences.utility(m[3] or ()) for m in stonewall.moves if m[1:3] == (0, "offer")]
    # it never concedes in its offers; on its last chance it takes the hardliner's offer if
    # that beats breakdown (accepts_at_deadline)
    assert len(offers) >= 19 and all(v == pytest.approx(curve.best) for v in offers)
    # the conceder moves from 0 to 0.42 of Alpha's 0.72 (58% of the gap): Alpha's target falls
    # by 58% of its room, to 0.30, so it accepts the 0.42 offer (AC_next)
    mirrored = talks(ConcedeLinearly(np.random.default_rng(1)))
    assert mirrored.ended == "agreement"
    assert mirrored.moves[-1][:3] == (8, 0, "accept")
    assert preferences.utility(mirrored.moves[-1][3] or ()) == pytest.approx(0.42)


# --- Nash seeker -----------------------------------------------------------------------------


def test_nash_floor_by_hand() -> None:
    assert nash_floor(0.5, 0.9, nash_utility=0.7, reservation=0.3) == 0.7
    assert nash_floor(0.95, 0.9, nash_utility=0.7, reservation=0.3) == pytest.approx(0.5)
    assert nash_floor(1.0, 0.9, nash_utility=0.7, reservation=0.3) == pytest.approx(0.3)


def test_nash_seeker_opens_with_its_best_and_ends_at_the_nash_package() -> None:
    left, _ = _small()
    strategy = NashSeeker(np.random.default_rng(0))
    curve = offer_curve(left.preferences)
    assert left.preferences.utility(strategy.propose(observe(left, 0, 0, 20, []))) == (
        pytest.approx(curve.best)
    )
    log = [Offer(1, 0, 1, (1, 0)), Offer(3, 1, 1, (1, 1))]
    late = observe(left, 0, 17, 20, log)  # t = 0.85: conceded as far as the Nash package
    offered = strategy.propose(late)
    nash = offer_curve(left.preferences, strategy.model(late)).nash(left.reservation, 0.0)
    assert nash is not None
    assert offered == nash
    assert left.preferences.utility(offered) < curve.best


def test_offer_curve_is_built_once_and_rebuilt_only_when_the_model_moves() -> None:
    left, _ = _small()
    strategy = NashSeeker(np.random.default_rng(0))
    log = [Offer(1, 0, 1, (1, 0))]
    first = strategy.curve(observe(left, 0, 2, 20, log))
    assert strategy.curve(observe(left, 0, 4, 20, log)) is first
    log += [Offer(3, 1, 1, (1, 0)), Offer(5, 2, 1, (1, 0))]
    assert strategy.curve(observe(left, 0, 6, 20, log)) is not first
    assert model_moved(None, None) is False
    tables = (np.zeros(2), np.zeros(3))
    assert model_moved(tables, (np.zeros(2), np.full(3, 0.01))) is False
    assert model_moved(tables, (np.zeros(2), np.full(3, 0.1))) is True


# --- hardliner and random --------------------------------------------------------------------


def test_hardliner_accepts_only_its_best() -> None:
    left, _ = _small()
    curve = offer_curve(left.preferences)
    best = curve.at_least(curve.best)
    strategy = Hardliner(np.random.default_rng(0))
    for package in [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)]:
        offer = Offer(1, 0, 1, package)
        action = strategy.respond(observe(left, 0, 2, 10, [offer], offer), offer)
        assert (action.value == "accept") == (package == best), package


def test_random_sampling_gives_up_when_nothing_is_good_enough() -> None:
    left, _ = _small()
    rng = np.random.default_rng(0)
    assert sample_package(left.preferences, rng, floor=10.0, tries=50) is None
    package = sample_package(left.preferences, rng, floor=-1.0, tries=50)
    assert package is not None and left.preferences.allows(package)


# --- Rubinstein ------------------------------------------------------------------------------


def _pie(first: str = "A") -> Scenario:
    parties = [
        {
            "name": name,
            "reservation_value": 0.0,
            "stances": {
                "pie": {
                    "weight": 1,
                    "values": {f"o{k}": (k if name == "A" else 100 - k) for k in range(101)},
                }
            },
        }
        for name in ("A", "B")
    ]
    if first == "B":
        parties.reverse()
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "pie",
        "title": "Dividing a pie",
        "buckets": [{"id": "b", "title": "B"}],
        "issues": [
            {
                "id": "pie",
                "title": "Share of the pie",
                "bucket": "b",
                "options": [{"id": f"o{k}", "label": f"{k} to A"} for k in range(101)],
            }
        ],
        "parties": parties,
    }
    return Scenario.model_validate(data)


@pytest.mark.parametrize(("delta_a", "delta_b"), [(0.9, 0.8), (0.8, 0.9), (0.95, 0.95)])
@pytest.mark.parametrize("first", ["A", "B"])
def test_rubinstein_first_offer_is_the_equilibrium_split(
    delta_a: float, delta_b: float, first: str
) -> None:
    turns = 10  # per-offer factors d ** (1 / 10) are delta_a and delta_b
    d = {"A": delta_a**turns, "B": delta_b**turns}
    order = ("A", "B") if first == "A" else ("B", "A")
    table = seats(_pie(first), discounts=[d[n] for n in order])
    players = [
        Rubinstein(np.random.default_rng(k), other_discount=d[order[1 - k]]) for k in range(2)
    ]
    moves = play(players, table, turns).moves
    assert [m[2] for m in moves] == ["offer", "accept"]
    share_a = moves[0][3][0] / 100  # type: ignore[index]
    delta_first, delta_second = (delta_a, delta_b) if first == "A" else (delta_b, delta_a)
    proposer = proposer_share(delta_first, delta_second)
    expected_a = proposer if first == "A" else 1 - proposer
    assert abs(share_a - expected_a) <= 1 / 100
    if first == "A" and (delta_a, delta_b) == (0.9, 0.8):
        assert proposer == pytest.approx(0.2 / 0.28)  # 0.714...


def test_rubinstein_through_the_engine() -> None:
    rounds = 5  # two parties: 10 turns, so per-offer factors are 0.9 and 0.8
    context = build_context(_pie(), rounds=rounds, discounts=[0.9**10, 0.8**10])
    players = [
        Rubinstein(np.random.default_rng(0), other_discount=0.8**10),
        Rubinstein(np.random.default_rng(1), other_discount=0.9**10),
    ]
    result = run_session(context, players, rounds)
    assert result.ended == "agreement" and result.turns_used == 2
    assert result.agreement is not None
    assert abs(result.agreement[0] / 100 - 0.2 / 0.28) <= 1 / 100


def test_rubinstein_without_discounting_splits_evenly() -> None:
    assert proposer_share(1.0, 1.0) == 0.5
    assert proposer_share(0.9, 0.9) == pytest.approx(1 / 1.9)
    table = seats(_pie())
    players = [Rubinstein(np.random.default_rng(k)) for k in range(2)]
    moves = play(players, table, 10).moves
    assert moves[0][3] == (50,) and moves[1][2] == "accept"


# --- the harness itself ----------------------------------------------------------------------


def test_harness_catches_a_rule_breaker() -> None:
    left, right = _small()
    hopeless = Seat(right.preferences, right.reservation + 10.0, None)
    players = [
        ConcedeLinearly(np.random.default_rng(0)),
        AcceptEverything(np.random.default_rng(1)),
    ]
    transcript = play(players, (left, hopeless), 10, checked=(1,))
    assert transcript.violations
