"""One request to the model and what came of it: the transcript entry of the ``llm`` strategy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Exchange:
    """One request and its reply, as the run used them.

    ``kind`` is ``offer``, ``respond``, ``vote`` or ``tool`` (a reply that called the
    ``my_utility`` tool; ``tool_results`` holds the answers sent back). ``attempt`` counts the
    re-asks of the same move from 0. ``reply`` is the raw text (or the tool calls as JSON);
    ``move`` the checked move with its package by option ids (None when the reply was not
    usable, ``error`` then says why). ``status`` is the final HTTP status (None: no reply),
    ``http_attempts`` how many sends it took, ``latency_ms`` the last send's time.
    """

    sequence: int
    party: int
    turn: int
    round: int
    kind: str
    attempt: int
    messages: tuple[Mapping[str, Any], ...]
    reply: str | None
    move: Mapping[str, Any] | None
    error: str | None
    tokens_in: int
    tokens_out: int
    latency_ms: float
    http_attempts: int
    status: int | None
    tool_results: tuple[str, ...] = ()

    @property
    def invalid(self) -> bool:
        """Whether the reply was not a usable move (a tool call is not invalid)."""
        return self.kind != "tool" and self.move is None

    def to_dict(self, parties: tuple[str, ...]) -> dict[str, Any]:
        """Plain data for the simulation's JSON (schema ``$defs/exchange``)."""
        return {
            "sequence": self.sequence,
            "party": parties[self.party],
            "turn": self.turn,
            "round": self.round,
            "kind": self.kind,
            "attempt": self.attempt,
            "messages": [dict(m) for m in self.messages],
            "reply": self.reply,
            "move": None if self.move is None else dict(self.move),
            "error": self.error,
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "latency_ms": self.latency_ms,
            "http_attempts": self.http_attempts,
            "status": self.status,
            "tool_results": list(self.tool_results),
        }
