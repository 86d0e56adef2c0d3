"""One page under judgement by the off-topic detector: its passages, their shape, and the flags
set so far.

:class:`Page` holds what every rule of :mod:`~grandbargain.evidence.offtopic` asks of a
passage - its size, whether it is a fragment, its content terms, whether it lies within the
article's span (from its first passage of reporting to its last), whether it names the site -
and keeps, for each term, how many body passages hold it, updated as passages are flagged, so
that an overlap costs the passage's own terms and not a pass over the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from grandbargain.evidence.notice import (
    byline_name,
    calls_to_action,
    gives_contact,
    has_copyright,
    lead_in,
    speaks_as_i,
)
from grandbargain.evidence.notice_lines import sound_cue
from grandbargain.evidence.offtopic_data import data_blocks
from grandbargain.evidence.offtopic_headline import (
    email_header,
    headline_and_standfirst,
    live_posts,
    page_numbers,
)
from grandbargain.evidence.offtopic_layout import fact_box, numbered_sections
from grandbargain.evidence.offtopic_speech import speech_interludes
from grandbargain.evidence.offtopic_turns import (
    chapter_lines,
    exchanges,
    labelled_sections,
    points_list,
    speaker_of,
    speaker_turns,
)
from grandbargain.evidence.scripts import unspaced_share
from grandbargain.evidence.shape import (
    SHORT_PASSAGE_WORDS,
    addresses_reader,
    ends_sentence,
    is_fragment,
    is_list_item,
    is_title,
    opens_with_label,
    size,
    speaks_as_we,
    stop_language,
    tokens,
)
from grandbargain.evidence.stamps import is_day_heading, is_time_code, is_time_stamp, year_headings

FRAGMENT_OVERLAP = 0.34
CJK_OVERLAP_SCALE = 0.5

LIST = "list of short lines (headlines, links or navigation)"
STRAY = "short line sharing no words with the article (button, label, site name, time stamp)"
BOILERPLATE = "site boilerplate beside other boilerplate (sign-up, cookie or reader prompt)"
CAPTION = "photo caption (short line ending in a credit)"
APPENDED = "appended material unrelated to the rest of the document (relevance {:.2f})"
APPENDED_PREFIX = "appended material"
APPENDED_LINE = "line within appended material unrelated to the rest of the document"
END_MATTER = "end matter after the article (copyright, reprint or reader notice)"
MASTHEAD = "line above the headline (site name, section or navigation)"
INSERT = "short insert unrelated to the article (sign-up pitch, advertisement)"
STAMP = "time stamp (a date or clock time and little else)"
COMMENT = "reader comment (a user name and a colon)"
READER = "line speaking to the reader (sign-up, cookie, advertising or funding notice)"
SITE = "line about the site itself (its name opens the line: byline, notice)"
NOTICE = "notice by its form (call to action, editor's note, first person, contact)"
JUNK = (STRAY, LIST, BOILERPLATE, INSERT, MASTHEAD, STAMP, COMMENT, READER, SITE, NOTICE)
"""Reasons of lines that make a short neighbour suspect (boilerplate comes in runs)."""
AFTER = (APPENDED_LINE, END_MATTER)
"""The only reasons that can flag the headline: lines after the article."""


_SEGMENT = re.compile(r"\s*(?:[|›»>•·/]|\s[-–—]\s|\s{2,})\s*")
_NAME_WORD = re.compile(r"[^\W_][\w&'’.-]*")
_NAME_LEAD = frozenset({"the", "by", "copyright", "c"})
NAME_WORDS = (2, 5)
"""How many words a site's name has (a single word is too often a section: "Business")."""


def _site_names(doc: Page) -> tuple[list[tuple[str, ...]], frozenset[str]]:
    """The site's names and their distinctive words. A name is the first segment (before a
    ``|``, ``›`` or ``>``) of a short line above the headline, of two to five words, each
    capitalised ("Gulf Coast Farm Report", "TECH TODAY"); its distinctive words are those of
    four letters or more that no long passage of the document uses."""
    if doc.headline is None:
        return [], frozenset()
    names: list[tuple[str, ...]] = []
    for i in range(doc.headline):
        if not doc.fragment[i]:
            continue
        first = _SEGMENT.split(doc.texts[i].strip())[0]
        words = [w for w in _NAME_WORD.findall(first)]
        if NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] and all(w[0].isupper() for w in words):
            name = [w.lower() for w in words]
            names.append(tuple(name[1:] if name[0] in _NAME_LEAD else name))
    if not names:
        return [], frozenset()
    used = {
        word.lower()
        for i, text in enumerate(doc.texts)
        if doc.sizes[i] >= SHORT_PASSAGE_WORDS
        for word in _NAME_WORD.findall(text)
    }
    distinctive = {
        w for name in names for w in name if len(w) >= 4 and w not in used and w not in _NAME_LEAD
    }
    return names, frozenset(distinctive)


