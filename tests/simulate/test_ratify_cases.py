"""Ratification-constrained talks (``simulate(..., ratify=True)``): a case worked by hand and
the shipped scenario.

- A case worked by hand: the unconstrained session agrees on a package outside a win-set,
  the constrained one on the ratifiable package the hand calculation gives; with a veto player
  added, no deal, caused by ratification; with a red line as well, no ratifiable offer at all.
- With ratify off the transcript is the one of today; the same seed gives the same result;
  the strategy contract holds under the rules on the shipped scenario; the CLI flag reaches
  the engine.
Random scenarios against the brute-force oracle are in ``test_ratify.py``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pytest

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import own_preferences
from grandbargain.simulate.ratify import ratified_preferences
from grandbargain.simulate.runner import Simulation
from grandbargain.simulate.strategies import STRATEGIES, make_strategy
from grandbargain.space import build_space

from ..solve.oracle import state_on, status_quo_package
from ..solve.ratification_oracle import inside_winset, ratifiable
from .harness import Seat, others_dropped, play, red_line_masks
from .scripted import SCRIPTED

NAMES = sorted(STRATEGIES)
SCHEMA = json.loads((Path(gb.__file__).parent / "schemas" / "simulation.schema.json").read_text())


# --- a case worked by hand ---------------------------------------------------------------

CASE: dict[str, Any] = {
    "schema_version": 1,
    "id": "ratsim-case",
    "title": "A win-set moves the deal; a veto player then blocks it",
    "buckets": [{"id": "b", "title": "B"}],
    "issues": [
        {
            "id": "x",
            "title": "X",
            "bucket": "b",
            "status_quo": "x0",
            "options": [
                {"id": "x0", "label": "none", "position": 0},
                {"id": "x1", "label": "half", "position": 50},
                {"id": "x2", "label": "full", "position": 100},
            ],
        },
        {
            "id": "y",
            "title": "Y",
            "bucket": "b",
            "status_quo": "y0",
            "options": [
                {"id": "y0", "label": "no", "position": 0},
                {"id": "y1", "label": "yes", "position": 100},
            ],
        },
    ],
    "parties": [
        {
            "name": "A",
            "stances": {
                "x": {"weight": 1, "values": {"x0": 0, "x1": 50, "x2": 100}},
                "y": {"weight": 1, "values": {"y0": 0, "y1": 100}},
            },
        },
        {
            "name": "B",
            "stances": {
                "x": {"weight": 1, "values": {"x0": 100, "x1": 80, "x2": 60}},
                "y": {"weight": 1, "values": {"y0": 0, "y1": 100}},
            },
        },
    ],
    "stakeholders": [
        {
            "id": "b-gov",
            "name": "B government",
            "party": "B",
            "kind": "leadership",
            "stances": {"x": {"position": 40, "salience": 1, "clout": 10}},
        },
        {
            "id": "b-hawk",
            "name": "B hawks",
            "party": "B",
            "kind": "legislator",
            "stances": {"x": {"position": 0, "salience": 1, "clout": 5}},
        },
        {
            "id": "a-lobby",
            "name": "A lobby",
            "party": "A",
            "kind": "firm",
            "stances": {"y": {"position": 0, "salience": 1, "clout": 1}},
        },
    ],
}
SEATS = {"A": "hardliner", "B": "linear"}


def _case(ratification: list[dict[str, Any]], **changes: Any) -> Scenario:
    return Scenario.model_validate({**CASE, **changes, "ratification": ratification})


def _simulate(s: Scenario, ratify: bool) -> Simulation:
    return gb.simulate(s, SEATS, rounds=10, seed=0, compare_agendas=False, ratify=ratify)


def test_a_win_set_moves_the_agreed_package() -> None:
    """Worked by hand. U_A = x/2 + y/2 with x: 0, 0.5, 1 and y: 0, 1; U_B = x/2 + y/2 with
    x: 1, 0.8, 0.6 and y: 0, 1. Status quo (x0, y0): reservation values 0 and 0.5.

    Unconstrained: the hard-liner A always offers its best package (x2, y1), U = (1, 0.8);
    B (linear) accepts it once its own next offer is worth no more than 0.8 - an agreement
    on (x2, y1).

    B's win-set on x (threshold 0.5 of clout x salience, 15): x1 (position 50) is closer than
    the status quo (0) for b-gov at 40 (|40-50| = 10 < 40; weight 10, share 2/3): inside; x2
    (100) for nobody (b-gov: 60 > 40; b-hawk at 0 prefers 0): outside. y has no B stakeholder,
    so it is not filtered. On the narrowed agenda A's best is (x1, y1), U = (0.75, 0.9); B
    accepts it when its next offer is worth no more than 0.9 - the agreement.
    """
    rules = [{"party": "B", "winsets": {"threshold": 0.5}}]
    s = _case(rules)
    free = _simulate(s, False)
    assert free.package == {"x": "x2", "y": "y1"}
    sq = status_quo_package(s, state_on(s))
    assert not inside_winset(s, "B", 0.5, 0, 2, sq[0])  # x2 is outside B's win-set
    assert free.ratification is None
    bound = _simulate(s, True)
    assert bound.package == {"x": "x1", "y": "y1"}
    assert bound.utilities == {"A": pytest.approx(0.75), "B": pytest.approx(0.9)}
    assert bound.ratification is not None
    assert bound.ratification.parties == ("B",)
    assert bound.ratification.caused_no_deal is None  # an agreement
    assert ratifiable(s, (1, 1), sq)


def test_a_veto_player_then_leaves_no_deal_and_says_ratification_caused_it() -> None:
    """The same, with a-lobby (at 0 on y, all its salience there) a veto player of A: its
    U = 1 with y0 and 0 with y1, status quo 1, so A can ratify nothing with y1. A's best
    ratifiable package is (x1, y0), U = (0.25, 0.4): below B's reservation 0.5, so B rejects
    it; everything B offers above 0.5 has y1 ((x0, y1) 1.0, (x1, y1) 0.9), which A may not
    accept, and the status quo is worth 0 to A, below the 0.25 the hard-liner holds out for.
    No deal at the deadline; without the rules the same talks agree: ratification caused it.
    """
    rules = [
        {"party": "B", "winsets": {"threshold": 0.5}},
        {"party": "A", "veto_players": ["a-lobby"]},
    ]
    bound = _simulate(_case(rules), True)
    assert not bound.agreement
    assert bound.stages[0].session.ended == "deadline"
    steps = bound.stages[0].session.steps
    offers = {step.package for step in steps if step.party == 0 and step.action == "offer"}
    assert offers == {(1, 0)}
    assert bound.ratification is not None
    assert bound.ratification.parties == ("A", "B")
    assert bound.ratification.no_ratifiable_offer == ()
    assert bound.ratification.caused_no_deal is True


def test_no_ratifiable_offer_ends_the_talks_with_the_reason() -> None:
    """A red line of A on y0 as well: A may offer only packages with y1, which its veto player
    blocks - no ratifiable offer at all (the oracle agrees: nothing in the 6 packages)."""
    parties = [dict(p) for p in CASE["parties"]]
    parties[0] = {
        **parties[0],
        "stances": {
            **parties[0]["stances"],
            "y": {"weight": 1, "values": {"y0": 0, "y1": 100}, "red_lines": ["y0"]},
        },
    }
    rules = [{"party": "A", "veto_players": ["a-lobby"]}]
    s = _case(rules, parties=parties)
    bound = _simulate(s, True)
    session = bound.stages[0].session
    assert session.ended == "no-ratifiable-offer" and session.steps == ()
    assert bound.ratification is not None
    assert bound.ratification.no_ratifiable_offer == ("A",)
    assert bound.ratification.caused_no_deal is True  # without the rules: (x2, y1)
    assert _simulate(s, False).package == {"x": "x2", "y": "y1"}
    data = bound.to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["stages"][0]["ended"] == "no-ratifiable-offer"
    from grandbargain.report import agreed_package

    headline = agreed_package(data, s)["headline"]
    assert headline == "No deal: a party's ratification rules left it no package to offer."
    assert data["ratification"] == {
        "applied": True,
        "parties": ["A"],
        "no_ratifiable_offer": ["A"],
        "caused_no_deal": True,
    }


# --- the shipped scenario ----------------------------------------------------------------


@cache
def _us_china_seats(discounted: bool) -> tuple[Seat, Seat]:
    s = gb.load_scenario("us-china-2025")
    space = build_space(s)
    plain = [own_preferences(space, p, red_line_masks(s, space, p)) for p in range(2)]
    ratified = ratified_preferences(s, space, plain)
    discounts = (0.9, 0.6) if discounted else (None, None)
    made = [Seat(ratified[p], float(space.reservation[p]), discounts[p]) for p in range(2)]
    return made[0], made[1]


@cache
def _passes_own_rules(party: int, package: tuple[int, ...]) -> bool:
    s = gb.load_scenario("us-china-2025")
    sq = status_quo_package(s, state_on(s))
    return ratifiable(s, package, sq, others_dropped(s, s.parties[party].name))


@pytest.mark.parametrize("opponent", [*sorted(SCRIPTED), "self"])
@pytest.mark.parametrize("name", NAMES)
def test_the_contract_holds_under_the_rules(name: str, opponent: str) -> None:
    """The contract suite's checks (tests/simulate/test_contract.py), on ratified seats, and
    every offer or acceptance of the strategy passes its own rules by the oracle."""
    for discounted in (False, True):
        table = _us_china_seats(discounted)
        for seat in (0, 1):
            names = [name, name if opponent == "self" else opponent]
            names = names if seat == 0 else names[::-1]
            rng = [np.random.default_rng(7 + k) for k in range(2)]
            players = [
                SCRIPTED[n](r) if n in SCRIPTED else make_strategy(n, r)
                for n, r in zip(names, rng, strict=True)
            ]
            checked = (0, 1) if opponent == "self" else (seat,)
            transcript = play(players, table, 30, checked)
            assert transcript.violations == []
            assert transcript.ended in {"agreement", "walk-away", "deadline"}
            for turn, party, action, package in transcript.moves:
                if party in checked and package is not None and action in {"offer", "accept"}:
                    assert _passes_own_rules(party, package), (turn, action, package)


@pytest.mark.parametrize("pairing", [("linear", "tit-for-tat"), ("nash-seeker", "random")])
def test_same_seed_same_result_and_json_valid(pairing: tuple[str, str]) -> None:
    s = gb.load_scenario("us-china-2025")
    seats = dict(zip(["United States", "China"], pairing, strict=True))
    first = gb.simulate(s, seats, rounds=30, seed=5, compare_agendas=False, ratify=True)
    again = gb.simulate(s, seats, rounds=30, seed=5, compare_agendas=False, ratify=True)
    assert first.to_dict() == again.to_dict()
    data = first.to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["ratification"]["parties"] == ["United States", "China"]
    if first.agreement:
        sq = status_quo_package(s, state_on(s))
        package = tuple(
            [o.id for o in issue.options].index(data["outcome"]["package"][issue.id])
            for issue in s.issues
        )
        assert ratifiable(s, package, sq)


def test_the_cli_flag_reaches_the_engine(tmp_path: Path) -> None:
    """``simulate --ratify``: the JSON validates and carries the note; the table says it."""
    import yaml
    from typer.testing import CliRunner

    from grandbargain.cli import app

    path = tmp_path / "case.yaml"
    rules = [{"party": "B", "winsets": {"threshold": 0.5}}]
    path.write_text(yaml.safe_dump({**CASE, "ratification": rules}, sort_keys=False))
    args = ["simulate", str(path), "--strategy", "A=hardliner", "--strategy", "B=linear"]
    args += ["--rounds", "10", "--ratify"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["outcome"]["package"] == {"x": "x1", "y": "y1"}
    assert data["ratification"]["parties"] == ["B"]
    table = CliRunner().invoke(app, args)
    assert table.exit_code == 0
    assert "applied to B" in " ".join(table.stdout.split())
    plain = CliRunner().invoke(app, [*args[:-1], "--format", "json"])
    assert json.loads(plain.stdout)["ratification"] is None
