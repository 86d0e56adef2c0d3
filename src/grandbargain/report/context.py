"""The facts the report shows, as plain data for the template (no HTML here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grandbargain import api
from grandbargain.api import SOLUTION_NAMES, Analysis, Evidence, Scenario


def option_labels(scenario: Scenario) -> dict[tuple[str, str], str]:
    """``(issue id, option id) -> option label``."""
    return {(i.id, o.id): o.label for i in scenario.issues for o in i.options}


def summary(scenario: Scenario, analysis: Analysis) -> dict[str, Any]:
    """Parties, buckets with their advantage, issues with options and status quo."""
    labels = option_labels(scenario)
    status_quo = dict(analysis.status_quo or {})
    return {
        "id": scenario.id,
        "title": scenario.title,
        "description": scenario.description,
        "as_of": None if analysis.as_of is None else analysis.as_of.isoformat(),
        "parties": [
            {
                "name": p.name,
                "description": p.description,
                "reservation": analysis.reservation.get(p.name),
                "ideal": analysis.ideal.get(p.name),
            }
            for p in scenario.parties
        ],
        "buckets": [
            {
                "id": b.id,
                "title": b.title,
                "advantage": b.advantage,
                "issues": [i.title for i in scenario.issues if i.bucket == b.id],
            }
            for b in scenario.buckets
        ],
        "issues": [
            {
                "id": i.id,
                "title": i.title,
                "bucket": i.bucket,
                "options": [o.label for o in i.options],
                "status_quo": None
                if i.id not in status_quo
                else labels.get((i.id, status_quo[i.id]), status_quo[i.id]),
            }
            for i in scenario.issues
        ],
        "counts": {
            "packages": analysis.package_count,
            "admissible": analysis.admissible_count,
            "feasible": analysis.feasible_count,
            "feasible_exact": analysis.feasible is not None and analysis.feasible.exact,
            "epsilon": analysis.epsilon,
        },
        "out_of_scope": list(scenario.out_of_scope),
    }


def _evidence_item(scenario: Scenario, item: Evidence) -> dict[str, Any]:
    sources = {s.id: s for s in scenario.sources}
    backs = "all numbers" if item.backs is None else ", ".join(item.backs)
    if item.assumption is not None:
        low_high = item.assumption.range
        return {
            "assumption": True,
            "reasoning": item.assumption.reasoning,
            "range": None if low_high is None else f"{low_high[0]:g} to {low_high[1]:g}",
            "backs": backs,
        }
    source = sources.get(item.source or "")
    return {
        "assumption": False,
        "quote": item.quote,
        "note": item.note,
        "source": item.source,
        "source_title": None if source is None else source.title,
        "publisher": None if source is None else source.publisher,
        "date": None if source is None else source.date.isoformat(),
        "precision": None if source is None else source.precision.value,
        "backs": backs,
    }


def issue_rows(scenario: Scenario, analysis: Analysis) -> list[dict[str, Any]]:
    """Per issue: each solution's option, and every party's stance evidence on it."""
    labels = option_labels(scenario)
    solutions = analysis.solutions
    status_quo = dict(analysis.status_quo or {})
    rows = []
    for issue in scenario.issues:
        picks: dict[str, str | None] = {}
        for concept in SOLUTION_NAMES:
            solution = getattr(solutions, concept)
            option = None if solution is None else solution.package.get(issue.id)
            picks[concept] = None if option is None else labels.get((issue.id, option), option)
        sq = status_quo.get(issue.id)
        stances = []
        for party in scenario.parties:
            stance = party.stances.get(issue.id)
            if stance is None:
                continue
            items = [_evidence_item(scenario, e) for e in stance.evidence]
            assumed = [e["backs"] for e in items if e["assumption"]]
            stances.append(
                {
                    "party": party.name,
                    "weight": stance.weight,
                    "value_text": ", ".join(
                        f"{labels.get((issue.id, o), o)} {v:g}" for o, v in stance.values.items()
                    ),
                    "red_lines": [labels.get((issue.id, o), o) for o in stance.red_lines],
                    "evidence": items,
                    "assumed": assumed,
                    "unbacked": not items,
                }
            )
        rows.append(
            {
                "id": issue.id,
                "title": issue.title,
                "status_quo": None if sq is None else labels.get((issue.id, sq), sq),
                "picks": picks,
                "issue_evidence": [_evidence_item(scenario, e) for e in issue.evidence],
                "stances": stances,
            }
        )
    return rows


def solution_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """Each solution concept's utilities and gains per party (None where none qualifies)."""
    rows = []
    for concept, name in SOLUTION_NAMES.items():
        solution = getattr(analysis.solutions, concept)
        rows.append(
            {
                "name": name,
                "utilities": None if solution is None else dict(solution.utilities),
                "gains": None if solution is None else dict(solution.gains),
            }
        )
    return rows


