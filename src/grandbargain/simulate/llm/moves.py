"""Reading a model's reply: the text or tool calls out of the response body, the move out of
the text, and the checks every move passes before the engine sees it.

The JSON schema sent with the request is a request, not a guarantee (many servers ignore
it), so every reply is checked here: one JSON object (a ```json fence, text around it or a
``<think>`` block before it is tolerated), a known action for what was asked, and for a
package every issue once with a known option name or id. Then the contract every strategy
keeps: a package offered or accepted must be one the party may offer (its red lines,
withdrawn options, public rules) and worth at least its reservation value now. A reply that
fails any check is an invalid move; the message of :class:`InvalidReply` is what the model
is told before it tries again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grandbargain.simulate.base import OwnPreferences, Package
from grandbargain.simulate.llm.prompt import ACTIONS, TOOL_NAME, PublicView
from grandbargain.space import TOLERANCE

_SYNONYMS = {
    "accepted": "accept",
    "yes": "accept",
    "no": "reject",
    "rejected": "reject",
    "counter": "counter-offer",
    "counteroffer": "counter-offer",
    "counter_offer": "counter-offer",
    "walk_away": "walk-away",
    "walkaway": "walk-away",
    "walk away": "walk-away",
}


class InvalidReply(ValueError):
    """A reply the engine cannot use; the message says why, to the model."""


@dataclass(frozen=True)
class Move:
    """A checked move: an action and, for offers and counter-offers, a package."""

    action: str
    package: Package | None


@dataclass(frozen=True)
class Reply:
    """What a response body holds: the text, any tool calls, and the token counts."""

    text: str | None
    tool_calls: tuple[Mapping[str, Any], ...]
    tokens_in: int
    tokens_out: int


def read_reply(body: Mapping[str, Any]) -> Reply:
    """The first choice's content and tool calls, and the usage counts (0 when absent)."""
    usage = body.get("usage")
    usage = usage if isinstance(usage, dict) else {}
    tokens_in, tokens_out = usage.get("prompt_tokens"), usage.get("completion_tokens")
    choices = body.get("choices")
    message: Any = {}
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        message = choices[0].get("message") or {}
    if not isinstance(message, dict):
        message = {}
    content = message.get("content")
    calls = message.get("tool_calls")
    return Reply(
        content if isinstance(content, str) else None,
        tuple(c for c in calls if isinstance(c, dict)) if isinstance(calls, list) else (),
        tokens_in if isinstance(tokens_in, int) and not isinstance(tokens_in, bool) else 0,
        tokens_out if isinstance(tokens_out, int) and not isinstance(tokens_out, bool) else 0,
    )


_THINKING = re.compile(r"<think>.*?</think>", re.S | re.I)


def json_object(text: str) -> dict[str, Any]:
    """The JSON object in ``text`` (fences, surrounding words and a reasoning model's
    ``<think>...</think>`` block tolerated)."""
    text = _THINKING.sub("", text)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise InvalidReply("the reply holds no JSON object; answer with one JSON object only")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as error:
        raise InvalidReply(
            f"the reply is not valid JSON ({error.msg}); answer with one JSON object only"
        ) from None
    if not isinstance(data, dict):
        raise InvalidReply("the reply must be a JSON object")
    return data


_TOOL_TAG = re.compile(r"<tool_call>(.*?)</tool_call>", re.S)


def text_tool_calls(reply: Reply) -> Reply:
    """``reply`` with ``my_utility`` calls written in its text made tool calls.

    Servers that do not parse tool calls pass on what the model wrote: llama-cpp-python
    (0.3.36, with the model's own chat template) returned Qwen2.5's call as the content
    ``{"name": "my_utility", "arguments": {...}}``, and the template asks for it inside
    ``<tool_call>`` tags. A text that is nothing but such calls becomes those calls (ids
    ``text-call-K``); any other text, and a reply that already has tool calls, is unchanged.
    """
    if reply.tool_calls or not reply.text:
        return reply
    calls: list[Mapping[str, Any]] = []
    for k, part in enumerate(_TOOL_TAG.findall(reply.text) or [reply.text]):
        try:
            data = json_object(part)
        except InvalidReply:
            return reply
        arguments = data.get("arguments")
        if data.get("name") != TOOL_NAME or set(data) != {"name", "arguments"}:
            return reply
        text = arguments if isinstance(arguments, str) else json.dumps(arguments)
        function = {"name": TOOL_NAME, "arguments": text}
        calls.append({"id": f"text-call-{k}", "type": "function", "function": function})
    return Reply(reply.text, tuple(calls), reply.tokens_in, reply.tokens_out)


