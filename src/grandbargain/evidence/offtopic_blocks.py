"""Step 8 of the off-topic detector: appended blocks, judged against the article's own topic.

Body passages between fragments form blocks (:func:`blocks`). The head - the article so far -
starts as the headline and the leading blocks (:func:`core_blocks`); each later block is
appended material, a short insert or the article going on, by its TF-IDF relevance to the head
(:class:`~grandbargain.evidence.centroid.RunningCentroid`). When nothing was appended, the last
kept block is searched for a seamless appended tail, then the body's end for a story in another
register than the head's (:mod:`~.offtopic_register`). The rule and its thresholds are described
in :mod:`grandbargain.evidence.offtopic`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from grandbargain.evidence.centroid import RunningCentroid
from grandbargain.evidence.notice import calls_to_action, notice_signs, reports_fact
from grandbargain.evidence.notice_documents import offer_line
from grandbargain.evidence.notice_forms import read_also
from grandbargain.evidence.notice_lines import code_offer
from grandbargain.evidence.notice_purpose import ad_label
from grandbargain.evidence.offtopic_coda import party_tail
from grandbargain.evidence.offtopic_functions import figure_line
from grandbargain.evidence.offtopic_page import (
    APPENDED,
    APPENDED_LINE,
    APPENDED_PREFIX,
    CAPTION,
    INSERT,
    LIST,
    NOTICE,
    READER,
    Page,
)
from grandbargain.evidence.offtopic_register import register_tail
from grandbargain.evidence.offtopic_sections import section_heading
from grandbargain.evidence.shape import SHORT_PASSAGE_WORDS, ends_sentence, is_title, label_of
from grandbargain.evidence.vectors import TfIdf

APPENDED_RELEVANCE = 0.4
INTERRUPTED_RELEVANCE = 0.15
INSERT_RELEVANCE = 0.15
BOUNDARY_RELEVANCE = 0.7
SEAMLESS_RELEVANCE = 0.15
COHESION_FLOOR = 0.2
TAIL_WORDS = 100
SHORT_TAIL_WORDS = 50
CORE_WORDS = 60
LINK_ECHO = 2
"""Content terms a link's headline shares with the first passage of the story it titles."""


class Block(NamedTuple):
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
    """The separating lines are photo captions alone, or hold a line of the article's own
    layout (a numbered section heading, a fact box, a live blog's post stamp): the block is
    the article going on."""
    section: bool = False
    """The separating line is one unflagged line, not shaped like a headline sharing the
    block's terms: a sub-heading of the article's own sections ("Action items", "Three
    rounds of rules"). The block is judged as the article resuming, not as a story after
    its headline (eighth round: on every labelled set, the stories appended after a heading
    have a headline-shaped title or several separating lines)."""


def blocks(doc: Page) -> list[Block]:
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
            if doc.fragment[i]
            and doc.reasons[i] != CAPTION
            and not figure_line(doc, i)
            and is_title(doc.texts[i])
            and not _ATTRIBUTED.match(doc.texts[i])
        ]
        titled = any(_titles(doc, i, block) for i in titles)
        captioned = bool(lines) and all(
            doc.reasons[i] == CAPTION or figure_line(doc, i) for i in lines
        )
        captioned = captioned or (len(lines) == 1 and _inline_ad(doc, lines[0]))
        captioned = captioned or any(i in doc.structure for i in lines)
        out.append(Block(block, headed, titled, captioned, _section(doc, lines, titled)))
    return out


def _section(doc: Page, lines: Sequence[int], titled: bool) -> bool:
    """Whether the one unflagged separating line among ``lines`` heads a section of the
    article: alone between the blocks and no headline sharing the block's terms, or a short
    sub-heading of the article (:func:`~.offtopic_sections.section_heading`). A sub-heading
    sharing a term with its section ("Why the truce holds anyway" above "... a truce built on
    leverage ...") is still the article's (nineteenth round), unless it opens with a label
    ("Bundesliga: Neuzugang fällt wochenlang aus"): a kicker above a headline."""
    unflagged = [i for i in lines if doc.reasons[i] is None]
    if len(unflagged) != 1:
        return False
    heading = section_heading(doc, unflagged[0])
    if titled:
        return heading and label_of(doc.texts[unflagged[0]]) is None
    return len(lines) == 1 or heading


