"""Tell a document's own text from the material a web page wraps around it, by content.

Texts copied from news sites carry more than the article: sign-up prompts, photo captions,
"recommended" headline lists, comment widgets, and sometimes whole unrelated stories appended
after the article. None of that is evidence. This module flags such passages without looking
for marker strings ("Sign Up", "Related Articles", agency names): it compares each passage with
the *rest of its own document* and looks at its shape. The steps, in order:

1. **Shape** (:mod:`~grandbargain.evidence.shape`, in any script: CJK characters count as half
   a word each and ``。！？`` end sentences). A *fragment* has fewer than 8 words, or fewer than
   20 without a sentence end: headings, buttons, bylines, time stamps. A *short* passage has
   fewer than 30 words. The *headline* is the longest line of four words or more before the
   first sentence; only end-of-document rules can flag it.
2. **Overlap.** The *body* is the set of sentence-shaped passages not (yet) flagged. A passage's
   *overlap* is the share of its distinct content terms (:func:`~.shape.tokens`: stemmed
   English words, other words without their language's stop words, CJK characters and
   bigrams) found in some other body passage or in the scenario's vocabulary. Limits on the
   overlap of CJK sentences are halved (:data:`CJK_OVERLAP_SCALE`): bigrams are shared less.
3. **Lists.** Once the article has begun (its first passage of 30 words or more), a run of
   :data:`LIST_RUN` (4) or more consecutive fragments is a list - headlines, links, a widget.
4. **Captions.** A short passage without quotation marks ending in a credit ("... Photo: Jane
   Doe / Harbour Times").
5. **Stray lines.** A fragment with overlap below :data:`FRAGMENT_OVERLAP` (0.34).
6. **Boilerplate beside boilerplate.** A short passage next to a flagged line with overlap at
   most :data:`BESIDE_OVERLAP` (0.2; a fragment :data:`BESIDE_FRAGMENT_OVERLAP`, 0.5), or a
   fragment repeated verbatim: sign-up pitches, cookie banners.
7. **Masthead.** Unflagged lines above the headline: site name, section, navigation.
8. **Appended blocks, judged against the article's own topic.** Body passages between
   fragments form *blocks*. The *head* - the article so far - starts as the headline and the
   leading blocks, taken whole until they hold :data:`CORE_WORDS` (60) words: it never reaches
   across a separator into a story appended to a short article, and a stray line inside the
   article does not cut it short. TF-IDF rows are fitted on the document's passages; the
   head's *cohesion* is the mean cosine of each member with the centroid of the others, at
   least :data:`COHESION_FLOOR` (0.2), so that a short head with little cohesion does not make
   everything after it look related. A block's *relevance* is the mean cosine of its passages
   with the head's centroid over the cohesion. Each block in turn is appended material when
   its relevance is below :data:`APPENDED_RELEVANCE` (0.4) after a heading (an unflagged line
   or a list of headlines: an appended story's own title), below
   :data:`INTERRUPTED_RELEVANCE` (0.15) after flagged lines alone (an advertisement line: the
   article resuming), and below :data:`BOUNDARY_RELEVANCE` (0.7) once an appended block came
   before (what trails an appended story is presumed appended). A block of one passage under
   :data:`TAIL_WORDS` (100) words is a short insert only below :data:`INSERT_RELEVANCE`
   (0.15), and is otherwise kept. A kept block joins the head. If nothing was appended, the
   last kept block's second half is searched for a seamless appended tail: at least 100 words
   and two passages, at most half the body, relevance below :data:`SEAMLESS_RELEVANCE` (0.15)
   against all that comes before it - so a syndicated copy whose closing background drifts in
   vocabulary keeps its body. Fragments before appended material go with it.
9. **End matter.** From the end backwards, fragments, and short passages with overlap below
   :data:`END_SENTENCE_OVERLAP` (0.1) - copyright lines, reader notices - are flagged until
   the first passage that is neither.

The thresholds were set on the development part of the labelled pages in
``tests/evidence/labelled`` and checked once on the held-out part (see
``docs/explanation/off-topic-detection.md``).

Steps 3-6 and 9 run before and again after step 8, since removing appended text from the body
lowers the overlap of the boilerplate around it. Each flagged passage carries its reason.

The scenario vocabulary only ever *rescues short lines* (a heading such as "Rare earths" is
kept); it never rescues a block: an appended story about Chinese electric-car sales shares words
with an EV issue but is still unrelated to the document it was appended to.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from grandbargain.evidence.centroid import RunningCentroid
from grandbargain.evidence.shape import (
    SHORT_PASSAGE_WORDS,
    addresses_reader,
    cjk_chars,
    ends_sentence,
    is_caption,
    is_fragment,
    is_list_item,
    is_time_stamp,
    is_title,
    opens_with_handle,
    opens_with_label,
    opens_with_question,
    opens_with_question_word,
    size,
    speaks_as_we,
    stop_language,
    tokens,
)
from grandbargain.evidence.vectors import TfIdf

LIST_RUN = 4
FRAGMENT_OVERLAP = 0.34
BESIDE_OVERLAP = 0.5
END_SENTENCE_OVERLAP = 0.1
CJK_OVERLAP_SCALE = 0.5
APPENDED_RELEVANCE = 0.4
INTERRUPTED_RELEVANCE = 0.15
INSERT_RELEVANCE = 0.15
BOUNDARY_RELEVANCE = 0.7
SEAMLESS_RELEVANCE = 0.15
COHESION_FLOOR = 0.2
TAIL_WORDS = 100
SHORT_TAIL_WORDS = 50
CORE_WORDS = 60

LIST = "list of short lines (headlines, links or navigation)"
STRAY = "short line sharing no words with the article (button, label, site name, time stamp)"
BOILERPLATE = "site boilerplate beside other boilerplate (sign-up, cookie or reader prompt)"
CAPTION = "photo caption (short line ending in a credit)"
APPENDED = "appended material unrelated to the rest of the document (relevance {:.2f})"
_APPENDED_PREFIX = "appended material"
APPENDED_LINE = "line within appended material unrelated to the rest of the document"
END_MATTER = "end matter after the article (copyright, reprint or reader notice)"
MASTHEAD = "line above the headline (site name, section or navigation)"
INSERT = "short insert unrelated to the article (sign-up pitch, advertisement)"
STAMP = "time stamp (a date or clock time and little else)"
COMMENT = "reader comment (a user name and a colon)"
READER = "line speaking to the reader (sign-up, cookie, advertising or funding notice)"
SITE = "line about the site itself (its name opens the line: byline, notice)"
_JUNK = (STRAY, LIST, BOILERPLATE, INSERT, MASTHEAD, STAMP, COMMENT, READER, SITE)
_AFTER = (APPENDED_LINE, END_MATTER)
"""The only reasons that can flag the headline: lines after the article."""


def _headline(texts: Sequence[str], sizes: Sequence[int], fragment: Sequence[bool]) -> int | None:
    """The longest line of four words or more before the first sentence-shaped passage (not
    an item of a bulleted list: key points under the headline)."""
    first = next((i for i, short in enumerate(fragment) if not short), len(sizes))
    lines = [i for i in range(first) if sizes[i] >= 4 and not is_list_item(texts[i])]
    return max(lines, key=lambda i: (sizes[i], -i)) if lines else None


_SEGMENT = re.compile(r"\s*(?:[|›»>•·/]|\s[-–—]\s|\s{2,})\s*")
_NAME_WORD = re.compile(r"[^\W_][\w&'’.-]*")
_NAME_LEAD = frozenset({"the", "by", "copyright", "c"})
NAME_WORDS = (2, 5)
"""How many words a site's name has (a single word is too often a section: "Business")."""


