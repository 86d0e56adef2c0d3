"""The page and its static files: ``GET /`` and ``GET /static/{name}``."""

from __future__ import annotations

import functools
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from grandbargain.report import json_for_script, plotly_bundle
from grandbargain.web.context import Context
from grandbargain.web.errors import WebError

STATIC_TYPES = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
"""The static files of the page, with their media types (plotly.min.js comes from plotly)."""


def page_template() -> Template:
    """The page's Jinja2 template (autoescaped; an unknown variable is an error)."""
    environment = Environment(
        loader=PackageLoader("grandbargain.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("index.html.j2")


@functools.lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return str(plotly_bundle()).encode("utf-8")


@functools.lru_cache(maxsize=4)
def _static(name: str) -> bytes:
    return (resources.files("grandbargain.web") / "static" / name).read_bytes()


async def index(context: Context) -> HTMLResponse:
    """The what-if page."""
    file_name = None if context.scenario_file is None else context.scenario_file[0]
    html = context.page.render(
        shipped=context.shipped,
        default=context.default,
        file_name=file_name,
        config_json=json_for_script(context.page_config()),
        max_mb=f"{context.limits.max_text_bytes / 1_000_000:g}",
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


async def static(name: str) -> Response:
    """A static file of the page; plotly.js from the installed plotly package."""
    if name == "plotly.min.js":
        return Response(
            _plotly_js(),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=86400"},
        )
    if name not in STATIC_TYPES:
        raise WebError(404, "not found", f"there is no static file {name!r}")
    return Response(
        _static(name), media_type=STATIC_TYPES[name], headers={"Cache-Control": "no-cache"}
    )


def pages_router() -> APIRouter:
    """The routes of the page and its files."""
    router = APIRouter()
    router.add_api_route("/", index, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route("/static/{name}", static, methods=["GET"])
    return router
