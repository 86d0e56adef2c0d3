"""A fake OpenAI-compatible chat completions server for the ``llm`` strategy's tests.

``POST /v1/chat/completions`` answers from a script (a queue of scripted replies), and when
the script is empty, from a small deterministic **policy** that reads the prompt the way a
model would: its own utilities by option name, its reservation value, the turn and the offer
on the table. The policy concedes over time (from its best package towards its reservation
value, giving way first on the issues that matter least to it, to the option the other side
last asked for) and accepts what is worth its current target. It ignores bonuses, so it
sometimes offers a package worth less than it thinks; after a rejection it retreats to its
best package. It is no model: figures it produces measure the harness, not a language model.

Scripted replies (``FakeModel.script``), one per request:

* ``{"content": TEXT}``: a 200 with that message content (malformed JSON, illegal options...)
* ``{"status": 429 | 500 | ..., "headers": {...}, "message": TEXT}``: that error status (the
  error body's message is TEXT when given)
* ``{"sleep": SECONDS}``: wait, then answer from the policy (a timeout when longer than the
  client's)
* ``{"tool_calls": [...]}``: a reply calling tools
* ``{"echo_key": True}``: content that quotes the request's Authorization header (a server
  leaking the key back)
* ``"policy"``: the policy's answer

With ``chaos`` above 0, that share of the policy's answers (chosen by a hash of the request,
so the same request always gets the same answer) is replaced by junk: malformed JSON, an
unknown option, a package missing an issue, an unknown action, an acceptance or an empty
reply.

Run it alone with ``python -m tests.simulate.llm_fake PORT`` (from the project folder).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

_ISSUE = re.compile(r'^\d+\. .* \(key "(?P<key>[^"]+)"\)$')
_OPTION = re.compile(r'^   - "(?P<name>.*)": (?P<value>-?\d+\.\d+)(?P<off>  \(off limits.*)?$')
_TURN = re.compile(r"^Turn (\d+) of (\d+)")
_RESERVATION = re.compile(r"^Your reservation value now: (-?\d+\.\d+)")
_RULE = re.compile(r"^- rule for everyone: a package with (?P<when>.*?): (?P<needs>.*)$")
_PAIR = re.compile(r'"(?P<name>[^"]*)" on "(?P<key>[^"]*)"')
_NEED = re.compile(r'"(?P<key>[^"]*)" must then be one of (?P<names>.*)')
_OFFER = re.compile(r"^(?:On the table:|-) turn \d+, [^:]+: (?P<body>.*)$")


@dataclass
class FakeModel:
    """The server's state: the script, and every request received (body and headers)."""

    script: deque[Any] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    chaos: float = 0.0

    def reset(self, *items: Any, chaos: float = 0.0) -> None:
        """Empty the log and load a new script."""
        with self.lock:
            self.chaos = chaos
            self.script = deque(items)
            self.requests.clear()
            self.headers.clear()


def _parse_system(text: str) -> dict[str, list[tuple[str, float, bool]]]:
    issues: dict[str, list[tuple[str, float, bool]]] = {}
    current = None
    for line in text.splitlines():
        if match := _ISSUE.match(line):
            current = match["key"]
            issues[current] = []
        elif (match := _OPTION.match(line)) and current is not None:
            issues[current].append((match["name"], float(match["value"]), not match["off"]))
    return issues


Rule = tuple[dict[str, str], dict[str, set[str]]]


def _parse_rules(text: str) -> list[Rule]:
    rules = []
    for line in text.splitlines():
        if match := _RULE.match(line):
            when = {m["key"]: m["name"] for m in _PAIR.finditer(match["when"])}
            needs = {}
            for part in match["needs"].split("; "):
                if need := _NEED.match(part):
                    needs[need["key"]] = set(re.findall(r'"([^"]*)"', need["names"]))
            rules.append((when, needs))
    return rules


def _obey(
    issues: dict[str, list[tuple[str, float, bool]]], rules: list[Rule], package: dict[str, str]
) -> None:
    """Change the first option a broken rule names to the party's next best, until none is."""
    for _ in range(20):
        broken = [
            when
            for when, needs in rules
            if all(package.get(k) == n for k, n in when.items())
            and any(package.get(k) not in names for k, names in needs.items())
        ]
        if not broken:
            return
        key, name = next(iter(broken[0].items()))
        others = [o for o in issues[key] if o[2] and o[0] != name]
        package[key] = max(others, key=lambda o: o[1])[0]


def _parse_package(body: str) -> dict[str, str]:
    found = {}
    for part in body.split("; "):
        key, _, name = part.partition(": ")
        found[key] = name
    return found


