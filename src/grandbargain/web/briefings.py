"""The app's cache of what-if briefings, so that a what-if asked again is cheap.

The quick briefing (:func:`grandbargain.api.brief` with no draws) is most of a what-if's CPU
time: the outlook's predictors, simulated sessions included, run once. Its text depends only on
the changed scenario's content, the date and the condition states: the scenario source (a
shipped id, or the digest of the uploaded text), the changes, ``as_of`` and ``conditions`` of
the request, written canonically (sorted keys), determine it. :func:`briefing_key` hashes that.

One :class:`BriefingCache` per app, made by :func:`grandbargain.web.create_app` and held in its
context (never a module global): the event loop looks the key up before handing the job to the
pool, the job skips the briefing when given one, and stores what it computed on its way back.
Bounded: the least recently used entry goes first.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from grandbargain.web.requests import WhatIfRequest

SIZE = 64
"""Briefings kept by default."""


def briefing_key(asked: WhatIfRequest) -> str:
    """The digest of what a request's briefing depends on: the scenario (a shipped id, or the
    SHA-256 of the uploaded text), the changes, the date and the condition states, as
    canonical JSON (the parties drawn on the chart do not enter the briefing)."""
    source = asked.scenario
    if source.id is not None:
        scenario = {"id": source.id}
    else:
        assert source.text is not None
        scenario = {"text": hashlib.sha256(source.text.encode("utf-8")).hexdigest()}
    data = {
        "scenario": scenario,
        "changes": asked.changes.model_dump(mode="json"),
        "as_of": None if asked.as_of is None else asked.as_of.isoformat(),
        "conditions": asked.conditions,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BriefingCache:
    """The last ``size`` briefings (the JSON parts of a what-if answer), least recently used
    evicted first; safe to share between threads. ``hits`` and ``misses`` count lookups."""

    def __init__(self, size: int = SIZE) -> None:
        if size < 0:
            raise ValueError("a cache holds zero or more briefings")
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: str) -> dict[str, Any] | None:
        """The briefing stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self.hits += 1
            self._items.move_to_end(key)
            return found

    def put(self, key: str, briefing: dict[str, Any]) -> None:
        """Keep ``briefing`` under ``key``, dropping the least recently used beyond the size."""
        if self.size == 0:
            return
        with self._lock:
            self._items[key] = briefing
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
