"""Fixtures for the web tests: one app on a loopback address and a test client; for the
browser tests, a served app (a real server process) and Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from grandbargain.web import create_app

from .browser_support import browser_missing, launched_chromium, running_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BASE_URL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A grandbargain server process on a free loopback port, stopped after the module."""
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless chromium; fails (CI) or is never reached (modules skip) when it is missing."""
    with launched_chromium(browser_missing()) as chromium:
        yield chromium
