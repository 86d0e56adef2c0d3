"""The ``grandbargain`` command: a thin shell over :mod:`grandbargain.api`.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input or usage, with one
line per problem naming file, line, column and field. Each module of this package holds the
commands of one area; this one only assembles them.

Start-up: :func:`main` builds only the command its command line names (its module, and the
one click command typer makes of it), so that ``grandbargain analyze`` does not import the
web server's or the simulator's shells. ``--help``, no command and an unknown one get the
whole app, as ``grandbargain.cli.app`` (built on first use) does for tests and embedders.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from importlib import import_module
from typing import TYPE_CHECKING, Any

import typer

from grandbargain.cli.failures import GuardedGroup

if TYPE_CHECKING:
    app: typer.Typer

COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("scenario", "show"),
    "analyze": ("analysis", "analyze"),
    "fair-division": ("analysis", "fair_division"),
    "convert": ("scenario", "convert"),
    "validate": ("scenario", "validate"),
    "schema": ("scenario", "schema"),
    "scenarios": ("scenario", "scenarios"),
    "report": ("analysis", "report"),
    "simulate": ("simulate", "simulate"),
    "tournament": ("simulate", "tournament"),
    "strategies": ("simulate", "strategies"),
    "forecast": ("forecast", "forecast"),
    "winsets": ("forecast", "winsets"),
    "backtest": ("backtest", "backtest"),
    "outlook": ("outlook", "outlook"),
    "brief": ("brief", "brief"),
    "timeline": ("timeline", "timeline"),
    "diff": ("timeline", "diff"),
    "montecarlo": ("uncertainty", "montecarlo"),
    "sensitivity": ("uncertainty", "sensitivity"),
    "serve": ("web", "serve"),
    "evidence": ("evidence", "evidence"),
    "search": ("evidence", "search"),
}
"""Command name -> (module of this package, function), in the order ``--help`` lists them."""

GROUPS: dict[str, tuple[str, str]] = {
    "corpus": ("evidence", "corpus_app"),
    "cite": ("evidence", "cite_app"),
}
"""Sub-command group name -> (module of this package, its ``typer.Typer``)."""


def _member(module: str, name: str) -> Any:
    """``name`` from the module of this package that :data:`COMMANDS` or :data:`GROUPS`
    names, imported when first asked for (the layering test reads the literal package)."""
    return getattr(import_module(f"grandbargain.cli.{module}"), name)


def build_app(only: Collection[str] | None = None) -> typer.Typer:
    """The app with every command, or with the commands and groups named in ``only``.

    A callback is registered when ``only`` is given, so that a single command is still a
    sub-command of the group (typer makes a lone command the root otherwise).
    """
    built = typer.Typer(
        name="grandbargain",
        help="Model, solve, simulate, forecast and stress-test multi-issue negotiations.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=GuardedGroup,
    )
    for name, (module, function) in COMMANDS.items():
        if only is None or name in only:
            built.command(name)(_member(module, function))
    for name, (module, group) in GROUPS.items():
        if only is None or name in only:
            built.add_typer(_member(module, group), name=name)
    if only is not None:
        built.callback()(_no_options)
    return built


def _no_options() -> None:
    """Model, solve, simulate, forecast and stress-test multi-issue negotiations."""


def command_named(argv: list[str]) -> str | None:
    """The command or group an argument list runs, when its first argument names one."""
    first = argv[0] if argv else ""
    return first if first in COMMANDS or first in GROUPS else None


def __getattr__(name: str) -> Any:
    """``app``: the whole app, built on first use and kept (PEP 562)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    whole = build_app()
    globals()["app"] = whole
    return whole


def main() -> None:
    """Console-script entry point: the named command only, else the whole app.

    The command uses no pydantic plugin, and finding them reads the metadata of every
    installed package (tens of milliseconds per run), so plugins are off unless the
    environment says otherwise (``PYDANTIC_DISABLE_PLUGINS``).
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    named = command_named(sys.argv[1:])
    build_app(None if named is None else {named})()
