"""``grandbargain serve``: prints the URL, warns beyond loopback, opens a given scenario."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from grandbargain.cli import app

from ..conftest import DATA, ROOT

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``uvicorn.run`` was called with (the server itself is not started)."""
    import uvicorn

    calls: dict[str, Any] = {}

    def fake_run(application: Any, **options: Any) -> None:
        calls["app"] = application
        calls.update(options)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_serve_binds_loopback_by_default_and_prints_the_url(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.stdout
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert "warning" not in result.output


def test_serve_warns_when_binding_beyond_loopback(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr and "beyond this machine" in result.stderr
    assert served["host"] == "0.0.0.0" and served["port"] == 8123


def test_serve_opens_a_scenario_file_given_on_the_command_line(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", str(DATA / "small.yaml"), "--port", "8124"])
    assert result.exit_code == 0, result.output
    with TestClient(served["app"], base_url="http://127.0.0.1:8124") as client:
        page = client.get("/").text
        config = json.loads(page.split('id="gb-config">', 1)[1].split("</script>", 1)[0])
        assert config["file"]["name"] == "small.yaml"
        source = {"text": config["file"]["text"], "name": "small.yaml"}
        answer = client.post("/api/whatif", json={"scenario": source})
        assert answer.status_code == 200 and answer.json()["scenario"]["id"] == "small"


def test_serve_refuses_a_bad_scenario_with_its_line(tmp_path: Path, served: dict[str, Any]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: Bad Id\n")
    result = runner.invoke(app, ["serve", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:2:1: id:" in result.stderr
    assert "app" not in served


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_the_real_server_answers_on_loopback() -> None:
    port = _free_port()
    command = [sys.executable, "-m", "grandbargain", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Host": "rebind.example"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 400
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
