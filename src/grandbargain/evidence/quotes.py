"""Quote matching: verbatim within one passage, whitespace, quotation-mark and dash style aside.

Both sides are normalised (:func:`normalise_text`): every run of whitespace becomes one space,
every quotation mark - straight or typographic, single or double - becomes ``'``, every dash
(hyphen, en dash, em dash, minus sign, a typed ``--``) becomes ``-`` with no space around it,
and an ellipsis character becomes ``...``, so that ``'addicted'`` in a scenario matches
``"addicted"`` or ``“addicted”`` in a source, and ``talks -- and`` matches ``talks—and``
(house style, not wording). A citation must then lie within **one passage** of its source
(:func:`locate_quote`): not stitched across paragraphs, and not in a passage the corpus flags as
off-topic (an appended story, a "recommended for you" list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

_QUOTE_MARKS = str.maketrans(
    {
        '"': "'",
        "\u201c": "'",
        "\u201d": "'",
        "\u201e": "'",
        "\u201f": "'",
        "\u00ab": "'",
        "\u00bb": "'",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2033": "'",
        "\u00a0": " ",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r" ?-+ ?")


def normalise_text(text: str) -> str:
    """Every quotation mark to ``'``, every dash or run of dashes to ``-`` without spaces
    around it, an ellipsis character to ``...``, every run of whitespace to one space,
    trimmed."""
    return _DASH.sub("-", _SPACE.sub(" ", text.translate(_QUOTE_MARKS))).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """Whether ``quote`` appears verbatim in ``text`` after normalising both."""
    needle = normalise_text(quote)
    return bool(needle) and needle in normalise_text(text)


class Placement(Enum):
    """Where a quote was found in its source."""

    PASSAGE = "passage"
    OFFTOPIC = "off-topic"
    ACROSS = "across paragraphs"
    ABSENT = "absent"


@dataclass(frozen=True)
class Located:
    """Where a quote lies, and for an off-topic passage the reason it was flagged."""

    placement: Placement
    reason: str | None = None


@dataclass(frozen=True)
class SourcePassage:
    """One passage of a source: its paragraph number, text and off-topic reason (or None)."""

    paragraph: int
    text: str
    reason: str | None


def locate_quote(quote: str, passages: Sequence[SourcePassage]) -> Located:
    """Whether ``quote`` lies within one paragraph of ``passages`` whose passages (the windows
    of a long paragraph) that it touches are all on-topic."""
    needle = normalise_text(quote)
    if not needle:
        return Located(Placement.ABSENT)
    paragraphs: dict[int, list[SourcePassage]] = {}
    for passage in passages:
        paragraphs.setdefault(passage.paragraph, []).append(passage)
    offtopic: str | None = None
    for parts in paragraphs.values():
        pieces = [normalise_text(p.text) for p in parts]
        joined = " ".join(pieces)
        start = joined.find(needle)
        while start >= 0:
            end, position = start + len(needle), 0
            reasons = []
            for piece, part in zip(pieces, parts, strict=True):
                if position < end and start < position + len(piece) and part.reason:
                    reasons.append(part.reason)
                position += len(piece) + 1
            if not reasons:
                return Located(Placement.PASSAGE)
            offtopic = offtopic or reasons[0]
            start = joined.find(needle, start + 1)
    if offtopic is not None:
        return Located(Placement.OFFTOPIC, offtopic)
    whole = " ".join(normalise_text(p.text) for p in passages)
    return Located(Placement.ACROSS if needle in whole else Placement.ABSENT)
