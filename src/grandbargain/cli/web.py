"""``serve``: the local what-if web app (see :mod:`grandbargain.web`)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from grandbargain import api
from grandbargain.api import Problem
from grandbargain.cli.common import ScenarioArg, fail, guarded, make_console

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


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
        int | None, typer.Option(min=1, max=64, help="Analysis threads (default: CPUs, <= 4).")
    ] = None,
    queue: Annotated[
        int, typer.Option(min=0, max=1000, help="Requests that may wait; more get 'busy'.")
    ] = 4,
) -> None:
    """Serve the what-if web app: change weights, reservation values, red lines and conditions
    and see the frontier and solutions move; simulate; browse evidence."""
    import uvicorn

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
    out = make_console()
    err = make_console(stderr=True)
    if host not in LOOPBACK:
        err.print(
            f"warning: binding {host} makes the app reachable beyond this machine; it has no "
            "login, so anyone who can reach the port can use it. Requests must name an allowed "
            "host (localhost, 127.0.0.1, ::1, the bound address or --allow-host).",
            markup=False,
        )
    out.print(f"grandbargain what-if app: {_url(host, port)}  (Ctrl+C stops it)", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
