"""The work behind each endpoint, as it runs in a worker of the pool (see :mod:`.pool`).

Each job is a module-level function of picklable arguments (the limits and the checked request)
that finds the scenario, computes through :mod:`.service` and returns the answer ready to send:
JSON bytes, or a :class:`Download`. Rendering the JSON here keeps that work off the event loop
too. Input errors come back as :class:`~grandbargain.web.errors.WebError`, which survives the
trip between processes (the API's ``InputError`` does not).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeVar

from grandbargain.api import InputError, Scenario
from grandbargain.web import service
from grandbargain.web.errors import input_error
from grandbargain.web.requests import (
    EvidenceRequest,
    ScenarioRequest,
    ScenarioSource,
    SimulateRequest,
    WhatIfRequest,
)

DOWNLOADS = {
    "yaml": ("application/yaml; charset=utf-8", ".yaml"),
    "json": ("application/json", ".json"),
    "report": ("text/html; charset=utf-8", "-report.html"),
}
"""Media type and file-name ending of each download kind."""

T = TypeVar("T")


class Limits(NamedTuple):
    """What a worker needs to know of the app's settings."""

    max_text_bytes: int
    """Largest scenario text accepted."""
    cache_size: int
    """Parsed uploads kept in memory (per worker)."""


class Download(NamedTuple):
    """A file to send as an attachment."""

    filename: str
    media_type: str
    body: bytes


@functools.lru_cache(maxsize=8)
def _scenarios(limits: Limits) -> service.Scenarios:
    # One per worker process (and per settings), so uploads parsed once stay parsed.
    return service.Scenarios(limits.max_text_bytes, limits.cache_size)


@contextmanager
def _answers_input_errors() -> Iterator[None]:
    try:
        yield
    except InputError as error:
        raise input_error(error) from None


def _json(data: Any) -> bytes:
    # As FastAPI's JSONResponse renders it.
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


def _compute(limits: Limits, asked: ScenarioRequest, make: Callable[[Scenario], T]) -> T:
    with _answers_input_errors():
        return make(_scenarios(limits).get(asked.scenario))


def warm(limits: Limits) -> int:
    """Get a worker ready: read the shipped scenarios once (the first request would otherwise
    pay for it). Returns the worker's process id."""
    scenarios = _scenarios(limits)
    for name in scenarios.shipped:
        scenarios.get(ScenarioSource(id=name))
    return os.getpid()


def controls(limits: Limits, asked: ScenarioRequest) -> bytes:
    """``POST /api/scenario``: the controls of a scenario."""
    view = _compute(limits, asked, service.scenario_view)
    return _json({"scenario": view})


def upload(limits: Limits, raw: bytes, name: str) -> bytes:
    """``POST /api/upload``: the controls of an uploaded file, or every problem in it."""
    with _answers_input_errors():
        loaded = _scenarios(limits).upload(raw, name)
    return _json({"name": service.clean_name(name), "scenario": service.scenario_view(loaded)})


def whatif(
    limits: Limits, asked: WhatIfRequest, briefing: dict[str, Any] | None = None
) -> tuple[bytes, dict[str, Any] | None]:
    """``POST /api/whatif``: quick analysis of the changed scenario, with ``briefing`` (its
    parts from the app's cache) or a briefing computed here; the answer, and the briefing
    parts it computed (None when given them) for the cache."""
    answer = _compute(limits, asked, lambda s: service.whatif(s, asked, briefing))
    made = None if briefing is not None else {k: answer[k] for k in service.BRIEFING_PARTS}
    return _json(answer), made


def simulate(limits: Limits, asked: SimulateRequest) -> bytes:
    """``POST /api/simulate``: a simulation's transcript."""
    return _json(_compute(limits, asked, lambda s: service.simulation(s, asked)))


def evidence(limits: Limits, asked: EvidenceRequest) -> bytes:
    """``POST /api/evidence``: one issue's evidence."""
    return _json(_compute(limits, asked, lambda s: service.evidence(s, asked)))


def download(limits: Limits, kind: str, asked: WhatIfRequest) -> Download:
    """``POST /api/download/{kind}``: the changed scenario (yaml), its full analysis (json)
    or its report."""

    def make(loaded: Scenario) -> tuple[str, str]:
        if kind == "yaml":
            return loaded.id, service.scenario_yaml(loaded, asked)
        if kind == "json":
            data = service.analysis_json(loaded, asked)
            return loaded.id, json.dumps(data, indent=2, ensure_ascii=False)
        return loaded.id, service.report_html(loaded, asked)

    scenario_id, text = _compute(limits, asked, make)
    media_type, suffix = DOWNLOADS[kind]
    # The file name is built from a scenario id, which the schema restricts to [a-z0-9_.-].
    return Download(f"{scenario_id}-what-if{suffix}", media_type, text.encode("utf-8"))
