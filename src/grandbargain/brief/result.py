"""The briefing's frozen result: sections of sentences, each sentence with the evidence behind
its numbers (or the assumption it rests on), the per-issue confidence words, and the evidence
items the sentences cite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

BRIEF_SCHEMA_VERSION = 1
HIGH_FROM = 0.7
"""The most likely option's probability from which the tool is sure of an issue ("high")."""
MEDIUM_FROM = 0.4
"""The probability from which it is fairly sure ("medium"); below it, "low"."""
TOLERANCE = 1e-9
"""Probabilities within this of a boundary count as on it (the project's tolerance)."""


class Confidence(StrEnum):
    """How sure the outlook is of an issue, from its most likely option's probability."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def confidence_word(probability: float) -> Confidence:
    """``high`` when ``probability >= 0.7``, ``medium`` when ``0.4 <= probability < 0.7``,
    ``low`` below 0.4 (each boundary within :data:`TOLERANCE`)."""
    if probability >= HIGH_FROM - TOLERANCE:
        return Confidence.HIGH
    if probability >= MEDIUM_FROM - TOLERANCE:
        return Confidence.MEDIUM
    return Confidence.LOW


@dataclass(frozen=True)
class EvidenceItem:
    """One item of the scenario's evidence that a sentence cites: a quote from a source or
    an analyst's assumption (with its range), and what it is about."""

    key: str
    about: str
    kind: str
    backs: str
    source: str | None = None
    source_title: str | None = None
    publisher: str | None = None
    date: str | None = None
    precision: str | None = None
    url: str | None = None
    quote: str | None = None
    note: str | None = None
    reasoning: str | None = None
    range: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data = dict(self.__dict__)
        data["range"] = None if self.range is None else list(self.range)
        return data


@dataclass(frozen=True)
class Sentence:
    """One sentence of the briefing, filled from a template. ``evidence`` holds the keys of
    the :class:`EvidenceItem` s behind its numbers; ``assumption`` says what the numbers rest
    on besides the scenario's evidence (the outlook's model), or is None."""

    text: str
    evidence: tuple[str, ...] = ()
    assumption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"text": self.text, "evidence": list(self.evidence), "assumption": self.assumption}


@dataclass(frozen=True)
class Section:
    """A titled part of the briefing: the deal, its trades, what blocks, how sure, changes."""

    id: str
    title: str
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "id": self.id,
            "title": self.title,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True)
class IssueConfidence:
    """One issue: its most likely option, that option's probability and the plain word."""

    issue: str
    title: str
    option: str
    label: str
    probability: float
    word: Confidence
    disagreement: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {**self.__dict__, "word": self.word.value}


@dataclass(frozen=True)
class Briefing:
    """The answer first: the likely deal, its trades, what blocks, how sure, what changed.

    Build one with :func:`grandbargain.brief`; every sentence is a template filled from the
    outlook (and, with ``since``, the diff between the two dates)."""

    scenario: str
    title: str
    as_of: dt.date | None
    since: dt.date | None
    draws: int
    seed: int
    sections: tuple[Section, ...]
    issues: tuple[IssueConfidence, ...]
    evidence: tuple[EvidenceItem, ...]
    notes: tuple[str, ...]

    @property
    def nominal(self) -> bool:
        """True without draws: gains are nominal, with no interval."""
        return self.draws == 0

    def section(self, section_id: str) -> Section:
        """One section by id (KeyError if the briefing has none such)."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/brief.schema.json``."""
        return {
            "schema_version": BRIEF_SCHEMA_VERSION,
            "scenario": self.scenario,
            "title": self.title,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "since": None if self.since is None else self.since.isoformat(),
            "draws": self.draws,
            "nominal": self.nominal,
            "seed": self.seed,
            "sections": [s.to_dict() for s in self.sections],
            "issues": [i.to_dict() for i in self.issues],
            "evidence": [e.to_dict() for e in self.evidence],
            "notes": list(self.notes),
        }

    def to_text(self, width: int = 88) -> str:
        """Plain text for a terminal, wrapped at ``width`` columns: each section's sentences
        with their evidence keys in brackets, then the evidence they cite."""
        from grandbargain.brief.text import briefing_text

        return briefing_text(self, width)