PERSONAL_PASSAGES = 2
"""Plain sentences speaking as "I" or "we" that make the first person the article's own
voice (a column), not a sign of a notice."""


DIGEST_LABELS = 3


def _first_person_voice(doc: Page) -> bool:
    """Whether :data:`PERSONAL_PASSAGES` sentences or more speak as "I" or "we" and show no
    other form of a notice (no "you", call to action, contact, label or lead-in): the
    article's own voice. Also notes the labels opening two passages or more (an interview's
    "Q:" and "A:"), which are the article's structure, not signs of a notice."""
    opened = [speaker_of(text) for text in doc.texts]
    labels = Counter(opened)
    doc.repeated_labels = {label for label, n in labels.items() if label and n > 1}
    once = [label for label, n in labels.items() if label and n == 1 and " " not in label]
    doc.digest = len(once) >= DIGEST_LABELS and not doc.repeated_labels
    doc.speakers = {
        label
        for i, label in enumerate(opened)
        if label in doc.repeated_labels and doc.sizes[i] >= SHORT_PASSAGE_WORDS
    }
    personal = 0
    for i, text in enumerate(doc.texts):
        if doc.fragment[i] or doc.you[i]:
            continue
        if not (doc.we[i] or speaks_as_i(text, doc.language)):
            continue
        if not (calls_to_action(text) or gives_contact(text) or opens_with_label(text)):
            personal += not lead_in(text)
    return personal >= PERSONAL_PASSAGES


