"""``brief``: a thin shell over :func:`grandbargain.api.brief`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from grandbargain import api
from grandbargain.cli.common import (
    ConditionOpt,
    ScenarioArg,
    guarded,
    loaded_scenario,
    parse_conditions,
    print_json,
    progress_bar,
)


class BriefFormat(StrEnum):
    """How ``brief`` prints: wrapped text (``table`` is the same, as for other commands) or
    JSON."""

    TEXT = "text"
    TABLE = "table"
    JSON = "json"


def brief(
    scenario: ScenarioArg = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date YYYY-MM-DD; only events on or before it apply."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Earlier date YYYY-MM-DD: say what changed since then."),
    ] = None,
    draws: Annotated[
        int, typer.Option(min=0, help="Monte Carlo draws; 0: once, on the nominal numbers.")
    ] = api.OUTLOOK_DRAWS,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the draws and simulations.")] = 0,
    condition: ConditionOpt = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: 2 from 400 draws).")
    ] = None,
    width: Annotated[int, typer.Option(min=40, help="Wrap text at this many columns.")] = 88,
    output: Annotated[
        BriefFormat, typer.Option("--format", help="text (or table) or json.")
    ] = BriefFormat.TEXT,
) -> None:
    """The answer first: the likely deal in plain sentences, its probability, each side's
    gain, the trades that carry it, what blocks, how sure the tool is per issue, and with
    --since what changed and why; every number with its evidence or marked as assumed."""
    loaded = loaded_scenario(scenario)
    conditions = parse_conditions(condition)
    with progress_bar("draws") as tick:
        result = guarded(
            lambda: api.brief(
                loaded,
                as_of,
                since,
                draws,
                seed,
                conditions=conditions,
                workers=workers,
                progress=tick,
            )
        )
    if output is BriefFormat.JSON:
        print_json(result.to_dict())
        return
    sys.stdout.write(result.to_text(width))