def _value(issues: dict[str, list[tuple[str, float, bool]]], package: dict[str, str]) -> float:
    total = 0.0
    for key, options in issues.items():
        total += next((v for n, v, _ in options if n == package.get(key)), 0.0)
    return total


def policy(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The policy's move for a request's messages (see the module docstring)."""
    issues = _parse_system(str(messages[0]["content"]))
    user = str(messages[1]["content"]).splitlines()
    turn, total, reservation, table, wanted = 1, 1, 0.0, None, {}
    for line in user:
        if match := _TURN.match(line):
            turn, total = int(match[1]), int(match[2])
        elif match := _RESERVATION.match(line):
            reservation = float(match[1])
        elif match := _OFFER.match(line):
            wanted = _parse_package(match["body"])
            if line.startswith("On the table:"):
                table = wanted
        elif line.startswith("On the table: the offer of turn"):
            table = wanted
    best = {k: max((o for o in opts if o[2]), key=lambda o: o[1]) for k, opts in issues.items()}
    top = sum(o[1] for o in best.values())
    target = top - (turn - 1) / total * 0.9 * (top - reservation)
    package = {k: o[0] for k, o in best.items()}
    retried = len(messages) > 2
    if not retried:
        _concede(issues, best, package, wanted, target)
    _obey(issues, _parse_rules(str(messages[0]["content"])), package)
    task = user[-1]
    if task.startswith("Make your offer"):
        return {"action": "offer", "package": package, "note": "fake policy"}
    accept = table is not None and not retried and _value(issues, table) >= target
    if task.startswith("Vote"):
        return {"action": "accept" if accept else "reject", "note": "fake policy"}
    if accept:
        return {"action": "accept", "package": None, "note": "fake policy"}
    return {"action": "counter-offer", "package": package, "note": "fake policy"}


def _concede(
    issues: dict[str, list[tuple[str, float, bool]]],
    best: dict[str, tuple[str, float, bool]],
    package: dict[str, str],
    wanted: dict[str, str],
    target: float,
) -> None:
    value = sum(o[1] for o in best.values())
    losses = []
    for key, options in issues.items():
        ask = next((o for o in options if o[0] == wanted.get(key) and o[2]), None)
        if ask is not None and ask[0] != best[key][0]:
            losses.append((best[key][1] - ask[1], key, ask[0]))
    for loss, key, name in sorted(losses):
        if value - loss < target:
            break
        package[key] = name
        value -= loss


def _completion(
    content: str | None, messages: list[dict[str, Any]], calls: Any = None
) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls is not None:
        message["tool_calls"] = calls
    size = sum(len(str(m.get("content") or "")) for m in messages)
    return {
        "id": "fake",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": size // 4, "completion_tokens": len(content or "") // 4},
    }


JUNK = (
    '{"action": "offer", "package": {',
    "Sure! I would like to propose a fair deal.",
    '{"action": "offer", "package": {"no-such-issue": "x"}, "note": ""}',
    '{"action": "dance", "package": null, "note": ""}',
    '{"action": "accept", "package": null, "note": "fine"}',
    "",
)


def _junk(body: dict[str, Any], chaos: float) -> str | None:
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    if draw >= chaos:
        return None
    return JUNK[digest[8] % len(JUNK)]


def make_app(model: FakeModel) -> FastAPI:
    """The fake server around ``model``."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def complete(request: Request) -> JSONResponse:
        body = await request.json()
        with model.lock:
            model.requests.append(body)
            model.headers.append(dict(request.headers))
            item = model.script.popleft() if model.script else "policy"
        messages = body["messages"]
        if isinstance(item, dict) and "status" in item:
            text = item.get("message", f"scripted {item['status']}")
            error = {"error": {"message": text}}
            return JSONResponse(error, status_code=item["status"], headers=item.get("headers"))
        if isinstance(item, dict) and "sleep" in item:
            await asyncio.sleep(item["sleep"])  # the client times out meanwhile
            item = "policy"
        if isinstance(item, dict) and "content" in item:
            return JSONResponse(_completion(item["content"], messages))
        if isinstance(item, dict) and "tool_calls" in item:
            return JSONResponse(_completion(None, messages, item["tool_calls"]))
        if isinstance(item, dict) and item.get("echo_key"):
            leaked = request.headers.get("authorization", "")
            return JSONResponse(_completion(f"my key is {leaked}", messages))
        junk = _junk(body, model.chaos)
        if junk is not None:
            return JSONResponse(_completion(junk, messages))
        return JSONResponse(_completion(json.dumps(policy(messages)), messages))

    return app


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(make_app(FakeModel()), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
