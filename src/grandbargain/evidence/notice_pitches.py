"""A site's pitches and a shared byline by form, nineteenth round: lines a page carries around
an article, told by their job and never by one site's wording.

- a sponsor's line ("This market update is brought to you by X", "Brought to you by X");
- a donation ask ("Support our work: make a tax-deductible gift today", "Donate today");
- a messaging channel's invitation ("Join X's WhatsApp Channel ...", "Follow us on Telegram");
- a byline of two reporters, each with a place and no "By" ("Name in City and Name in
  City").

Measured on every labelled set with ``benchmarks/offtopic_rules.py`` (see
``docs/explanation/off-topic-detection.md``, "Nineteenth round").
"""

from __future__ import annotations

import re

__all__ = ["pitch_notice"]

_NAME = r"(?:[A-Z][\w'’.-]+\s+){1,3}in\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?"
_FORMS = re.compile(
    r"^\s*(?:This\s+(?:\w+\s+){1,3}(?:is|was)\s+)?(?:brought\s+to\s+you|made\s+possible)\s+by\s"
    r"|\b(?:make|give)\s+a\s+(?:tax[- ]deductible\s+|one-time\s+|monthly\s+)?"
    r"(?:gift|donation)\s+(?:today|now)\b"
    r"|(?:^|[.!]\s+)Donate\s+(?:today|now)\b"
    r"|\b(?:join|follow)\s+(?:us\s+on\s+|our\s+|[\w'’.-]+['’]s\s+)"
    r"(?:WhatsApp|Telegram|Signal|Viber|LINE)\b"
    rf"|^\s*{_NAME}(?:\s*,\s*|\s+and\s+){_NAME}\s*$",
    re.IGNORECASE,
)


def pitch_notice(text: str) -> bool:
    """Whether ``text`` is one of the lines of the module docstring."""
    return _FORMS.search(text) is not None
