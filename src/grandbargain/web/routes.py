"""The JSON API: ``/api/scenarios``, ``/api/upload``, ``/api/scenario``, ``/api/whatif``,
``/api/simulate``, ``/api/evidence`` and ``/api/download/{kind}``.

Every route that computes follows the same order, so that overload is answered before any work:
ask the pool for room (HTTP 503 "busy" at once if it has none, before the body is read), read
the body with a size limit, check it, then hand the job to the pool, which takes its slot (or
answers "busy" if the last one went meanwhile). The job returns the answer already rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from grandbargain import api
from grandbargain.web import jobs
from grandbargain.web.briefings import briefing_key
from grandbargain.web.context import Context, WebContext
from grandbargain.web.errors import WebError
from grandbargain.web.jobs import Limits
from grandbargain.web.requests import (
    BodyT,
    EvidenceRequest,
    ScenarioRequest,
    SimulateRequest,
    WhatIfRequest,
    parse_body,
)
from grandbargain.web.security import read_body


class JSONBytes(Response):
    """A JSON answer rendered by the job that computed it."""

    media_type = "application/json"


async def _asked(request: Request, context: WebContext, model: type[BodyT]) -> BodyT:
    """The checked body of a request that computes, once the pool has room for it."""
    context.pool.check()
    raw = await read_body(request, context.json_limit, "request body")
    return parse_body(raw, model)


async def _answer(
    request: Request,
    context: WebContext,
    model: type[BodyT],
    job: Callable[[Limits, BodyT], bytes],
) -> Response:
    asked = await _asked(request, context, model)
    return JSONBytes(await context.pool.run(job, context.limits, asked))


async def list_scenarios(context: Context) -> dict[str, Any]:
    """The shipped scenarios and the strategies."""
    return {"scenarios": context.shipped_rows(), "strategies": api.strategy_descriptions()}


async def upload(request: Request, context: Context, name: str = "upload.yaml") -> Response:
    """Check an uploaded file (its bytes are the body; ``name`` only labels problems)."""
    context.pool.check()
    raw = await read_body(request, context.limits.max_text_bytes, "scenario file")
    return JSONBytes(await context.pool.run(jobs.upload, context.limits, raw, name))


async def scenario_controls(request: Request, context: Context) -> Response:
    """The controls of a scenario."""
    return await _answer(request, context, ScenarioRequest, jobs.controls)


async def whatif(request: Request, context: Context) -> Response:
    """Quick analysis of the changed scenario, its figure, solutions and changed values, with
    its briefing from the app's cache when this scenario, date and conditions were asked
    before (:mod:`.briefings`)."""
    asked = await _asked(request, context, WhatIfRequest)
    key = briefing_key(asked)
    cached = context.briefings.get(key)
    answer, made = await context.pool.run(jobs.whatif, context.limits, asked, cached)
    if made is not None:
        context.briefings.put(key, made)
    return JSONBytes(answer)


async def simulate(request: Request, context: Context) -> Response:
    """A simulation's transcript."""
    return await _answer(request, context, SimulateRequest, jobs.simulate)


async def evidence(request: Request, context: Context) -> Response:
    """One issue's evidence."""
    return await _answer(request, context, EvidenceRequest, jobs.evidence)


async def download(kind: str, request: Request, context: Context) -> Response:
    """The changed scenario (yaml), its full analysis (json) or its report, as a file."""
    if kind not in jobs.DOWNLOADS:
        raise WebError(404, "not found", f"no download of kind {kind!r}")
    asked = await _asked(request, context, WhatIfRequest)
    made = await context.pool.run(jobs.download, context.limits, kind, asked)
    return Response(
        made.body,
        media_type=made.media_type,
        headers={"Content-Disposition": f'attachment; filename="{made.filename}"'},
    )


def api_router() -> APIRouter:
    """The routes of the JSON API."""
    router = APIRouter(prefix="/api")
    router.add_api_route("/scenarios", list_scenarios, methods=["GET"])
    router.add_api_route("/upload", upload, methods=["POST"])
    router.add_api_route("/scenario", scenario_controls, methods=["POST"])
    router.add_api_route("/whatif", whatif, methods=["POST"])
    router.add_api_route("/simulate", simulate, methods=["POST"])
    router.add_api_route("/evidence", evidence, methods=["POST"])
    router.add_api_route("/download/{kind}", download, methods=["POST"])
    return router
