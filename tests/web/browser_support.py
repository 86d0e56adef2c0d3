"""Helpers for the browser tests: the real server in a subprocess, and scenarios to feed it."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

import grandbargain as gb
from grandbargain.api import Problem

from ..conftest import DATA, ROOT
from ..hostile import CLOSE, IMG, SCRIPT
from ..hostile import hostile_yaml as shared_hostile_yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EVIL_SCRIPT = SCRIPT
EVIL_CLOSE = CLOSE
EVIL_IMG = IMG


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install chromium)"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(timeout: float = 60.0) -> Iterator[str]:
    """Run ``python -m grandbargain serve`` on a free loopback port; yield its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "grandbargain", "serve", "--host", "127.0.0.1"]
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(process, url, log, timeout)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"the server exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    log.seek(0)
    raise RuntimeError(f"the server did not answer within {timeout} s:\n{log.read().decode()}")


# --- scenarios ---------------------------------------------------------------------------


def nash_package(scenario: gb.Scenario) -> dict[str, str] | None:
    """The Nash package the Python API computes for a scenario (the browser's truth)."""
    nash = gb.analyze(scenario).solutions.nash
    return None if nash is None else dict(nash.package)


def with_weight(scenario: gb.Scenario, party: str, issue: str, weight: float) -> gb.Scenario:
    """The scenario with one party's weight on one issue set to ``weight`` (as written)."""
    data = gb.scenario_to_dict(scenario)
    stances = next(p for p in data["parties"] if p["name"] == party)["stances"]
    stances[issue]["weight"] = weight
    return gb.load_scenario_text(json.dumps(data), f"{scenario.id}.json")


# Weight changes tried in order on us-china-2025; the first that moves the Nash package is used,
# so a retuned scenario still gives the test a change to look for.
WEIGHT_CANDIDATES = [
    ("United States", "rare-earths", 0.0),
    ("United States", "h20-exports", 0.0),
    ("China", "tiktok-ownership", 0.0),
    ("China", "rare-earths", 0.0),
    ("United States", "advanced-ai-chips", 0.0),
    ("China", "sme-controls", 0.0),
]


def weight_change_that_moves_nash(
    scenario_id: str = "us-china-2025",
) -> tuple[str, str, float, dict[str, str], dict[str, str]]:
    """(party, issue, weight, Nash package before, Nash package after) for a moving change."""
    scenario = gb.load_scenario(scenario_id)
    before = nash_package(scenario)
    assert before is not None, f"{scenario_id} has no Nash package"
    for party, issue, weight in WEIGHT_CANDIDATES:
        if party not in scenario.party_names or issue not in {i.id for i in scenario.issues}:
            continue
        after = nash_package(with_weight(scenario, party, issue, weight))
        if after is not None and after != before:
            return party, issue, weight, before, after
    raise AssertionError(f"no candidate weight change moves the Nash package of {scenario_id}")


def small_yaml() -> str:
    return (DATA / "small.yaml").read_text(encoding="utf-8")


MALFORMED_YAML = "schema_version: 1\nid: broken\ntitle: [unclosed\nparties: {\n"


def unknown_id_yaml() -> str:
    """small.yaml with an issue put in a bucket that does not exist."""
    text = small_yaml()
    bad = text.replace("bucket: trade\n    search_terms", "bucket: nowhere\n    search_terms", 1)
    assert bad != text
    return bad


def first_problem(text: str, file: str) -> Problem:
    """The first problem the Python API reports for a bad file."""
    try:
        gb.load_scenario_text(text, file)
    except gb.InputError as error:
        return error.problems[0]
    raise AssertionError("the text loads without problems")


def hostile_yaml() -> str:
    """The shared hostile scenario (tests/hostile.py), checked to load."""
    text = shared_hostile_yaml()
    gb.load_scenario_text(text, "hostile.yaml")  # must be a valid scenario
    return text


SCREENSHOT = ROOT / "docs" / "img" / "web-app.png"


@contextmanager
def launched_chromium(missing: str | None) -> Iterator[Browser]:
    """Debian's chromium, headless, through playwright (it cannot download its own); with
    ``missing`` (why the browser cannot run) the test fails: CI must run browser tests."""
    if missing:
        pytest.fail(f"CI is set but the browser tests cannot run: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
