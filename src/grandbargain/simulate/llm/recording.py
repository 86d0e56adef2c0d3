"""``--record FILE`` / ``--replay FILE``: every request and what came back, keyed by a hash.

A recording is JSON Lines: one object per request sent, ``{"key", "request", "outcome"}``.
``key`` is the SHA-256 of the request body as canonical JSON (sorted keys, no spaces); the
body carries the model, the messages, the schema, the tools, the temperature and a seed drawn
from the run's seed, and never the API key (that travels in a header only). ``outcome`` is
what the client made of the exchange: the HTTP status, the response body (or None), an error
text (or None), how many sends it took and the latency in milliseconds.

Replaying answers each request from the recording, without the network, so a run replays
exactly: same transcript, same latencies, same token counts. A request the recording lacks
is an input error naming the file (the run diverged: another scenario, seed or prompt).
Recording writes the file as it goes (created or replaced at the start, one line per new
request, flushed), so an interrupted run keeps what it paid for; a request already seen in
this run is answered from memory rather than sent twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grandbargain.files import check_output, os_problem, read_input
from grandbargain.model.errors import InputError, Problem

MAX_RECORDING_BYTES = 512 * 1024 * 1024
"""Largest recording read for ``--replay`` (512 MiB)."""


def request_key(body: Mapping[str, Any]) -> str:
    """The SHA-256 hex digest of ``body`` as canonical JSON."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Outcome:
    """What one request came to, after every re-send."""

    status: int | None
    body: Mapping[str, Any] | None
    error: str | None
    attempts: int
    latency_ms: float

    @property
    def refuses_format(self) -> bool:
        """Whether the server turned the request down over its ``response_format`` field (an
        error status whose message names the field: llama-cpp-python answers a
        ``json_schema`` format with a 500, which sending again cannot change)."""
        status = self.status
        return status is not None and status >= 400 and "response_format" in (self.error or "")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a recording line."""
        return {
            "status": self.status,
            "body": None if self.body is None else dict(self.body),
            "error": self.error,
            "attempts": self.attempts,
            "latency_ms": self.latency_ms,
        }


def _outcome(data: Any, name: str, line: int) -> Outcome:
    def bad(field: str, message: str) -> InputError:
        return InputError([Problem(name, line, 1, field, message)])

    if not isinstance(data, dict) or not isinstance(data.get("outcome"), dict):
        raise bad("outcome", "expected an object with key, request and outcome")
    if not isinstance(data.get("key"), str):
        raise bad("key", "expected the request's hash")
    raw = data["outcome"]
    status, body, error = raw.get("status"), raw.get("body"), raw.get("error")
    attempts, latency = raw.get("attempts"), raw.get("latency_ms")
    if status is not None and not isinstance(status, int):
        raise bad("outcome.status", "expected an integer or null")
    if body is not None and not isinstance(body, dict):
        raise bad("outcome.body", "expected an object or null")
    if error is not None and not isinstance(error, str):
        raise bad("outcome.error", "expected text or null")
    if not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 0:
        raise bad("outcome.attempts", "expected a count")
    if not isinstance(latency, int | float) or isinstance(latency, bool):
        raise bad("outcome.latency_ms", "expected a number")
    return Outcome(status, body, error, attempts, float(latency))


def load_recording(path: str | os.PathLike[str]) -> dict[str, Outcome]:
    """The outcomes of a recording by request key; bad files are input errors."""
    name = os.fspath(path)
    raw = read_input(path, "--replay", MAX_RECORDING_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem(name, 0, 0, "--replay", "not UTF-8 text")]) from None
    found: dict[str, Outcome] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"not a recording line: {error.msg}"
            raise InputError([Problem(name, number, error.colno, "", message)]) from None
        found.setdefault(
            str(data.get("key") if isinstance(data, dict) else ""), _outcome(data, name, number)
        )
    if not found:
        raise InputError([Problem(name, 0, 0, "--replay", "the recording holds no request")])
    return found


class Recorder:
    """Appends one line per new request to a recording file (thread-safe)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._name = os.fspath(path)
        target = check_output(path, "--record")
        try:
            self._handle: io.TextIOWrapper | None = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise InputError([os_problem(self._name, "--record", error, "cannot write")]) from None
        self._seen: dict[str, Outcome] = {}
        self._lock = threading.Lock()

    def seen(self, key: str) -> Outcome | None:
        """The outcome of a request already recorded in this run, if any."""
        with self._lock:
            return self._seen.get(key)

    def add(self, key: str, body: Mapping[str, Any], outcome: Outcome) -> None:
        """Record one request and its outcome (the first outcome of a key wins)."""
        line = json.dumps(
            {"key": key, "request": dict(body), "outcome": outcome.to_dict()}, ensure_ascii=False
        )
        with self._lock:
            if key in self._seen or self._handle is None:
                return
            self._seen[key] = outcome
            try:
                self._handle.write(line + "\n")
                self._handle.flush()
            except OSError as error:
                raise InputError(
                    [os_problem(self._name, "--record", error, "cannot write")]
                ) from None

    def close(self) -> None:
        """Close the file (idempotent)."""
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None
