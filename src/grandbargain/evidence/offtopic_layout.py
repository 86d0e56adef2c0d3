"""Layouts of a document's own text that look like furniture: told by the document's structure.

A page copied from a PDF, a transcript, a newsletter or a page with a sidebar arranges the
article in ways a news page does not, and each way has lines that the detector's shape rules
would take for furniture: a numbered section heading looks like a list item, a box of key
figures like a list of links, a speaker's label like a note's label, a writer's labelled
verdict ("Our take: ...") like a notice. What tells them apart is the document itself:

- **Numbered sections** (:func:`numbered_sections`): fragments opening with a number ("2. The
  H20 episode") that each head a sentence, where another such heading carries the number
  before or after it. The sections under them are the article going on, whatever lines (a
  PDF's page footer) stand between them.
- **Fact boxes** (:func:`fact_box`): two consecutive short lines or more each opening with a
  label that names a subject of the article's sentences, holding a figure or a date and
  sharing terms with the article ("Fentanyl tariff: 20% to 10%"), and the heading line right
  above them ("Key figures"). Links and headlines seldom open with a label and a figure; a
  note's header lines ("Date:", "URL:") name no subject of the article.
- **Running heads** (:func:`running_head`): a short line after the article's first sentence
  whose first segment repeats the opening words of the headline ("Chip tools, not just chips
  | Ellingsen" under "Chip tools, not just chips: how ..."): a PDF's page header.
- **A writer's verdict** (:func:`own_verdict`): a sentence after the article's first one, opening
  with a label and speaking in the first person ("Our take: ...", "My view: ..."), without
  speaking to the reader, giving a contact, calling to action or speaking of the article
  itself, that shares :data:`VERDICT_TERMS` content terms or more with the article's other
  passages (it talks about the article's topic): the writer's own text, not a notice.
- **Menus** (:func:`is_menu`): a short line of three segments or more between separators,
  each of a few words, is navigation or a table of contents, whatever its words.
- **Captions above a credit** (:func:`credited_captions`): a short sentence right above a
  picture's credit line is that picture's caption.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from grandbargain.evidence.notice import (
    calls_to_action,
    gives_contact,
    has_copyright,
    is_end_note,
    refers_to_itself,
    reports_fact,
    speaks_as_i,
)
from grandbargain.evidence.notice_lines import review_comment
from grandbargain.evidence.scripts import SENTENCE_STOPS
from grandbargain.evidence.shape import (
    ends_sentence,
    ends_statement,
    is_list_item,
    label_of,
    opens_with_label,
    opens_with_picture,
    size,
    tokens,
)
from grandbargain.evidence.stamps import is_time_stamp

if TYPE_CHECKING:
    from grandbargain.evidence.offtopic_page import Page

_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
SEGMENT = re.compile(r"\s*(?:[|›»>•·/]|\s[-–—]\s)\s*")
"""A separator between a line's segments (a bar, an arrow, a bullet, a slash, a spaced dash)."""
FACT_LINES = 2
"""Consecutive labelled lines with figures that make a fact box."""
FACT_LABEL_WORDS = 5
"""Words of a fact line's label at most ("Duty on canola oil: 100% to 15%")."""
FACT_LABEL = re.compile(r"^([^\W\d_][^:：]{0,60}?)\s?[:：]\s")
FACT_OVERLAP = 0.5
"""Share of a fact line's terms the article's sentences must hold."""
VERDICT_TERMS = 2
"""Content terms a labelled first-person sentence must share with the article to be its own
(to talk about the article's topic)."""
RUNNING_HEAD_WORDS = 3
"""Words a running head's first segment has at least (and a credit alone at most)."""
CAPTION_WORDS = 20
"""Words of a caption above a picture's credit line at most (a sentence of reporting is
longer)."""