def logroll_rows(scenario: Scenario, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The logrolls of ``Analysis.to_dict()``: each move as its issue's title and option
    label with every party's gain on that issue, then the trade's total gains."""
    labels = option_labels(scenario)
    titles = {issue.id: issue.title for issue in scenario.issues}
    return [
        {
            "moves": [
                {
                    "issue": titles.get(issue, issue),
                    "option": labels.get((issue, option), option),
                    "gains": roll["issue_gains"][issue],
                }
                for issue, option in roll["moves"].items()
            ],
            "gains": roll["gains"],
            "smallest_gain": roll["smallest_gain"],
        }
        for roll in data["logrolls"]
    ]


def linkage_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Separate agreements (by issue, by bucket) against the grand bargain."""
    rows = []
    for key, name in (("by_issue", "Issue by issue"), ("by_bucket", "Bucket by bucket")):
        series = data["linkage"][key]
        if series is None:
            continue
        rows.append(
            {
                "name": name,
                "stages": len(series["stages"]),
                "admissible": series["admissible"],
                "utilities": series["utilities"] or {},
                "grand": series["grand_bargain_utilities"] or {},
                "difference": series["difference"] or {},
                "percent_of_gap": series["percent_of_gap"] or {},
            }
        )
    return rows


def backtest_facts(data: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The backtest section: its JSON data, plus per date the predictors' rows with the
    baselines they beat (each predictor also by its display name, as the CLI's tables name
    it), and the outcome of each scored issue by title and option label (the data keeps the
    ids); the issues not scored by title."""
    titles = {i.id: i.title for i in scenario.issues}
    labels = option_labels(scenario)

    def label(issue: str, option: str | None) -> str | None:
        return None if option is None else labels.get((issue, option), option)

    dates = []
    for item in data["dates"]:
        rows = [
            {
                **p,
                "display": api.predictor_name(p["name"]),
                "metric": "MAE" if p["headline"]["metric"] == "mae" else "Brier",
                "versus": (p["beats_no_change"], p["beats_uniform"]),
                "worse": p["name"] in item["lost_to_no_change"],
            }
            for p in item["predictors"]
        ]
        first = item["predictors"][0]["issues"]
        outcomes = [
            {
                "issue": titles.get(row["issue"], row["issue"]),
                "status_quo": label(row["issue"], row["status_quo"]),
                "outcome": label(row["issue"], row["outcome_option"]),
                "position": row["outcome_position"],
            }
            for row in first
        ]
        named = {
            key: [api.predictor_name(name) for name in item[key]]
            for key in ("beat_both_baselines", "lost_to_no_change")
        }
        dates.append({**item, **named, "rows": rows, "outcomes": outcomes})
    outcomes = data["outcomes"]
    not_scored = [titles.get(i, i) for i in outcomes.get("not_scored") or []]
    return {**data, "dates": dates, "outcomes": {**outcomes, "not_scored_titles": not_scored}}


def outlook_bars(data: Mapping[str, Any]) -> dict[str, Any]:
    """The outlook's probability bars: per issue (the outlook's order) every option's label
    and probability, in the scenario's order, from ``Outlook.to_dict()``."""
    return {
        "issues": [
            {
                "id": issue["id"],
                "title": issue["title"],
                "options": [
                    {"label": o["label"], "probability": o["probability"]} for o in issue["options"]
                ],
            }
            for issue in data["issues"]
        ]
    }
