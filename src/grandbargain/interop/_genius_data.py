"""The plain data read from a GENIUS domain folder, and the scenario data built from it.

:mod:`grandbargain.interop.genius` reads the XML files into :class:`GeniusIssue` and
:class:`GeniusProfile`; :func:`scenario_data` applies the mapping its module notes describe
(utility = weight * evaluation / largest evaluation of the issue, weights as written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grandbargain.interop._common import UniqueIds


@dataclass(frozen=True)
class GeniusIssue:
    """An issue of the domain file: its GENIUS index, name and items (value, description)."""

    index: str
    name: str
    items: tuple[tuple[str, str | None], ...]  # (value, description) in domain order


@dataclass(frozen=True)
class GeniusProfile:
    """A party's profile: weights and evaluations keyed by GENIUS issue index and item value."""

    name: str
    weights: dict[str, float]
    evaluations: dict[str, dict[str, float]]
    reservation: float | None
    discount: float | None


def scenario_data(
    folder: Path,
    domain_file: Path,
    issues: dict[str, GeniusIssue],
    read: list[tuple[Path, GeniusProfile]],
) -> dict[str, Any]:
    """The scenario as plain data (validated by the caller): ids slugged from the GENIUS
    names, option value = 100 * evaluation / largest evaluation, weights as written."""
    issue_ids = UniqueIds()
    issue_blocks: list[dict[str, Any]] = []
    ids: dict[str, tuple[str, dict[str, str]]] = {}  # GENIUS index -> (issue id, value -> id)
    for index, issue in issues.items():
        issue_id = issue_ids.add(issue.name, "issue")
        option_ids = UniqueIds()
        options: list[dict[str, Any]] = []
        value_ids: dict[str, str] = {}
        for value, description in issue.items:
            value_ids[value] = option_ids.add(value, "option")
            option: dict[str, Any] = {"id": value_ids[value], "label": value}
            if description:
                option["description"] = description
            options.append(option)
        ids[index] = (issue_id, value_ids)
        issue_blocks.append(
            {"id": issue_id, "title": issue.name, "bucket": "domain", "options": options}
        )
    parties = []
    for _, profile in read:
        stances: dict[str, Any] = {}
        for index, (issue_id, value_ids) in ids.items():
            table = profile.evaluations[index]
            top = max(table.values())
            values = {value_ids[value]: 100.0 * table[value] / top for value in value_ids}
            stances[issue_id] = {"weight": profile.weights[index], "values": values}
        parties.append(
            {
                "name": profile.name,
                "stances": stances,
                "reservation_value": profile.reservation or 0.0,
            }
        )
    return {
        "schema_version": 1,
        "id": UniqueIds().add(folder.name, "genius-domain"),
        "title": folder.name,
        "description": _description(folder, domain_file, read),
        "value_scale": {"min": 0, "max": 100},
        "weight_mode": "as-written",
        "out_of_scope": [
            "Discount factors (time pressure) and deadlines of the GENIUS profiles: static "
            "analysis has no clock.",
            "The bidding protocol and agents of a GENIUS tournament.",
        ],
        "buckets": [{"id": "domain", "title": "GENIUS domain issues"}],
        "issues": issue_blocks,
        "parties": parties,
        "acceptance": {"rule": "unanimity"},
    }


def _description(folder: Path, domain_file: Path, read: list[tuple[Path, GeniusProfile]]) -> str:
    files = ", ".join(file.name for file, _ in read)
    discounts = [f"{p.name} {p.discount:g}" for _, p in read if p.discount is not None]
    reservations = [p.name for _, p in read if p.reservation is None]
    text = (
        f"Imported from the GENIUS domain folder {folder.name!r}: domain {domain_file.name}, "
        f"profiles {files}. Utility = sum over issues of weight * evaluation / largest "
        "evaluation of that issue, weights as written (value = 100 * evaluation / largest)."
    )
    if discounts:
        text += f" Discount factors read and ignored: {', '.join(discounts)}."
    if reservations:
        text += f" No <reservation> in the profile of {', '.join(reservations)}: 0 assumed."
    return text[:4000]
