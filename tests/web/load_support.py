"""A light load generator for the load test: asyncio clients on raw sockets, each with one
keep-alive connection, counting every request that got no complete HTTP response."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

ANSWER_TIMEOUT = 60.0
"""Seconds a client waits for an answer before it counts the request as unanswered."""


@dataclass
class LoadTally:
    """What the clients saw."""

    statuses: Counter[int] = field(default_factory=Counter)
    busy_seconds: list[float] = field(default_factory=list)
    answered_seconds: list[float] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Requests whose connection closed before a complete response."""
    unanswered: int = 0
    """Requests with no response within :data:`ANSWER_TIMEOUT`."""
    refused: list[str] = field(default_factory=list)
    """Connections that could not be opened."""
    connections: int = 0
    bad_bodies: list[str] = field(default_factory=list)
    """Answers whose body was not what their status promises."""


def whatif_request(port: int, rng: random.Random) -> bytes:
    """A what-if request that changes one of China's weights."""
    weights = {"China": {"tiktok-cloud": rng.randint(0, 100)}}
    body = json.dumps({"scenario": {"id": "us-china-2025"}, "changes": {"weights": weights}})
    head = (
        f"POST /api/whatif HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body.encode("ascii")


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers["content-length"]))
    return status, headers, body


def _check_body(status: int, body: bytes, tally: LoadTally) -> None:
    try:
        data = json.loads(body)
        good = data["error"] == "busy" if status == 503 else "solutions" in data
    except (ValueError, KeyError, TypeError):
        good = False
    if not good:
        tally.bad_bodies.append(f"{status}: {body[:100]!r}")


async def _client(
    port: int, seed: int, deadline: float, busy_pause: float, tally: LoadTally
) -> None:
    rng = random.Random(seed)
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    while time.monotonic() < deadline:
        if writer is None or reader is None:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError as error:
                tally.refused.append(repr(error))
                await asyncio.sleep(0.1)
                continue
            tally.connections += 1
        started = time.perf_counter()
        writer.write(whatif_request(port, rng))
        try:
            status, headers, body = await asyncio.wait_for(_read_answer(reader), ANSWER_TIMEOUT)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            tally.dropped.append(repr(error)[:100])
            writer.close()
            writer = None
            continue
        except TimeoutError:
            tally.unanswered += 1
            writer.close()
            writer = None
            continue
        elapsed = time.perf_counter() - started
        tally.statuses[status] += 1
        _check_body(status, body, tally)
        if headers.get("connection", "").lower() == "close":
            writer.close()
            writer = None
        if status == 503:
            tally.busy_seconds.append(elapsed)
            await asyncio.sleep(busy_pause)
        elif status == 200:
            tally.answered_seconds.append(elapsed)
    if writer is not None:
        writer.close()


def run_load(port: int, clients: int, seconds: float, busy_pause: float) -> LoadTally:
    """``clients`` clients sending what-if requests back to back for ``seconds`` (a client
    waits ``busy_pause`` seconds after a "busy" answer)."""
    tally = LoadTally()

    async def everyone() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(_client(port, seed, deadline, busy_pause, tally) for seed in range(clients))
        )

    asyncio.run(everyone())
    return tally


def lagging_client(port: int, lag: float) -> tuple[int, int]:
    """A client that lags: it reads the first line of an answer, waits ``lag`` seconds
    before reading the rest, then asks again on the same connection. The statuses of both
    answers; an AssertionError or OSError if the second never came."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        stream = sock.makefile("rb")
        sock.sendall(whatif_request(port, random.Random(0)))
        status_line = stream.readline()
        time.sleep(lag)
        first = _read_rest(stream, status_line)
        sock.sendall(whatif_request(port, random.Random(1)))
        second = _read_rest(stream, stream.readline())
    return first, second


def _read_rest(stream: BinaryIO, status_line: bytes) -> int:
    assert status_line.startswith(b"HTTP/1.1 "), f"no answer: {status_line!r}"
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    assert len(stream.read(length)) == length, "the answer was cut short"
    return int(status_line.split()[1])