def _site_names(doc: _Doc) -> tuple[list[tuple[str, ...]], frozenset[str]]:
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


def _reporting(text: str, language: str) -> bool:
    """A passage of :data:`~.shape.SHORT_WORDS` words or more that neither speaks to the
    reader nor as "we" nor holds a copyright sign (nor, see :class:`_Doc`, names the site): a
    paragraph of the article itself."""
    return (
        not is_fragment(text)
        and not addresses_reader(text, language)
        and not speaks_as_we(text, language)
        and "©" not in text
    )


class _Doc:
    """One document's passages, the flags set so far, and how many body passages hold each
    term (kept up to date as passages are flagged, so an overlap costs the passage's own terms,
    not a pass over the document)."""

    def __init__(self, texts: Sequence[str], extra: frozenset[str]) -> None:
        self.texts = texts
        self.language = language = stop_language(texts)
        self.tokens = [tokens(text, language) for text in texts]
        self.sets = [tuple(dict.fromkeys(tokens)) for tokens in self.tokens]
        """Each passage's distinct terms (tuples: a tenth of the memory of sets)."""
        self.sizes = [size(text) for text in texts]
        self.fragment = [is_fragment(text) for text in texts]
        self.scale = [
            CJK_OVERLAP_SCALE if 2 * cjk_chars(text) > len(text) else 1.0 for text in texts
        ]
        """Overlap limits for sentences are scaled down for CJK text: character bigrams are
        shared less often than words."""
        self.headline = _headline(texts, self.sizes, self.fragment)
        self.site_names, self.site_words = _site_names(self)
        reporting = [
            i
            for i, text in enumerate(texts)
            if _reporting(text, language) and not self.mentions_site(i)
        ]
        self.first_long = reporting[0] if reporting else None
        self.last_long = reporting[-1] if reporting else None
        """The first and last passages of reporting: the article's span."""
        stamps = [i for i, text in enumerate(texts) if is_time_stamp(text)]
        headings = {i for i in stamps if i + 1 < len(texts) and not self.fragment[i + 1]}
        self.dated_sections = headings if len(headings) > 1 else set()
        """Dates heading two sections or more (a timeline): the article's own headings, not
        time stamps."""
        self.reasons: list[str | None] = [None] * len(texts)
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
            if not self.fragment[i - 1] and not self.fragment[i + 1] and _heading_shaped(self, i)
        ]
        self.sectioned = sum(1 for i in inner if self.overlap(i) >= FRAGMENT_OVERLAP) >= 2
        """Whether the article has sub-headings: two lines or more shaped like headings between
        sentences and sharing words with the article. Its other such lines are sub-headings
        too ("The new toolkit"), not stray lines."""

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
        if self.reasons[i] is not None or (i == self.headline and reason not in _AFTER):
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


