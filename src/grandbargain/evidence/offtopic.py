"""Tell a document's own text from the material a web page wraps around it, by content.

Texts copied from news sites carry more than the article: sign-up prompts, photo captions,
"recommended" headline lists, comment widgets, and sometimes whole unrelated stories appended
after the article. None of that is evidence. This module flags such passages without looking
for marker strings ("Sign Up", "Related Articles", agency names): it compares each passage with
the *rest of its own document* and looks at its shape. The steps, in order:

1. **Shape.** A passage is a *fragment* when it has fewer than :data:`FRAGMENT_WORDS` (8) words,
   or fewer than :data:`SHORT_WORDS` (20) words without a sentence end (``.``, ``!``, ``?``):
   headings, headlines, buttons, bylines, time stamps. A *short* passage has fewer than
   :data:`SHORT_PASSAGE_WORDS` (30) words.
2. **Overlap.** The *body* is the set of sentence-shaped passages not (yet) flagged. A passage's
   *overlap* is the share of its distinct content terms (stemmed words without stop words, see
   :func:`grandbargain.evidence.vectors.terms`) found in some other body passage or, when a
   scenario is given, in the scenario's vocabulary (issue titles, descriptions, option labels,
   search terms).
3. **Lists.** Once the article has begun (its first passage of 30 words or more), a run of
   :data:`LIST_RUN` (4) or more consecutive fragments is a list - headlines, links, a widget.
4. **Captions.** A short passage without quotation marks that ends in a credit - after its last
   sentence, one to six capitalised words without a full stop ("... Visual China",
   "Photo: Jane Doe / Harbour Times") - is a photo caption.
5. **Stray lines.** A fragment with overlap below :data:`FRAGMENT_OVERLAP` (0.34) shares
   (almost) no words with the article: a button, a label, a site name, a time stamp.
6. **Boilerplate beside boilerplate.** A short passage next to a flagged line is flagged when
   its overlap is at most :data:`BESIDE_OVERLAP` (0.2) - or, for a fragment, at most
   :data:`BESIDE_FRAGMENT_OVERLAP` (0.5), or when the fragment is repeated verbatim in the
   document (a button shown twice). This catches sign-up pitches and cookie banners.
7. **Appended blocks (relevance to the rest of the document).** TF-IDF vectors are fitted on
   the document's own passages (numpy, :class:`~grandbargain.evidence.vectors.TfIdf`). The
   *core* is the leading body passages, :data:`CORE_WORDS` (150) words or half the body if
   that is less. The core's *cohesion* is the mean cosine similarity of each core passage to the
   centroid of the other core passages. Body passages between fragments form *blocks*; a
   block's *relevance* is the mean cosine similarity of its passages to the core centroid,
   divided by the cohesion (so 1.0 means "as related to the core as the core is to itself").
   A block is appended material when its relevance is below :data:`BOUNDARY_RELEVANCE` (0.7)
   if flagged boilerplate comes right before it or an appended block came earlier (the
   *contiguity rule*: what trails an appended story is presumed appended unless clearly the
   article's), and below :data:`SEAMLESS_RELEVANCE` (0.5) otherwise. A low block under
   :data:`TAIL_WORDS` (100) words before any appended block is a short insert instead. The
   last accepted block is also searched for a seamless appended tail (at least 100 words, two
   passages, relevance below 0.5). Fragments before appended material (its headline, source
   and time stamp) go with it.
8. **End matter.** From the end backwards, fragments and short passages with overlap below
   :data:`END_OVERLAP` (0.3) - copyright lines, "reproduction prohibited", reader prompts - are
   flagged until the first passage that is neither.

Steps 3-6 and 8 run before and again after step 7, since removing appended text from the body
lowers the overlap of the boilerplate around it. Each flagged passage carries its reason.

The scenario vocabulary only ever *rescues short lines* (a heading such as "Rare earths" is
kept); it never rescues a block: an appended story about Chinese electric-car sales shares words
with an EV issue but is still unrelated to the document it was appended to.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence

import numpy as np

from grandbargain.evidence.vectors import FloatArray, TfIdf, terms, unit
from grandbargain.model.schema import Scenario

FRAGMENT_WORDS = 8
SHORT_WORDS = 20
SHORT_PASSAGE_WORDS = 30
LIST_RUN = 4
FRAGMENT_OVERLAP = 0.34
BESIDE_FRAGMENT_OVERLAP = 0.5
BESIDE_OVERLAP = 0.2
END_OVERLAP = 0.3
CORE_WORDS = 150
BOUNDARY_RELEVANCE = 0.7
SEAMLESS_RELEVANCE = 0.5
TAIL_WORDS = 100

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_QUOTES = re.compile(r"[\"“”‘’]|(?:^|\s)'|'(?:\s|$)")
_CREDIT = re.compile(r"[.!?][\"'”’)]*\s+([A-Z][\w'’&.-]*(?:[\s:/,|-]+[A-Z][\w'’&.-]*){0,5})\s*$")

LIST = "list of short lines (headlines, links or navigation)"
STRAY = "short line sharing no words with the article (button, label, site name, time stamp)"
BOILERPLATE = "site boilerplate beside other boilerplate (sign-up, cookie or reader prompt)"
CAPTION = "photo caption (short line ending in a credit)"
APPENDED = "appended material unrelated to the rest of the document (relevance {:.2f})"
_APPENDED_PREFIX = "appended material"
APPENDED_LINE = "line within appended material unrelated to the rest of the document"
END_MATTER = "end matter after the article (copyright, reprint or reader notice)"
INSERT = "short insert unrelated to the article (sign-up pitch, advertisement)"
_JUNK = (STRAY, LIST, BOILERPLATE, INSERT)


class _Doc:
    """One document's passages, the flags set so far, and how many body passages hold each
    term (kept up to date as passages are flagged, so an overlap costs the passage's own terms,
    not a pass over the document)."""

    def __init__(self, texts: Sequence[str], extra: frozenset[str]) -> None:
        self.texts = texts
        self.tokens = [terms(text) for text in texts]
        self.sets = [tuple(dict.fromkeys(tokens)) for tokens in self.tokens]
        """Each passage's distinct terms (tuples: a tenth of the memory of sets)."""
        self.sizes = [len(text.split()) for text in texts]
        self.fragment = [is_fragment(text) for text in texts]
        self.reasons: list[str | None] = [None] * len(texts)
        self.extra = extra
        self.repeats = Counter(texts)
        self.counts: Counter[str] = Counter()
        for i, held in enumerate(self.sets):
            if not self.fragment[i]:
                self.counts.update(held)
        self.thinned: list[str] = []
        """Terms whose body count fell to one or none since the list was last emptied."""

    def in_body(self, i: int) -> bool:
        return not self.fragment[i] and self.reasons[i] is None

    def flag(self, i: int, reason: str) -> None:
        if self.reasons[i] is not None:
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


