"""Split a document's text into passages: paragraphs, and sentence windows for long ones.

A paragraph is a run of text between line breaks (a blank line or a single newline both end
one; many of the corpus texts put one paragraph per line). A paragraph longer than
:data:`LONG_PARAGRAPH_WORDS` words - for instance a whole appended story pasted as one line -
is cut into windows of whole sentences of about :data:`WINDOW_MIN_WORDS` to
:data:`WINDOW_MAX_WORDS` words, so that search hits stay short and an appended block can be
told apart sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_PARAGRAPH_WORDS = 180
WINDOW_MIN_WORDS = 60
WINDOW_MAX_WORDS = 120

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Passage:
    """One passage: its position in the document, its text and the paragraph it came from."""

    ordinal: int
    text: str
    paragraph: int


def sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends (., ! or ? followed by space and a capital or digit)."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        out.append(text[start : match.start()].strip() + text[match.start() : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [sentence for sentence in out if sentence]


def _windows(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(paragraph):
        tokens = sentence.split()
        while len(tokens) > WINDOW_MAX_WORDS:
            pieces.append(" ".join(tokens[:WINDOW_MAX_WORDS]))
            tokens = tokens[WINDOW_MAX_WORDS:]
        pieces.append(" ".join(tokens))
    windows: list[str] = []
    current: list[str] = []
    count = 0
    for piece in pieces:
        size = len(piece.split())
        if current and count + size > WINDOW_MAX_WORDS:
            windows.append(" ".join(current))
            current, count = [], 0
        current.append(piece)
        count += size
        if count >= WINDOW_MIN_WORDS:
            windows.append(" ".join(current))
            current, count = [], 0
    if current:
        if windows and count < WINDOW_MIN_WORDS // 2:
            windows[-1] = windows[-1] + " " + " ".join(current)
        else:
            windows.append(" ".join(current))
    return windows


def split_passages(text: str) -> list[Passage]:
    """The passages of ``text`` in order; blank lines are dropped."""
    out: list[Passage] = []
    paragraphs = [line.strip() for line in text.splitlines()]
    for number, paragraph in enumerate(line for line in paragraphs if line):
        if len(paragraph.split()) > LONG_PARAGRAPH_WORDS:
            for window in _windows(paragraph):
                out.append(Passage(len(out), window, number))
        else:
            out.append(Passage(len(out), paragraph, number))
    return out
