"""Layouts of a document's own text told by its structure (sixth round): dialogues, sections
of an interview, a recording's chapters and a list of the article's own points.

- **Speakers' turns** (:func:`speaker_turns`): lines holding a label alone ("CHAIR:", "Ms
  ROE (Department of Trade):") - :data:`TURN_LABELS` of them or more, naming two speakers
  or more, each followed by a line that is not such a label - are a dialogue's turns: the
  labels and the lines right after them (a short question: "And the April rules?") are the
  article, as a transcript's "SPOKESPERSON: ..." already was.
- **An interview's sections** (:func:`labelled_sections`): a short heading right above a
  passage opening with a label that already opened a passage before the heading, or that
  opens the passage under another such heading ("Q:"), is a section heading of the same
  interview: what follows it is the article going on. A bracketed time code alone
  ("[03:22]": :func:`~.stamps.is_time_code`) is no such heading.
- **Chapters** (:func:`chapter_lines`): :data:`CHAPTER_LINES` consecutive lines or more, each
  opening with an elapsed time ("02:15 ...", "1:02:40 ...") that grows from line to line from
  "0:00", are a recording's chapter list (a ticker of headlines runs backwards in time, a
  day's schedule does not start at midnight), and so is the heading right above the run
  ("Chapters", "Timestamps"): a video's or podcast's navigation, flagged as a list
  (thirteenth round; until then chapters naming the description's subjects were kept as its
  table of contents, as unseen4's labeller had them; unseen6's and unseen11's flag them).
- **A list of the article's points** (:func:`points_list`): a run of short bulleted items
  after the headline, at least half of them and :data:`POINT_LINES` or more sharing
  :data:`POINT_OVERLAP` of their terms with the article, and the heading right above them
  ("Key points:"): a summary of the article's own points, not a list of links.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from grandbargain.evidence.offtopic_layout import cites_only
from grandbargain.evidence.scripts import SENTENCE_STOPS
from grandbargain.evidence.shape import SHORT_PASSAGE_WORDS, is_list_item, label_of, size
from grandbargain.evidence.stamps import is_time_code

if TYPE_CHECKING:
    from grandbargain.evidence.offtopic_page import Page

TURN_LABELS = 3
"""Lines holding a label alone that make a dialogue."""
TURN_LABEL_WORDS = 8
_LABEL_ALONE = re.compile(rf"^[^\W\d_][^:：.!?{SENTENCE_STOPS}]{{0,80}}[:：]$")
_BRACKETS = re.compile(r"\s*[(（][^)）]*[)）]")
CHAPTER_LINES = 3
_ELAPSED = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s+(?![ap]\.?m\b)\S", re.IGNORECASE)
POINT_LINES = 2
POINT_OVERLAP = 0.5
"""Share of a point's terms the article's other passages (or the vocabulary) must hold."""


def label_alone(text: str) -> bool:
    """Whether ``text`` is a label alone on its line ("CHAIR:", "Ms ROE (Treasury):")."""
    stripped = text.strip()
    return bool(_LABEL_ALONE.match(stripped)) and size(stripped) <= TURN_LABEL_WORDS


def speaker_turns(texts: Sequence[str]) -> set[int]:
    """The labels of a dialogue's turns and the lines right after them (module docstring)."""
    labels = [i for i, text in enumerate(texts) if label_alone(text)]
    if len(labels) < TURN_LABELS:
        return set()
    if any(i + 1 >= len(texts) or label_alone(texts[i + 1]) for i in labels):
        return set()
    speakers = {_BRACKETS.sub("", texts[i]).strip(" :：").lower() for i in labels}
    if len(speakers) < 2:
        return set()
    return set(labels) | {i + 1 for i in labels}


