"""The ``llm`` strategy against the fake OpenAI-compatible server (``llm_fake``): bad replies,
HTTP failures, tools, what the model is shown, and replaying a recording exactly."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import grandbargain as gb
from grandbargain.api import EndpointError, LLMSettings, simulate
from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import own_preferences
from grandbargain.simulate.llm import open_client, public_view
from grandbargain.simulate.llm.client import LLMClient
from grandbargain.simulate.llm.prompt import system_message
from grandbargain.space import build_space

from ..conftest import DATA
from .conftest import FakeServer

BEFORE_TRUCE = "2025-05-01"  # status quo (high, closed): Alpha's reservation 0.3, Beta's 0.4


@cache
def small() -> Scenario:
    return Scenario.model_validate(yaml.safe_load((DATA / "small.yaml").read_text()))


def settings(fake: FakeServer, **changes: Any) -> LLMSettings:
    base: dict[str, Any] = {"url": fake.url, "model": "fake", "backoff": 0.0, "timeout": 5.0}
    return LLMSettings(**{**base, **changes})


def run_small(fake: FakeServer, rounds: int = 4, **changes: Any) -> gb.api.Simulation:
    return simulate(
        small(),
        {"Alpha": "llm"},
        rounds=rounds,
        seed=1,
        as_of=BEFORE_TRUCE,
        llm=settings(fake, **changes),
    )


def offer(package: dict[str, str]) -> dict[str, str]:
    return {"content": json.dumps({"action": "offer", "package": package, "note": ""})}


def test_a_malformed_reply_is_an_invalid_move_retried_with_the_reason(fake: FakeServer) -> None:
    fake.model.reset({"content": '{"action": "offer" "package": {}}'})
    run = run_small(fake)
    first, second = run.stages[0].exchanges[:2]
    assert first.move is None and "not valid JSON" in (first.error or "")
    assert second.attempt == 1 and second.move is not None
    retry = fake.model.requests[1]["messages"]
    assert retry[2] == {"role": "assistant", "content": '{"action": "offer" "package": {}}'}
    assert retry[3]["role"] == "user" and "cannot be used" in retry[3]["content"]
    assert run.metrics is not None
    assert (run.metrics.counts.invalid_moves, run.metrics.counts.fallbacks) == (1, 0)


@pytest.mark.parametrize(
    ("package", "reason"),
    [
        (
            {"tariff": "Medium tariff", "access": "Open"},
            '"Medium tariff" is not an option of "tariff"',
        ),
        ({"tariff": "High tariff"}, "leaves out: access"),
        ({"tariff": "Low tariff", "access": "Closed"}, "below your reservation value 0.3000"),
        ({"tariff": "high", "access": "open"}, "breaks a rule"),  # open needs a low tariff
    ],
)
def test_illegal_packages_are_invalid_moves(
    fake: FakeServer, package: dict[str, str], reason: str
) -> None:
    fake.model.reset(offer(package))
    first = run_small(fake).stages[0].exchanges[0]
    assert first.move is None
    assert reason in (first.error or "")


def test_option_ids_and_labels_in_any_case_are_understood(fake: FakeServer) -> None:
    move = json.dumps({"action": "offer", "package": {"tariff": "HIGH", "access": "partial"}})
    fake.model.reset({"content": f"<think>A {{brace}} or two</think>```json\n{move}\n```"})
    first = run_small(fake).stages[0].exchanges[0]
    assert first.move == {"action": "offer", "package": {"tariff": "high", "access": "partial"}}
    assert run_small(fake).stages[0].session.steps[0].package == (0, 1)


def test_spent_retries_fall_back_to_repeating_or_walking_away(fake: FakeServer) -> None:
    junk = {"content": "no"}
    fake.model.reset(junk, junk, junk)
    run = run_small(fake, retries=2)
    steps = run.stages[0].session.steps
    best = small_best_for_alpha()
    assert steps[0].action == "offer" and steps[0].package == best  # nothing valid yet: own best
    assert run.metrics is not None and run.metrics.counts.fallbacks == 1
    assert run.metrics.counts.invalid_moves == 3
    fake.model.reset(junk, junk, junk)
    walked = run_small(fake, retries=2, fallback="walk-away")
    assert walked.stages[0].session.steps[0].action == "walk-away"
    assert walked.ended_by == {"package": "Alpha"}


def small_best_for_alpha() -> tuple[int, ...]:
    # by hand: Alpha's utilities 0.3 * tariff(high 1, low 0) + 0.7 * access(0, 0.6, 1);
    # (high, open) breaks the rule "open needs low", so the best is (high, partial) = 0.72
    # against (low, open) = 0.7
    return (0, 1)


def test_http_failures_are_sent_again_and_do_not_count_as_moves(fake: FakeServer) -> None:
    fake.model.reset({"status": 429}, {"status": 500}, {"status": 503})
    run = run_small(fake, http_retries=4)
    first = run.stages[0].exchanges[0]
    assert first.move is not None and first.http_attempts == 4 and first.status == 200
    assert run.metrics is not None and run.metrics.counts.invalid_moves == 0


def test_a_timeout_is_sent_again(fake: FakeServer) -> None:
    fake.model.reset({"sleep": 1.5})
    first = run_small(fake, timeout=0.3).stages[0].exchanges[0]
    assert first.move is not None and first.http_attempts == 2
    # a model slower than the timeout every time: the message names the option to raise
    fake.model.reset(*[{"sleep": 1.0}] * 3)
    with pytest.raises(EndpointError, match=r"no reply within 0.3 s \(--llm-timeout\)"):
        run_small(fake, timeout=0.3, http_retries=0)


def test_backoff_doubles_with_jitter_from_the_seed(fake: FakeServer) -> None:
    waits: list[list[float]] = []
    for _ in range(2):
        fake.model.reset({"status": 500}, {"status": 429}, {"status": 502})
        slept: list[float] = []
        client = LLMClient(settings(fake, backoff=0.01, http_retries=3), sleep=slept.append)
        body = {
            "model": "fake",
            "messages": [
                {"role": "system", "content": "hi"},
                {"role": "user", "content": "Make your offer"},
            ],
        }
        outcome = client.complete(body, np.random.default_rng([4, 2]))
        client.close()
        assert outcome.attempts == 4 and outcome.status == 200
        waits.append(slept)
    assert waits[0] == waits[1] and len(waits[0]) == 3
    for k, wait in enumerate(waits[0]):
        assert 0.01 * 2**k * 0.5 <= wait < 0.01 * 2**k * 1.5


def test_retry_after_is_honoured(fake: FakeServer) -> None:
    fake.model.reset({"status": 429, "headers": {"Retry-After": "7"}})
    slept: list[float] = []
    client = LLMClient(settings(fake, backoff=0.01), sleep=slept.append)
    body = {
        "model": "fake",
        "messages": [
            {"role": "system", "content": ""},
            {"role": "user", "content": "Make your offer"},
        ],
    }
    assert client.complete(body, np.random.default_rng(0)).status == 200
    client.close()
    assert slept == [7.0]


def test_a_refusing_or_dead_endpoint_ends_the_run_with_one_message(fake: FakeServer) -> None:
    fake.model.reset({"status": 401})
    with pytest.raises(EndpointError, match="refused"):
        run_small(fake)
    fake.model.reset(*[{"status": 500}] * 3)
    with pytest.raises(EndpointError, match="3 requests in a row"):
        run_small(fake, http_retries=0)
    with pytest.raises(EndpointError, match="connection failed"):
        run_small(fake, url="http://127.0.0.1:9/v1", http_retries=0)


LLAMA_CPP_PYTHON_REFUSAL = (  # what llama-cpp-python 0.3.36's server said to json_schema
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
)


def test_a_server_rejecting_the_response_format_ends_the_run_at_once(fake: FakeServer) -> None:
    # llama-cpp-python answers a json_schema response_format with a 500: not sent again
    # (it cannot change), and the message names the option that fixes it
    fake.model.reset({"status": 500, "message": LLAMA_CPP_PYTHON_REFUSAL})
    with pytest.raises(EndpointError, match="--llm-json object or none") as caught:
        run_small(fake)
    assert len(fake.model.requests) == 1
    assert [p.file for p in caught.value.problems] == ["--llm-json"]
    fake.model.reset({"status": 500, "message": "json_object with a bad response_format"})
    with pytest.raises(EndpointError, match="rejects --llm-json object; try --llm-json none"):
        run_small(fake, json_mode="object")
    # a 500 that says nothing of the format is still sent again
    fake.model.reset({"status": 500})
    run_small(fake)
    assert len(fake.model.requests) > 2


def test_the_request_asks_for_json_by_schema_and_sends_the_key_in_a_header(
    fake: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GB_TEST_KEY", "k-123456")
    run_small(fake, key_env="GB_TEST_KEY")
    body, headers = fake.model.requests[0], fake.model.headers[0]
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["package"]["properties"]["tariff"]["enum"] == [
        "High tariff",
        "Low tariff",
    ]
    assert schema["properties"]["action"]["enum"] == ["offer"]
    assert headers["authorization"] == "Bearer k-123456"
    assert "k-123456" not in json.dumps(body)
    run_small(fake, json_mode="none")
    assert "response_format" not in fake.model.requests[-1]


def test_the_tool_answers_with_the_exact_utility(fake: FakeServer) -> None:
    call = {
        "id": "c1",
        "type": "function",
        "function": {
            "name": "my_utility",
            "arguments": json.dumps({"package": {"tariff": "High tariff", "access": "Partial"}}),
        },
    }
    fake.model.reset({"tool_calls": [call]})
    run = run_small(fake, tools=True)
    tool, answer = run.stages[0].exchanges[:2]
    assert tool.kind == "tool" and tool.move is None and not tool.invalid
    result = json.loads(tool.tool_results[0])
    assert result == {"utility": 0.72, "reservation_value": 0.3, "allowed": True}  # by hand
    assert answer.move is not None
    sent = fake.model.requests[1]
    assert sent["tools"][0]["function"]["name"] == "my_utility"
    assert sent["messages"][-1] == {
        "role": "tool",
        "tool_call_id": "c1",
        "content": tool.tool_results[0],
    }
    assert run.llm is not None and run.llm["tools"] is True


@pytest.mark.parametrize(
    "written",
    [  # as llama-cpp-python 0.3.36 returned Qwen2.5's call, and as Qwen2.5's template asks
        '{"name": "my_utility", "arguments": {"package": {"tariff": "High tariff", '
        '"access": "Partial"}}}',
        '<tool_call>\n{"name": "my_utility", "arguments": {"package": {"tariff": "High '
        'tariff", "access": "Partial"}}}\n</tool_call>',
    ],
)
def test_a_tool_call_written_in_the_text_is_answered_as_a_tool_call(
    fake: FakeServer, written: str
) -> None:
    fake.model.reset({"content": written})
    run = run_small(fake, tools=True)
    tool, answer = run.stages[0].exchanges[:2]
    assert tool.kind == "tool" and not tool.invalid
    assert json.loads(tool.tool_results[0])["utility"] == 0.72  # by hand, as above
    assert answer.move is not None
    assert fake.model.requests[1]["messages"][-1]["tool_call_id"] == "text-call-0"
    # without tools the same text is no move: an invalid reply, asked again
    fake.model.reset({"content": written})
    run = run_small(fake)
    first = run.stages[0].exchanges[0]
    assert first.invalid and first.error is not None and '"action"' in first.error


def test_the_prompt_depends_only_on_the_party_s_own_view() -> None:
    data = yaml.safe_load((DATA / "small.yaml").read_text())
    other = copy.deepcopy(data)
    other["parties"][1]["stances"]["tariff"]["values"] = {"high": 37, "low": 91}
    other["parties"][1]["reservation_value"] = 0.123
    prompts = []
    for scenario in (Scenario.model_validate(data), Scenario.model_validate(other)):
        space = build_space(scenario)
        view = public_view(scenario, space)
        prompts.append(
            [
                system_message(
                    view, own_preferences(space, p, [m.copy() for m in space.admissible]), False
                )
                for p in (0, 1)
            ]
        )
    assert prompts[0][0] == prompts[1][0]  # Alpha's prompt ignores Beta's numbers
    assert prompts[0][1] != prompts[1][1]  # ... which do show in Beta's own prompt
    assert "0.3000" in prompts[0][0] and "Beta" in prompts[0][0]


def test_replay_gives_the_same_run_without_the_endpoint(fake: FakeServer, tmp_path: Path) -> None:
    us = gb.load_scenario("us-china-2025")
    fake.model.reset(chaos=0.3)
    chosen = {"United States": "llm", "China": "llm"}
    first = simulate(us, chosen, rounds=6, seed=9, llm=settings(fake), record=tmp_path / "r.jsonl")
    sent = len(fake.model.requests)
    assert sent == first.metrics.counts.requests > 0  # type: ignore[union-attr]
    again = simulate(us, chosen, rounds=6, seed=9, llm=settings(fake), replay=tmp_path / "r.jsonl")
    assert len(fake.model.requests) == sent  # nothing sent
    assert again.to_dict() == first.to_dict()
    with pytest.raises(EndpointError, match=r"r\.jsonl"):
        simulate(us, chosen, rounds=6, seed=10, llm=settings(fake), replay=tmp_path / "r.jsonl")


def test_a_bad_recording_is_an_input_error_naming_its_line(
    tmp_path: Path, fake: FakeServer
) -> None:
    bad = tmp_path / "bad.jsonl"
    outcome = {"status": 200, "body": None, "error": None, "attempts": 1, "latency_ms": 2}
    line = json.dumps({"key": "k", "request": {}, "outcome": outcome})
    bad.write_text(line + "\nnot json\n")
    with pytest.raises(gb.InputError) as caught, open_client(settings(fake), replay=bad):
        pass
    assert caught.value.problems[0].line == 2
