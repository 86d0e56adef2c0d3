"""Malformed bodies over a real HTTP connection: every one gets a clear 4xx JSON error, and the
keep-alive connection goes on serving (the next request on the same socket gets its 200)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from grandbargain.web import create_app

from .server_support import SHIPPED_BODY, post_head, read_answer, serving

SHIPPED = b'{"scenario": {"id": "us-china-2025"}'
BIG = 2_500_000  # under the 3 MB limit on JSON bodies

# name: (body, status)
MALFORMED: dict[str, tuple[bytes, int]] = {
    "nested arrays": (b'{"scenario": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400),
    "nested objects": (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, 400),
    "integer of 5,000 digits": (SHIPPED + b', "seed": ' + b"9" * 5_000 + b"}", 400),
    "lone surrogate in a key": (SHIPPED + b', "conditions": {"\\udc00": "x"}}', 400),
    "lone surrogate in a text": (b'{"scenario": {"text": "id: \\ud800"}}', 400),
    "invalid UTF-8": (b'{"scenario": {"id": "\xff"}}', 400),
    "UTF-8 of a surrogate": (b'{"scenario": {"id": "\xed\xa0\x80"}}', 400),
    "control character": (b'{"scenario": {"id": "a\x01"}}', 400),
    "empty body": (b"", 400),
    "trailing text": (b"{} {}", 400),
    "NaN": (SHIPPED + b', "changes": {"weights": {"China": {"rare-earths": NaN}}}}', 422),
    "-Infinity": (SHIPPED + b', "changes": {"reservation_values": {"China": -Infinity}}}', 422),
    "top-level NaN": (b"NaN", 422),
    "top-level array": (b"[]", 422),
    "top-level string": (b'"us-china-2025"', 422),
    "top-level number": (b"1e999", 422),
    "top-level null": (b"null", 422),
    "huge string": (b'{"scenario": {"id": "' + b"a" * BIG + b'"}}', 422),
    "huge key": (SHIPPED + b', "changes": {"weights": {"' + b"k" * BIG + b'": {"x": 1}}}}', 422),
    "over the size limit": (b'{"scenario": {"text": "' + b"a" * 3_100_000 + b'"}}', 413),
}
ENDPOINTS = [
    "/api/scenario",
    "/api/whatif",
    "/api/simulate",
    "/api/evidence",
    *(f"/api/download/{kind}" for kind in ("yaml", "json", "report")),
]
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving(create_app()) as bound:
        yield bound


def _clean_error(response: http.client.HTTPResponse, status: int, case: str) -> dict[str, Any]:
    raw = response.read()
    assert response.status == status, (case, response.status, raw[:300])
    assert response.getheader("content-type") == "application/json", case
    assert response.getheader("connection") != "close", case
    assert len(raw) < 20_000, (case, len(raw))  # a huge input is not echoed back
    assert b"Traceback" not in raw and b'File "' not in raw, case
    body: dict[str, Any] = json.loads(raw)
    assert body["error"] and body["message"], case
    assert all({"file", "line", "column", "field", "message"} <= set(p) for p in body["problems"])
    return body


def _still_serves(conn: http.client.HTTPConnection, local: Any, case: str) -> None:
    conn.request("POST", "/api/scenario", body=SHIPPED_BODY, headers=JSON)
    response = conn.getresponse()
    raw = response.read()
    assert response.status == 200, (case, raw[:300])
    assert json.loads(raw)["scenario"]["id"] == "us-china-2025"
    assert conn.sock is not None and conn.sock.getsockname() == local, f"{case}: reconnected"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_malformed_body_gets_a_clear_error_and_the_connection_goes_on(
    port: int, endpoint: str
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.connect()
    assert conn.sock is not None
    local = conn.sock.getsockname()
    try:
        for case, (body, status) in MALFORMED.items():
            conn.request("POST", endpoint, body=body, headers=JSON)
            problems = _clean_error(conn.getresponse(), status, case)["problems"]
            if status == 400:
                assert problems and problems[0]["file"] == "request", case
            _still_serves(conn, local, case)
    finally:
        conn.close()


def test_parse_errors_say_where_and_what(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        expected = {
            "nested arrays": "nested more than 200 levels deep",
            "integer of 5,000 digits": "at most 4,300 digits",
            "lone surrogate in a key": "lone UTF-16 surrogate",
            "lone surrogate in a text": "lone UTF-16 surrogate",
        }
        for case, words in expected.items():
            conn.request("POST", "/api/whatif", body=MALFORMED[case][0], headers=JSON)
            [problem] = _clean_error(conn.getresponse(), 400, case)["problems"]
            assert words in problem["message"] and problem["line"] == 1, (case, problem)
        conn.request("POST", "/api/whatif", body=MALFORMED["huge key"][0], headers=JSON)
        [problem] = _clean_error(conn.getresponse(), 422, "huge key")["problems"]
        assert problem["field"].startswith("weights.kkkk") and "more characters" in problem["field"]
    finally:
        conn.close()


def test_an_internal_error_is_answered_and_keeps_the_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grandbargain.web import service

    def explode(*_: Any) -> Any:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(service, "whatif", explode)
    with serving(create_app(processes=False)) as bound:
        conn = http.client.HTTPConnection("127.0.0.1", bound, timeout=60)
        conn.connect()
        assert conn.sock is not None
        local = conn.sock.getsockname()
        conn.request("POST", "/api/whatif", body=SHIPPED_BODY, headers=JSON)
        body = _clean_error(conn.getresponse(), 500, "internal error")
        assert body["error"] == "internal error" and "secret" not in json.dumps(body)
        _still_serves(conn, local, "internal error")
        conn.close()


def test_busy_is_answered_before_the_body_is_read() -> None:
    app = create_app(workers=1, queue=0, processes=False)
    release = threading.Event()
    with serving(app) as bound, socket.create_connection(("127.0.0.1", bound), 10) as sock:
        stream = sock.makefile("rb")
        blocker = app.state.pool.submit(release.wait, 60)
        try:
            started = time.perf_counter()
            sock.sendall(post_head(bound, "/api/whatif", len(SHIPPED_BODY)))  # no body yet
            answer = read_answer(stream)
            assert time.perf_counter() - started < 5
            assert answer.status == 503 and answer.json()["error"] == "busy"
            sock.sendall(SHIPPED_BODY)  # the body of the answered request, then a new one
        finally:
            release.set()
        blocker.result(timeout=60)
        sock.sendall(post_head(bound, "/api/scenario", len(SHIPPED_BODY)) + SHIPPED_BODY)
        again = read_answer(stream)
        assert again.status == 200 and again.json()["scenario"]["id"] == "us-china-2025"
