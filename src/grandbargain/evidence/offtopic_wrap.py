"""Hard-wrapped paragraphs: an OCR'd scan's lines, each a passage of its own (sixteenth round).

A scanned page's text keeps the print column's line breaks: a sentence runs over several
lines, words break with a hyphen ("tar-" / "iffs", "agree-" / "ment."). Read one by one, its
lines are short lines without a sentence end - the shape of a label or a button - and their
broken words match nothing. A line that does not end a sentence and the next line, opening in
lower case, are one paragraph: :func:`unwrap` joins them (mending the broken words), the
detector judges the paragraph, and each of its lines takes the paragraph's verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grandbargain.evidence.shape import ends_sentence, size

__all__ = ["WRAPPED_LINE_WORDS", "WRAPPED_RUN", "unwrap", "wrapped_runs"]

WRAPPED_LINE_WORDS = 5
"""Words of a wrapped line at least: a print column's line, not a menu's item."""
WRAPPED_RUN = 3
"""Lines of a wrapped paragraph without a broken word at least: a headline over a credit line
in lower case ("via Meridian Wire") is two lines, not a paragraph."""
_BROKEN = re.compile(r"[^\W\d_]-$")


def _continues(line: str, following: str) -> bool:
    head = following.lstrip()
    if not head or not head[0].isalpha() or not head[0].islower() or line.isupper():
        return False
    return size(line) >= WRAPPED_LINE_WORDS and not ends_sentence(line.rstrip())


def wrapped_runs(texts: Sequence[str]) -> list[range]:
    """The hard-wrapped paragraphs: runs of lines, each but the last of
    :data:`WRAPPED_LINE_WORDS` words or more, not in capitals, without a sentence end, and
    each but the first opening with a lower-case letter; :data:`WRAPPED_RUN` lines or more,
    or two when a word breaks across them ("con-" / "tinue")."""
    out = []
    start = 0
    for i in range(len(texts)):
        if i + 1 < len(texts) and _continues(texts[i], texts[i + 1]):
            continue
        run = range(start, i + 1)
        broken = any(_BROKEN.search(texts[k].rstrip()) for k in run[:-1])
        if len(run) >= WRAPPED_RUN or (len(run) > 1 and broken):
            out.append(run)
        start = i + 1
    return out


def unwrap(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The passages with each wrapped paragraph joined into one (a word broken with a hyphen
    mended: "tar-" / "iffs" is "tariffs"), and for each original passage the index of the
    joined passage it belongs to."""
    runs = {run.start: run for run in wrapped_runs(texts)}
    joined: list[str] = []
    owner: list[int] = []
    i = 0
    while i < len(texts):
        run = runs.get(i, range(i, i + 1))
        text = texts[run[0]].rstrip()
        for k in run[1:]:
            broken = _BROKEN.search(text) is not None
            text = text[:-1] + texts[k].strip() if broken else text + " " + texts[k].strip()
        owner += [len(joined)] * len(run)
        joined.append(text)
        i = run.stop
    return joined, owner
