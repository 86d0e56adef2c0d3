"""The ``llm`` strategy: language models negotiating through an OpenAI-compatible endpoint.

:class:`LLMSettings` says where and how; :func:`open_client` opens the endpoint (or a
recording to replay) for one run; :class:`LLMNegotiator` is the strategy; every request is an
:class:`Exchange` of the session's transcript. See
``docs/how-to/negotiate-with-a-language-model.md``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grandbargain.model.errors import InputError, Problem
from grandbargain.simulate.llm.exchange import Exchange
from grandbargain.simulate.llm.prompt import PublicView, bare_view, public_view
from grandbargain.simulate.llm.settings import (
    DEFAULT_KEY_ENV,
    FALLBACKS,
    JSON_MODES,
    EndpointError,
    LLMSettings,
    is_loopback,
)
from grandbargain.simulate.llm.strategy import LLMNegotiator, Transcript

if TYPE_CHECKING:
    from grandbargain.simulate.llm.client import LLMClient

__all__ = [
    "DEFAULT_KEY_ENV",
    "FALLBACKS",
    "JSON_MODES",
    "Endpoint",
    "EndpointError",
    "Exchange",
    "LLMNegotiator",
    "LLMSettings",
    "PublicView",
    "Transcript",
    "bare_view",
    "is_loopback",
    "open_client",
    "public_view",
]

Path = str | os.PathLike[str]


@dataclass(frozen=True)
class Endpoint:
    """What a session needs to seat ``llm`` players: the run's client, the scenario's public
    view, and an optional progress callback ``(turn done, turns in all)``."""

    client: LLMClient
    view: PublicView
    progress: Callable[[int, int], None] | None = None


@contextmanager
def open_client(
    settings: LLMSettings,
    record: Path | None = None,
    replay: Path | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[LLMClient]:
    """The client of one run: sending (and with ``record``, writing every request and its
    outcome to that file), or with ``replay`` answering from a recording without the network.
    The recording is read, or the record file checked and created, before anything is sent."""
    from grandbargain.simulate.llm.client import LLMClient
    from grandbargain.simulate.llm.recording import Recorder, load_recording

    if record is not None and replay is not None:
        raise InputError([Problem("--record", 0, 0, "", "give --record or --replay, not both")])
    replayed = None if replay is None else load_recording(replay)
    recorder = None if record is None else Recorder(record)
    where = "--replay" if replay is None else os.fspath(replay)
    client = LLMClient(settings, replayed, recorder, sleep, replay_name=where)
    try:
        yield client
    finally:
        client.close()
