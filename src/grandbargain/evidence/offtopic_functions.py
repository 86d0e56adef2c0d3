"""Notices told by what they do on their page (eighth round of the off-topic detector).

:func:`notice` is step 4's test of a notice's form (:func:`~.notice.is_notice` for a short
passage, three of :func:`~.notice.notice_signs` for one up to twice as long), with the
article's own verdicts excepted; and a **bio** (:func:`is_bio`): a sentence introducing a
person by a role - "Name is a senior fellow at ...", "Guest: Dr Name is a research fellow
..." - that names an author of one of the page's bylines or opens with a label ("Guest:",
"Host:"). An article's own sentence introducing a source ("Jane Roe, a fellow at ...,
said") names no byline's author and opens with no label. And an **endnote**
(:func:`is_footnote`): a passage opening with a mark ("[2]") that the article's text holds.

Two tests keep the article's own lists: :func:`item_of_kept_list` (a bulleted sentence after
a kept one, never boilerplate beside boilerplate) and :func:`entry_above` (a labelled entry
after two entries with other labels, never a note after the article).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from grandbargain.evidence.notice import is_end_note, is_notice, notice_signs
from grandbargain.evidence.offtopic_layout import own_verdict
from grandbargain.evidence.scripts import size
from grandbargain.evidence.shape import SHORT_PASSAGE_WORDS, is_list_item, label_of

if TYPE_CHECKING:
    from grandbargain.evidence.offtopic_page import Page

_ROLES = (
    "fellow|professor|reporter|correspondent|editor|analyst|researcher|economist|writer|"
    "columnist|journalist|host|lecturer|director|partner|scholar|consultant|author|"
    "associate|adviser|advisor|strategist|contributor"
)
_BIO = re.compile(
    r"^(?:[^\W\d_][\w ]{0,20}:\s*)?(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?"
    r"((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s+(?:is|was|has been)\s+(?:an?|the)\s+"
    rf"(?:[\w-]+\s+){{0,4}}(?:{_ROLES})s?\b"
)


_NOTE_MARK = re.compile(r"^\[(\d{1,3})\]\s")


def is_footnote(doc: Page, i: int) -> bool:
    """Whether passage ``i`` opens with a note's mark ("[2] Bureau of ...") that another
    passage of the page holds inside its text ("... covered tools.[2]"): an endnote, the
    source of a sentence, not one of the article's points."""
    match = _NOTE_MARK.match(doc.texts[i].strip())
    if match is None:
        return False
    mark = f"[{match.group(1)}]"
    return any(mark in text[1:] for k, text in enumerate(doc.texts) if k != i)


_FIGURE_LABEL = re.compile(
    r"^\s*(?:Figure|Fig\.|Chart|Graph|Graphic|Infographic|Map|Exhibit|Abbildung|Grafik|"
    r"Graphique|Gráfico|Grafico|图|圖)\s*\d{0,3}\s*[.:：]",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Data|Quellen?|Fuentes?|Fontes?|来源|來源|出典)\s*[:：]")


def figure_line(doc: Page, i: int) -> bool:
    """A figure's or chart's label ("Chart: US imports from China, monthly, $bn") or the
    source line under it: the figure's furniture, never the title of a story after it
    (nineteenth round)."""
    return _FIGURE_LABEL.match(doc.texts[i]) is not None or figure_source(doc, i)


def figure_source(doc: Page, i: int) -> bool:
    """A short "Source: ..." line right under a figure's or chart's label ("Figure 3: Monthly
    exports ...", "Chart 1: ..."): the figure's credit, not the article's text (eighteenth
    round). A table's note is the table's own (:func:`~.offtopic_data.table_rows`)."""
    if i == 0 or doc.sizes[i] >= SHORT_PASSAGE_WORDS or not _SOURCE_LINE.match(doc.texts[i]):
        return False
    return _FIGURE_LABEL.match(doc.texts[i - 1]) is not None


