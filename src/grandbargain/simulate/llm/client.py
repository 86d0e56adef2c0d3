"""The HTTP side of the ``llm`` strategy: one POST per request to an OpenAI-compatible
``/v1/chat/completions`` endpoint, with timeouts, bounded re-sends and exponential backoff.

A 429, a 5xx, a timeout, a lost connection or a body that is not JSON is sent again, up to
``http_retries`` times, after ``backoff * 2**k * (0.5 + j)`` seconds (``j`` uniform in
[0, 1) from a generator seeded by the run's seed, so the waits replay too; a ``Retry-After``
of at most 60 seconds is honoured when longer). Any other status is final, and so is an error
that names the request's ``response_format`` field, whatever its status (llama-cpp-python's
server answers a ``json_schema`` format with a 500 that sending again cannot change). The
client never raises over what the server does: every request ends in an :class:`Outcome`,
which the strategy judges (:mod:`.strategy`).

The API key is read once from the environment variable the settings name and sent only in
the ``Authorization`` header. Every text the client keeps (error messages, response bodies)
has the key replaced by ``[redacted]``, so that a server echoing it cannot put it in a
transcript or a recording.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import numpy as np

from grandbargain.simulate.llm.recording import Outcome, Recorder, request_key
from grandbargain.simulate.llm.settings import LLMSettings, endpoint_error

RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
"""Statuses worth sending again (besides any other 5xx)."""
MAX_RETRY_AFTER = 60.0
REDACTED = "[redacted]"


class Redactor:
    """Replaces a secret in texts and in JSON-like data."""

    def __init__(self, secret: str | None) -> None:
        self._secret = secret if secret and len(secret) >= 4 else None

    def text(self, value: str) -> str:
        """``value`` without the secret."""
        return value if self._secret is None else value.replace(self._secret, REDACTED)

    def data(self, value: Any) -> Any:
        """``value`` (dicts, lists, strings, numbers) with the secret replaced in every string."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


class LLMClient:
    """Sends chat completion requests (or answers them from a recording); thread-safe."""

    def __init__(
        self,
        settings: LLMSettings,
        replay: Mapping[str, Outcome] | None = None,
        recorder: Recorder | None = None,
        sleep: Callable[[float], None] = time.sleep,
        replay_name: str = "--replay",
    ) -> None:
        self.settings = settings
        self._replay = replay
        self._replay_name = replay_name
        self._recorder = recorder
        self._sleep = sleep
        key = os.environ.get(settings.key_env) or None
        self._redactor = Redactor(key)
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        self._http: httpx.Client | None = None
        if replay is None:
            self._http = httpx.Client(timeout=settings.timeout, headers=headers)

    def redact(self, text: str) -> str:
        """``text`` without the API key."""
        return self._redactor.text(text)

    def complete(self, body: Mapping[str, Any], jitter: np.random.Generator) -> Outcome:
        """The outcome of one request (from the recording when replaying)."""
        key = request_key(body)
        if self._replay is not None:
            found = self._replay.get(key)
            if found is None:
                raise endpoint_error(
                    self._replay_name,
                    "the recording has no reply to a request of this run (another scenario, "
                    "seed, model or prompt than the recorded run?)",
                )
            return found
        if self._recorder is not None and (seen := self._recorder.seen(key)) is not None:
            return seen
        outcome = self._send(body, jitter)
        if self._recorder is not None:
            self._recorder.add(key, body, outcome)
        return outcome

    def close(self) -> None:
        """Close the connection pool and the recording."""
        if self._http is not None:
            self._http.close()
        if self._recorder is not None:
            self._recorder.close()

    def _send(self, body: Mapping[str, Any], jitter: np.random.Generator) -> Outcome:
        assert self._http is not None
        settings = self.settings
        attempts = settings.http_retries + 1
        outcome = Outcome(None, None, "not sent", 0, 0.0)
        for attempt in range(attempts):
            outcome, retry_after = self._once(body, attempt + 1)
            retryable = outcome.status is None or outcome.status in RETRY_STATUSES
            # a 5xx, or a 200 whose body was garbled on the way
            retryable = retryable or (outcome.status is not None and outcome.status >= 500)
            retryable = (retryable or outcome.status == 200) and not outcome.refuses_format
            if outcome.error is None or not retryable or attempt + 1 == attempts:
                return outcome
            delay = settings.backoff * 2**attempt * (0.5 + float(jitter.random()))
            if retry_after is not None and retry_after <= MAX_RETRY_AFTER:
                delay = max(delay, retry_after)
            self._sleep(delay)
        return outcome

    def _once(self, body: Mapping[str, Any], attempt: int) -> tuple[Outcome, float | None]:
        assert self._http is not None
        started = time.perf_counter()
        try:
            response = self._http.post(self.settings.endpoint, json=dict(body))
        except httpx.TimeoutException:
            message = f"no reply within {self.settings.timeout:g} s (--llm-timeout)"
            return Outcome(None, None, message, attempt, _ms(started)), None
        except httpx.HTTPError as error:
            message = self.redact(f"connection failed: {type(error).__name__}: {error}")
            return Outcome(None, None, message, attempt, _ms(started)), None
        latency = _ms(started)
        status = response.status_code
        if status != 200:
            text = self.redact(response.text[:500])
            return Outcome(status, None, f"HTTP {status}: {text}", attempt, latency), _after(
                response
            )
        try:
            data = response.json()
        except ValueError:
            return Outcome(status, None, "the reply is not JSON", attempt, latency), None
        if not isinstance(data, dict):
            return Outcome(status, None, "the reply is not a JSON object", attempt, latency), None
        return Outcome(status, self._redactor.data(data), None, attempt, latency), None


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000.0, 3)


def _after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