def _option(view: PublicView, issue: int, value: Any) -> int:
    if not isinstance(value, str):
        raise InvalidReply(f'"{view.issue_ids[issue]}" needs an option name, as text')
    wanted = value.strip().casefold()
    for o, (name, option_id) in enumerate(
        zip(view.option_names[issue], view.option_ids[issue], strict=True)
    ):
        if wanted in (name.casefold(), option_id.casefold()):
            return o
    known = ", ".join(f'"{name}"' for name in view.option_names[issue])
    raise InvalidReply(
        f'"{value}" is not an option of "{view.issue_ids[issue]}"; the options are {known}'
    )


def read_package(view: PublicView, data: Any) -> Package:
    """A package from ``{issue_id: option name or id}`` covering every issue once."""
    if not isinstance(data, dict):
        raise InvalidReply("the package must be an object with every issue key")
    unknown = [key for key in data if key not in view.issue_ids]
    if unknown:
        raise InvalidReply(f"unknown issue keys: {', '.join(map(str, unknown))}")
    missing = [issue for issue in view.issue_ids if issue not in data]
    if missing:
        raise InvalidReply(f"the package leaves out: {', '.join(missing)}; settle every issue")
    return tuple(_option(view, k, data[issue]) for k, issue in enumerate(view.issue_ids))


def read_move(view: PublicView, kind: str, text: str | None) -> Move:
    """The move a reply's text states, checked for form (not yet for worth)."""
    if text is None or not text.strip():
        raise InvalidReply("the reply is empty; answer with one JSON object")
    data = json_object(text)
    raw = data.get("action")
    action = str(raw).strip().lower() if isinstance(raw, str) else ""
    action = _SYNONYMS.get(action, action)
    if kind == "respond" and action in ("reject", "offer") and data.get("package") is not None:
        action = "counter-offer"
    if action not in ACTIONS[kind]:
        allowed = ", ".join(ACTIONS[kind])
        raise InvalidReply(f'"action" must be one of: {allowed}')
    if action in ("offer", "counter-offer"):
        return Move(action, read_package(view, data.get("package")))
    return Move(action, None)


def check_worth(
    view: PublicView, preferences: OwnPreferences, floor: float, package: Package
) -> None:
    """Raise :class:`InvalidReply` unless the party may offer ``package`` and it is worth at
    least ``floor`` (its undiscounted reservation level)."""
    if not preferences.allows(package):
        raise InvalidReply(
            "that package has an option that is off limits to you or breaks a rule; choose another"
        )
    value = preferences.utility(package)
    if value < floor - TOLERANCE:
        raise InvalidReply(
            f"that package is worth {value:.4f} to you, below your reservation value "
            f"{floor:.4f}; never offer or accept less than your reservation value"
        )


def move_data(view: PublicView, move: Move) -> dict[str, Any]:
    """The move as plain data, its package by option ids."""
    return {
        "action": move.action,
        "package": None if move.package is None else view.package_ids(move.package),
    }


def tool_answer(
    view: PublicView, preferences: OwnPreferences, floor: float, call: Mapping[str, Any]
) -> str:
    """The text result of one ``my_utility`` call (an error text for a bad call)."""
    function = call.get("function")
    raw = function.get("arguments") if isinstance(function, dict) else None
    try:
        arguments = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(arguments, dict):
            raise InvalidReply("the arguments must be a JSON object with a package")
        package = read_package(view, arguments.get("package"))
    except (InvalidReply, json.JSONDecodeError) as error:
        return json.dumps({"error": str(error)})
    return json.dumps(
        {
            "utility": round(preferences.utility(package), 6),
            "reservation_value": round(floor, 6),
            "allowed": preferences.allows(package),
        }
    )