def numbered_sections(texts: Sequence[str], fragment: Sequence[bool]) -> set[int]:
    """The numbered section headings of a document (see the module docstring)."""
    numbers: dict[int, int] = {}
    for i, text in enumerate(texts):
        match = _NUMBERED.match(text)
        if match and fragment[i] and not ends_sentence(text):
            if i + 1 < len(texts) and not fragment[i + 1]:
                numbers[i] = int(match.group(1))
    held = set(numbers.values())
    return {i for i, n in numbers.items() if n - 1 in held or n + 1 in held}


def fact_box(doc: Page) -> set[int]:
    """The lines of the document's fact boxes and their headings (see the module docstring)."""
    n = len(doc.texts)
    facts = [_fact_line(doc, i) for i in range(n)]
    box: set[int] = set()
    i = 0
    while i < n:
        j = i
        while j < n and facts[j]:
            j += 1
        if j - i >= FACT_LINES:
            box.update(range(i, j))
            if i > 0 and box_heading(doc, i - 1):
                box.add(i - 1)
        i = max(j, i + 1)
    return box


def box_heading(doc: Page, i: int) -> bool:
    """Whether line ``i``, right above fact lines, is their heading ("Key figures")."""
    text = doc.texts[i]
    return doc.fragment[i] and not opens_with_label(text) and not is_list_item(text)


def _fact_line(doc: Page, i: int) -> bool:
    """A short line opening with a capitalised label that names a subject of the article's
    sentences ("Fentanyl tariff:", not "Date:", "URL:" or a data field's "title:"), holding
    a figure or a date and sharing terms with the article; no time stamp, address or list
    item."""
    text = doc.texts[i]
    if not doc.fragment[i] or (":" not in text and "：" not in text):
        return False
    match = FACT_LABEL.match(text.strip())
    if match is None or not reports_fact(text) or is_list_item(text):
        return False
    label = match.group(1)
    if size(label) > FACT_LABEL_WORDS:
        return False
    if gives_contact(text) or is_time_stamp(text) or text.strip()[0].islower():
        return False  # a lower-case label is a data field's key ("title:", "file:")
    named = any(doc.counts[term] > 0 for term in tokens(label, doc.language))
    return named and doc.overlap(i) >= FACT_OVERLAP


def running_head(doc: Page, i: int) -> bool:
    """Whether line ``i`` is a running head (see the module docstring)."""
    title = doc.headline
    if title is None or doc.first_long is None or i <= doc.first_long or not doc.fragment[i]:
        return False
    if not SEGMENT.search(doc.texts[i]):
        return False  # a cheap test first: a running head has a separator
    parts = SEGMENT.split(doc.texts[i].strip())
    if len(parts) < 2:
        return False
    head = doc.texts[title].strip().lower()
    for part in (parts[0].strip().lower(), parts[-1].strip().lower()):
        if size(part) >= RUNNING_HEAD_WORDS and head.startswith(part):
            return True
    return False


