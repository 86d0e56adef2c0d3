"""The what-if web app: one page and a small JSON API, built by :func:`create_app`.

Endpoints (all JSON except the page, the static files and the downloads):

- ``GET /``: the page; ``GET /static/{app.js,app.css,plotly.min.js}`` (:mod:`.pages`).
- ``GET /api/scenarios``: the shipped scenarios and the strategies (:mod:`.routes`, as all
  that follow).
- ``POST /api/upload`` (the file's bytes, ``?name=FILE``): check an uploaded scenario; its
  controls, or every problem with file, line, column and field.
- ``POST /api/scenario``: the controls of a scenario (shipped id or uploaded text).
- ``POST /api/whatif``: quick analysis of the changed scenario, frontier figure, solutions,
  the changed values.
- ``POST /api/simulate``: a simulation's transcript; ``POST /api/evidence``: one issue's
  evidence.
- ``POST /api/download/{yaml,json,report}``: the changed scenario, its full analysis, its
  report.

CPU work runs in a bounded pool of worker processes (HTTP 503 ``{"error": "busy"}`` at once
when full; :mod:`.pool`); request bodies are read with a size limit and parsed strictly
(:mod:`.requests`); the Host header is checked (:mod:`.security`); errors never carry a
traceback and never close a keep-alive connection that can go on (:mod:`.errors`).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from grandbargain import api
from grandbargain.web import jobs
from grandbargain.web.briefings import SIZE as BRIEFINGS
from grandbargain.web.briefings import BriefingCache
from grandbargain.web.context import WebContext
from grandbargain.web.errors import ServerErrors, install_error_handlers
from grandbargain.web.jobs import Limits
from grandbargain.web.pages import page_template, pages_router
from grandbargain.web.pool import WorkPool
from grandbargain.web.routes import api_router
from grandbargain.web.security import RequestGuard, allowed_host_names

MAX_UPLOAD_BYTES = 1_000_000
"""Largest scenario file accepted (1 MB)."""
JSON_BODY_FACTOR = 3
"""A JSON request may be this many times the upload limit (escaped scenario text)."""


def default_workers() -> int:
    """Workers when none are asked for: the CPU count, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    context = web_context_of(app)
    pool = context.pool
    if pool.processes:  # threads share this process's memory, and its parsed scenarios
        started = pool.start(jobs.warm, context.limits)
        await asyncio.gather(*(asyncio.wrap_future(future) for future in started))
    yield
    pool.shutdown()


def web_context_of(app: FastAPI) -> WebContext:
    """The context :func:`create_app` gave ``app``."""
    context = app.state.context
    assert isinstance(context, WebContext)
    return context


def _context(
    scenario: str | None,
    scenario_file: tuple[str, str] | None,
    pool: WorkPool,
    limits: Limits,
    briefings: int = BRIEFINGS,
) -> WebContext:
    shipped = api.list_shipped_scenarios()
    names = [s.name for s in shipped]
    if scenario is not None and scenario not in names:
        raise ValueError(f"unknown shipped scenario {scenario!r}")
    return WebContext(
        pool=pool,
        limits=limits,
        json_limit=limits.max_text_bytes * JSON_BODY_FACTOR,
        shipped=shipped,
        default=scenario or (names[0] if names else None),
        scenario_file=scenario_file,
        page=page_template(),
        briefings=BriefingCache(briefings),
    )


def create_app(
    *,
    scenario: str | None = None,
    scenario_file: tuple[str, str] | None = None,
    host: str = "127.0.0.1",
    allowed_hosts: Iterable[str] = (),
    workers: int | None = None,
    queue: int = 4,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    upload_cache: int = 8,
    processes: bool = True,
    briefing_cache: int = BRIEFINGS,
) -> FastAPI:
    """The web app.

    ``scenario`` is the shipped scenario the page opens with (default: the first shipped);
    ``scenario_file`` a ``(name, YAML text)`` pair to open instead (the ``serve`` command's
    SCENARIO argument). ``host`` is the address the server binds: requests must name it,
    ``localhost``, ``127.0.0.1``, ``::1`` or one of ``allowed_hosts`` in their Host header.
    ``workers`` processes (default: the CPU count, at most 4; threads of this process if
    ``processes`` is false) run the analyses with at most ``queue`` more waiting; beyond that
    requests get HTTP 503 "busy". Each worker keeps the last ``upload_cache`` uploaded
    scenarios parsed; the app keeps the last ``briefing_cache`` what-if briefings
    (:mod:`.briefings`).
    """
    context = _context(
        scenario,
        scenario_file,
        WorkPool(workers or default_workers(), queue, processes=processes),
        Limits(max_upload_bytes, upload_cache),
        briefing_cache,
    )
    app = FastAPI(
        title="grandbargain what-if",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
    )
    app.state.context = context
    app.state.pool = context.pool
    install_error_handlers(app)
    app.add_middleware(ServerErrors)  # inside the guard, so its 500s get the security headers
    app.add_middleware(RequestGuard, allowed_hosts=allowed_host_names(host, allowed_hosts))
    app.include_router(pages_router())
    app.include_router(api_router())
    return app
