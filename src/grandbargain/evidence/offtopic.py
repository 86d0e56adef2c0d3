"""Tell a document's own text from the material a web page wraps around it, by content.

Texts copied from news sites carry more than the article: sign-up prompts, photo captions,
"recommended" headline lists, comment widgets, and sometimes whole unrelated stories appended
after the article. None of that is evidence. This module flags such passages without looking
for marker strings ("Sign Up", "Related Articles", agency names): it compares each passage with
the *rest of its own document* and looks at its shape. The steps, in order:

1. **Shape** (:mod:`~grandbargain.evidence.shape`, in any script: CJK characters count as half
   a word each, Thai, Lao, Khmer, Myanmar and Tibetan characters a quarter, every script's
   full stop and question mark end sentences (``。！？``, Urdu ``۔``, the dandas ...:
   :data:`~.scripts.SENTENCE_STOPS`), and a Thai or Lao line of eight words or more is a
   sentence). A *fragment* has fewer than 8 words, or fewer than 20 without a sentence end:
   headings, buttons, bylines, time stamps. A *short* passage has fewer than 30 words.
   The *headline* is the line above the article that its lead supports best, and its
   *standfirst* the supported lines right after it
   (:mod:`~grandbargain.evidence.offtopic_headline`); the headings of a live blog's posts
   too are kept: only end-of-document rules can flag these lines.
2. **Overlap.** The *body* is the set of sentence-shaped passages not (yet) flagged. A passage's
   *overlap* is the share of its distinct content terms (:func:`~.shape.tokens`: stemmed
   English words, other words without their language's stop words, CJK characters and
   bigrams) found in some other body passage or in the scenario's vocabulary. Limits on the
   overlap of CJK sentences are halved (:data:`CJK_OVERLAP_SCALE`): bigrams are shared less.
3. **Lists.** Once the article has begun (its first passage of 30 words or more), a run of
   :data:`LIST_RUN` (4) or more consecutive fragments is a list - headlines, links, a widget;
   so is a recording's chapter list from "0:00" and its heading (:mod:`~.offtopic_turns`).
4. **Lines by their shape** (:func:`_captions_and_strays`): a photo caption (a short passage
   without quotation marks ending in a credit: "... Photo: Jane Doe / Harbour Times"); a time
   stamp (a full date or a clock time and at most two other content words; dates heading two
   sections or more are a timeline's headings and kept); a reader comment (a user name and a
   colon, and the lines opening with a label next to it); a short line opening with the
   site's name outside the article's span (from its first to its last passage of reporting;
   the name is taken from the masthead); a short line speaking to the reader that also speaks
   as "we", names the site or opens with a label ("Sponsored: ..."); a byline (a date among
   short segments between separators, or "By" and a name) and a notice by its form
   (:mod:`~.notice`: in brackets, a call to action, speaking of the article itself, or two
   of "you", "we", "I", a contact, a label or lead-in - the persons not in a column written
   in the first person, nor a label opening several passages); a link line and a widget's
   entries (:mod:`~.offtopic_widgets`); a pull quote (a quotation without a speaker
   repeating the article: :func:`~.offtopic_sections.pull_quote`).
5. **Stray lines.** A fragment with overlap below :data:`FRAGMENT_OVERLAP` (0.34), unless it
   is part of the article's structure: a sub-heading opening with a question word before a
   kept sentence ("What to watch"), a timeline's date, a bulleted item beside a bulleted
   sentence, a short sentence ending with a full stop right after a kept one (not speaking
   to the reader; as "we" only after a sentence that does too), a slide's title below a
   line numbering the slides ("Slide 2 of 6 | ..."), or a heading-shaped line
   between kept sentences of an article with sub-headings (of one word too, and the first
   section's heading above the lead; a section's heading in its own words, any language, over
   a caption or an advertisement: :mod:`~.offtopic_sections`).
6. **Boilerplate beside boilerplate.** A short passage next to a flagged line, overlap at most
   :data:`BESIDE_OVERLAP` (0.5), a sign of boilerplate (a fragment needs none, unless it is a
   sub-heading over kept sentences sharing its words; a sentence speaks to the reader or as
   "we", names the site, opens with a short question or holds ©), or a repeated fragment;
   never a short sentence after a kept one (step 5).
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
   or a list of headlines: an appended story's own title; one plain unflagged line not
   shaped like a headline sharing the block's terms is a section's sub-heading, and the
   block after it is judged as the article resuming; a flagged link, "Read also: ...",
   titles the block only when the block's first passage echoes two of its terms), below
   :data:`INTERRUPTED_RELEVANCE` (0.15) after flagged lines alone (an advertisement line: the
   article resuming), and below :data:`BOUNDARY_RELEVANCE` (0.7) once an appended block came
   before (what trails an appended story is presumed appended). A block of one passage under
   :data:`TAIL_WORDS` (100) words is a short insert only below :data:`INSERT_RELEVANCE`
   (0.15) and shaped like one (a notice's form, or no figure, month or weekday), and is
   otherwise kept (always on a page whose lines number its slides or pages: a deck's
   notes are no inserts); a kept block joins the head. If nothing was appended, the end is searched
   for a tail opening with a turn to another story ("Separately, ...":
   :func:`~.offtopic_blocks.pivot_tail`), for a seamless tail
   (:func:`~.offtopic_blocks.seamless_tail`), then for one in another register
   (:mod:`~.offtopic_register`), then for one that never names the negotiation's parties
   (:mod:`~.offtopic_coda`). Fragments before appended material go with it.
9. **End matter.** From the end backwards, fragments, short notes (in brackets, a call to
   action, of the article, a copyright, an e-mail, a label: "Correction, 2 May:"), a bio,
   an "About Name:" paragraph (a release's boilerplate) and short passages with a sign of
   boilerplate and overlap below :data:`END_SENTENCE_OVERLAP` (0.1) - copyright lines,
   reader notices - are flagged until the first passage that is none of these, or one of
   the article's own layouts (a dialogue's turn, a table or a fact box), or a statement as
   "we" right after a first-person sentence (the writer's voice going on).

Steps 1-7 and 9 live here, with :class:`~.offtopic_page.Page`; step 8 in
:mod:`~.offtopic_blocks`; the article's own layouts in :mod:`~.offtopic_layout`. The thresholds
were set on the 333 labelled pages of ``tests/evidence/labelled``, all development data now
(see ``docs/explanation/off-topic-detection.md``; unseen9 judges the tenth round). Notices
told by their function (revision notes, credits, bracketed inserts, reading-time lines, data
notices, "read also" prompts in further languages, bios, endnotes) are in
:mod:`~.notice_forms` and :mod:`~.offtopic_functions`, those told by their purpose (ad labels,
developing-story notes, print lines, translator's notes, tickers, staff bylines) in
:mod:`~.notice_purpose`, those of document types (a release's safe harbour, a record's proof
notice, references, footnotes, licence and AI-summary lines, unlabelled offers) in
:mod:`~.notice_documents` and of this round's line forms (machine-translation notes, open
licences, chart lines, CJK bylines, profiles, code offers) in :mod:`~.notice_lines`; the
article's own headings, questions and subtitle lines in :mod:`~.offtopic_sections`;
the sizes and terms of Thai, Lao, Khmer, Myanmar and Tibetan in :mod:`~.scripts`. The
layouts of dialogues, interviews, chapters and point lists are in :mod:`~.offtopic_turns`.

Steps 3-6 and 9 run before and again after step 8, since removing appended text from the body
lowers the overlap of the boilerplate around it. Each flagged passage carries its reason.

The scenario vocabulary only ever *rescues short lines* ("Rare earths"), never a block.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from grandbargain.evidence.notice import describes_organisation, has_copyright, is_end_note
from grandbargain.evidence.notice_documents import about_section, release_line
from grandbargain.evidence.notice_purpose import print_line
from grandbargain.evidence.offtopic_blocks import (
    APPENDED_RELEVANCE,
    BOUNDARY_RELEVANCE,
    COHESION_FLOOR,
    CORE_WORDS,
    INSERT_RELEVANCE,
    INTERRUPTED_RELEVANCE,
    SEAMLESS_RELEVANCE,
    SHORT_TAIL_WORDS,
    TAIL_WORDS,
    appended_blocks,
)
from grandbargain.evidence.offtopic_functions import (
    entry_above,
    in_dialogue,
    item_of_kept_list,
    notice,
)
from grandbargain.evidence.offtopic_layout import (
    cites_only,
    closing_sentence,
    credited_captions,
    is_menu,
    own_verdict,
    running_head,
)
from grandbargain.evidence.offtopic_page import (
    APPENDED,
    APPENDED_LINE,
    BOILERPLATE,
    CAPTION,
    CJK_OVERLAP_SCALE,
    COMMENT,
    END_MATTER,
    FRAGMENT_OVERLAP,
    INSERT,
    JUNK,
    LIST,
    MASTHEAD,
    NOTICE,
    READER,
    SITE,
    STAMP,
    STRAY,
    Page,
)
from grandbargain.evidence.offtopic_sections import (
    digest_item,
    in_article,
    own_end,
    own_line,
    pull_quote,
    reader_prompt,
    stamp_line,
)
from grandbargain.evidence.offtopic_widgets import comment_runs, is_link_line, widget_comments
from grandbargain.evidence.offtopic_wrap import unwrap
from grandbargain.evidence.shape import (
    SHORT_PASSAGE_WORDS,
    is_caption,
    label_of,
    opens_with_handle,
    opens_with_question,
)

__all__ = [
    "APPENDED",
    "APPENDED_LINE",
    "APPENDED_RELEVANCE",
    "BESIDE_OVERLAP",
    "BOILERPLATE",
    "BOUNDARY_RELEVANCE",
    "CAPTION",
    "CJK_OVERLAP_SCALE",
    "COHESION_FLOOR",
    "COMMENT",
    "CORE_WORDS",
    "END_MATTER",
    "END_SENTENCE_OVERLAP",
    "FRAGMENT_OVERLAP",
    "INSERT",
    "INSERT_RELEVANCE",
    "INTERRUPTED_RELEVANCE",
    "LIST",
    "LIST_RUN",
    "MASTHEAD",
    "NOTICE",
    "READER",
    "SEAMLESS_RELEVANCE",
    "SHORT_TAIL_WORDS",
    "SITE",
    "STAMP",
    "STRAY",
    "TAIL_WORDS",
    "offtopic_reasons",
]

LIST_RUN = 4
PULL_QUOTE = "pull quote (a quotation repeating the article's words, without a speaker)"
BESIDE_OVERLAP = 0.5
END_SENTENCE_OVERLAP = 0.1


def _lists(doc: Page) -> None:
    n = len(doc.texts)
    i = next((k for k in range(n) if doc.sizes[k] >= SHORT_PASSAGE_WORDS), n)
    while i < n:
        j = i
        while j < n and doc.fragment[j] and j not in doc.box:
            j += 1
        if j - i >= LIST_RUN:
            doc.mark(range(i, j), LIST)
        i = max(j, i + 1)
    doc.mark(doc.chapters, LIST)  # a recording's chapter list: "0:00 Intro", "1:12 ..."


def _site_line(doc: Page, i: int) -> bool:
    """A short passage opening with the site's name outside the article's span (before its
    first long passage or after its last): a byline ("Semi Daily News staff"), a notice
    ("Tech Today is supported by readers"). Inside the article the name may open a sentence
    of reporting ("Tech Today reported in March that ...")."""
    if doc.sizes[i] >= SHORT_PASSAGE_WORDS or not doc.site_names:
        return False
    return doc.outside_article(i) and doc.opens_with_site(i)


def _captions_and_strays(doc: Page) -> None:
    for i, text in enumerate(doc.texts):
        if doc.reasons[i] is not None:
            continue
        if is_caption(text):
            doc.flag(i, CAPTION)
        elif stamp_line(doc, i):
            doc.flag(i, STAMP)
        elif opens_with_handle(text):
            doc.flag(i, COMMENT)
        elif _site_line(doc, i):
            doc.flag(i, SITE)
        elif reader_prompt(doc, i):
            doc.flag(i, READER)
        elif i in doc.header or notice(doc, i) or is_link_line(doc, i):
            doc.flag(i, NOTICE)
        elif _stray(doc, i) or running_head(doc, i) or is_menu(doc, i) or cites_only(text):
            doc.flag(i, STRAY)
        elif pull_quote(doc, i):
            doc.flag(i, PULL_QUOTE)
    comment_runs(doc)
    widget_comments(doc)
    credited_captions(doc, CAPTION)


def _stray(doc: Page, i: int) -> bool:
    if digest_item(doc, i):
        return True
    return doc.fragment[i] and doc.overlap(i) < FRAGMENT_OVERLAP and not in_article(doc, i)


def _beside_junk(doc: Page, i: int) -> bool:
    if doc.reasons[i] is not None or doc.sizes[i] >= SHORT_PASSAGE_WORDS or i in doc.sub_headings:
        return False
    if i in doc.kept or i == doc.headline:
        return False  # never flagged here: checking it again would not end
    if own_verdict(doc, i) or item_of_kept_list(doc, i):
        return False
    if not any(0 <= k < len(doc.texts) and doc.reasons[k] in JUNK for k in (i - 1, i + 1)):
        return False
    return not own_line(doc, i)


def _boilerplate_sign(doc: Page, i: int) -> bool:
    """What a sentence beside boilerplate must show to be taken for boilerplate (a fragment
    needs nothing): it speaks to the reader or as "we", names the site, opens with a short
    question ("Enjoyed this note?") or holds a copyright sign. The last sentences of an
    article before a sign-up box are reporting, and are kept."""
    if doc.fragment[i]:
        return True
    text = doc.texts[i]
    label = label_of(text)
    turn = doc.interludes or (label is not None and label in doc.speakers)  # a turn's "you"
    spoken = ((doc.you[i] or doc.we[i]) and not turn) or doc.names_site(i)
    return spoken or opens_with_question(text) or has_copyright(text)


def _boilerplate_runs(doc: Page) -> None:
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


def _end_matter(doc: Page) -> None:
    """End matter comes after the article: the first unflagged line is never flagged here."""
    first = next((i for i, reason in enumerate(doc.reasons) if reason is None), len(doc.texts))
    for i in range(len(doc.texts) - 1, first, -1):
        if doc.reasons[i] is not None:
            continue
        if closing_sentence(doc, i) or own_end(doc, i) or i in doc.turns or i in doc.box:
            return  # the closing line, a turn, a chapter, a table or fact box of the article
        short = doc.sizes[i] < SHORT_PASSAGE_WORDS
        signed = short and _boilerplate_sign(doc, i)
        own = short and (label_of(doc.texts[i]) in doc.speakers or own_verdict(doc, i))
        own = own or entry_above(doc, i)
        own = own or in_dialogue(doc, i)
        noted = short and is_end_note(doc.texts[i], not own)
        if (
            doc.fragment[i]
            or noted
            or describes_organisation(doc.texts[i])
            or release_line(doc.texts[i])
            or (i > 0 and about_section(doc.texts[i - 1], doc.texts[i]))
            or print_line(doc.texts[i])
            or doc.names_author(i)
            or (signed and doc.overlap(i) < END_SENTENCE_OVERLAP * doc.scale[i])
        ):
            doc.flag(i, END_MATTER)
        else:
            return


def _masthead(doc: Page) -> None:
    """Unflagged lines above the headline: site name, section or navigation, and sentences
    that are no reporting (a cookie banner speaking as "we", a note naming the site). A
    sentence of reporting above the headline is kept (a note's "Title: ..." line)."""
    title = doc.title()
    if title:
        above = range(title[0])
        doc.mark((i for i in above if doc.reasons[i] is None and i not in doc.said), MASTHEAD)


def offtopic_reasons(
    texts: Sequence[str], vocabulary: frozenset[str] = frozenset()
) -> list[str | None]:
    """Why each passage of one document is off-topic, or ``None`` for the article's own text.

    ``texts`` are the document's passages in order; ``vocabulary`` (from
    :func:`scenario_vocabulary`) rescues short lines that name the scenario's subjects. Time
    and memory grow linearly with the document's words.
    """
    joined, owner = unwrap(texts)  # an OCR'd scan's wrapped lines, judged as one paragraph
    doc = Page(joined, vocabulary)
    _lists(doc)
    _captions_and_strays(doc)
    _boilerplate_runs(doc)
    _end_matter(doc)
    _masthead(doc)
    appended_blocks(doc)
    _captions_and_strays(doc)
    _boilerplate_runs(doc)
    _end_matter(doc)
    return [doc.reasons[k] for k in owner]