_ATTRIBUTED = re.compile(r"^\s*[\"“«„][^\"”»“]{10,}[\"”»“]\s*[—–-]\s*\S")
"""A quotation and its attribution after a dash (a pasted post, a pull quote): no story's
title, so the block after it is the article resuming (eighteenth round)."""


def _inline_ad(doc: Page, i: int) -> bool:
    """An advertisement's offer alone between two blocks ("Save 20% on your first order. Use
    code ... at checkout.", "Sponsored: ...", a call to action): the article resumes after
    it, as after a photo caption (fourteenth round)."""
    text = doc.texts[i]
    offer = code_offer(text) or offer_line(text) or ad_label(text) or calls_to_action(text)
    return doc.reasons[i] in (NOTICE, READER) and not doc.fragment[i] and offer


def _titles(doc: Page, line: int, block: Sequence[int]) -> bool:
    """Whether headline-shaped ``line`` is the title of ``block``: it shares a content term
    with the block; a flagged link to another story ("Related: ...", "Read also: ...", in
    several languages: :func:`link_line`) must share one with the block's first passage, as an
    appended story's lead restates its headline. A link whose headline the next paragraph
    does not echo is an insert, and the block after it is the article resuming (tenth round:
    "Czytaj także: ..." and "İlginizi çekebilir: ..." inside a Polish and a Turkish article)."""
    mine = set(doc.sets[line])
    if doc.reasons[line] is not None and link_line(doc.texts[line]):
        return len(mine.intersection(doc.sets[block[0]])) >= LINK_ECHO
    return any(not mine.isdisjoint(doc.sets[i]) for i in block)


_LINK = re.compile(
    r"^(?:Related|See\s+also|More\s+on\s+this|You\s+may\s+also\s+like|İlginizi\s+çekebilir|"
    r"Bunlar\s+da\s+ilginizi\s+çekebilir|Siehe\s+auch|Mehr\s+zum\s+Thema|Voir\s+aussi|"
    r"Ver\s+también|Vedi\s+anche|Veja\s+também|Zobacz\s+(?:też|także|również)|Lihat\s+juga|"
    r"Xem\s+thêm|相关新闻|相關新聞|あわせて読みたい)\s*[:：]\s*\S",
    re.IGNORECASE,
)


def link_line(text: str) -> bool:
    """A link to another story under a label: "Related: ...", "Read also: ..." (and the labels
    of :func:`~.notice_forms.read_also`), "İlginizi çekebilir: ...", "Zobacz też: ..."."""
    return read_also(text) or _LINK.match(text.strip()) is not None


def _is_story(doc: Page, block: Sequence[int]) -> bool:
    """A block long enough to be a story of its own: two passages or :data:`TAIL_WORDS`."""
    return len(block) > 1 or sum(doc.sizes[i] for i in block) >= TAIL_WORDS


def _insert_shaped(doc: Page, block: Sequence[int]) -> bool:
    """Whether a short block unrelated to the article is shaped like an insert: it speaks to
    the reader or as "we" or "I", names the site, gives a contact or calls to action, or it
    reports nothing (no figure, month or weekday: :func:`~.notice.reports_fact`). A reported
    sentence after an advertisement line is the article going on, however different its
    words ("Stocks fell sharply on Friday, with the Nasdaq down 3.6 per cent")."""
    named = names_actor(doc, block) or names_core(doc, block)
    return any(
        doc.names_site(i)
        or notice_signs(doc.texts[i], doc.language, 1, (doc.you[i], doc.we[i])) > 0
        or calls_to_action(doc.texts[i])
        or not (reports_fact(doc.texts[i]) or named)
        for i in block
    )


_NAME = re.compile(r"(?<=[\w,;:»”\"'’)]\s)[^\W\d_][\w’'-]+")
ACTOR_CHARS = 5
"""Letters of a name compared (a crude stem for inflected names: "Бессента", "Бессент")."""


def _actors(text: str) -> set[str]:
    """Capitalised words inside a sentence (not opening it): names, in any cased script."""
    return {
        m.group(0)[:ACTOR_CHARS].lower() for m in _NAME.finditer(text) if m.group(0)[0].isupper()
    }


