"""Every failure as a clear JSON error (API) or a plain error page (pages), never a traceback.

JSON errors look like ``{"error": "invalid input", "message": "...", "problems": [{"file",
"line", "column", "field", "message"}]}``; ``problems`` lists each located problem (for an
uploaded scenario: its file name, line, column and field path). Error bodies are ASCII JSON
(anything else escaped), so no text a client sent can make an error unanswerable, and long
texts are cut: an error never echoes megabytes back.

:class:`ServerErrors` answers an unexpected exception with a 500 (logged with its traceback)
without closing a keep-alive connection that is still in a clean state.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from grandbargain.api import InputError, Problem
from grandbargain.web.asgi import ASGIApp, Message, Receive, Scope, Send
from grandbargain.web.pool import Busy

REQUEST_FILE = "request"
"""The ``file`` of problems found in a request's own fields."""
MAX_ECHO = 1000
"""Longest text (field, message) an error repeats; the rest is cut."""
LOG = logging.getLogger("grandbargain.web")


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

    def __reduce__(self) -> tuple[type[WebError], tuple[Any, ...]]:
        # Jobs raise it in worker processes; it must come back whole.
        return (WebError, (self.status, self.error, self.message, self.problems))


def input_error(error: InputError) -> WebError:
    """The HTTP 422 error for an :class:`~grandbargain.api.InputError`."""
    count = len(error.problems)
    message = f"{count} problem{'s' if count != 1 else ''} in the input"
    return WebError(422, "invalid input", message, error.problems)


def clip(text: str, limit: int = MAX_ECHO) -> str:
    """``text``, cut after ``limit`` characters with a note of how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A problem as JSON: file, line, column (0 when unknown), field and message."""
    short = Problem(
        clip(problem.file), problem.line, problem.column, clip(problem.field), clip(problem.message)
    )
    return {
        "file": short.file,
        "line": short.line,
        "column": short.column,
        "field": short.field,
        "message": short.message,
        "text": str(short),
    }


def error_body(error: str, message: str, problems: Iterable[Problem] = ()) -> dict[str, Any]:
    """The JSON body of an error response."""
    return {"error": error, "message": message, "problems": [problem_dict(p) for p in problems]}


class ErrorResponse(JSONResponse):
    """A JSON error, rendered as ASCII (escapes for everything else)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


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
        return ErrorResponse(error_body(error, message, problems), status, headers=headers)
    return _page(status, error.capitalize(), clip(message))


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    return _respond(request, exc.status, exc.error, exc.message, exc.problems)


async def _input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    return await _web_error(request, input_error(exc))


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
    # The traceback goes to the server's log, never into the response.
    return _respond(
        request,
        500,
        "internal error",
        "something went wrong on the server while answering; the request was not completed",
    )


class ServerErrors:
    """Answer an exception no handler took with a 500 and log it, keeping the connection.

    Starlette's own last-resort handler answers too, then re-raises, and the server closes the
    connection; this middleware, inside it, answers and stops there. Only an exception after
    the response has started still closes the connection (the answer is incomplete).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            LOG.exception("error while answering %s %s", scope["method"], scope["path"])
            if started:
                raise
            response = await _internal_error(Request(scope), error)
            await response(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every exception into a clear response (add
    :class:`ServerErrors` as a middleware too)."""
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
