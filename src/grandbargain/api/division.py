"""Adjusted Winner between two parties, and the cloud of admissible packages:
functions of :mod:`grandbargain.api`.

Each imports the engines it calls when it is called, so that importing the api stays cheap;
annotations name their types for type checkers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grandbargain.api.scenarios import load_scenario
from grandbargain.model.errors import InputError, Problem

if TYPE_CHECKING:
    from grandbargain.solve.analysis import Analysis
    from grandbargain.solve.cloud import AdmissibleCloud
    from grandbargain.solve.fair_division import AdjustedWinnerResult


def fair_division(
    source: str | None = None,
    parties: tuple[str, str] | None = None,
    issues: tuple[str, ...] | None = None,
    points: str | None = None,
) -> AdjustedWinnerResult:
    """Adjusted Winner on a points CSV (``issue,<A>,<B>``) or on a scenario's weights.

    A CSV's points are divided as written (``points="raw"``, the default; both columns must
    then have the same total) or each rescaled to sum to 100 (``points="normalised"``). For a
    scenario, each party's points on an issue are its weight times the spread of its values
    there, always normalised to 100, over the ``splittable`` issues (all if none is).
    """
    from grandbargain.solve.fair_division import adjusted_winner, points_from_scenario

    if points not in (None, "raw", "normalised"):
        raise InputError([Problem("--points", 0, 0, "", f"{points!r}: expected raw or normalised")])
    if source is not None and source.lower().endswith(".csv"):
        return _fair_division_csv(source, parties, issues, points or "raw")
    if points == "raw":
        message = "a scenario's points are always normalised to 100; --points raw is for a CSV"
        raise InputError([Problem("--points", 0, 0, "", message)])
    scenario = load_scenario(source)
    chosen = parties or (scenario.parties[0].name, scenario.parties[1].name)
    return adjusted_winner(points_from_scenario(scenario, chosen, issues), chosen, "normalised")


def _fair_division_csv(
    source: str, parties: tuple[str, str] | None, issues: tuple[str, ...] | None, mode: str
) -> AdjustedWinnerResult:
    from grandbargain.interop.points_csv import read_points_csv
    from grandbargain.solve.fair_division import adjusted_winner, normalise_points

    table = read_points_csv(source)
    problems = []
    if parties is not None and parties != table.parties:
        written = ",".join(table.parties)
        message = f"the CSV's header names the parties {written}; leave --parties out"
        problems.append(Problem("--parties", 0, 0, "", message))
    if issues is not None:
        problems.append(Problem(source, 0, 0, "issues", "a CSV divides every issue it lists"))
    if problems:
        raise InputError(problems)
    if mode == "normalised":
        return adjusted_winner(normalise_points(table.points), table.parties, "normalised")
    table.check_equal_totals()
    return adjusted_winner(table.points, table.parties, "raw")


def admissible_cloud(analysis: Analysis, limit: int | None = None) -> AdmissibleCloud | None:
    """Every admissible package of an analysis with each party's utility, in lexicographic
    order of option indices; None when there are more than ``limit`` (default
    :data:`CLOUD_LIMIT`; the chart's cloud)."""
    from grandbargain.solve.cloud import CLOUD_LIMIT
    from grandbargain.solve.cloud import admissible_cloud as space_cloud

    return space_cloud(analysis.space, CLOUD_LIMIT if limit is None else limit)
