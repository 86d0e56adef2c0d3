"""simulate and tournament through the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.api import simulate, tournament
from grandbargain.cli import app
from grandbargain.simulate.tournament import pairings

SCHEMAS = Path(gb.__file__).parent / "schemas"
US = gb.load_scenario("us-china-2025")
runner = CliRunner()


def _validate(name: str, data: dict[str, object]) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_simulation_json_matches_its_schema_and_same_seed_same_transcript() -> None:
    first = simulate(US, {"United States": "conceder", "China": "linear"}, rounds=30, seed=5)
    second = simulate(US, {"United States": "conceder", "China": "linear"}, rounds=30, seed=5)
    _validate("simulation.schema.json", first.to_dict())
    assert first.to_dict() == second.to_dict()
    assert set(first.agenda_joint_gains) == {"package", "issue-by-issue", "bucket-by-bucket"}


def test_agreements_are_individually_rational() -> None:
    for us, china in [("conceder", "conceder"), ("linear", "boulware"), ("nash-seeker", "linear")]:
        sim = simulate(
            US, {"United States": us, "China": china}, rounds=40, seed=1, compare_agendas=False
        )
        if sim.agreement:
            for party in sim.parties:
                assert sim.utilities[party] >= sim.reservation[party] - 1e-9


def test_staged_agendas_play_one_stage_per_issue_or_bucket() -> None:
    by_issue = simulate(US, rounds=20, agenda="issue-by-issue", compare_agendas=False)
    assert [s.name for s in by_issue.stages] == [i.id for i in US.issues]
    by_bucket = simulate(US, rounds=20, agenda="bucket-by-bucket", compare_agendas=False)
    assert [s.name for s in by_bucket.stages] == [b.id for b in US.buckets]
    order = [i.id for i in reversed(US.issues)]
    reordered = simulate(US, rounds=5, agenda="issue-by-issue", order=order, compare_agendas=False)
    assert [s.name for s in reordered.stages] == order
    with pytest.raises(gb.InputError):
        simulate(US, agenda="issue-by-issue", order=["rare-earths"])


def test_foreign_folders_simulate(shared: Path) -> None:
    laptop = gb.load_scenario(shared / "data" / "genius-domains" / "Laptop")
    sim = simulate(laptop, {"laptop_buyer_utility": "conceder"}, rounds=30, seed=2)
    assert sim.strategies == {
        "laptop_buyer_utility": "conceder",
        "laptop_seller_utility": "boulware",
    }
    assert sim.agenda_joint_gains["issue-by-issue"] is None  # no status quo in GENIUS
    game = gb.load_scenario(
        shared / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions" / "base"
    )
    voted = simulate(game, rounds=24, seed=3)
    _validate("simulation.schema.json", voted.to_dict())
    with pytest.raises(gb.InputError, match="needs a status quo"):
        simulate(laptop, agenda="bucket-by-bucket")


def test_unknown_party_or_strategy_is_an_input_error() -> None:
    with pytest.raises(gb.InputError, match="unknown strategy"):
        simulate(US, {"China": "bogus"})
    with pytest.raises(gb.InputError, match="unknown party"):
        simulate(US, {"Chin": "linear"})
    result = runner.invoke(app, ["simulate", "--strategy", "China=bogus"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["simulate", "--strategy", "nonsense"])
    assert result.exit_code == 2


def test_simulate_command_prints_transcript_and_outcome() -> None:
    result = runner.invoke(
        app,
        [
            "simulate",
            "--strategy",
            "United States=boulware",
            "--strategy",
            "China=tit-for-tat",
            "--rounds",
            "20",
            "--seed",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    for text in ("Stage package", "Outcome", "distance to Nash", "joint gain, bucket-by-bucket"):
        assert text in result.output
    data = json.loads(runner.invoke(app, ["simulate", "--rounds", "10", "--format", "json"]).stdout)
    _validate("simulation.schema.json", data)


def test_pairings_cover_every_strategy_in_every_seat() -> None:
    plans = pairings(["a", "b", "c"], 3)
    assert len(plans) == 3 * 3 * 3
    assert ("a", 2, ("b", "b", "a")) in plans
    assert ("c", 0, ("c", "c", "c")) in plans


def test_tournament_ranks_and_is_deterministic() -> None:
    names = ["boulware", "conceder", "hardliner", "random"]
    first = tournament([US], names, repeats=2, rounds=20, seed=7)
    second = tournament([US], names, repeats=2, rounds=20, seed=7)
    data = first.to_dict()
    _validate("tournament.schema.json", data)
    assert data == second.to_dict()
    assert data["sessions"] == len(names) ** 2 * 2 * 2
    assert [row["rank"] for row in data["ranking"]] == [1, 2, 3, 4]
    utilities = [row["mean_normalised_utility"] for row in data["ranking"]]
    assert utilities == sorted(utilities, reverse=True)


def test_tournament_command() -> None:
    result = runner.invoke(
        app,
        [
            "tournament",
            "--strategies",
            "boulware,conceder",
            "--repeats",
            "1",
            "--rounds",
            "10",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    _validate("tournament.schema.json", json.loads(result.stdout))
    assert runner.invoke(app, ["strategies"]).output.count("\n") >= 8


def test_calendar_dates_the_transcript_and_brings_in_the_snapback() -> None:
    import datetime as dt

    from grandbargain.model.schema import Calendar
    from grandbargain.simulate.context import build_context

    calendar = Calendar(start=dt.date(2025, 7, 21), days_per_round=2)
    snapback = frozenset({"tariff-snapback"})
    sim = simulate(
        US,
        {"China": "hardliner", "United States": "hardliner"},
        rounds=30,
        calendar=calendar,
        include_events=snapback,
        compare_agendas=False,
    )
    transcript = sim.to_dict()["stages"][0]["transcript"]
    assert transcript[0]["date"] == "2025-07-21"
    assert transcript[-1]["date"] == "2025-09-17"  # round 29: 58 days on
    context = build_context(US, 30, calendar=calendar, include_events=snapback)
    china = US.party_names.index("China")
    before = context.round_reservations[10, china]  # 10 August
    after = context.round_reservations[11, china]  # 12 August: the snapback applies
    assert after < before
    result = runner.invoke(app, ["simulate", "--discount", "China=1.5"])
    assert result.exit_code == 2


def test_every_agenda_is_deterministic_and_the_comparison_replays_the_same_call() -> None:
    import datetime as dt

    from grandbargain.model.schema import Calendar
    from grandbargain.simulate.agenda import AGENDAS

    snapback = frozenset({"tariff-snapback"})
    analysis = gb.analyze(US, include_events=snapback)
    options: dict[str, Any] = {
        "strategies": {"United States": "random", "China": "tit-for-tat"},
        "rounds": 15,
        "seed": 8,
        "analysis": analysis,
        "discounts": {"China": 0.95},
        "calendar": Calendar(start=dt.date(2025, 7, 21), days_per_round=3),
        "include_events": snapback,
    }
    direct = {a: simulate(US, agenda=a, compare_agendas=False, **options) for a in AGENDAS}
    for agenda in AGENDAS:
        first = simulate(US, agenda=agenda, **options).to_dict()
        assert first == simulate(US, agenda=agenda, **options).to_dict()
        # each agenda's joint gain in the comparison is that of the same call made directly
        assert first["agenda_joint_gains"] == {a: direct[a].joint_gain for a in AGENDAS}
        assert first["stages"] == direct[agenda].to_dict()["stages"]
    # the seed matters: a random strategy plays differently under another seed
    other = simulate(US, agenda="package", compare_agendas=False, **{**options, "seed": 9})
    assert other.to_dict()["stages"] != direct["package"].to_dict()["stages"]
