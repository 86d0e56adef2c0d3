"""``serve``: the local what-if web app (see :mod:`grandbargain.web`).

The listening sockets are made before anything is printed, so a port already in use is a
plain error (exit 2) instead of a URL banner followed by a failure; uvicorn is then handed
the bound sockets.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from typing import TYPE_CHECKING, Annotated, Any

import typer

from grandbargain import api
from grandbargain.api import Problem
from grandbargain.cli.common import ScenarioArg, fail, guarded, make_console

if TYPE_CHECKING:
    from fastapi import FastAPI

LOOPBACK = ("127.0.0.1", "localhost", "::1")
KEEP_ALIVE_SECONDS = 30
"""How long an idle keep-alive connection stays open."""


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _cannot_listen(host: str, port: int, error: OSError) -> Problem:
    if error.errno == errno.EADDRINUSE:
        message = f"port {port} on {host} is in use; try --port {port % 65535 + 1}"
    elif error.errno == errno.EACCES:
        message = f"no permission to listen on port {port} of {host}; try --port 8000"
    elif error.errno == errno.EADDRNOTAVAIL:
        return Problem("--host", 0, 0, "", f"{host} is not an address of this machine")
    else:
        message = f"cannot listen on {host} port {port}: {error.strerror or error}"
    return Problem("--port", 0, 0, "", message)


def _bound(family: int, address: tuple[Any, ...]) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name == "posix":  # as asyncio does; on Windows it would let ports be shared
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        # Bound only: uvicorn listens once the app has started, so until then connections are
        # refused (clients retry) rather than left waiting.
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def listen(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to every address of ``host`` on ``port`` (as uvicorn would bind them);
    exit 2 with one clear message if any cannot be bound."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        reason = error.strerror or str(error)
        fail([Problem("--host", 0, 0, "", f"cannot find the address of {host!r}: {reason}")])
        raise
    sockets: list[socket.socket] = []
    try:
        for family, address in dict.fromkeys((f[0], f[4]) for f in found):
            sockets.append(_bound(family, address))
    except OSError as error:
        for sock in sockets:
            sock.close()
        fail([_cannot_listen(host, port, error)])
        raise
    return sockets


def serve(
    scenario: ScenarioArg = None,
    host: Annotated[
        str,
        typer.Option(help="Address to bind; beyond loopback, anyone who can reach it can use it."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another name the Host header may carry (e.g. this machine's name); repeat.",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Analysis processes (default: CPUs, <= 4).")
    ] = None,
    queue: Annotated[
        int, typer.Option(min=0, max=1000, help="Requests that may wait; more get 'busy'.")
    ] = 4,
) -> None:
    """Serve the what-if web app: change weights, reservation values, red lines and conditions
    and see the frontier and solutions move; simulate; browse evidence."""
    from grandbargain.web import create_app

    shipped = {s.name for s in guarded(api.list_shipped_scenarios)}
    initial: str | None = None
    scenario_file: tuple[str, str] | None = None
    if scenario is None or (scenario in shipped and not os.path.exists(scenario)):
        initial = scenario
    else:
        loaded = guarded(lambda: api.load_scenario(scenario))
        scenario_file = (os.path.basename(scenario.rstrip("/\\")), api.scenario_to_yaml(loaded))
    if not host.strip():
        fail([Problem("--host", 0, 0, "", "give an address to bind, such as 127.0.0.1")])
    app = create_app(
        scenario=initial,
        scenario_file=scenario_file,
        host=host,
        allowed_hosts=allow_host or (),
        workers=workers,
        queue=queue,
    )
    _run(app, host, port)


def _run(app: FastAPI, host: str, port: int) -> None:
    import uvicorn

    sockets = listen(host, port)
    if host not in LOOPBACK:
        make_console(stderr=True).print(
            f"warning: binding {host} makes the app reachable beyond this machine; it has no "
            "login, so anyone who can reach the port can use it. Requests must name an allowed "
            "host (localhost, 127.0.0.1, ::1, the bound address or --allow-host).",
            markup=False,
        )
    make_console().print(
        f"grandbargain what-if app: {_url(host, port)}  (Ctrl+C stops it)", markup=False
    )
    # An idle keep-alive connection is closed after 30 s (uvicorn's default is 5 s): a client
    # that sends its next request just as the server closes the connection gets no answer, so
    # the window is kept well beyond the pauses of a client that waits after a "busy" answer.
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    server = uvicorn.Server(config)
    # After Ctrl+C uvicorn shuts down, then raises the signal again; uvicorn.run ends there too.
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=sockets)
    if not server.started:  # the app failed to start; uvicorn has logged why
        raise typer.Exit(code=1)