def own_verdict(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is the writer's labelled verdict (see the module docstring)."""
    text = doc.texts[i]
    first = doc.first_long
    if doc.fragment[i] or doc.you[i] or first is None or i <= first or label_of(text) is None:
        return False
    if not (doc.we[i] or speaks_as_i(text, doc.language)):
        return False
    if gives_contact(text) or calls_to_action(text) or refers_to_itself(text):
        return False
    if review_comment(text):
        return False  # a reviewer's comment on a draft, not the writer's verdict
    return round(doc.overlap(i) * len(doc.sets[i])) >= VERDICT_TERMS


_PICTURE_LABEL = re.compile(r"^[^:：]{1,20}[:：]\s*")
_SENTENCE_INSIDE = re.compile(rf"[^\W\d_]{{2,}}[.!?{SENTENCE_STOPS}]\s")
"""A sentence end inside a line (after a word: an initial's "R. " is none)."""


def _credit_only(text: str) -> bool:
    """Whether ``text`` opens with a picture's label and holds a credit alone: no sentence,
    and names split by a slash or at most three words ("Photo: Ledger staff / R. Ortiz"; not
    "Photo: A plant in Miyagi. Photo: Newsroom Asia / Koji Sato")."""
    if not opens_with_picture(text):
        return False
    rest = _PICTURE_LABEL.sub("", text.strip(), count=1)
    if _SENTENCE_INSIDE.search(rest) or ends_sentence(rest):
        return False
    return "/" in rest or size(rest) <= RUNNING_HEAD_WORDS or _FOR_OUTLET.match(rest) is not None


_FOR_OUTLET = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+for\s+(?:The\s+)?[A-Z]\S*")
"""A photographer's credit for an outlet ("Jonah Feltwell for The Calloway Ledger")."""


def credited_captions(doc: Page, caption: str) -> None:
    """Flag as a caption (reason ``caption``) a short sentence right above a picture's
    credit line ("Photo: Ledger staff / R. Ortiz": a picture's label and a credit alone):
    the caption the credit belongs to, whatever its words ("Dale Fischer checks soybean
    pods on his farm")."""
    for i in range(1, len(doc.texts)):
        if doc.reasons[i] != caption or not doc.fragment[i]:
            continue
        if not _credit_only(doc.texts[i]):
            continue
        k = i - 1
        if doc.reasons[k] is None and not doc.fragment[k] and doc.sizes[k] < CAPTION_WORDS:
            doc.flag(k, caption)


_MENU_SEPARATOR = re.compile(r"\s+[|·•›>/]\s+")
_MENU_MARK = re.compile(r"[|·•›>/]")
MENU_ITEMS = 3
"""Segments of a menu line at least, each of at most :data:`MENU_ITEM_WORDS` words."""
MENU_ITEM_WORDS = 3


def is_menu(doc: Page, i: int) -> bool:
    """Whether line ``i`` is a menu: a short line, a label aside ("In this edition:"), of
    :data:`MENU_ITEMS` segments or more between separators, each of a few words ("Port fees ·
    Rotterdam · Our view", "Home > Hearings > Trade"): navigation or a table of contents,
    however many of its words the article uses."""
    return doc.fragment[i] and menu_line(doc.texts[i])


READINGS = 3
"""Segments of a strip of readings at least, each holding a figure in a few words."""
READING_WORDS = 6
_BAR = re.compile(r"\s+\|\s+")
_FIGURE = re.compile(r"\d")


def _readings(text: str) -> bool:
    """Whether ``text`` is a strip of readings: :data:`READINGS` segments or more between
    bars, each holding a figure in :data:`READING_WORDS` words at most ("Lyon 12°C, wind
    8 km/h | Nantes 14°C | Lille 9°C", "Brent $67 | Gold $2,310 | Copper $9,400"): a
    weather or market strip, whatever places or names it shares with the article."""
    parts = _BAR.split(text.strip())
    if len(parts) < READINGS:
        return False
    return all(_FIGURE.search(p) and size(p) <= READING_WORDS for p in parts)


_ARROW_START = re.compile(r"^\s*[←‹«]")
_ARROW_END = re.compile(r"[→›»]\s*$")


def _arrows(text: str) -> bool:
    """Whether ``text`` opens with an arrow pointing back and ends with one pointing on
    ("← Older: ... | Newer: ... →"): links to the pages before and after, whatever they
    name."""
    return bool(_ARROW_START.search(text) and _ARROW_END.search(text))


_HOME = re.compile(
    r"^\s*(?:Home|Startseite|Accueil|Inicio|Início|Homepage|Strona\s+główna|Anasayfa|"
    r"หน้าแรก|首页|首頁|ホーム|홈|Главная)\s*$",
    re.IGNORECASE,
)
BREADCRUMB_WORDS = 6
"""Words of a breadcrumb's segment at most: a trail opening with the home page ("Home >
Courts > U.S. Court of International Trade > Tariff cases") names whole sections."""


def menu_line(text: str) -> bool:
    """Whether ``text`` has the form of a menu (see :func:`is_menu`), its size aside, or
    links to the pages before and after it between arrows."""
    if _MENU_MARK.search(text) is None:
        return _arrows(text)
    if _arrows(text) or _readings(text):
        return True
    text = FACT_LABEL.sub("", text.strip(), count=1)
    parts = [part for part in _MENU_SEPARATOR.split(text) if part.strip()]
    if len(parts) >= MENU_ITEMS and _HOME.match(parts[0]) is not None:
        return all(size(p) <= BREADCRUMB_WORDS for p in parts)
    return len(parts) >= MENU_ITEMS and all(size(p) <= MENU_ITEM_WORDS for p in parts)


_FOOTNOTE_MARK = re.compile(r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]|\^\d{1,3})\s*")
_PLAIN_MARK = re.compile(r"^\s*\d{1,2}\s+(?=[^\W\d_])")
"""A footnote's numeral that lost its superscript (text taken from a PDF): "1 Bureau of ...";
such a footnote must end in a year (:data:`_YEAR`), a numbered line is often the article's."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
CITATION_PARTS = 3
"""Comma-separated parts of a footnote that only cites a source at least, each of
:data:`CITATION_PART_WORDS` words at most."""
CITATION_PART_WORDS = 6


_REFERENCE = re.compile(
    r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\]|\^)\s*[\"“«„]([^\"”»“]{3,200})[\"”»“][.,]?\s+(.*)$"
)


def _reference_entry(text: str) -> bool:
    """A numbered entry of a reference list: a quoted title, then short parts between
    periods or commas (source, date) the last of which holds a figure ('1. "Tariffs cut for
    90 days". Harbor Ledger. 12 May 2025.'); a numbered quotation followed by who said it
    holds no such parts."""
    match = _REFERENCE.match(text)
    if match is None:
        return False
    parts = [p for p in re.split(r"[.,]\s+", match.group(2).strip(" .")) if p]
    if len(parts) < 2 or not any(ch.isdigit() for ch in parts[-1]):
        return False
    return all(size(p) <= CITATION_PART_WORDS for p in parts)


def cites_only(text: str) -> bool:
    """Whether ``text`` is a numbered entry of a reference list (:func:`_reference_entry`)
    or a footnote that only cites a source: it opens with a footnote mark ("¹", "[2]"; a
    plain numeral, from a PDF, when its last part holds a year) and its rest is a string of
    short parts between commas (author, title, kind, date), with no clause of its own; a
    footnote that explains ("² Deals above the threshold are barred; ...") is the article's
    text."""
    if _reference_entry(text):
        return True
    match = _FOOTNOTE_MARK.match(text) or _PLAIN_MARK.match(text)
    if match is None:
        return False
    parts = [p for p in re.split(r",\s+", text[match.end() :].strip(" .")) if p]
    if len(parts) < CITATION_PARTS or any(size(p) > CITATION_PART_WORDS for p in parts):
        return False
    return match.re is _FOOTNOTE_MARK or _YEAR.search(parts[-1]) is not None


CLOSING_OVERLAP = 0.5
"""Share of a closing line's terms the article's other passages must hold."""


def closing_sentence(doc: Page, i: int) -> bool:
    """A short statement right after the article's last paragraph that shares half its terms
    with the article, opens with no label and shows no sign of boilerplate (speaking to the
    reader or as "we", naming the site, a copyright, a note's form): the article's closing
    line ("The deal still needs both leaders' approval."), however short."""
    text = doc.texts[i]
    if not doc.fragment[i] or not ends_statement(text) or opens_with_label(text):
        return False
    if i == 0 or not doc.in_body(i - 1) or doc.you[i] or doc.we[i] or doc.names_site(i):
        return False
    if has_copyright(text) or is_end_note(text, True):
        return False
    return len(doc.sets[i]) > 1 and doc.overlap(i) >= CLOSING_OVERLAP