def is_fragment(text: str) -> bool:
    """Whether ``text`` is a heading-like line rather than a sentence (see step 1)."""
    n = len(text.split())
    return n < FRAGMENT_WORDS or (n < SHORT_WORDS and not _SENTENCE_END.search(text))


def is_caption(text: str) -> bool:
    """Whether ``text`` looks like a photo caption ending in a credit (see step 6)."""
    if len(text.split()) > SHORT_PASSAGE_WORDS or _QUOTES.search(text):
        return False
    return _CREDIT.search(text) is not None


def scenario_vocabulary(scenario: Scenario | None) -> frozenset[str]:
    """Content terms of the scenario's issues: titles, descriptions, options, search terms."""
    if scenario is None:
        return frozenset()
    found: set[str] = set()
    for issue in scenario.issues:
        found.update(terms(issue.title))
        found.update(terms(issue.description or ""))
        for term in issue.search_terms:
            found.update(terms(term))
        for option in issue.options:
            found.update(terms(option.label))
    return frozenset(found)


def _mark(doc: _Doc, indices: Iterable[int], reason: str) -> None:
    for i in indices:
        doc.flag(i, reason)


def _lists(doc: _Doc) -> None:
    n = len(doc.texts)
    i = next((k for k in range(n) if len(doc.texts[k].split()) >= SHORT_PASSAGE_WORDS), n)
    while i < n:
        j = i
        while j < n and doc.fragment[j]:
            j += 1
        if j - i >= LIST_RUN:
            _mark(doc, range(i, j), LIST)
        i = max(j, i + 1)


def _captions_and_strays(doc: _Doc) -> None:
    for i, text in enumerate(doc.texts):
        if doc.reasons[i] is not None:
            continue
        if is_caption(text):
            doc.flag(i, CAPTION)
        elif doc.fragment[i] and doc.overlap(i) < FRAGMENT_OVERLAP:
            doc.flag(i, STRAY)


