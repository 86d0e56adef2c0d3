"""A document's own furniture by form, eighteenth round: lines a report, a record, a filing or
an export carries around its content, told by their job and never by one document's wording.

- a dotted table-of-contents line ("3. Export controls ........ 11"): a title, a leader of
  dots and a page number;
- a record's field line: two or more "Label: value" fields on one line ("Registrant: X |
  Client: Y"), or a line ending with a filing's, docket's or record's number ("Public
  Disclosure Register — Filing #2025-Q3-48817"), which is never the headline either;
- a filer's certification ("I certify that the information in this report is true ...");
- a disclaimer that the text is for information only or is not advice or not the view of
  its publisher ("does not constitute legal advice", "it is not the view of the Committee");
- an offer of a price per month with a call to act ("... for 15 a month. Switch today.");
- an event notice asking readers to answer ("RSVP at the office");
- a chat log's system message ("[08:01] System: Dana K. joined the group").

Measured on every labelled set with ``benchmarks/offtopic_rules.py`` (see
``docs/explanation/off-topic-detection.md``, "Eighteenth round").
"""

from __future__ import annotations

import re

__all__ = ["field_notice"]

_FORMS = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[^\W\d_][^.]{1,80}?\s*(?:\.\s?){4,}\s*\d{1,4}\s*$"
    r"|^\s*[^\W\d_][\w ]{1,30}:\s*[^|:]{1,80}\|\s*[^\W\d_][\w ]{1,30}:\s*\S"
    r"|\b(?:Filing|Docket|Record)\s*(?:#|No\.|ID\b|number\b)\s*:?\s*[\w-]*\d[\w-]*\s*$"
    r"|^\s*I\s+(?:hereby\s+)?certify\s+that\b"
    r"|\bdoes\s+not\s+constitute\s+(?:\w+\s+){0,2}advice\b"
    r"|\bfor\s+information(?:al)?\s+(?:purposes\s+)?only\b"
    r"|\b(?:is|are)\s+not\s+(?:necessarily\s+)?the\s+views?\s+of\s+the\b"
    r"|\bfor\s+[$€£]?\s?\d+(?:[.,]\d{2})?\s+(?:a|per)\s+month\b.{0,60}"
    r"\b(?:switch|sign\s+up|join|order|subscribe|buy)\s+(?:today|now)\b"
    r"|\bRSVP\b"
    r"|^\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*(?:System|Admin)\s*:",
    re.IGNORECASE,
)


def field_notice(text: str) -> bool:
    """Whether ``text`` is one of the lines of the module docstring."""
    return _FORMS.search(text) is not None
