"""How the ``llm`` strategy reaches its model: one frozen, serialisable settings object.

The settings are recorded in every run that uses the strategy (``Simulation.llm``); they hold
the *name* of the environment variable that carries the API key (``key_env``), never the key.
Every bad value is an :class:`~grandbargain.model.errors.InputError` naming its option.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from grandbargain.model.errors import InputError, Problem

DEFAULT_KEY_ENV = "GRANDBARGAIN_LLM_KEY"
"""The environment variable read for the API key unless ``--llm-key-env`` names another."""

FALLBACKS = ("repeat", "walk-away")
"""What an unusable reply counts as once its retries are spent (see :mod:`.strategy`)."""

JSON_MODES = ("schema", "object", "none")
"""How the reply's JSON is asked for: ``response_format`` ``json_schema`` (constrained
decoding where the server supports it), ``json_object``, or by the prompt alone."""


@dataclass(frozen=True)
class LLMSettings:
    """The endpoint, the model and the rules of a run with the ``llm`` strategy.

    ``url`` is the API base of an OpenAI-compatible server (``http://127.0.0.1:8080/v1``);
    requests go to ``{url}/chat/completions``. ``retries`` bounds the re-asks after an
    invalid reply, ``http_retries`` the re-sends after a 429, a 5xx, a timeout or a lost
    connection (exponential backoff from ``backoff`` seconds, jitter drawn from the run's
    seed). ``tools`` lets the model call the exact engine for its own utility of a package.
    ``history`` is how many of the latest offers the prompt lists. Prices are per 1,000
    tokens, in whatever currency the user thinks in (None: unknown).
    """

    url: str
    model: str
    key_env: str = DEFAULT_KEY_ENV
    tools: bool = False
    retries: int = 2
    fallback: str = "repeat"
    timeout: float = 60.0
    http_retries: int = 4
    backoff: float = 1.0
    temperature: float = 0.0
    max_tokens: int = 400
    json_mode: str = "schema"
    history: int = 12
    concurrency: int = 4
    price_in: float | None = None
    price_out: float | None = None

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise InputError(problems)

    @property
    def endpoint(self) -> str:
        """The chat completions URL."""
        return self.url.rstrip("/") + "/chat/completions"

    @property
    def loopback(self) -> bool:
        """Whether the server runs on this machine (no cost, no confirmation needed)."""
        return is_loopback(self.url)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the run's JSON (the key's variable name, never the key)."""
        return asdict(self)


def is_loopback(url: str) -> bool:
    """Whether ``url``'s host is ``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _number_problems(settings: LLMSettings) -> list[tuple[str, str]]:
    found = []
    checks: list[tuple[str, float, float, float]] = [
        ("--llm-retries", settings.retries, 0, 20),
        ("--llm-http-retries", settings.http_retries, 0, 20),
        ("--llm-timeout", settings.timeout, 0.001, 3600),
        ("--llm-backoff", settings.backoff, 0, 600),
        ("--llm-temperature", settings.temperature, 0, 2),
        ("--llm-max-tokens", settings.max_tokens, 1, 1_000_000),
        ("--llm-history", settings.history, 0, 10_000),
        ("--llm-concurrency", settings.concurrency, 1, 64),
    ]
    for option, value, low, high in checks:
        if not (math.isfinite(value) and low <= value <= high):
            found.append((option, f"{value!r}: expected a number from {low:g} to {high:g}"))
    for option, price in (
        ("--llm-price-in", settings.price_in),
        ("--llm-price-out", settings.price_out),
    ):
        if price is not None and not (math.isfinite(price) and price >= 0):
            found.append((option, f"{price!r}: expected a price >= 0 per 1,000 tokens"))
    return found


def _problems(settings: LLMSettings) -> list[Problem]:
    found = _number_problems(settings)
    parts = urlsplit(settings.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        found.append(("--llm-url", f"{settings.url!r}: expected http(s)://HOST[:PORT]/v1"))
    if parts.username or parts.password:
        found.append(("--llm-url", "put no credentials in the URL; use --llm-key-env"))
    if not settings.model.strip():
        found.append(("--llm-model", "give the model's name"))
    if not settings.key_env.replace("_", "").isalnum():
        found.append(("--llm-key-env", f"{settings.key_env!r}: expected a variable name"))
    if settings.fallback not in FALLBACKS:
        found.append(("--llm-fallback", f"{settings.fallback!r}: expected repeat or walk-away"))
    if settings.json_mode not in JSON_MODES:
        found.append(("--llm-json", f"{settings.json_mode!r}: expected schema, object or none"))
    return [Problem(option, 0, 0, "", message) for option, message in found]


class EndpointError(InputError):
    """The endpoint cannot be used for this run (refused, unreachable, or the request is
    missing from a replayed recording): one problem naming ``--llm-url`` or the file."""


def endpoint_error(where: str, message: str) -> EndpointError:
    """An :class:`EndpointError` with one problem."""
    return EndpointError([Problem(where, 0, 0, "", message)])
