"""The article's own section headings that share no words with it (ninth round).

A sub-heading names what follows in the writer's words ("Background", "Exceptions", "Our
view", "Plugging the gaps"), so it often shares no term with the article and looked like a
stray line. Two forms are the article's own:

- **A one-word heading of a sectioned article** (:func:`own_heading`): in an article that has
  sub-headings (:attr:`~.offtopic_page.Page.sectioned`), a line of one word, not in capitals,
  between two kept sentences of the article's span, the sentence after it sharing the
  article's words (overlap at least :data:`~.offtopic_page.FRAGMENT_OVERLAP`), is one more
  sub-heading - unless it is a word of page furniture (:data:`FURNITURE`: an advertisement's
  or a widget's label in the languages of the stop-word lists).
- **A year heading a chronology** (:func:`year_headings`): a line holding a year alone, above
  an entry opening with a day and month ("6 July: ..."), two such lines or more on the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from grandbargain.evidence.shape import ends_sentence, is_list_item
from grandbargain.evidence.stamps import MONTH_PATTERN

if TYPE_CHECKING:
    from grandbargain.evidence.offtopic_page import Page

_FURNITURE_TEXT = """
    advertisement advertising ad ads sponsored promoted related recommended trending share
    shares watch listen comments comment subscribe newsletter podcast video videos gallery
    photos popular more menu search login anzeige werbung publicité publicidad pubblicità
    publicidade advertentie reclame sponsorisé patrocinado
"""
FURNITURE = frozenset(_FURNITURE_TEXT.split())
"""Words that label page furniture, never a section of the article (lower case)."""
_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
_YEAR_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_DATED_ENTRY = re.compile(
    rf"^\s*(?:\d{{1,2}}(?:[-–]\d{{1,2}})?\s+{MONTH_PATTERN}|{MONTH_PATTERN}\s+\d{{1,2}})\s*[:：,]",
    re.IGNORECASE,
)
YEAR_HEADINGS = 2


def own_heading(doc: Page, i: int, limit: float) -> bool:
    """Whether line ``i`` is a one-word sub-heading of a sectioned article (see the module
    docstring); ``limit`` is the overlap the sentence after it must reach."""
    text = doc.texts[i].strip()
    if not doc.sectioned or doc.first_long is None or doc.last_long is None:
        return False
    if not doc.first_long < i < doc.last_long or _WORD.match(text) is None:
        return False
    if text.isupper() or text.lower() in FURNITURE or ends_sentence(text) or is_list_item(text):
        return False
    before, after = i - 1, i + 1
    if not (doc.in_body(before) and doc.in_body(after)):
        return False
    return doc.overlap(after) >= limit


def year_headings(texts: Sequence[str]) -> set[int]:
    """Lines holding a year alone above an entry opening with a day and a month, when there
    are :data:`YEAR_HEADINGS` or more: a chronology's own headings."""
    found = {
        i
        for i in range(len(texts) - 1)
        if _YEAR_LINE.match(texts[i]) and _DATED_ENTRY.match(texts[i + 1])
    }
    return found if len(found) >= YEAR_HEADINGS else set()
