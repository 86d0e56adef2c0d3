"""The fake OpenAI-compatible server of the ``llm`` tests, started once on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from ..web.server_support import serving
from .llm_fake import FakeModel, make_app


@dataclass(frozen=True)
class FakeServer:
    """The running fake: its state and its API base URL."""

    model: FakeModel
    url: str


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeServer]:
    """The server, for the whole session (stopped at its end)."""
    model = FakeModel()
    with serving(make_app(model)) as port:
        yield FakeServer(model, f"http://127.0.0.1:{port}/v1")


@pytest.fixture
def fake(fake_server: FakeServer) -> FakeServer:
    """The server with an empty script and log (the policy answers)."""
    fake_server.model.reset()
    return fake_server
