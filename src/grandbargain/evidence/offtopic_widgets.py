"""Line rules of the off-topic detector for a page's widgets and links, told by shape.

- **Link lines** (:func:`is_link_line`): inside the article, a short line opening with a
  label that opens no other passage, followed by a headline ("Read also: ...", "Related:
  ...", "【関連記事】..."): a link to another story set between the article's paragraphs. A
  label opening several passages is the article's structure ("Q:"), and the headline and
  its standfirst are never flagged by it.
- **Widget templates** (:func:`widget_comments`): a short line that recurs with only its
  figures changed ("↑ 212 Reply", "↑ 98 Reply"; not a time stamp) is the template of a widget -
  a comment thread's votes and replies. A short passage right beside such a template, with
  flagged lines on its other side, is an entry of the widget (a reader's comment), whatever
  its shape: comments need no user name. A template of :data:`FOOTER_WORDS` words or more is
  furniture itself (a PDF's page footer recurring with its page number changed). A template
  numbering pages or slides out of their total (:attr:`~.offtopic_page.Page.paged`: "Slide
  2 of 6") is a document's footer, and the lines beside it are no comments (thirteenth
  round).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from grandbargain.evidence.offtopic_page import COMMENT, STRAY, Page
from grandbargain.evidence.scripts import size
from grandbargain.evidence.shape import SHORT_PASSAGE_WORDS, is_title, label_of, opens_with_label
from grandbargain.evidence.stamps import is_cue_timing, is_time_code, is_time_stamp

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
FOOTER_WORDS = 3
"""Words of a recurring line with figures that is furniture by itself (a page's running footer,
a vote-and-reply line); shorter ones ("Day 1", "Day 2") may be the article's headings."""
_LABEL_PREFIX = re.compile(r"^(?:[^:：]{1,40}[:：]\s*|【[^】]{1,12}】\s*)")


def is_link_line(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is a link line (see the module docstring): a fragment within
    the article's span, after its first passage of reporting, opening with a label that
    opens no other passage and followed by a headline-shaped rest."""
    if not doc.fragment[i] or i == doc.headline or i in doc.kept or doc.first_long is None:
        return False
    if i <= doc.first_long or doc.outside_article(i):
        return False
    label = label_of(doc.texts[i])
    if label is None or label in doc.repeated_labels:
        return False
    return is_title(_LABEL_PREFIX.sub("", doc.texts[i].strip(), count=1))


def widget_templates(doc: Page) -> set[int]:
    """Fragments holding a figure whose text, figures aside, recurs on the page; not time
    stamps (those heading a live blog's posts recur too; told when asked, see
    :func:`widget_comments`). Computed once per page."""
    if doc.templates is None:
        shapes = {
            i: _DIGITS.sub("#", doc.texts[i].strip())
            for i in range(len(doc.texts))
            if doc.fragment[i] and _DIGITS.search(doc.texts[i])
        }
        counts = Counter(shapes.values())
        doc.templates = {i for i, shape in shapes.items() if counts[shape] > 1}
    return doc.templates


def _cue_line(texts: Sequence[str], i: int) -> bool:
    """A subtitle cue's timing or its sequence number above the timing ("12" over "00:01:02,500
    --> 00:01:05,000"): a recording's furniture, no widget's (fourteenth round)."""
    return is_time_code(texts[i]) or (i + 1 < len(texts) and is_cue_timing(texts[i + 1]))


def widget_comments(doc: Page) -> None:
    """Flag the entries of a widget (see the module docstring) as comments."""
    templates = widget_templates(doc)
    if not templates:
        return
    n = len(doc.texts)
    stamp = {i: is_time_stamp(doc.texts[i]) or _cue_line(doc.texts, i) for i in templates}
    for i in templates:
        if not stamp[i] and size(doc.texts[i]) >= FOOTER_WORDS:
            doc.flag(i, STRAY)  # a running footer: "Policy Note 25-07 | Page 1 of 3"
    for i in range(n):
        if doc.reasons[i] is not None or doc.sizes[i] >= 2 * SHORT_PASSAGE_WORDS:
            continue
        for near, far in ((i - 1, i + 1), (i + 1, i - 1)):
            if near in templates and 0 <= far < n and doc.reasons[far] is not None:
                if not stamp[near] and near not in doc.paged:
                    doc.flag(i, COMMENT)
                    break


def comment_runs(doc: Page) -> None:
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
    _name_thread(doc)


_COMMENTER = re.compile(r"^\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){1,2}\s*:\s+\S")
"""A line opening with a person's name for a label ("Jon Park: ...", "Linda M.: ...")."""


def _name_thread(doc: Page) -> None:
    """Flag the last passages of a page when each opens with another person's name and the
    one above is flagged and opens with a name too: readers' comments under a post ("Marta
    Ruiz: Great summary" flagged as a stray line, "Jon Park: Seeing the surcharge removed
    ..."), however many of the article's words they repeat (seventeenth round). A
    transcript's speakers are no such thread: their turns stay above the page's end matter."""
    n = len(doc.texts)
    for k in range(1, n):
        if doc.reasons[k] is not None or doc.reasons[k - 1] is None:
            continue
        tail = all(doc.reasons[j] is not None for j in range(k + 1, n))
        above, own = _COMMENTER.match(doc.texts[k - 1]), _COMMENTER.match(doc.texts[k])
        if tail and above and own and label_of(doc.texts[k]) != label_of(doc.texts[k - 1]):
            doc.flag(k, COMMENT)