def _mark(doc: _Doc, indices: Iterable[int], reason: str) -> None:
    for i in indices:
        doc.flag(i, reason)


def _lists(doc: _Doc) -> None:
    n = len(doc.texts)
    i = next((k for k in range(n) if doc.sizes[k] >= SHORT_PASSAGE_WORDS), n)
    while i < n:
        j = i
        while j < n and doc.fragment[j]:
            j += 1
        if j - i >= LIST_RUN:
            _mark(doc, range(i, j), LIST)
        i = max(j, i + 1)


def _reader_prompt(doc: _Doc, i: int) -> bool:
    """A short passage speaking to the reader which also speaks as "we", names the site or
    opens with a label ("Sponsored: protect your harvest ..."). An explainer's "If you import
    toys, your duty stays at 30 per cent" is kept."""
    text, language = doc.texts[i], doc.language
    if doc.sizes[i] >= SHORT_PASSAGE_WORDS or not addresses_reader(text, language):
        return False
    return speaks_as_we(text, language) or doc.names_site(i) or opens_with_label(text)


def _in_article(doc: _Doc, i: int) -> bool:
    """A short line that is part of the article's own structure: a sub-heading opening with a
    question word ("What to watch", "Why it matters") before a kept sentence, a date heading
    a section of a timeline, a sub-heading between kept sentences of an article that has
    sub-headings (:attr:`_Doc.sectioned`), or an item of a bulleted list whose neighbouring
    item is a kept sentence."""

    def kept_sentence(k: int) -> bool:
        return 0 <= k < len(doc.texts) and doc.in_body(k)

    text = doc.texts[i]
    if i in doc.dated_sections:
        return True
    if doc.sectioned and _heading_shaped(doc, i) and kept_sentence(i - 1) and kept_sentence(i + 1):
        return True
    if opens_with_question_word(text, doc.language) and kept_sentence(i + 1):
        return True
    return is_list_item(text) and any(
        kept_sentence(k) and is_list_item(doc.texts[k]) for k in (i - 1, i + 1)
    )


def _heading_shaped(doc: _Doc, i: int) -> bool:
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