def names_actor(doc: Page, block: Sequence[int]) -> bool:
    """Whether ``block`` names someone or somewhere that a kept sentence before it names: a
    sentence reporting what the article's actors said ("According to Bessent, ..."), not an
    insert (a pitch names none of them)."""
    mine = set().union(*(_actors(doc.texts[i]) for i in block))
    if not mine:
        return False
    before = (k for k in range(block[0]) if doc.in_body(k))
    return any(mine & _actors(doc.texts[k]) for k in before)


CORE_TERM_CHARS = 4
"""Letters of a core term at least: a word, not a CJK bigram or a chunk of an unspaced script."""


def names_core(doc: Page, block: Sequence[int]) -> bool:
    """Whether ``block`` names the article's core: a term of the headline that the lead
    repeats ("tariff" of "Biden quadruples tariff on Chinese electric vehicles"), of at least
    :data:`CORE_TERM_CHARS` letters. A block of three passages or fewer after an interruption
    that names it is another angle of the same event (the political reaction below an
    advertisement), not a story appended (fifteenth round)."""
    if doc.headline is None:
        return False
    lead = next((k for k in range(doc.headline + 1, block[0]) if doc.in_body(k)), None)
    if lead is None:
        return False
    core = {t for t in doc.sets[doc.headline] if len(t) >= CORE_TERM_CHARS}
    core.intersection_update(doc.sets[lead])
    return any(not core.isdisjoint(doc.sets[i]) for i in block)


def core_blocks(doc: Page, found: list[Block], rows: Any) -> int:
    """How many leading blocks make the core: blocks are taken whole until they hold
    :data:`CORE_WORDS` words, so a stray line inside the article does not cut the core short.
    Once the article below the headline holds :data:`~.shape.SHORT_PASSAGE_WORDS` words, the
    core stops before a story appended to a short article: a block with a headline of its own,
    or a story-sized block with relevance below :data:`INTERRUPTED_RELEVANCE` to the core so
    far."""
    words = 0
    article = 0
    start = -1 if doc.headline is None else doc.headline
    for k, block in enumerate(found):
        if article >= SHORT_PASSAGE_WORDS:
            if block.titled:
                return k
            if _is_story(doc, block.passages) and not block.captioned:
                core = doc.title() + [i for b in found[:k] for i in b.passages]
                head = RunningCentroid(rows, core, COHESION_FLOOR)
                mean = float(np.mean([head.cosine(i) for i in block.passages]))
                if mean / head.cohesion < INTERRUPTED_RELEVANCE:
                    return k
        words += sum(doc.sizes[i] for i in block.passages)
        article += sum(doc.sizes[i] for i in block.passages if i > start)
        if words >= CORE_WORDS:
            return k + 1
    return len(found)


def appended_blocks(doc: Page) -> None:
    """Flag appended blocks (and a seamless appended tail), then the fragments among them."""
    found = blocks(doc)
    if not found:
        return
    rows = TfIdf(doc.tokens).rows(doc.tokens)
    k = core_blocks(doc, found, rows)
    head = RunningCentroid(
        rows, doc.title() + [i for block in found[:k] for i in block.passages], COHESION_FLOOR
    )

    def relevance(part: Sequence[int]) -> float:
        return float(np.mean([head.cosine(i) for i in part])) / head.cohesion

    appended = False
    taken: list[int] = []
    last = found[k - 1].passages
    for block, headed, titled, captioned, section in found[k:]:
        headed = (headed or titled) and not section
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
            resumed = len(block) <= 3 and names_core(doc, block)
            carried = not headed and (names_actor(doc, block) or resumed)
            if appended or (story and not carried and (headed or score < INTERRUPTED_RELEVANCE)):
                doc.mark(block, APPENDED.format(score))
                taken += block
                appended = True
                continue
            if score < INSERT_RELEVANCE and _insert_shaped(doc, block) and not doc.paged:
                doc.mark(block, INSERT)
                continue
        for i in block:
            head.add(i)
        last = block
    if appended and _most_of_page(doc, found, taken):
        appended, last = False, found[-1].passages
    if not appended and not pivot_tail(doc, last, rows) and not seamless_tail(doc, last, rows):
        if not register_tail(doc, CORE_WORDS):
            party_tail(doc)
    lines_within_appended(doc)


