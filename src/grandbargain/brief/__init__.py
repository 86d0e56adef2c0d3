"""The briefing: the outlook told answer first, in sentences filled from templates.

The likely deal in plain words and its probability, each side's gain over no deal with its
5-95% interval over draws, the trades that carry it, what blocks the moves an unconstrained
deal would make and who, how sure the tool is per issue (high, medium, low) and where the
predictors disagree, and, with ``since``, what changed between two dates and why. Every
sentence carries the keys of the scenario's evidence behind its numbers, or the assumption it
rests on. No logic of its own: :mod:`.build` selects and formats what
:func:`grandbargain.outlook.outlook` and :func:`grandbargain.solve.diff.diff` computed.
"""

from typing import TYPE_CHECKING

from grandbargain.lazy import lazy_exports

if TYPE_CHECKING:
    from grandbargain.brief.build import build_briefing
    from grandbargain.brief.result import (
        BRIEF_SCHEMA_VERSION,
        HIGH_FROM,
        MEDIUM_FROM,
        Briefing,
        Confidence,
        EvidenceItem,
        IssueConfidence,
        Section,
        Sentence,
        confidence_word,
    )
    from grandbargain.brief.run import brief
else:
    __getattr__, __dir__ = lazy_exports(globals(), {
        "grandbargain.brief.build": "build_briefing",
        "grandbargain.brief.result": (
            "BRIEF_SCHEMA_VERSION HIGH_FROM MEDIUM_FROM Briefing Confidence EvidenceItem"
            " IssueConfidence Section Sentence confidence_word"
        ),
        "grandbargain.brief.run": "brief",
    })  # fmt: skip

__all__ = [
    "BRIEF_SCHEMA_VERSION",
    "HIGH_FROM",
    "MEDIUM_FROM",
    "Briefing",
    "Confidence",
    "EvidenceItem",
    "IssueConfidence",
    "Section",
    "Sentence",
    "brief",
    "build_briefing",
    "confidence_word",
]