def _site_line(doc: _Doc, i: int) -> bool:
    """A short passage opening with the site's name outside the article's span (before its
    first long passage or after its last): a byline ("Semi Daily News staff"), a notice
    ("Tech Today is supported by readers"). Inside the article the name may open a sentence
    of reporting ("Tech Today reported in March that ...")."""
    if doc.sizes[i] >= SHORT_PASSAGE_WORDS or not doc.site_names:
        return False
    return doc.outside_article(i) and doc.opens_with_site(i)


def _captions_and_strays(doc: _Doc) -> None:
    for i, text in enumerate(doc.texts):
        if doc.reasons[i] is not None:
            continue
        if is_caption(text):
            doc.flag(i, CAPTION)
        elif is_time_stamp(text) and i not in doc.dated_sections:
            doc.flag(i, STAMP)
        elif opens_with_handle(text):
            doc.flag(i, COMMENT)
        elif _site_line(doc, i):
            doc.flag(i, SITE)
        elif _reader_prompt(doc, i):
            doc.flag(i, READER)
        elif doc.fragment[i] and doc.overlap(i) < FRAGMENT_OVERLAP and not _in_article(doc, i):
            doc.flag(i, STRAY)
    _comment_runs(doc)


def _comment_runs(doc: _Doc) -> None:
    """Passages opening with a short label ("Linda M.: ...") next to a reader comment are
    comments of the same thread (a real name, where the first was a user name)."""
    pending = [i for i, reason in enumerate(doc.reasons) if reason == COMMENT]
    while pending:
        i = pending.pop()
        for k in (i - 1, i + 1):
            if 0 <= k < len(doc.texts) and doc.reasons[k] is None:
                if k != doc.headline and opens_with_label(doc.texts[k]):
                    doc.flag(k, COMMENT)
                    pending.append(k)


def _beside_junk(doc: _Doc, i: int) -> bool:
    if doc.reasons[i] is not None or doc.sizes[i] >= SHORT_PASSAGE_WORDS:
        return False
    return any(0 <= k < len(doc.texts) and doc.reasons[k] in _JUNK for k in (i - 1, i + 1))


def _boilerplate_sign(doc: _Doc, i: int) -> bool:
    """What a sentence beside boilerplate must show to be taken for boilerplate (a fragment
    needs nothing): it speaks to the reader or as "we", names the site, opens with a short
    question ("Enjoyed this note?") or holds a copyright sign. The last sentences of an
    article before a sign-up box are reporting, and are kept."""
    if doc.fragment[i]:
        return True
    text = doc.texts[i]
    return (
        addresses_reader(text, doc.language)
        or speaks_as_we(text, doc.language)
        or doc.names_site(i)
        or opens_with_question(text)
        or "©" in text
    )


def _boilerplate_runs(doc: _Doc) -> None:
    """Flag short low-overlap passages beside junk until nothing changes (step 6).

    The rule is monotone - flags are never removed, so a passage's neighbours only gain flags
    and its overlap only falls - so every order of checking reaches the same end. A worklist
    rechecks a passage only when a neighbour is flagged or one of its terms loses its last
    other body passage, instead of sweeping the document until a sweep changes nothing (a
    sweep per line for a run of boilerplate that grows backwards).
    """
    pending = deque(i for i in range(len(doc.texts)) if _beside_junk(doc, i))
    queued = set(pending)
    waiting: dict[str, list[int]] = {}
    doc.thinned.clear()
    while pending:
        i = pending.popleft()
        queued.discard(i)
        if not _beside_junk(doc, i):
            continue
        limit = BESIDE_OVERLAP
        repeated = doc.fragment[i] and doc.repeats[doc.texts[i]] > 1
        if not repeated and (doc.overlap(i) > limit or not _boilerplate_sign(doc, i)):
            for term in (t for t in doc.sets[i] if t not in doc.extra):
                waiting.setdefault(term, []).append(i)
            continue
        doc.flag(i, BOILERPLATE)
        again = [i - 1, i + 1]
        for term in doc.thinned:
            again.extend(waiting.pop(term, ()))
        doc.thinned.clear()
        for k in again:
            if 0 <= k < len(doc.texts) and k not in queued:
                pending.append(k)
                queued.add(k)