def _beside_junk(doc: _Doc, i: int) -> bool:
    if doc.reasons[i] is not None or doc.sizes[i] >= SHORT_PASSAGE_WORDS:
        return False
    return any(0 <= k < len(doc.texts) and doc.reasons[k] in _JUNK for k in (i - 1, i + 1))


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
        limit = BESIDE_FRAGMENT_OVERLAP if doc.fragment[i] else BESIDE_OVERLAP
        repeated = doc.fragment[i] and doc.repeats[doc.texts[i]] > 1
        if not repeated and doc.overlap(i) > limit:
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


def _blocks(doc: _Doc) -> list[tuple[list[int], bool]]:
    """Runs of body passages, each with whether a boilerplate line comes right before it."""
    out: list[tuple[list[int], bool]] = []
    current: list[int] = []
    junk = False
    for i in range(len(doc.texts)):
        if not doc.fragment[i] and doc.reasons[i] is None:
            if not current:
                out.append((current, junk))
            current.append(i)
            junk = False
            continue
        current = []
        junk = junk or doc.reasons[i] in _JUNK
    return out


def _core(doc: _Doc) -> list[int]:
    body = [i for i in range(len(doc.texts)) if doc.in_body(i)]
    enough = min(CORE_WORDS, sum(doc.sizes[i] for i in body) / 2)
    core: list[int] = []
    words = 0
    for i in body:
        if words >= enough:
            break
        core.append(i)
        words += doc.sizes[i]
    return core


def _scores(doc: _Doc, core: list[int]) -> tuple[float, FloatArray]:
    """The core's cohesion and every passage's cosine similarity to the core's centroid.

    Only the columns of the core's own terms can contribute to either, so the dense work is
    on those columns alone.
    """
    rows = TfIdf(doc.tokens).rows(doc.tokens)
    columns = np.unique(rows[core].indices)
    dense = rows[core][:, columns].toarray()
    cohesion = float(
        np.mean(
            [
                float(unit(dense[k]) @ unit(np.delete(dense, k, axis=0).sum(0)))
                for k in range(len(core))
            ]
        )
    )
    dots = np.asarray(rows[:, columns] @ unit(dense.sum(0))).ravel()
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(1)).ravel())
    scores = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    return cohesion, scores


def _appended_blocks(doc: _Doc) -> None:
    core = _core(doc)
    if len(core) < 2:
        return
    cohesion, scores = _scores(doc, core)
    if cohesion <= 0:
        return

    def relevance(part: Sequence[int]) -> float:
        return float(np.mean(scores[list(part)])) / cohesion

    appended = False
    last: list[int] = []
    inner = set(core)
    for block, junk_before in _blocks(doc):
        part = [i for i in block if i not in inner]
        if not part:
            continue
        if len(part) < len(block):
            last = part
            continue
        score = relevance(part)
        if score < (BOUNDARY_RELEVANCE if junk_before or appended else SEAMLESS_RELEVANCE):
            if sum(doc.sizes[i] for i in part) < TAIL_WORDS and not appended:
                _mark(doc, part, INSERT)
            else:
                _mark(doc, part, APPENDED.format(score))
                appended = True
        else:
            last = part
    if last and not appended:
        _seamless_tail(doc, last, scores, cohesion)
    _lines_within_appended(doc)


def _seamless_tail(doc: _Doc, last: list[int], scores: FloatArray, cohesion: float) -> None:
    """The longest tail of ``last`` (100 words or more, two passages or more) with relevance
    below :data:`SEAMLESS_RELEVANCE`; suffix sums keep this linear in the block."""
    words = np.cumsum([doc.sizes[i] for i in reversed(last)])[::-1]
    totals = np.cumsum(scores[last[::-1]])[::-1]
    for cut in range(len(last) - 1):
        if words[cut] < TAIL_WORDS:
            break
        score = float(totals[cut]) / (len(last) - cut) / cohesion
        if score < SEAMLESS_RELEVANCE:
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
    for i in range(len(doc.texts) - 1, -1, -1):
        if doc.reasons[i] is not None:
            continue
        short = doc.sizes[i] < SHORT_PASSAGE_WORDS
        if doc.fragment[i] or (short and doc.overlap(i) < END_OVERLAP):
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
    _appended_blocks(doc)
    _captions_and_strays(doc)
    _boilerplate_runs(doc)
    _end_matter(doc)
    return doc.reasons
