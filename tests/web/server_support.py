"""Helpers for tests that talk HTTP to a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import uvicorn
from fastapi import FastAPI

SHIPPED_BODY = b'{"scenario": {"id": "us-china-2025"}}'
"""A good request body for ``POST /api/scenario`` (and the other JSON endpoints)."""


@contextlib.contextmanager
def serving(app: FastAPI) -> Iterator[int]:
    """Run ``app`` with uvicorn in a thread, on a socket bound to a free port of 127.0.0.1;
    yield the port, and stop the server afterwards."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port: int = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_keep_alive=30))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        listener.close()


@dataclass(frozen=True)
class Answer:
    """One HTTP response as read off the wire."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def read_answer(stream: BinaryIO) -> Answer:
    """Read one complete response (a body with Content-Length) from a socket's file."""
    status_line = stream.readline()
    assert status_line.startswith(b"HTTP/1.1 "), status_line
    headers = {}
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    body = stream.read(int(headers["content-length"]))
    return Answer(int(status_line.split()[1]), headers, body)


def post_head(port: int, path: str, length: int) -> bytes:
    """The request line and headers of a JSON post of ``length`` bytes."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode("ascii")