class _Block(NamedTuple):
    """A run of body passages and what separates it from the block before it."""

    passages: list[int]
    headed: bool
    """A heading comes before it: a separating line is unflagged or in a list of headlines (a
    block after flagged lines alone is the article resuming after an interruption: an
    advertisement, a sign-up line)."""
    titled: bool
    """A separating line is shaped like a headline (:func:`~.shape.is_title`) and shares a
    content term with the block: the block is a story with a headline of its own."""
    captioned: bool
    """The separating lines are photo captions alone: part of the article's own layout, so
    the block is the article going on."""


def _blocks(doc: _Doc) -> list[_Block]:
    """Runs of body passages, each with the lines that separate it from the block before."""
    runs: list[tuple[list[int], list[int]]] = []
    between: list[int] = []
    for i in range(len(doc.texts)):
        if not doc.fragment[i] and doc.reasons[i] is None:
            if between or not runs:
                runs.append(([], between))
                between = []
            runs[-1][0].append(i)
        else:
            between.append(i)
    out = []
    for block, lines in runs:
        headed = any(doc.reasons[i] in (None, LIST) for i in lines)
        titles = [
            i
            for i in lines
            if doc.fragment[i] and doc.reasons[i] != CAPTION and is_title(doc.texts[i])
        ]
        terms = {term for i in block for term in doc.sets[i]} if titles else set()
        titled = any(term in terms for i in titles for term in doc.sets[i])
        captioned = bool(lines) and all(doc.reasons[i] == CAPTION for i in lines)
        out.append(_Block(block, headed, titled, captioned))
    return out


def _title(doc: _Doc) -> list[int]:
    """The headline, unless it has been flagged."""
    i = doc.headline
    return [i] if i is not None and doc.reasons[i] is None and doc.sets[i] else []


def _is_story(doc: _Doc, block: Sequence[int]) -> bool:
    """A block long enough to be a story of its own: two passages or :data:`TAIL_WORDS`."""
    return len(block) > 1 or sum(doc.sizes[i] for i in block) >= TAIL_WORDS


def _core_blocks(doc: _Doc, blocks: list[_Block], rows: Any) -> int:
    """How many leading blocks make the core: blocks are taken whole until they hold
    :data:`CORE_WORDS` words, so a stray line inside the article does not cut the core short.
    Once the article below the headline holds :data:`~.shape.SHORT_PASSAGE_WORDS` words, the
    core stops before a story appended to a short article: a block with a headline of its own,
    or a story-sized block with relevance below :data:`INTERRUPTED_RELEVANCE` to the core so
    far."""
    words = 0
    article = 0
    start = -1 if doc.headline is None else doc.headline
    for k, block in enumerate(blocks):
        if article >= SHORT_PASSAGE_WORDS:
            if block.titled:
                return k
            if _is_story(doc, block.passages) and not block.captioned:
                core = _title(doc) + [i for b in blocks[:k] for i in b.passages]
                head = RunningCentroid(rows, core, COHESION_FLOOR)
                mean = float(np.mean([head.cosine(i) for i in block.passages]))
                if mean / head.cohesion < INTERRUPTED_RELEVANCE:
                    return k
        words += sum(doc.sizes[i] for i in block.passages)
        article += sum(doc.sizes[i] for i in block.passages if i > start)
        if words >= CORE_WORDS:
            return k + 1
    return len(blocks)


def _masthead(doc: _Doc) -> None:
    """Unflagged short lines above the headline: site name, section or navigation."""
    title = _title(doc)
    if title:
        _mark(doc, (i for i in range(title[0]) if doc.reasons[i] is None), MASTHEAD)


