"""``grandbargain serve``: prints the URL, warns beyond loopback, opens a given scenario,
refuses a port in use before printing anything."""

from __future__ import annotations

import json
import signal
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
from grandbargain.cli import web as cli_web

from ..conftest import DATA, ROOT

runner = CliRunner()


@pytest.fixture
def not_started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the uvicorn server was given (the app, host, port, sockets); it is not started,
    and the sockets it was handed are closed."""
    import uvicorn

    calls: dict[str, Any] = {}

    def fake_run(server: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        config = server.config
        calls.update(app=config.app, host=config.host, port=config.port)
        calls["addresses"] = [sock.getsockname() for sock in sockets or ()]
        calls["keep_alive"] = config.timeout_keep_alive
        for sock in sockets or ():
            sock.close()
        server.started = True

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    return calls


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, not_started: dict[str, Any]) -> dict[str, Any]:
    """As ``not_started``, without binding any port (the tests name fixed ports)."""

    def fake_listen(host: str, port: int) -> list[socket.socket]:
        not_started["listen"] = (host, port)
        return []

    monkeypatch.setattr(cli_web, "listen", fake_listen)
    return not_started


def test_serve_binds_loopback_by_default_and_prints_the_url(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.stdout
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert served["listen"] == ("127.0.0.1", 8000)
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


def test_serve_binds_its_socket_first_and_hands_it_to_uvicorn(
    not_started: dict[str, Any],
) -> None:
    port = _free_port()
    result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert not_started["addresses"] == [("127.0.0.1", port)]
    assert not_started["keep_alive"] == cli_web.KEEP_ALIVE_SECONDS


def test_serve_refuses_a_port_in_use_before_printing_the_url(
    not_started: dict[str, Any],
) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == f"--port: port {port} on 127.0.0.1 is in use; try --port {port + 1}\n"
    assert result.stdout == "" and "app" not in not_started


def test_serve_refuses_an_address_of_another_machine(not_started: dict[str, Any]) -> None:
    # 192.0.2.0/24 is reserved for documentation: no machine has it.
    result = runner.invoke(app, ["serve", "--host", "192.0.2.10", "--port", "8123"])
    assert result.exit_code == 2
    assert result.stderr == "--host: 192.0.2.10 is not an address of this machine\n"
    assert "http://" not in result.stdout and "app" not in not_started


def test_the_real_command_exits_2_when_the_port_is_taken() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        command = [sys.executable, "-m", "grandbargain", "serve", "--port", str(port)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"--port: port {port} on 127.0.0.1 is in use; try --port {port + 1}\n"


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
        process.send_signal(signal.SIGINT)  # Ctrl+C, as the banner says
        out, err = process.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in out
    assert process.returncode == 0 and "Traceback" not in err, err
