"""Load on the web app: concurrent what-if recomputes against a local `grandbargain serve`.

Run: python benchmarks/web_load.py [--clients 50 100] [--seconds 30] [--seed 7]

Starts the server in a subprocess on a free loopback port (or uses --url), then:
1. unloaded: one client sends what-if requests one after another (after a warm-up) and the
   p50/p95/p99 of their latency is reported (target, issue 15: p95 under 300 ms on an unloaded
   2-core machine, each answer carrying the briefing computed in quick mode);
2. loaded, once per --clients value (``--clients`` with no value: the unloaded run only):
   that many concurrent clients (asyncio, one keep-alive connection each, see Connection)
   send what-if requests back to back for --seconds (after a "busy" answer a client waits
   --busy-pause seconds, 0.1 by default, as a polite client would), and the script reports
   requests, throughput, p50/p95/p99 latency of the successful answers, "busy" answers (503)
   with their p50/p95/max latency (target: at once), dropped connections (a request whose
   connection closed with no response; target: 0) and other errors (any other non-2xx
   answer or exception; target: 0).
Each request changes one randomly chosen weight of one party (seeded per client), so no two
consecutive requests ask for the same scenario. With ``--distinct N`` every client draws its
requests from the same N what-ifs instead (a page user going back and forth between a few
settings), so the server's briefing cache (the web app's :mod:`grandbargain.web.briefings`)
answers repeats. The result ends with a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from _web_server import free_port, start_server, stop_server

import grandbargain as gb


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful answers only
    busy_latencies: list[float] = field(default_factory=list)  # seconds, "busy" answers
    dropped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def busy(self) -> int:
        return len(self.busy_latencies)

    @property
    def requests(self) -> int:
        return (
            len(self.latencies) + self.busy + sum(self.dropped.values()) + sum(self.errors.values())
        )


class Requests:
    """Seeded what-if request bodies: one random weight change on one party and issue; with
    ``distinct``, one of the same ``distinct`` changes for every client (drawn with seed 0)."""

    def __init__(self, scenario: gb.Scenario, seed: int, distinct: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.scenario_id = scenario.id
        self.parties = list(scenario.party_names)
        self.issues = [issue.id for issue in scenario.issues]
        self.pool: list[dict[str, Any]] = []
        if distinct is not None:
            shared = Requests(scenario, 0)
            self.pool = [shared.next() for _ in range(distinct)]

    def next(self) -> dict[str, Any]:
        if self.pool:
            return self.rng.choice(self.pool)
        party = self.rng.choice(self.parties)
        issue = self.rng.choice(self.issues)
        weight = self.rng.randint(0, 100)
        return {
            "scenario": {"id": self.scenario_id},
            "changes": {"weights": {party: {issue: weight}}},
            "parties": self.parties[:2],
        }


class Dropped(Exception):
    """The server closed the connection before a complete response."""


class Connection:
    """One keep-alive HTTP/1.1 connection on a plain asyncio socket.

    The lightest client asyncio allows (no HTTP library parsing 230 kB answers in Python): on
    a 2-core machine the 100 clients share the CPU with the server, and a heavy client would
    measure itself. A request whose connection closes before the whole response is read is
    :class:`Dropped`; the next request opens a new connection.
    """

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        """Send a JSON post; its status and body."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode("ascii") + body)
        try:
            status, headers, data = await asyncio.wait_for(self._answer(), self.timeout)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            self.close()
            raise Dropped(f"{type(error).__name__}: {error}") from None
        except TimeoutError:
            self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, data

    async def _answer(self) -> tuple[int, dict[str, str], bytes]:
        assert self.reader is not None
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return int(lines[0].split()[1]), headers, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def one_request(
    client: Connection, body: dict[str, Any], tally: Tally, busy_pause: float = 0.0
) -> None:
    start = time.perf_counter()
    try:
        status, data = await client.post("/api/whatif", json.dumps(body).encode())
    except Dropped as error:
        tally.dropped[str(error)[:120]] += 1
        return
    except TimeoutError:
        tally.errors[f"no answer within {client.timeout:g} s"] += 1
        return
    except OSError as error:
        tally.errors[f"{type(error).__name__}: {error}"[:120]] += 1
        return
    elapsed = time.perf_counter() - start
    if status == 200:
        tally.latencies.append(elapsed)
    elif status == 503 and _is_busy(data):
        tally.busy_latencies.append(elapsed)
        await asyncio.sleep(busy_pause)
    else:
        tally.errors[f"HTTP {status}: {data[:100]!r}"] += 1


def _is_busy(data: bytes) -> bool:
    try:
        return bool(json.loads(data).get("error") == "busy")
    except ValueError:
        return False


async def unloaded(
    url: str, scenario: gb.Scenario, seed: int, count: int, distinct: int | None = None
) -> Tally:
    requests = Requests(scenario, seed, distinct)
    client = Connection(url)
    for _ in range(5):  # warm-up: caches, connection, first-call imports
        await one_request(client, requests.next(), Tally())
    tally = Tally()
    for _ in range(count):
        await one_request(client, requests.next(), tally)
    client.close()
    return tally


async def loaded(
    url: str,
    scenario: gb.Scenario,
    seed: int,
    clients: int,
    seconds: float,
    busy_pause: float,
    distinct: int | None = None,
) -> Tally:
    tally = Tally()
    deadline = time.perf_counter() + seconds

    async def user(index: int) -> None:
        requests = Requests(scenario, seed * 1_000_003 + index, distinct)
        client = Connection(url)
        while time.perf_counter() < deadline:
            await one_request(client, requests.next(), tally, busy_pause)
        client.close()

    await asyncio.gather(*(user(i) for i in range(clients)))
    return tally