class Page:
    """One document's passages, the flags set so far, and how many body passages hold each
    term (kept up to date as passages are flagged, so an overlap costs the passage's own terms,
    not a pass over the document). ``extra`` is the scenario's vocabulary."""

    def __init__(self, texts: Sequence[str], extra: frozenset[str]) -> None:
        self._read_passages(texts)
        self._find_article(texts)
        self._start_judging(texts, extra)

    def _read_passages(self, texts: Sequence[str]) -> None:
        """Each passage's language-aware terms and shapes."""
        self.texts = texts
        self.language = language = stop_language(texts)
        self.tokens = [tokens(text, language) for text in texts]
        self.sets = [tuple(dict.fromkeys(tokens)) for tokens in self.tokens]
        """Each passage's distinct terms (tuples: a tenth of the memory of sets)."""
        self.sizes = [size(text) for text in texts]
        self.fragment = [is_fragment(text) for text in texts]
        self.scale = [CJK_OVERLAP_SCALE if unspaced_share(text) > 0.5 else 1.0 for text in texts]
        """Overlap limits for sentences are scaled down for CJK text: character bigrams are
        shared less often than words."""
        self.you = [addresses_reader(text, language) for text in texts]
        self.we = [speaks_as_we(text, language) for text in texts]
        """Whether each passage speaks to the reader, and as "we" (outside quotation marks)."""

    def _find_article(self, texts: Sequence[str]) -> None:
        """The headline, the reporting passages, the site's names, stamps and authors."""
        reporting = [
            i
            for i, text in enumerate(texts)
            if not (self.fragment[i] or self.you[i] or self.we[i] or has_copyright(text))
        ]
        self.header = email_header(texts)
        self.paged = page_numbers(texts, self.fragment)
        """The lines numbering the document's pages or slides ("Slide 2 of 6 | ...")."""
        """The header lines of a page sent as an e-mail ("From:", "Subject:")."""
        self.headline, standfirst = headline_and_standfirst(
            texts, self.sizes, self.fragment, self.sets, reporting, self.header | self.paged
        )
        posts, self.post_stamps = live_posts(texts, self.fragment)
        self.sections = numbered_sections(texts, self.fragment)
        self.kept = set(standfirst) | posts | self.sections
        """Lines only end-of-document rules may flag, like the headline: its standfirst and
        the headings of a live blog's posts."""
        self.site_names, self.site_words = _site_names(self)
        said = [i for i in reporting if not self.mentions_site(i)]
        self.said = set(said)
        """The passages of reporting: sentences neither speaking to the reader nor as "we",
        without a copyright sign, not naming the site."""
        self.first_long = said[0] if said else None
        self.last_long = said[-1] if said else None
        """The first and last passages of reporting: the article's span."""
        self.repeated_labels: set[str] = set()
        self.digest = False
        """Whether :data:`DIGEST_LABELS` passages or more open with a one-word label each of
        its own ("Trade: ...", "Weather: ...", "Football: ..."): a briefing of several items."""
        self.speakers: set[str | None] = set()
        """Repeated labels opening a long passage: a transcript's speakers ("SPOKESPERSON:")."""
        self.interludes = speech_interludes(texts, self.fragment)
        self.personal = _first_person_voice(self) or bool(self.interludes)
        """Whether the article itself speaks in the first person (a column): then speaking
        as "I", "we" or to "you" is no sign of a notice (:func:`~.notice.notice_signs`). A
        transcript is spoken so: stage directions between its paragraphs
        (:func:`~.offtopic_speech.speech_interludes`) are turns of the speech."""
        stamps = [i for i, t in enumerate(texts) if is_time_stamp(t) and not is_time_code(t)]
        top = -1 if self.headline is None else self.headline
        days = [i for i, t in enumerate(texts) if is_day_heading(t)]
        headings = {
            i for i in stamps + days if top < i < len(texts) - 1 and not self.fragment[i + 1]
        }
        headings |= year_headings(texts)
        self.dated_sections = headings if len(headings) > 1 and not self.post_stamps else set()
        """Dates heading two sections or more below the headline (a timeline): the article's
        own headings, not time stamps (a date above the headline heads no section of it)."""
        self.days = self.dated_sections.intersection(days)
        """A diary's day headings ("Sunday 8 June", no year): a block after one is the diary
        going on (eighteenth round)."""
        self.authors = {name for name in map(byline_name, texts) if name and " " in name}
        """The authors' full names, from bylines ("By Jane Roe")."""

    def _start_judging(self, texts: Sequence[str], extra: frozenset[str]) -> None:
        """Empty verdicts, term counts of the body, and the layouts kept as the article."""
        self.reasons: list[str | None] = [None] * len(texts)
        self.templates: set[int] | None = None
        """A widget's recurring lines (:func:`~.offtopic_widgets.widget_templates`)."""
        self.notices: dict[int, bool] = {}
        """Whether each passage judged so far is in the form of a notice (both passes of the
        line rules ask)."""
        self.extra = extra
        self.repeats = Counter(texts)
        self.counts: Counter[str] = Counter()
        for i, held in enumerate(self.sets):
            if not self.fragment[i]:
                self.counts.update(held)
        self.thinned: list[str] = []
        """Terms whose body count fell to one or none since the list was last emptied."""
        inner = [
            i
            for i in range(1, len(texts) - 1)
            if not self.fragment[i - 1] and not self.fragment[i + 1] and heading_shaped(self, i)
        ]
        self.sectioned = sum(1 for i in inner if self.overlap(i) >= FRAGMENT_OVERLAP) >= 2
        """Whether the article has sub-headings: two lines or more shaped like headings between
        sentences and sharing words with the article. Its other such lines are sub-headings
        too ("The new toolkit"), not stray lines."""
        self.sub_headings = {i for i in range(len(texts)) if _sub_heading(self, i)}
        """Lines shaped like a headline over sentences sharing a term with them: sub-headings,
        never boilerplate beside boilerplate (after a sign-up line, the article goes on)."""
        self.turns = speaker_turns(texts) | labelled_sections(texts, self.fragment)
        self.turns |= exchanges(texts, self.repeated_labels)
        self.turns |= self.interludes
        self.turns -= {i for i in self.turns if sound_cue(texts[i])}  # a jingle, no one's turn
        self.chapters = chapter_lines(self)
        self.box = fact_box(self) | data_blocks(self) | points_list(self)
        self.kept |= self.box | self.turns
        self.structure = self.sections | self.box | self.post_stamps | self.turns | self.days
        """Lines of the article's own layout (:mod:`~.offtopic_layout`; a live blog's post
        stamps): a block after one is the article going on."""

    def names_author(self, i: int) -> bool:
        """Whether passage ``i``, a sentence outside the bylines, names an author of a byline
        (an author's bio after the article: "Jane Roe covers trade from Singapore.")."""
        if self.fragment[i] or self.sizes[i] >= 2 * SHORT_PASSAGE_WORDS:
            return False
        return any(name in self.texts[i] for name in self.authors)

    def outside_article(self, i: int) -> bool:
        """Whether passage ``i`` lies before the article's first long passage or after its
        last (or the document has none)."""
        first, last = self.first_long, self.last_long
        return first is None or last is None or i < first or i > last

    def mentions_site(self, i: int) -> bool:
        """Whether passage ``i`` holds a capitalised word of the site's name that the
        article's long passages never use."""
        return any(
            word[0].isupper() and word.lower() in self.site_words
            for word in _NAME_WORD.findall(self.texts[i])
        )

    def names_site(self, i: int) -> bool:
        """Whether passage ``i`` names the site outside the article's span (inside it, the
        name may be reporting: "Speaking to the Harbour Post, the minister said ...")."""
        return self.outside_article(i) and self.mentions_site(i)

    def opens_with_site(self, i: int) -> bool:
        """Whether passage ``i`` begins with the site's name (after "The", "By", a copyright
        sign or a year)."""
        words = [w for w in _NAME_WORD.findall(self.texts[i])[:8]]
        while words and (words[0].lower() in _NAME_LEAD or words[0].isdigit()):
            words = words[1:]
        for name in self.site_names:
            n = len(name)
            if (
                n
                and len(words) >= n
                and all(
                    w[0].isupper() and w.lower() == part
                    for w, part in zip(words, name, strict=False)
                )
            ):
                return True
        return False

    def in_body(self, i: int) -> bool:
        return not self.fragment[i] and self.reasons[i] is None

    def flag(self, i: int, reason: str) -> None:
        if self.reasons[i] is not None:
            return
        if (i == self.headline or i in self.kept) and reason not in AFTER:
            return
        if not self.fragment[i]:
            for term in self.sets[i]:
                self.counts[term] -= 1
                if self.counts[term] <= 1:
                    self.thinned.append(term)
        self.reasons[i] = reason

    def overlap(self, i: int) -> float:
        """Share of passage ``i``'s terms found in another body passage or the vocabulary."""
        mine = self.sets[i]
        if not mine:
            return 0.0
        own = 1 if self.in_body(i) else 0
        found = sum(1 for term in mine if term in self.extra or self.counts[term] > own)
        return found / len(mine)

    def mark(self, indices: Iterable[int], reason: str) -> None:
        """Flag each of ``indices`` with ``reason`` (a passage keeps its first reason)."""
        for i in indices:
            self.flag(i, reason)

    def title(self) -> list[int]:
        """The headline, unless it has been flagged (as a list: empty or one index)."""
        i = self.headline
        return [i] if i is not None and self.reasons[i] is None and self.sets[i] else []


def _sub_heading(doc: Page, i: int) -> bool:
    """Whether line ``i`` is shaped like a headline and the sentences right under it share a
    term with it (from the page as written: flags do not change it). A heading of two to
    four words ("Stockholm round") must share a term with the first sentence under it."""
    if not heading_shaped(doc, i) or opens_with_label(doc.texts[i]):
        return False
    k, mine = i + 1, set(doc.sets[i])
    end = len(doc.texts) if is_title(doc.texts[i]) else min(i + 2, len(doc.texts))
    while k < end and not doc.fragment[k]:
        if not mine.isdisjoint(doc.sets[k]):
            return True
        k += 1
    return False


def heading_shaped(doc: Page, i: int) -> bool:
    """A line that could be a sub-heading: a fragment of two words or more, without a
    sentence end, not in capitals alone ("ADVERTISEMENT") and not a list item."""
    text = doc.texts[i]
    return (
        doc.fragment[i]
        and doc.sizes[i] >= 2
        and not ends_sentence(text)
        and not text.isupper()
        and not is_list_item(text)
        and i != doc.headline
    )