def _most_of_page(doc: Page, found: Sequence[Block], taken: Sequence[int]) -> bool:
    """Undo the appended blocks when they hold most of the body's passages and the first of
    them follows the article with nothing but short sentences of its own between ("This was
    not a normal year.": no heading, no furniture). Such a page is the article, told in many
    short paragraphs whose relevance to a short lead is low (a feature: a farmer, his buyers,
    his crop; sixteenth round); an appended story that outnumbers a short article comes after
    a headline, a flagged line or nothing at all."""
    body = sum(len(b.passages) for b in found)
    if 2 * len(taken) <= body:
        return False
    before = max((i for b in found for i in b.passages if i < taken[0]), default=-1)
    between = range(before + 1, taken[0])
    if not between or any(
        doc.reasons[i] is not None or not ends_sentence(doc.texts[i]) for i in between
    ):
        return False
    for i in taken:
        doc.reasons[i] = None
    return True


_PIVOT = re.compile(
    r"^(?:Separately|Elsewhere|In\s+(?:a\s+)?separate|Meanwhile|In\s+other\s+news)\b", re.IGNORECASE
)
"""A wire desk's turn to another story: "Separately, ...", "Elsewhere in Asia, ...", "In a
separate ruling, ...", "Meanwhile, ..." (English)."""


def pivot_tail(doc: Page, last: list[int], rows: Any) -> bool:
    """A tail of the last kept block opening with a turn to another story (:data:`_PIVOT`),
    two passages or more and :data:`SHORT_TAIL_WORDS` words, neither its first passage nor
    the tail as a whole with relevance of :data:`APPENDED_RELEVANCE` to the article before
    it: the story a wire desk appended after the article (a paragraph opening with
    "Separately" that goes on with the article's own terms is the article's)."""
    body = [i for i in range(len(doc.texts)) if doc.in_body(i)]
    for cut in range(1, len(last) - 1):
        tail = last[cut:]
        if not _PIVOT.match(doc.texts[tail[0]]):
            continue
        if sum(doc.sizes[i] for i in tail) < SHORT_TAIL_WORDS:
            return False
        head = RunningCentroid(rows, doc.title() + [i for i in body if i < tail[0]], COHESION_FLOOR)
        scores = [head.cosine(i) / head.cohesion for i in tail]
        if max(scores[0], float(np.mean(scores))) < APPENDED_RELEVANCE:
            doc.mark(tail, APPENDED.format(float(np.mean(scores))))
            return True
    return False


def seamless_tail(doc: Page, last: list[int], rows: Any) -> bool:
    """The longest tail of ``last`` (two passages or more, at most half the body in words and
    in passages: a tail holding most of a short body is the article, twelfth round) with
    relevance below :data:`SEAMLESS_RELEVANCE` against what comes before it, from the block's
    first half on. A tail under :data:`TAIL_WORDS` (100) words needs a proportionally lower
    relevance, and one under :data:`SHORT_TAIL_WORDS` (50) is never taken: the fewer its
    words, the noisier its relevance. Suffix sums keep this linear in the block."""
    body = [i for i in range(len(doc.texts)) if doc.in_body(i)]
    half = max(1, len(last) // 2)
    lead = doc.title() + [i for i in body if i < last[0]] + last[:half]
    head = RunningCentroid(rows, lead, COHESION_FLOOR)
    budget = sum(doc.sizes[i] for i in body) / 2
    scores = np.array([head.cosine(i) for i in last])
    words = np.cumsum([doc.sizes[i] for i in reversed(last)])[::-1]
    totals = np.cumsum(scores[::-1])[::-1]
    for cut in range(half, len(last) - 1):
        if words[cut] > budget or 2 * (len(last) - cut) > len(body):
            continue
        if words[cut] < SHORT_TAIL_WORDS:
            break
        score = float(totals[cut]) / (len(last) - cut) / head.cohesion
        if score < SEAMLESS_RELEVANCE * min(1.0, words[cut] / TAIL_WORDS):
            doc.mark(last[cut:], APPENDED.format(score))
            return True
    return False


def lines_within_appended(doc: Page) -> None:
    """Fragments after the article whose next sentence-shaped passage is appended material."""
    anywhere = any(r is not None and r.startswith(APPENDED_PREFIX) for r in doc.reasons)
    following: str | None = "end" if anywhere else None
    for i in range(len(doc.texts) - 1, -1, -1):
        if not doc.fragment[i]:
            following = doc.reasons[i]
        elif following is not None and following.startswith((APPENDED_PREFIX, "end")):
            doc.mark([i], APPENDED_LINE)
