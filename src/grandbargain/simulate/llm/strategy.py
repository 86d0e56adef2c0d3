"""The ``llm`` strategy: a language model behind an OpenAI-compatible endpoint negotiates for
one party, seeing only that party's view (:mod:`.prompt`).

Each move is one request (several with tool calls): an offer when the party opens or
proposes; under alternating offers, one answer to the offer on the table that may carry the
counter-offer (so a turn costs one request, not two); under voting, a vote. Every reply is
checked (:mod:`.moves`). An unusable reply - not JSON, an unknown action or option, a
package the party may not offer, or an offer or acceptance worth less than its reservation
value - is an **invalid move**: the model is shown its reply and why it failed, and asked
again, at most ``retries`` times. When those are spent the move falls back to the settings'
``fallback``:

* ``repeat`` (default): an offer repeats the party's last valid offer (its own best package
  if it has none, or if the last is no longer worth its reservation value); an answer
  rejects the offer on the table (and the party then repeats its last offer); a vote rejects.
* ``walk-away``: the party walks away.

Like every built-in strategy it walks away without asking the model when no package it may
offer is worth its reservation value, so with ``repeat`` it keeps the strategy contract
whatever the model says. A request that gets no usable reply (the endpoint failed after its
re-sends) counts as an invalid move too; three such in a row, or a 401, 403, 404 or 405,
end the run with an :class:`~.client.EndpointError` (a configuration problem, not a move).

Every request is an :class:`~.exchange.Exchange` in the session's shared transcript. The seed
of each request (the ``seed`` field of the body) and the backoff jitter derive from the
strategy's generator and the turn and attempt, so a replay sends the very same requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from grandbargain.simulate.base import Action, Observation, Offer, Package
from grandbargain.simulate.llm.exchange import Exchange
from grandbargain.simulate.llm.moves import (
    InvalidReply,
    Move,
    Reply,
    check_worth,
    move_data,
    read_move,
    read_reply,
    text_tool_calls,
    tool_answer,
)
from grandbargain.simulate.llm.prompt import (
    KINDS,
    PublicView,
    bare_view,
    response_format,
    system_message,
    tool_spec,
    user_message,
)
from grandbargain.simulate.llm.recording import Outcome
from grandbargain.simulate.llm.settings import endpoint_error
from grandbargain.space import TOLERANCE

if TYPE_CHECKING:
    from grandbargain.simulate.llm.client import LLMClient

MAX_TOOL_ROUNDS = 4
"""Tool calls answered per attempt; a reply still calling the tool after them is invalid."""
MAX_FAILED_IN_A_ROW = 3
FATAL_STATUSES = frozenset({401, 403, 404, 405})


class Transcript:
    """The exchanges of one session, in the order they happened (shared by its LLM seats)."""

    def __init__(self) -> None:
        self.items: list[Exchange] = []
        self._lock = threading.Lock()

    def add(self, **fields: Any) -> None:
        """Append one exchange, numbered in order."""
        with self._lock:
            self.items.append(Exchange(sequence=len(self.items), **fields))


class LLMNegotiator:
    """A language model negotiating through an OpenAI-compatible endpoint."""

    name: ClassVar[str] = "llm"
    description: ClassVar[str] = (
        "A language model behind an OpenAI-compatible endpoint (--llm-url, --llm-model); "
        "sees only its own utilities, reservation value and the offers; replies checked."
    )
    memoryless: ClassVar[bool] = False

    def __init__(
        self,
        rng: np.random.Generator,
        client: LLMClient,
        view: PublicView | None = None,
        transcript: Transcript | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self._seed = int(rng.integers(0, 2**31 - 1))
        self._client = client
        self._view = view
        self.transcript = transcript if transcript is not None else Transcript()
        self._progress = progress
        self._pending: tuple[int, Package] | None = None
        self._last: Package | None = None
        self._failed = 0

    # --- the strategy protocol -------------------------------------------------------

    def propose(self, observation: Observation) -> Package | None:
        """The package to offer now (None: walk away; see the module docstring)."""
        floor = reservation_level(observation)
        preferences = observation.preferences
        if preferences.curve.best < floor - TOLERANCE:
            return None
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == observation.turn:
            package: Package | None = pending[1]
        else:
            move = self._ask(observation, "offer", floor)
            package = None if move is None else move.package
        if package is None:
            package = self._fallback_offer(observation, floor)
        else:
            self._last = package
        self._tick(observation)
        return package

    def respond(self, observation: Observation, offer: Offer) -> Action:
        """Accept, reject (with a counter-offer under alternating offers) or walk away."""
        floor = reservation_level(observation)
        if observation.preferences.curve.best < floor - TOLERANCE:
            return Action.WALK_AWAY
        view = self._view_for(observation)
        move = self._ask(observation, "vote" if view.voting else "respond", floor, offer)
        self._tick(observation)
        if move is None:
            if self._client.settings.fallback == "walk-away":
                return Action.WALK_AWAY
            if not view.voting:  # reject, and repeat the last offer without asking again
                self._pending = (observation.turn, self._repeat(observation, floor))
            return Action.REJECT
        if move.action == "accept":
            return Action.ACCEPT
        if move.action == "walk-away":
            return Action.WALK_AWAY
        if move.package is not None:
            self._pending = (observation.turn, move.package)
        return Action.REJECT

    # --- asking ----------------------------------------------------------------------

    def _view_for(self, observation: Observation) -> PublicView:
        if self._view is None:
            self._view = bare_view(observation.preferences, observation.n_parties)
        return self._view

    def _tick(self, observation: Observation) -> None:
        if self._progress is not None:
            self._progress(observation.turn + 1, observation.turns_total)

    def _fallback_offer(self, observation: Observation, floor: float) -> Package | None:
        if self._client.settings.fallback == "walk-away":
            return None
        return self._repeat(observation, floor)

    def _repeat(self, observation: Observation, floor: float) -> Package:
        """The last valid offer if still allowed and worth it, else the party's best."""
        preferences = observation.preferences
        last = self._last
        if last is not None and preferences.allows(last):
            if preferences.utility(last) >= floor - TOLERANCE:
                return last
        curve = preferences.curve
        self._last = curve.at_least(curve.best)
        return self._last

    def _ask(
        self, observation: Observation, kind: str, floor: float, offer: Offer | None = None
    ) -> Move | None:
        view = self._view_for(observation)
        settings = self._client.settings
        messages: list[dict[str, Any]] = [
            {
                "role": "system",
                "content": system_message(view, observation.preferences, settings.tools),
            },
            {"role": "user", "content": user_message(view, observation, kind, settings.history)},
        ]
        for attempt in range(settings.retries + 1):
            move, said, why = self._attempt(observation, kind, floor, offer, messages, attempt)
            if move is not None:
                return move
            if said is not None:
                messages = [
                    *messages,
                    {"role": "assistant", "content": said},
                    {
                        "role": "user",
                        "content": f"That answer cannot be used: {why}. Answer again.",
                    },
                ]
        return None

    def _attempt(
        self,
        observation: Observation,
        kind: str,
        floor: float,
        offer: Offer | None,
        messages: list[dict[str, Any]],
        attempt: int,
    ) -> tuple[Move | None, str | None, str]:
        """One attempt at a move, tool calls included: (move, the reply's text, why not)."""
        view = self._view_for(observation)
        chat = list(messages)
        for tool_round in range(MAX_TOOL_ROUNDS + 1):
            outcome = self._send(view, kind, chat, observation.turn, attempt, tool_round)
            entry = _Entry(observation, kind, attempt, chat, outcome)
            if outcome.body is None:
                self._record(entry, None, None, outcome.error or "no reply")
                return None, None, outcome.error or "no reply"
            tools_on = self._client.settings.tools
            reply = read_reply(outcome.body)
            reply = text_tool_calls(reply) if tools_on else reply
            if reply.tool_calls and tools_on and tool_round < MAX_TOOL_ROUNDS:
                chat = self._answer_tools(view, observation, floor, reply, entry, chat)
                continue
            try:
                move = self._checked(view, observation, kind, floor, offer, reply)
            except InvalidReply as error:
                self._record(entry, reply, None, str(error))
                return None, reply.text or "", str(error)
            self._record(entry, reply, move_data(view, move), None)
            return move, reply.text, ""
        raise AssertionError("unreachable: the last tool round never continues")

    def _checked(
        self,
        view: PublicView,
        observation: Observation,
        kind: str,
        floor: float,
        offer: Offer | None,
        reply: Reply,
    ) -> Move:
        if reply.tool_calls and not reply.text:
            raise InvalidReply("answer with the JSON object now, not with a tool call")
        move = read_move(view, kind, reply.text)
        if move.package is not None:
            check_worth(view, observation.preferences, floor, move.package)
        elif move.action == "accept" and offer is not None:
            check_worth(view, observation.preferences, floor, offer.package)
        return move

    def _answer_tools(
        self,
        view: PublicView,
        observation: Observation,
        floor: float,
        reply: Reply,
        entry: _Entry,
        chat: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        preferences = observation.preferences
        results = tuple(tool_answer(view, preferences, floor, call) for call in reply.tool_calls)
        self._record(entry, reply, None, None, results, kind="tool")
        answers = [
            {"role": "tool", "tool_call_id": str(call.get("id", "")), "content": result}
            for call, result in zip(reply.tool_calls, results, strict=True)
        ]
        said = {"role": "assistant", "content": reply.text, "tool_calls": list(reply.tool_calls)}
        return [*chat, said, *answers]

    def _send(
        self,
        view: PublicView,
        kind: str,
        chat: list[dict[str, Any]],
        turn: int,
        attempt: int,
        tool_round: int,
    ) -> Outcome:
        settings = self._client.settings
        k = KINDS.index(kind)
        body: dict[str, Any] = {
            "model": settings.model,
            "messages": chat,
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
            "seed": (self._seed + 7919 * turn + 104_729 * attempt + 31 * tool_round + k) % 2**31,
            "stream": False,
        }
        wanted = response_format(view, kind, settings.json_mode)
        if wanted is not None:
            body["response_format"] = wanted
        if settings.tools:
            body["tools"] = tool_spec(view)
        jitter = np.random.default_rng([self._seed, turn, attempt, tool_round, k])
        outcome = self._client.complete(body, jitter)
        self._judge(outcome)
        return outcome

    def _judge(self, outcome: Outcome) -> None:
        """End the run over a refused request or too many failed ones in a row."""
        if outcome.status in FATAL_STATUSES:
            raise endpoint_error("--llm-url", f"the endpoint refused the request: {outcome.error}")
        if outcome.refuses_format:
            mode = self._client.settings.json_mode
            hint = "object or none" if mode == "schema" else "none"
            message = f"the server rejects --llm-json {mode}; try --llm-json {hint}"
            raise endpoint_error("--llm-json", f"{message} ({outcome.error})")
        if outcome.body is not None:
            self._failed = 0
            return
        self._failed += 1
        if self._failed >= MAX_FAILED_IN_A_ROW:
            message = f"{self._failed} requests in a row got no usable reply; the last: "
            raise endpoint_error("--llm-url", message + (outcome.error or "no reply"))

    def _record(
        self,
        entry: _Entry,
        reply: Reply | None,
        move: Mapping[str, Any] | None,
        error: str | None,
        tool_results: tuple[str, ...] = (),
        kind: str | None = None,
    ) -> None:
        observation, outcome = entry.observation, entry.outcome
        raw = None
        if reply is not None:
            raw = reply.text if not reply.tool_calls else _calls_text(reply)
        self.transcript.add(
            party=observation.party,
            turn=observation.turn,
            round=observation.round,
            kind=kind or entry.kind,
            attempt=entry.attempt,
            messages=tuple(dict(m) for m in entry.chat),
            reply=raw,
            move=move,
            error=error,
            tokens_in=0 if reply is None else reply.tokens_in,
            tokens_out=0 if reply is None else reply.tokens_out,
            latency_ms=outcome.latency_ms,
            http_attempts=outcome.attempts,
            status=outcome.status,
            tool_results=tool_results,
        )


class _Entry:
    """What an exchange record needs besides the reply (a plain holder)."""

    def __init__(
        self,
        observation: Observation,
        kind: str,
        attempt: int,
        chat: list[dict[str, Any]],
        outcome: Outcome,
    ) -> None:
        self.observation = observation
        self.kind = kind
        self.attempt = attempt
        self.chat = chat
        self.outcome = outcome


def _calls_text(reply: Reply) -> str:
    return json.dumps({"content": reply.text, "tool_calls": list(reply.tool_calls)})


def reservation_level(observation: Observation) -> float:
    """The undiscounted utility a package needs to be worth the reservation value now (as
    the built-in strategies compute it)."""
    if observation.discount is None:
        return observation.reservation
    return float(observation.reservation / observation.discount**observation.t)
