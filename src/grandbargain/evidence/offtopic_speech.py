"""Transcripts of a speech: stage directions mark a page as one speaker's spoken text.

A transcript of remarks interleaves the speaker's paragraphs with short bracketed stage
directions ("(Applause.)", "[Laughter]", "(Beifall)"). Such a page is spoken in the first
person and to its audience ("Thank you all for coming", "We will keep pressing ..."): the
article's own voice, not a notice, and its stage directions between paragraphs are part of
it, not stray labels (twelfth round: unseen10's speech transcript).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_STAGE = re.compile(
    r"^[(\[]\s*(?:applause|laughter|cheers|cheering|crosstalk|inaudible|boos|booing|"
    r"audience\s+\w+|beifall|heiterkeit|applaudissements|rires|aplausos|risas|applausi|"
    r"risate|拍手|笑)[^()\[\]]{0,40}[)\]]\s*\.?$",
    re.IGNORECASE,
)


def stage_direction(text: str) -> bool:
    """A bracketed stage direction of a transcript: "(Applause.)", "[Laughter]",
    "(Applause and cheers.)", "(Beifall)"; not a bracketed aside ("(Reporting by ...)")."""
    return _STAGE.match(text.strip()) is not None


def speech_interludes(texts: Sequence[str], fragment: Sequence[bool]) -> set[int]:
    """Stage directions between two sentences of a transcript: turns of the speech."""
    return {
        i
        for i in range(1, len(texts) - 1)
        if stage_direction(texts[i]) and not fragment[i - 1] and not fragment[i + 1]
    }