def _appended_blocks(doc: _Doc) -> None:
    blocks = _blocks(doc)
    if not blocks:
        return
    rows = TfIdf(doc.tokens).rows(doc.tokens)
    k = _core_blocks(doc, blocks, rows)
    head = RunningCentroid(
        rows, _title(doc) + [i for block in blocks[:k] for i in block.passages], COHESION_FLOOR
    )

    def relevance(part: Sequence[int]) -> float:
        return float(np.mean([head.cosine(i) for i in part])) / head.cohesion

    appended = False
    last = blocks[k - 1].passages
    for block, headed, titled, captioned in blocks[k:]:
        headed = headed or titled
        score = relevance(block)
        if appended:
            limit = BOUNDARY_RELEVANCE
        elif captioned:
            limit = 0.0
        elif headed:
            limit = APPENDED_RELEVANCE
        else:
            limit = INTERRUPTED_RELEVANCE
        if score < limit:
            story = _is_story(doc, block)
            if appended or (story and (headed or score < INTERRUPTED_RELEVANCE)):
                _mark(doc, block, APPENDED.format(score))
                appended = True
                continue
            if score < INSERT_RELEVANCE:
                _mark(doc, block, INSERT)
                continue
        for i in block:
            head.add(i)
        last = block
    if not appended:
        _seamless_tail(doc, last, rows)
    _lines_within_appended(doc)


def _seamless_tail(doc: _Doc, last: list[int], rows: Any) -> None:
    """The longest tail of ``last`` (two passages or more, at most half the body in words or
    in passages) with relevance below :data:`SEAMLESS_RELEVANCE` against what comes before
    it, from the block's first half on. A tail under :data:`TAIL_WORDS` (100) words needs a
    proportionally lower relevance, and one under :data:`SHORT_TAIL_WORDS` (50) is never
    taken: the fewer its words, the noisier its relevance. Suffix sums keep this linear in
    the block."""
    body = [i for i in range(len(doc.texts)) if doc.in_body(i)]
    half = max(1, len(last) // 2)
    lead = _title(doc) + [i for i in body if i < last[0]] + last[:half]
    head = RunningCentroid(rows, lead, COHESION_FLOOR)
    budget = sum(doc.sizes[i] for i in body) / 2
    scores = np.array([head.cosine(i) for i in last])
    words = np.cumsum([doc.sizes[i] for i in reversed(last)])[::-1]
    totals = np.cumsum(scores[::-1])[::-1]
    for cut in range(half, len(last) - 1):
        if words[cut] > budget and 2 * (len(last) - cut) > len(body):
            continue
        if words[cut] < SHORT_TAIL_WORDS:
            break
        score = float(totals[cut]) / (len(last) - cut) / head.cohesion
        if score < SEAMLESS_RELEVANCE * min(1.0, words[cut] / TAIL_WORDS):
            _mark(doc, last[cut:], APPENDED.format(score))
            break


def _lines_within_appended(doc: _Doc) -> None:
    """Fragments after the article whose next sentence-shaped passage is appended material."""
    anywhere = any(r is not None and r.startswith(_APPENDED_PREFIX) for r in doc.reasons)
    following: str | None = "end" if anywhere else None
    for i in range(len(doc.texts) - 1, -1, -1):
        if not doc.fragment[i]:
            following = doc.reasons[i]
        elif following is not None and following.startswith((_APPENDED_PREFIX, "end")):
            _mark(doc, [i], APPENDED_LINE)


def _end_matter(doc: _Doc) -> None:
    """End matter comes after the article: the first unflagged line is never flagged here."""
    first = next((i for i, reason in enumerate(doc.reasons) if reason is None), len(doc.texts))
    for i in range(len(doc.texts) - 1, first, -1):
        if doc.reasons[i] is not None:
            continue
        short = doc.sizes[i] < SHORT_PASSAGE_WORDS
        signed = short and _boilerplate_sign(doc, i)
        if doc.fragment[i] or (signed and doc.overlap(i) < END_SENTENCE_OVERLAP * doc.scale[i]):
            doc.flag(i, END_MATTER)
        else:
            return


def offtopic_reasons(
    texts: Sequence[str], vocabulary: frozenset[str] = frozenset()
) -> list[str | None]:
    """Why each passage of one document is off-topic, or ``None`` for the article's own text.

    ``texts`` are the document's passages in order; ``vocabulary`` (from
    :func:`scenario_vocabulary`) rescues short lines that name the scenario's subjects. Time
    and memory grow linearly with the document's words.
    """
    doc = _Doc(texts, vocabulary)
    _lists(doc)
    _captions_and_strays(doc)
    _boilerplate_runs(doc)
    _end_matter(doc)
    _masthead(doc)
    _appended_blocks(doc)
    _captions_and_strays(doc)
    _boilerplate_runs(doc)
    _end_matter(doc)
    return doc.reasons
