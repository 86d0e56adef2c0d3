"""Reading numbers back out of the briefing's sentences, and hand-built outlooks."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import grandbargain as gb
from grandbargain.outlook import Blocking, IssueOutlook, OptionProbability, Outlook

PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def percent_value(text: str) -> tuple[float, float]:
    """A written percentage as a probability and the half-width of its rounding."""
    digits = len(text.split(".")[1]) if "." in text else 0
    return float(text) / 100, 0.5 * 10.0**-digits / 100 + 1e-12


def matches_probability(written: str, probability: float) -> bool:
    """Whether the written percentage is ``probability`` rounded as written."""
    value, half = percent_value(written)
    return abs(value - probability) <= half


def word_by_rule(p: float) -> str:
    """The default rule of the issue, written out again: high from 0.7, medium from 0.4."""
    if p >= 0.7 - 1e-9:
        return "high"
    return "medium" if p >= 0.4 - 1e-9 else "low"


def with_issue(outlook: Outlook, issue: str, probabilities: Sequence[float]) -> Outlook:
    """``outlook`` with the options of ``issue`` given these probabilities (scenario order)."""
    changed: list[IssueOutlook] = []
    for item in outlook.issues:
        if item.id == issue:
            options = tuple(
                dataclasses.replace(o, probability=p)
                for o, p in zip(item.options, probabilities, strict=True)
            )
            item = dataclasses.replace(item, options=options)
        changed.append(item)
    return dataclasses.replace(outlook, issues=tuple(changed))


def with_blocking(outlook: Outlook, blocking: Blocking) -> Outlook:
    """``outlook`` with other blocking constraints."""
    return dataclasses.replace(outlook, blocking=blocking)


def sentences(briefing: gb.Briefing, section: str) -> list[str]:
    """The texts of one section's sentences."""
    return [s.text for s in briefing.section(section).sentences]


def option_probability(item: IssueOutlook, option: str) -> OptionProbability:
    """One option of an issue's outlook."""
    return next(o for o in item.options if o.id == option)
