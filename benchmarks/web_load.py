"""Load on the web app: concurrent what-if recomputes against a local `grandbargain serve`.

Run: python benchmarks/web_load.py [--clients 50] [--seconds 30] [--seed 7]

Starts the server in a subprocess on a free loopback port (or uses --url), then:
1. unloaded: one client sends what-if requests one after another (after a warm-up) and the
   p50/p95 of their latency is reported (target: p95 under 150 ms on an unloaded 2-core machine);
2. loaded: --clients concurrent clients (asyncio + one httpx.AsyncClient each) send what-if
   requests back to back for --seconds (after a "busy" answer a client waits --busy-pause
   seconds, 0.1 by default, as a polite client would), and the script reports requests, throughput,
   p50/p95/p99 latency of the successful answers, "busy" answers (503) and errors (any other
   non-2xx answer or exception; target: 0).
Each request changes one randomly chosen weight of one party (seeded per client), so no two
consecutive requests ask for the same scenario. The result ends with a Markdown table for the
README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

import grandbargain as gb

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful answers only
    busy: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.busy + sum(self.errors.values())


class Requests:
    """Seeded what-if request bodies: one random weight change on one party and issue."""

    def __init__(self, scenario: gb.Scenario, seed: int) -> None:
        self.rng = random.Random(seed)
        self.scenario_id = scenario.id
        self.parties = list(scenario.party_names)
        self.issues = [issue.id for issue in scenario.issues]

    def next(self) -> dict[str, Any]:
        party = self.rng.choice(self.parties)
        issue = self.rng.choice(self.issues)
        weight = self.rng.randint(0, 100)
        return {
            "scenario": {"id": self.scenario_id},
            "changes": {"weights": {party: {issue: weight}}},
            "parties": self.parties[:2],
        }


async def one_request(
    client: httpx.AsyncClient, body: dict[str, Any], tally: Tally, busy_pause: float = 0.0
) -> None:
    start = time.perf_counter()
    try:
        answer = await client.post("/api/whatif", json=body)
    except httpx.HTTPError as error:
        tally.errors[f"{type(error).__name__}: {error}"[:120]] += 1
        return
    elapsed = time.perf_counter() - start
    if answer.is_success:
        tally.latencies.append(elapsed)
    elif answer.status_code == 503 and _is_busy(answer):
        tally.busy += 1
        await asyncio.sleep(busy_pause)
    else:
        tally.errors[f"HTTP {answer.status_code}: {answer.text[:100]}"] += 1


def _is_busy(answer: httpx.Response) -> bool:
    try:
        return bool(answer.json().get("error") == "busy")
    except ValueError:
        return False


def _client(url: str, timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=timeout, limits=httpx.Limits(max_connections=1))


async def unloaded(url: str, scenario: gb.Scenario, seed: int, count: int) -> Tally:
    requests = Requests(scenario, seed)
    async with _client(url, 60) as client:
        for _ in range(5):  # warm-up: caches, connection, first-call imports
            await one_request(client, requests.next(), Tally())
        tally = Tally()
        for _ in range(count):
            await one_request(client, requests.next(), tally)
    return tally


async def loaded(
    url: str, scenario: gb.Scenario, seed: int, clients: int, seconds: float, busy_pause: float
) -> Tally:
    tally = Tally()
    deadline = time.perf_counter() + seconds

    async def user(index: int) -> None:
        requests = Requests(scenario, seed * 1_000_003 + index)
        async with _client(url, 60) as client:
            while time.perf_counter() < deadline:
                await one_request(client, requests.next(), tally, busy_pause)

    await asyncio.gather(*(user(i) for i in range(clients)))
    return tally


def percentile_ms(latencies: list[float], q: float) -> float:
    return float(np.percentile(latencies, q)) * 1000 if latencies else float("nan")


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(port: int, log: Any, extra: list[str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "grandbargain", "serve", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port), *extra], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"the server exited with {process.returncode}:\n{log.read().decode()}")
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    sys.exit("the server did not answer within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
        f"Python {platform.python_version()}, httpx {httpx.__version__}; load average "
        f"{load_before[0]:.2f} before the run (other work on the machine skews the figures)"
    )


# --- main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the load (30)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the weight changes (7)")
    parser.add_argument("--unloaded", type=int, default=200, help="sequential requests (200)")
    parser.add_argument(
        "--busy-pause", type=float, default=0.1, help="seconds a client waits after a busy answer"
    )
    parser.add_argument("--scenario", default="us-china-2025", help="shipped scenario id")
    parser.add_argument("--url", help="use a server already running there instead")
    parser.add_argument("--workers", type=int, help="the server's analysis threads (its default)")
    parser.add_argument("--queue", type=int, help="the server's waiting requests (its default)")
    args = parser.parse_args()
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
            print(f"Server: {url} {settings}; scenario {scenario.id}; seed {args.seed}")
            quiet = asyncio.run(unloaded(url, scenario, args.seed, args.unloaded))
            print(
                f"Unloaded, 1 client, {quiet.requests} requests: "
                f"p50 {percentile_ms(quiet.latencies, 50):.0f} ms, "
                f"p95 {percentile_ms(quiet.latencies, 95):.0f} ms "
                f"(target < 150 ms), busy {quiet.busy}, errors {sum(quiet.errors.values())}"
            )
            start = time.perf_counter()
            load = asyncio.run(
                loaded(url, scenario, args.seed, args.clients, args.seconds, args.busy_pause)
            )
            elapsed = time.perf_counter() - start
        finally:
            if process is not None:
                stop_server(process)
        errors = sum(load.errors.values())
        for message, count in (load.errors + quiet.errors).most_common(5):
            print(f"  error x{count}: {message}")
        if (errors or quiet.errors) and process is not None:
            log.seek(0)
            tail = log.read().decode(errors="replace").splitlines()[-20:]
            print("Server log (last lines):\n  " + "\n  ".join(tail))

    print(f"\nMachine: {machine(load_before)}\n")
    print(
        "| clients | seconds | requests | answered | req/s answered | p50 ms | p95 ms | p99 ms "
        "| busy (503) | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {args.clients} | {elapsed:.0f} | {load.requests:,} | {len(load.latencies):,} "
        f"| {len(load.latencies) / elapsed:.1f} | {percentile_ms(load.latencies, 50):.0f} "
        f"| {percentile_ms(load.latencies, 95):.0f} | {percentile_ms(load.latencies, 99):.0f} "
        f"| {load.busy:,} | {errors} |"
    )
    print(
        f"| 1 (unloaded) | - | {quiet.requests} | {len(quiet.latencies)} | - "
        f"| {percentile_ms(quiet.latencies, 50):.0f} | {percentile_ms(quiet.latencies, 95):.0f} "
        f"| {percentile_ms(quiet.latencies, 99):.0f} | {quiet.busy} "
        f"| {sum(quiet.errors.values())} |"
    )


if __name__ == "__main__":
    main()
