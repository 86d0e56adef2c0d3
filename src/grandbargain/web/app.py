"""The what-if web app: one page and a small JSON API, built by :func:`create_app`.

Endpoints (all JSON except the page, the static files and the downloads):

- ``GET /``: the page; ``GET /static/{app.js,app.css,plotly.min.js}``.
- ``GET /api/scenarios``: the shipped scenarios and the strategies.
- ``POST /api/upload`` (the file's bytes, ``?name=FILE``): check an uploaded scenario; its
  controls, or every problem with file, line, column and field.
- ``POST /api/scenario``: the controls of a scenario (shipped id or uploaded text).
- ``POST /api/whatif``: quick analysis of the changed scenario, frontier figure, solutions,
  the changed values.
- ``POST /api/simulate``: a simulation's transcript; ``POST /api/evidence``: one issue's
  evidence.
- ``POST /api/download/{yaml,json,report}``: the changed scenario, its full analysis, its
  report.

CPU work runs in a bounded pool (HTTP 503 ``{"error": "busy"}`` when full); request bodies are
read with a size limit; the Host header is checked; errors never carry a traceback.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from grandbargain import api
from grandbargain.api import Scenario
from grandbargain.report import json_for_script, plotly_bundle
from grandbargain.web import service
from grandbargain.web.errors import WebError, install_error_handlers
from grandbargain.web.pool import WorkPool
from grandbargain.web.requests import (
    BodyT,
    EvidenceRequest,
    ScenarioRequest,
    SimulateRequest,
    WhatIfRequest,
    parse_body,
)
from grandbargain.web.security import RequestGuard, allowed_host_names, read_body

MAX_UPLOAD_BYTES = 1_000_000
"""Largest scenario file accepted (1 MB)."""
JSON_BODY_FACTOR = 3
"""A JSON request may be this many times the upload limit (escaped scenario text)."""

T = TypeVar("T")
_STATIC_TYPES = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}


@functools.lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return str(plotly_bundle()).encode("utf-8")


@functools.lru_cache(maxsize=4)
def _static(name: str) -> bytes:
    return (resources.files("grandbargain.web") / "static" / name).read_bytes()


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("grandbargain.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
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
) -> FastAPI:
    """The web app.

    ``scenario`` is the shipped scenario the page opens with (default: the first shipped);
    ``scenario_file`` a ``(name, YAML text)`` pair to open instead (the ``serve`` command's
    SCENARIO argument). ``host`` is the address the server binds: requests must name it,
    ``localhost``, ``127.0.0.1``, ``::1`` or one of ``allowed_hosts`` in their Host header.
    ``workers`` threads (default: the CPU count, at most 4) run the analyses with at most
    ``queue`` more waiting; beyond that requests get HTTP 503 "busy".
    """
    pool = WorkPool(workers or max(1, min(4, os.cpu_count() or 1)), queue)
    scenarios = service.Scenarios(max_upload_bytes, upload_cache)
    if scenario is not None and scenario not in scenarios.shipped:
        raise ValueError(f"unknown shipped scenario {scenario!r}")
    page = _environment().get_template("index.html.j2")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown()

    app = FastAPI(
        title="grandbargain what-if",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.scenarios = scenarios
    install_error_handlers(app)
    app.add_middleware(RequestGuard, allowed_hosts=allowed_host_names(host, allowed_hosts))
    json_limit = max_upload_bytes * JSON_BODY_FACTOR

    async def body(request: Request, model: type[BodyT]) -> BodyT:
        raw = await read_body(request, json_limit, "request body")
        return parse_body(raw, model)

    async def compute(job: Callable[[], T]) -> T:
        return await pool.run(job)

    def config() -> dict[str, Any]:
        default = scenario or next(iter(scenarios.shipped), None)
        return {
            "shipped": [
                {"id": s.name, "title": s.title, "parties": s.parties, "issues": s.issues}
                for s in scenarios.shipped.values()
            ],
            "default": default,
            "file": None
            if scenario_file is None
            else {"name": scenario_file[0], "text": scenario_file[1]},
            "strategies": api.strategy_descriptions(),
            "max_upload_bytes": max_upload_bytes,
            "max_rounds": 1000,
        }

    @app.get("/", response_class=HTMLResponse)
    async def index() -> HTMLResponse:
        shipped = list(scenarios.shipped.values())
        html = page.render(
            shipped=shipped,
            default=scenario or (shipped[0].name if shipped else None),
            file_name=None if scenario_file is None else scenario_file[0],
            config_json=json_for_script(config()),
            max_mb=f"{max_upload_bytes / 1_000_000:g}",
        )
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    @app.get("/static/{name}")
    async def static(name: str) -> Response:
        if name == "plotly.min.js":
            return Response(
                _plotly_js(),
                media_type="text/javascript; charset=utf-8",
                headers={"Cache-Control": "public, max-age=86400"},
            )
        if name not in _STATIC_TYPES:
            raise WebError(404, "not found", f"there is no static file {name!r}")
        return Response(
            _static(name), media_type=_STATIC_TYPES[name], headers={"Cache-Control": "no-cache"}
        )

    @app.get("/api/scenarios")
    async def list_scenarios() -> dict[str, Any]:
        return {
            "scenarios": config()["shipped"],
            "strategies": api.strategy_descriptions(),
        }

    @app.post("/api/upload")
    async def upload(request: Request, name: str = "upload.yaml") -> dict[str, Any]:
        raw = await read_body(request, max_upload_bytes, "scenario file")
        loaded = await compute(lambda: scenarios.upload(raw, name))
        return {"name": service.clean_name(name), "scenario": service.scenario_view(loaded)}

    @app.post("/api/scenario")
    async def scenario_controls(request: Request) -> dict[str, Any]:
        asked = await body(request, ScenarioRequest)
        loaded = await compute(lambda: scenarios.get(asked.scenario))
        return {"scenario": service.scenario_view(loaded)}

    def _loaded(asked: ScenarioRequest) -> Scenario:
        return scenarios.get(asked.scenario)

    @app.post("/api/whatif")
    async def whatif(request: Request) -> dict[str, Any]:
        asked = await body(request, WhatIfRequest)
        return await compute(lambda: service.whatif(_loaded(asked), asked))

    @app.post("/api/simulate")
    async def simulate(request: Request) -> dict[str, Any]:
        asked = await body(request, SimulateRequest)
        return await compute(lambda: service.simulation(_loaded(asked), asked))

    @app.post("/api/evidence")
    async def evidence(request: Request) -> dict[str, Any]:
        asked = await body(request, EvidenceRequest)
        return await compute(lambda: service.evidence(_loaded(asked), asked))

    @app.post("/api/download/{kind}")
    async def download(kind: str, request: Request) -> Response:
        if kind not in ("yaml", "json", "report"):
            raise WebError(404, "not found", f"no download of kind {kind!r}")
        asked = await body(request, WhatIfRequest)

        def make() -> tuple[str, str]:
            loaded = _loaded(asked)
            if kind == "yaml":
                return loaded.id, service.scenario_yaml(loaded, asked)
            if kind == "json":
                data = service.analysis_json(loaded, asked)
                return loaded.id, json.dumps(data, indent=2, ensure_ascii=False)
            return loaded.id, service.report_html(loaded, asked)

        scenario_id, text = await compute(make)
        media, suffix = {
            "yaml": ("application/yaml; charset=utf-8", ".yaml"),
            "json": ("application/json", ".json"),
            "report": ("text/html; charset=utf-8", "-report.html"),
        }[kind]
        return _attachment(text, media, f"{scenario_id}-what-if{suffix}")

    return app


def _attachment(text: str, media_type: str, filename: str) -> Response:
    # ``filename`` is built from a scenario id, which the schema restricts to [a-z0-9_.-].
    return Response(
        text.encode("utf-8"),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