def percentile_ms(latencies: list[float], q: float) -> float:
    return float(np.percentile(latencies, q)) * 1000 if latencies else float("nan")


def machine(load_before: tuple[float, float, float]) -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average "
        f"{load_before[0]:.2f} before the run (other work on the machine skews the figures)"
    )


# --- main --------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--clients",
        type=int,
        nargs="*",
        default=[50],
        help="concurrent clients, one load each (no value: only the unloaded run)",
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each load (30)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the weight changes (7)")
    parser.add_argument("--unloaded", type=int, default=200, help="sequential requests (200)")
    parser.add_argument(
        "--busy-pause", type=float, default=0.1, help="seconds a client waits after a busy answer"
    )
    parser.add_argument(
        "--distinct",
        type=int,
        help="draw every request from this many what-ifs (repeats: the briefing cache answers)",
    )
    parser.add_argument("--scenario", default="us-china-2025", help="shipped scenario id")
    parser.add_argument("--url", help="use a server already running there instead")
    parser.add_argument("--workers", type=int, help="the server's analysis workers (its default)")
    parser.add_argument("--queue", type=int, help="the server's waiting requests (its default)")
    return parser.parse_args()


def ms(latencies: list[float], q: float) -> str:
    return f"{percentile_ms(latencies, q):.0f}" if latencies else "-"


def report_unloaded(quiet: Tally) -> None:
    print(
        f"Unloaded, 1 client, {quiet.requests} requests: p50 {ms(quiet.latencies, 50)} ms, "
        f"p95 {ms(quiet.latencies, 95)} ms (target < 300 ms), p99 {ms(quiet.latencies, 99)} ms, "
        f"busy {quiet.busy}, dropped {sum(quiet.dropped.values())}, "
        f"errors {sum(quiet.errors.values())}"
    )


def report_loaded(clients: int, load: Tally, elapsed: float) -> None:
    print(
        f"{clients} clients for {elapsed:.0f} s: {load.requests:,} requests, "
        f"{len(load.latencies):,} answered (p95 {ms(load.latencies, 95)} ms), {load.busy:,} busy "
        f"(p50 {ms(load.busy_latencies, 50)} ms, p95 {ms(load.busy_latencies, 95)} ms, "
        f"max {ms(load.busy_latencies, 100)} ms), dropped {sum(load.dropped.values())}, "
        f"errors {sum(load.errors.values())}"
    )
    for message, count in (load.dropped + load.errors).most_common(5):
        print(f"  x{count}: {message}")


def table(rows: list[tuple[int, Tally, float]], quiet: Tally) -> str:
    lines = [
        "| clients | seconds | requests | answered | answered/s | p50 ms | p95 ms | p99 ms "
        "| busy (503) | busy p50 ms | busy p95 ms | busy max ms | dropped | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for clients, load, elapsed in rows:
        lines.append(
            f"| {clients} | {elapsed:.0f} | {load.requests:,} | {len(load.latencies):,} "
            f"| {len(load.latencies) / elapsed:.1f} | {ms(load.latencies, 50)} "
            f"| {ms(load.latencies, 95)} | {ms(load.latencies, 99)} | {load.busy:,} "
            f"| {ms(load.busy_latencies, 50)} | {ms(load.busy_latencies, 95)} "
            f"| {ms(load.busy_latencies, 100)} | {sum(load.dropped.values())} "
            f"| {sum(load.errors.values())} |"
        )
    lines.append(
        f"| 1 (unloaded) | - | {quiet.requests} | {len(quiet.latencies)} | - "
        f"| {ms(quiet.latencies, 50)} | {ms(quiet.latencies, 95)} | {ms(quiet.latencies, 99)} "
        f"| {quiet.busy} | - | - | - | {sum(quiet.dropped.values())} "
        f"| {sum(quiet.errors.values())} |"
    )
    return "\n".join(lines)


def measure(
    url: str, scenario: gb.Scenario, args: argparse.Namespace
) -> tuple[Tally, list[tuple[int, Tally, float]]]:
    quiet = asyncio.run(unloaded(url, scenario, args.seed, args.unloaded, args.distinct))
    report_unloaded(quiet)
    rows: list[tuple[int, Tally, float]] = []
    for clients in args.clients:
        start = time.perf_counter()
        load = asyncio.run(
            loaded(url, scenario, args.seed, clients, args.seconds, args.busy_pause, args.distinct)
        )
        elapsed = time.perf_counter() - start
        report_loaded(clients, load, elapsed)
        rows.append((clients, load, elapsed))
    return quiet, rows


def main() -> None:
    args = arguments()
    scenario = gb.load_scenario(args.scenario)
    load_before = os.getloadavg()
    extra = [
        f"--{name}={value}"
        for name in ("workers", "queue")
        if (value := getattr(args, name)) is not None
    ]
    with tempfile.TemporaryFile() as log:
        process = None
        url = args.url
        if url is None:
            port = free_port()
            process = start_server(port, log, extra)
            url = f"http://127.0.0.1:{port}"
        try:
            settings = "(external)" if process is None else " ".join(extra) or "(defaults)"
            mix = "" if args.distinct is None else f"; {args.distinct} distinct what-ifs"
            print(f"Server: {url} {settings}; scenario {scenario.id}; seed {args.seed}{mix}")
            quiet, rows = measure(url, scenario, args)
        finally:
            if process is not None:
                stop_server(process)
        failed = any(load.dropped or load.errors for _, load, _ in rows) or quiet.errors
        if failed and process is not None:
            log.seek(0)
            tail = log.read().decode(errors="replace").splitlines()[-20:]
            print("Server log (last lines):\n  " + "\n  ".join(tail))
    print(f"\nMachine: {machine(load_before)}\n")
    print(table(rows, quiet))


if __name__ == "__main__":
    main()