def labelled_sections(texts: Sequence[str], fragment: Sequence[bool]) -> set[int]:
    """Headings of an interview's sections (see the module docstring)."""
    opened: dict[str, int] = {}
    for i, text in enumerate(texts):
        label = label_of(text)
        if label is not None and label not in opened:
            opened[label] = i
    headings: dict[str, list[int]] = {}
    for i in range(1, len(texts) - 1):
        if not fragment[i] or is_list_item(texts[i]) or label_of(texts[i]) is not None:
            continue
        if is_time_code(texts[i]):
            continue  # "[03:22]": a position in the recording, no heading of the interview
        label = label_of(texts[i + 1])
        if label is not None and texts[i + 1].strip()[:1].isupper():
            headings.setdefault(label, []).append(i)
    return {
        i for label, found in headings.items() for i in found if len(found) > 1 or opened[label] < i
    }


def _elapsed(text: str) -> int | None:
    match = _ELAPSED.match(text)
    if match is None:
        return None
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return (hours * 60 + minutes) * 60 + seconds


def chapter_lines(doc: Page) -> set[int]:
    """A recording's chapter list and its heading (module docstring)."""
    times = [
        _elapsed(text) if doc.sizes[i] < SHORT_PASSAGE_WORDS else None
        for i, text in enumerate(doc.texts)
    ]
    out: set[int] = set()
    i = 0
    while i < len(times):
        j = i + 1
        while j < len(times) and times[j] is not None and times[j - 1] is not None:
            if times[j] <= times[j - 1]:  # type: ignore[operator]
                break
            j += 1
        if times[i] == 0 and j - i >= CHAPTER_LINES:
            out |= set(range(i, j))
            if i > 0 and doc.fragment[i - 1] and label_of(doc.texts[i - 1]) is None:
                out.add(i - 1)
        i = j
    return out


def points_list(doc: Page) -> set[int]:
    """The items of a list of the article's points and its heading (module docstring)."""
    start = (doc.headline or 0) + 1
    n = len(doc.texts)
    out: set[int] = set()
    i = start
    while i < n:
        j = i
        while j < n and doc.sizes[j] < SHORT_PASSAGE_WORDS and is_list_item(doc.texts[j]):
            j += 1
        points = sum(1 for k in range(i, j) if _point(doc, k))
        if points >= POINT_LINES and 2 * points >= j - i:
            out.update(range(i, j))
            if i - 1 >= start and doc.fragment[i - 1]:
                out.add(i - 1)
        i = max(j, i + 1)
    return out


def _point(doc: Page, i: int) -> bool:
    """An item sharing the article's terms, not an entry of a reference list (which cites
    the article's sources in the article's words: '1. "Tariffs cut for 90 days". ...')."""
    if cites_only(doc.texts[i]):
        return False
    return bool(doc.sets[i]) and doc.overlap(i) >= POINT_OVERLAP


def exchanges(texts: Sequence[str], repeated: set[str]) -> set[int]:
    """Lines opening with a label that opens other passages too, right before a line opening
    with another such label: an interview's question before its answer ("Q: ...", "A:
    ..."). A speaker named with an aside in brackets ("GUEST (Ruth Kessler, grower):") and
    without it is one speaker, repeated. A block after one is the article going on, however
    short the answer. Labels must
    not be lower case: that is a data field's key ("title:", "date:"); a script without case
    ("问：", "答：") has none."""
    labels = [None if text.strip()[:1].islower() else speaker_of(text) for text in texts]
    held = Counter(label for label in labels if label)
    asides = {s for s, text in zip(labels, texts, strict=True) if s and s != label_of(text)}
    repeated = repeated | {label for label in asides if held[label] > 1}
    return {
        i
        for i in range(len(texts) - 1)
        if labels[i] in repeated and labels[i + 1] in repeated and labels[i] != labels[i + 1]
    }


def speaker_of(text: str) -> str | None:
    """The label ``text`` opens with, without an aside in brackets: "GUEST (Ruth Kessler,
    grower): ..." is the same speaker as "GUEST: ..." (tenth round: a podcast's transcript)."""
    head, colon, rest = text.partition(":")
    return label_of(_BRACKETS.sub("", head) + colon + rest if colon else text)