def is_bio(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is a person's bio (module docstring)."""
    if doc.sizes[i] >= 2 * SHORT_PASSAGE_WORDS:
        return False
    text = doc.texts[i]
    if " is " not in text and " was " not in text and " has been " not in text:
        return False  # a cheap test first
    match = _BIO.match(text.strip())
    if match is None:
        return False
    labelled = label_of(doc.texts[i]) is not None
    return labelled or any(name in match.group(1) for name in doc.authors)


def notice(doc: Page, i: int) -> bool:
    """A short passage in the form of a notice (:func:`~.notice.is_notice`), one of up to
    twice that length showing three forms of one (the presenter of a live blog: "welcome to
    our live coverage ... I'm ... and I'll be bringing you the latest"), or a bio."""
    text, words = doc.texts[i], doc.sizes[i]
    if words >= 2 * SHORT_PASSAGE_WORDS:
        return False
    if i not in doc.notices:
        spoken = (doc.you[i], doc.we[i])
        page = (not doc.personal, label_of(text) not in doc.repeated_labels)
        if words < SHORT_PASSAGE_WORDS:
            doc.notices[i] = is_notice(text, doc.language, spoken, page)
        else:
            doc.notices[i] = notice_signs(text, doc.language, 3, spoken, page) >= 3
        found = doc.notices[i] or is_bio(doc, i) or is_footnote(doc, i) or figure_source(doc, i)
        doc.notices[i] = found and not own_verdict(doc, i)
    return doc.notices[i]


def item_of_kept_list(doc: Page, i: int) -> bool:
    """A bulleted sentence right below a kept bulleted sentence: the article's list going on
    ("- Report any cancelled cargoes ..." after "- Review contract terms ..."), whatever the
    boilerplate after it (eighth round)."""
    text, k = doc.texts[i], i - 1
    if doc.fragment[i] or k < 0 or not is_list_item(text) or not is_list_item(doc.texts[k]):
        return False
    return doc.in_body(k) and not doc.fragment[k]


ENTRY_LABEL_WORDS = 5
"""Most words of a glossary entry's term ("Foreign direct product rule: ...")."""
_ENTRY_LABEL = re.compile(r"([^\W\d][^:!?.。：]{0,50}?)\s?:\s")


def _entry_label(text: str) -> str | None:
    match = _ENTRY_LABEL.match(text.strip())
    if match is None or size(match.group(1)) > ENTRY_LABEL_WORDS:
        return None
    return match.group(1).lower()


def entry_above(doc: Page, i: int) -> bool:
    """Whether passage ``i`` and the two kept sentences right above it open with a label: ``i``
    is one more entry of a glossary or a list of labelled points ("General licence: a
    licence that ..."), not a note after the article (eighth round). One labelled verdict
    above ("Our view: ...") makes no list, nor do speakers' labels, which repeat (a
    glossary names a new term in each entry). A glossary's term may hold up to
    :data:`ENTRY_LABEL_WORDS` words (eighteenth round)."""
    if i < 2 or not all(doc.in_body(k) and not doc.fragment[k] for k in (i - 1, i - 2)):
        return False
    labels = [_entry_label(doc.texts[k]) for k in (i - 2, i - 1, i)]
    distinct = len(set(labels)) == 3 and not set(labels) & doc.repeated_labels
    return distinct and None not in labels


def in_dialogue(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is a turn of a dialogue told by its labels (eighth round): it
    opens with a label, and a question opening with another label stands right before it
    (notes in brackets aside), or it is such a question with an answer after it, or its
    speaker opens another passage too, with or without a title ("Spokesperson He Yadong:"
    and "He Yadong:"). A transcript's last turns are never notes after the article."""
    own = label_of(doc.texts[i])
    if own is None:
        return False  # a cheap test first: most passages open with no label
    labels = [label_of(text) for text in doc.texts]
    others = [label for k, label in enumerate(labels) if k != i and label is not None]
    if any(label.endswith(" " + own) or own.endswith(" " + label) for label in others):
        return True  # one speaker with and without a title; an equal label ("Related:") is none
    turns = [k for k, label in enumerate(labels) if label is not None and _spoken(doc, k)]
    if i not in turns:
        return False
    at = turns.index(i)
    before = turns[at - 1] if at > 0 else None
    after = turns[at + 1] if at + 1 < len(turns) else None
    asked = before is not None and _asks(doc, before) and labels[before] != own
    return asked or (_asks(doc, i) and after is not None and labels[after] != own)


def _spoken(doc: Page, k: int) -> bool:
    """A labelled sentence that is no note by its form ("Correction: an earlier version of
    this article ..." answers no question)."""
    return not doc.fragment[k] and not is_end_note(doc.texts[k], labelled=False)


def _asks(doc: Page, k: int) -> bool:
    return doc.texts[k].rstrip().endswith(("?", "？"))
