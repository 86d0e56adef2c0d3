"""Analysis results as plain JSON-ready data (schema: ``schemas/analysis.schema.json``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from grandbargain.space import FloatArray

NOT_COMPUTED = "not computed"
"""The feasible-count method of a quick analysis, whose count is null."""

if TYPE_CHECKING:
    from grandbargain.solve.analysis import Analysis
    from grandbargain.solve.linkage import SeriesOfAgreements


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _vector(parties: tuple[str, ...], values: FloatArray | None) -> dict[str, float | None] | None:
    if values is None:
        return None
    return {name: _num(float(v)) for name, v in zip(parties, values, strict=True)}


def _series(a: Analysis, series: SeriesOfAgreements | None) -> dict[str, Any] | None:
    if series is None:
        return None
    space = a.space
    return {
        "stages": [
            {
                "name": name,
                "issues": [space.issue_ids[i] for i in issues],
                "agreement": {
                    space.issue_ids[i]: space.option_ids[i][int(series.package[i])] for i in issues
                },
            }
            for name, issues in series.stages
        ],
        "package": space.package_dict(series.package),
        "admissible": series.admissible,
        "utilities": _vector(a.parties, series.utilities),
        "grand_bargain_utilities": _vector(a.parties, series.grand_utilities),
        "difference": _vector(a.parties, series.difference),
        "percent_of_gap": _vector(a.parties, series.percent_of_gap),
    }


def _count_method(a: Analysis) -> dict[str, Any]:
    if a.feasible is None:
        return {"exact": False, "method": NOT_COMPUTED, "low": None, "high": None}
    return {
        "exact": a.feasible.exact,
        "method": a.feasible.method,
        "low": a.feasible.low,
        "high": a.feasible.high,
    }


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    """The whole analysis as plain data."""
    space = a.space
    return {
        "schema_version": 1,
        "scenario": a.scenario,
        "parties": list(a.parties),
        "issues": list(a.issues),
        "as_of": None if a.as_of is None else a.as_of.isoformat(),
        "conditions": dict(a.conditions),
        "applied_events": list(a.applied_events),
        "package_count": a.package_count,
        "admissible_count": a.admissible_count,
        "quick": a.quick,
        "feasible_count": a.feasible_count,
        "feasible_count_method": _count_method(a),
        "epsilon": a.epsilon,
        "reservation": dict(a.reservation),
        "ideal": {k: _num(v) for k, v in a.ideal.items()},
        "status_quo": None
        if a.status_quo is None
        else {
            "package": dict(a.status_quo),
            "utilities": dict(a.status_quo_utilities or {}),
        },
        "pareto": [
            {
                "package": space.package_dict(package),
                "utilities": _vector(a.parties, utilities),
                "feasible": bool(feasible),
            }
            for package, utilities, feasible in zip(
                a.frontier.packages, a.frontier.utilities, a.frontier_feasible, strict=True
            )
        ],
        "solutions": a.solutions.to_dict(),
        "logroll_count": a.logroll_count,
        "logrolls": [
            {
                "moves": {space.issue_ids[i]: space.option_ids[i][o] for i, o in roll.moves},
                "issue_gains": {
                    space.issue_ids[i]: _vector(a.parties, roll.issue_gains[k])
                    for k, (i, _) in enumerate(roll.moves)
                },
                "gains": _vector(a.parties, roll.total_gains),
                "smallest_gain": roll.smallest_gain,
            }
            for roll in a.logrolls
        ],
        "linkage": {
            "by_issue": _series(a, a.linkage_issues),
            "by_bucket": _series(a, a.linkage_buckets),
        },
        "ratification": None if a.ratification is None else a.ratification.to_dict(),
    }
