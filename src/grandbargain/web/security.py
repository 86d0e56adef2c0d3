"""Request guards: the Host header (against DNS rebinding), the origin and content type of
posts (against cross-site requests), security headers, and a streamed body-size limit.

The guards are plain ASGI middleware, so they run before any route and also protect the
static files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request

from grandbargain.web.asgi import ASGIApp, Message, Receive, Scope, Send
from grandbargain.web.errors import WebError

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")

# No inline script runs and nothing is evaluated: the page's data sits in a
# <script type="application/json"> element.
# Plotly sets inline styles, hence style-src 'unsafe-inline'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def host_name(value: str) -> str | None:
    """The host part of a Host header (``[::1]:8000`` -> ``::1``), lower-case; None if the
    header is malformed."""
    value = value.strip().lower()
    if not value:
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1 :]
    else:
        name, _, port = value.partition(":")
        rest = ":" + port if port or value.endswith(":") else ""
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return None
    return name.removesuffix(".") or None


def allowed_host_names(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, the bound host (unless it is a wildcard address) and ``extra``."""
    names = {*LOOPBACK_NAMES, *(n.strip().lower().strip("[]") for n in extra if n.strip())}
    bound = bound.strip().lower().strip("[]")
    if bound not in WILDCARD_HOSTS:
        names.add(bound)
    return frozenset(names)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _reject(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message, "problems": []}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Reject requests whose Host is not an allowed name (400), cross-site posts (403) and
    posts with a content type a plain HTML form could send (415); add security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = host_name(_header(scope, b"host") or "")
        if host not in self.allowed_hosts:
            await _reject(
                send,
                400,
                "bad host",
                "the Host header names a host this server does not answer for "
                "(a guard against DNS rebinding); open the URL the server printed",
            )
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = _header(scope, b"origin")
            if origin is not None and host_name(urlsplit(origin).netloc) not in self.allowed_hosts:
                await _reject(send, 403, "forbidden", "cross-site requests are refused")
                return
            kind = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            if kind not in ("application/json", "application/octet-stream"):
                await _reject(
                    send,
                    415,
                    "unsupported media type",
                    "send JSON (application/json) or a file (application/octet-stream)",
                )
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def read_body(request: Request, limit: int, what: str) -> bytes:
    """The request body, read in chunks and refused (HTTP 413) as soon as it passes
    ``limit`` bytes, whatever Content-Length claims."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(what, limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(what, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(what: str, limit: int) -> WebError:
    """The HTTP 413 error for a body or scenario text over ``limit`` bytes."""
    shown = f"{limit / 1_000_000:g} MB" if limit >= 100_000 else f"{limit:,} bytes"
    return WebError(
        413,
        "too large",
        f"the {what} is larger than the limit of {shown} ({limit:,} bytes)",
    )
