"""Every failure as a clear JSON error (API) or a plain error page (pages), never a traceback.

JSON errors look like ``{"error": "invalid input", "message": "...", "problems": [{"file",
"line", "column", "field", "message"}]}``; ``problems`` lists each located problem (for an
uploaded scenario: its file name, line, column and field path).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from grandbargain.api import InputError, Problem
from grandbargain.web.pool import Busy

REQUEST_FILE = "request"
"""The ``file`` of problems found in a request's own fields."""


class WebError(Exception):
    """An error with its HTTP status, a short kind, a sentence and located problems."""

    def __init__(
        self, status: int, error: str, message: str, problems: Iterable[Problem] = ()
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.problems = tuple(problems)


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A problem as JSON: file, line, column (0 when unknown), field and message."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "text": str(problem),
    }


def error_body(error: str, message: str, problems: Iterable[Problem] = ()) -> dict[str, Any]:
    """The JSON body of an error response."""
    return {"error": error, "message": message, "problems": [problem_dict(p) for p in problems]}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.method != "GET"


def _page(status: int, title: str, message: str) -> HTMLResponse:
    body = (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(message)}</p><p><a href='/'>Back to the what-if page</a></p></html>"
    )
    return HTMLResponse(body, status_code=status)


def _respond(
    request: Request, status: int, error: str, message: str, problems: Iterable[Problem] = ()
) -> Response:
    if _wants_json(request):
        headers = {"Retry-After": "1"} if status == 503 else None
        return JSONResponse(error_body(error, message, problems), status, headers=headers)
    return _page(status, error.capitalize(), message)


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    return _respond(request, exc.status, exc.error, exc.message, exc.problems)


async def _input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    count = len(exc.problems)
    message = f"{count} problem{'s' if count != 1 else ''} in the input"
    return _respond(request, 422, "invalid input", message, exc.problems)


async def _busy(request: Request, exc: Exception) -> Response:
    return _respond(
        request,
        503,
        "busy",
        "the server is busy with other analyses; try again in a moment",
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    names = {404: "not found", 405: "method not allowed"}
    error = names.get(exc.status_code, "http error")
    message = exc.detail if isinstance(exc.detail, str) else error
    if exc.status_code == 404:
        message = f"there is nothing at {request.url.path}"
    return _respond(request, exc.status_code, error, message)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        Problem(
            REQUEST_FILE,
            0,
            0,
            ".".join(str(part) for part in item.get("loc", ())),
            str(item.get("msg", "invalid")),
        )
        for item in exc.errors()
    ]
    return _respond(request, 422, "invalid input", "the request is not valid", problems)


async def _internal_error(request: Request, exc: Exception) -> Response:
    # The traceback goes to the server's log (Starlette re-raises after answering), never
    # into the response.
    return _respond(
        request,
        500,
        "internal error",
        "something went wrong on the server while answering; the request was not completed",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every exception into a clear response."""
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
