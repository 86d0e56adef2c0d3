"""The ``grandbargain`` command: a thin shell over :mod:`grandbargain.api`.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input or usage, with one
line per problem naming file, line, column and field. Each module of this package holds the
commands of one area; this one only assembles them.
"""

from __future__ import annotations

import os

import typer

from grandbargain.cli import (
    analysis,
    backtest,
    evidence,
    forecast,
    scenario,
    simulate,
    timeline,
    uncertainty,
    web,
)
from grandbargain.cli.failures import GuardedGroup

app = typer.Typer(
    name="grandbargain",
    help="Model, solve, simulate, forecast and stress-test multi-issue negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=GuardedGroup,
)

app.command()(scenario.show)
app.command()(analysis.analyze)
app.command("fair-division")(analysis.fair_division)
app.command()(scenario.convert)
app.command()(scenario.validate)
app.command()(scenario.schema)
app.command()(scenario.scenarios)
app.command()(analysis.report)
app.command()(simulate.simulate)
app.command()(simulate.tournament)
app.command()(simulate.strategies)
app.command()(forecast.forecast)
app.command()(forecast.winsets)
app.command()(backtest.backtest)
app.command()(timeline.timeline)
app.command()(timeline.diff)
app.command()(uncertainty.montecarlo)
app.command()(uncertainty.sensitivity)
app.command()(web.serve)
app.command()(evidence.evidence)
app.command()(evidence.search)
app.add_typer(evidence.corpus_app, name="corpus")
app.add_typer(evidence.cite_app, name="cite")


def main() -> None:
    """Console-script entry point.

    The command uses no pydantic plugin, and finding them reads the metadata of every
    installed package (tens of milliseconds per run), so plugins are off unless the
    environment says otherwise (``PYDANTIC_DISABLE_PLUGINS``).
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()
