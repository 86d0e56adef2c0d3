"""What a simulation ended with, in words a person reads: the agreed package with option
labels, or "no deal" and who walked away. Shared by the report, the web page and the CLI;
it only reads the simulation's JSON (``Simulation.to_dict()``), it decides nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grandbargain.api import Scenario


def _titles(scenario: Scenario | None) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    if scenario is None:
        return {}, {}
    titles = {issue.id: issue.title for issue in scenario.issues}
    labels = {(i.id, o.id): o.label for i in scenario.issues for o in i.options}
    return titles, labels


def _stage_line(stage: Mapping[str, Any]) -> str:
    """How one stage of the talks ended, in a sentence (without the stage's name)."""
    rounds = stage["rounds_used"]
    after = f"after {rounds} round{'s' if rounds != 1 else ''}"
    if stage["ended"] == "agreement":
        return f"agreement {after}"
    if stage["ended"] == "walk-away":
        return f"no deal: {stage['walked_away']} walked away {after}"
    if stage["ended"] == "no-ratifiable-offer":
        return "no deal: a party's ratification rules left it no package to offer"
    return f"no deal: the deadline passed {after} without agreement"


def _headline(data: Mapping[str, Any], agreed: int, total: int) -> str:
    stages = data["stages"]
    if len(stages) == 1:
        line = _stage_line(stages[0])
        return line[0].upper() + line[1:] + "."
    if agreed == total:
        return f"Agreement on all {total} issues, in {len(stages)} stages."
    if agreed == 0:
        walked = data["outcome"]["ended_by"]
        who = "; ".join(f"{party} walked away from {name}" for name, party in walked.items())
        return "No deal on any issue" + (f" ({who})." if who else ".")
    return (
        f"Agreement on {agreed} of {total} issues; no deal on the others, whose status quo stays."
    )


def agreed_package(data: Mapping[str, Any], scenario: Scenario | None = None) -> dict[str, Any]:
    """The outcome of a simulation (its ``to_dict()``) as plain facts to show.

    ``headline``: one sentence ("Agreement after 31 rounds.", "No deal: China walked away
    after 4 rounds."); ``agreement``: whether every stage agreed; ``stages``: each stage's
    name and ending in words; ``issues``: per issue its id, title, the option the talks ended
    with (id and label; ``None`` when the talks produced no package at all) and whether it
    was agreed (``False``: no deal on it, the status quo stays).
    Titles and labels come from ``scenario`` when given, else the ids stand in for them.
    """
    titles, labels = _titles(scenario)
    agreed_issues = {
        issue: stage["name"]
        for stage in data["stages"]
        if stage["ended"] == "agreement"
        for issue in stage["issues"]
    }
    package: Mapping[str, str | None] = data["outcome"]["package"] or {
        issue: None for stage in data["stages"] for issue in stage["issues"]
    }
    issues = [
        {
            "id": issue,
            "title": titles.get(issue, issue),
            "option": option,
            "label": None if option is None else labels.get((issue, option), option),
            "agreed": issue in agreed_issues,
            "stage": agreed_issues.get(issue),
        }
        for issue, option in package.items()
    ]
    agreed = sum(1 for issue in package if issue in agreed_issues)
    return {
        "headline": _headline(data, agreed, len(issues)),
        "agreement": bool(data["outcome"]["agreement"]),
        "stages": [{"name": s["name"], "ended": _stage_line(s)} for s in data["stages"]],
        "walked_away": {name: party for name, party in data["outcome"]["ended_by"].items()},
        "issues": issues,
    }
