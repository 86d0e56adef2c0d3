"""The ``llm`` strategy from the command line against the fake server: end to end, the API
key never written anywhere, the cost shown before a hosted run, tournaments with their
quota rules, and the JSON against its schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.api import LLMSettings, llm_simulation_cost, llm_tournament_cost, tournament
from grandbargain.cli import app

from ..cli.helpers import assert_clean_exit
from .conftest import FakeServer
from .test_llm import small

SCHEMAS = Path(gb.__file__).parent / "schemas"
SENTINEL = "sk-sentinel-9f3c1e7a"


def _validate(name: str, data: object) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def _run(args: list[str], env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(app, args, env=env)


def test_simulate_china_llm_end_to_end(fake: FakeServer) -> None:
    args = ["simulate", "--strategy", "China=llm", "--llm-url", fake.url, "--llm-model", "fake"]
    result = _run([*args, "--rounds", "6", "--seed", "3", "--format", "json"])
    assert_clean_exit(result, 0)  # type: ignore[arg-type]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    _validate("simulation.schema.json", data)
    exchanges = data["stages"][0]["exchanges"]
    assert exchanges and {e["party"] for e in exchanges} == {"China"}
    assert data["metrics"]["requests"] == len(exchanges) == len(fake.model.requests)
    assert data["llm"]["model"] == "fake" and data["agenda_joint_gains"]["issue-by-issue"] is None
    table = _run([*args, "--rounds", "6", "--seed", "3"])
    assert_clean_exit(table, 0)  # type: ignore[arg-type]
    assert "share of the Nash product" in table.stdout and "model requests" in table.stdout  # type: ignore[attr-defined]


def test_the_api_key_never_reaches_output_files_or_the_recording(
    fake: FakeServer, tmp_path: Path
) -> None:
    fake.model.reset({"echo_key": True}, {"status": 500, "headers": {"X-Key": SENTINEL}})
    env = {"GB_SECRET_KEY": SENTINEL}
    record, out = tmp_path / "rec.jsonl", tmp_path / "run.json"
    base = ["--strategy", "China=llm", "--strategy", "United States=llm", "--llm-url", fake.url]
    base += ["--llm-model", "fake", "--llm-key-env", "GB_SECRET_KEY", "--rounds", "5"]
    result = _run(["simulate", *base, "--format", "json", "--record", str(record)], env)
    assert_clean_exit(result, 0)  # type: ignore[arg-type]
    out.write_text(result.stdout)  # type: ignore[attr-defined]
    bad = _run(
        ["simulate", *base, "--llm-url", "http://127.0.0.1:9/v1", "--llm-http-retries", "0"], env
    )
    assert_clean_exit(bad, 2)  # type: ignore[arg-type]
    assert fake.model.headers[0]["authorization"] == f"Bearer {SENTINEL}"  # it was used...
    texts = [result.stdout, result.stderr, bad.stdout, bad.stderr]  # type: ignore[attr-defined]
    texts += [p.read_text() for p in tmp_path.rglob("*") if p.is_file()]
    assert all(SENTINEL not in text for text in texts)  # ... and written nowhere
    assert "[redacted]" in record.read_text()  # the echoed key was replaced


def test_a_hosted_endpoint_shows_the_cost_and_needs_yes(fake: FakeServer) -> None:
    args = ["simulate", "--strategy", "China=llm", "--llm-url", "https://llm.example.invalid/v1"]
    args += ["--llm-model", "m", "--rounds", "10", "--llm-price-in", "0.5", "--llm-price-out", "2"]
    result = _run(args)
    assert_clean_exit(result, 2)  # type: ignore[arg-type]
    assert "--yes" in result.stderr and "about 10 requests" in result.stderr  # type: ignore[attr-defined]
    assert not fake.model.requests


def test_the_cost_estimate_counts_requests_and_prices_by_hand() -> None:
    hosted = LLMSettings(
        url="https://x.invalid/v1", model="m", price_in=0.5, price_out=2.0, retries=1
    )
    one = llm_simulation_cost(small(), {"Alpha": "llm"}, 10, hosted)
    two = llm_simulation_cost(small(), {"Alpha": "llm", "Beta": "llm"}, 10, hosted)
    assert (one.requests, one.max_requests, two.requests) == (10, 20, 20)
    assert one.cost == pytest.approx((one.tokens_in * 0.5 + one.tokens_out * 2.0) / 1000)
    assert one.max_tokens_out == 20 * 400
    unknown = llm_simulation_cost(
        small(), {"Alpha": "llm"}, 10, LLMSettings(url="http://127.0.0.1/v1", model="m")
    )
    assert unknown.cost is None and "unknown" in unknown.lines()[2]
    # 2 strategies, 2 seats: pairings (llm,llm) x2 seats with 2 llm seats, (llm,b) and (b,llm)
    # x2 seats with 1 llm seat each: 2*2 + 4*1 = 8 seat-sessions of 3 rounds, 2 repeats
    t = llm_tournament_cost([small()], ["llm", "boulware"], 2, 3, hosted)
    assert (t.sessions, t.requests) == (2 * 6, 2 * 8 * 3)


def test_tournament_llm_against_classics_is_the_same_at_any_concurrency(fake: FakeServer) -> None:
    results = []
    for workers in (1, 3):
        fake.model.reset(chaos=0.2)
        llm = LLMSettings(url=fake.url, model="fake", backoff=0.0, concurrency=workers)
        results.append(
            tournament([small()], ["llm", "boulware", "tit-for-tat"], 2, 5, 4, llm=llm).to_dict()
        )
    _validate("tournament.schema.json", results[0])
    assert [r.pop("llm")["concurrency"] for r in results] == [1, 3]
    assert results[0] == results[1]
    llm_row = next(r for r in results[0]["ranking"] if r["strategy"] == "llm")
    assert llm_row["mean_tokens"] > 0 and llm_row["mean_invalid_moves"] > 0
    classic = next(r for r in results[0]["ranking"] if r["strategy"] == "boulware")
    assert classic["mean_tokens"] == 0


def test_tournament_on_an_llm_deliberation_game_follows_its_quota_rule(
    fake: FakeServer, shared: Path
) -> None:
    game = gb.load_scenario(
        shared / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions" / "base"
    )
    args = [
        "tournament",
        str(shared / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions" / "base"),
    ]
    args += [
        "--strategies",
        "llm,boulware",
        "--repeats",
        "1",
        "--rounds",
        "2",
        "--llm-url",
        fake.url,
    ]
    result = _run([*args, "--llm-model", "fake", "--format", "json"])
    assert_clean_exit(result, 0)  # type: ignore[arg-type]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    _validate("tournament.schema.json", data)
    assert data["by_scenario"][0]["scenario"] == game.id
    votes = [
        r for r in fake.model.requests if "Vote on the proposal" in r["messages"][1]["content"]
    ]
    assert votes, "the quota game is played by voting"
    system = votes[0]["messages"][0]["content"]
    assert "at least 5 parties" in system and "must be among them" in system


def test_llm_without_an_endpoint_is_one_clear_message() -> None:
    result = _run(["simulate", "--strategy", "China=llm"])
    assert_clean_exit(result, 2)  # type: ignore[arg-type]
    assert "--llm-url" in result.stderr  # type: ignore[attr-defined]
    listed = _run(["strategies"])
    assert "llm" in listed.stdout  # type: ignore[attr-defined]


def test_the_key_option_help_names_the_default_variable() -> None:
    """The help text spells the default out (the option's own default is None so that the
    CLI help does not import the engine); it must stay the engine's name."""
    from typer.testing import CliRunner

    from grandbargain import api
    from grandbargain.cli import app

    result = CliRunner().invoke(app, ["simulate", "--help"], env={"COLUMNS": "200"})
    assert api.DEFAULT_LLM_KEY_ENV in result.output
