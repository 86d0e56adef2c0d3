"""Which line of a page is the article's headline: the line above the article that its lead
supports best.

Lines above a headline come in every shape: a site's name, a navigation trail, a stock ticker
or weather strip, a "turn on JavaScript" notice, a cookie banner written in sentences; and a
standfirst may follow the headline. Length does not tell them apart (a ticker strip is longer
than many headlines); what does is that a headline announces what the article's first
paragraphs report. So:

- **The window.** Candidates are the lines of four words or more (:data:`HEADLINE_WORDS`),
  not list items, bylines, time stamps or sentences, above the article's first *long*
  passage of reporting (:data:`~.shape.SHORT_PASSAGE_WORDS` words or more, neither speaking
  to the reader nor as "we" nor holding a copyright sign; its first passage of reporting if
  none is long): a cookie banner in sentences speaks as "we" and does not end the window; a
  short note in sentences above the headline does not either.
- **The lead.** The first :data:`LEAD_PASSAGES` (3) passages of reporting from there on.
- **Support.** The number of a candidate's distinct content terms found in the lead. Only
  the lead counts, not the whole page: a site's name is repeated by the copyright line at the
  end ("Gulf Coast Farm Report"), seldom by the first paragraphs; and a lead passage that
  repeats the candidate word for word (a short article's copyright line) lends it nothing:
  an article paraphrases its headline, a copyright line repeats the site's name.
- **The choice.** The first candidate whose support is at least :data:`MIN_SUPPORT` (2)
  terms and at least half the best support: of a headline and the standfirst below it, both
  supported, the headline comes first. The candidates right after it sharing
  :data:`MIN_SUPPORT` terms with the lead, not opening with a label ("Publisher: ..."), not
  giving a contact (a byline with an e-mail address) and not in the form of a notice, are its
  standfirst, kept like it (:func:`headline_and_standfirst`). Without such a candidate, the
  longest line before the first sentence-shaped passage, as before.

Candidates below the page's navigation trail, when one of them is supported, are the only
ones (:func:`_last_trail`): the site's name stands above its trail.

The header lines of a page sent as an e-mail (:func:`email_header`) and the lines numbering
a document's pages or slides (:func:`page_numbers`: "Slide 2 of 6 | ...") are never
candidates.

A **live blog** (:func:`live_post_headings`) is a page of posts, each under a clock time:
when :data:`LIVE_POSTS` (3) time stamps or more each head a post (a sentence, or a short line
and a sentence), the short lines heading posts are the article's own headings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from grandbargain.evidence.notice import gives_contact, has_copyright, is_byline, is_notice
from grandbargain.evidence.notice_documents import skip_links
from grandbargain.evidence.notice_purpose import partner_line, tag_line
from grandbargain.evidence.notice_site import field_notice
from grandbargain.evidence.offtopic_layout import menu_line
from grandbargain.evidence.scripts import size, unstopped
from grandbargain.evidence.shape import (
    SHORT_PASSAGE_WORDS,
    is_list_item,
    is_title,
    opens_with_label,
)
from grandbargain.evidence.stamps import has_clock_time, is_time_code, is_time_stamp

_LABEL = re.compile(r"^[^\W\d_][\w'’-]*\s?[:：]\s*")
_SEGMENT = re.compile(r"\s*[|›»>•]\s*|\s[·/–—-]\s")
"""A separator between a line's segments; a middle dot or slash only between spaces: in
"트럼프·시진핑 부산서 회담" (Trump and Xi meet in Busan) the dot joins two names."""
_LOGGED = re.compile(r"^\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*[^\W\d_][^:]{0,30}:\s")
"""A message of a chat log: a bracketed clock time and a sender's label (eighteenth round)."""
HEADLINE_WORDS = 4
LEAD_PASSAGES = 3
MIN_SUPPORT = 2
LIVE_POSTS = 3


def _candidate(text: str, words: int) -> bool:
    """A line that may be a headline: four words or more, not a list item, not a byline or
    time stamp, not a menu (:func:`~.offtopic_layout.menu_line`) nor skip links ("Jump to
    navigation Jump to search") nor a labelled list of tags ("Subjects: Tariffs -- China;
    Trade": :func:`~.notice_purpose.tag_line`) or a partnership masthead
    (:func:`~.notice_purpose.partner_line`)."""
    if menu_line(text) or skip_links(text) or tag_line(text) or partner_line(text):
        return False  # a navigation trail or table of contents: "In this issue: A · B · C"
    if _LOGGED.match(text) or field_notice(text):
        return False  # a chat log's message: "[08:01] System: Dana K. joined the group"
    return words >= HEADLINE_WORDS and not is_list_item(text) and not is_byline(text)


def _question_title(text: str) -> bool:
    """A headline asked as a question ("After the truce: can the deal hold?"): shaped like a
    title (:func:`~.shape.is_title`) and ending with a question mark, a sentence by its end but
    a candidate all the same when no sentence stands above it (a hearing's question is not)."""
    return text.rstrip().endswith(("?", "？")) and is_title(text)


def _support(
    texts: Sequence[str], terms: Sequence[Sequence[str]], i: int, lead: Sequence[int]
) -> int:
    """How many of line ``i``'s terms the lead holds, leaving out lead passages that repeat
    the line (or its first segment, or what follows a one-word label such as "Publisher:",
    of two words or more) word for word: a copyright line repeats the site's name
    ("Copyright 2025 Gulf Coast Farm Report"), an article paraphrases its headline. A single
    CJK character is no support (too common): its bigrams are."""
    line = texts[i].strip().lower()
    first = _SEGMENT.split(line)[0]
    unlabelled = _LABEL.sub("", line, count=1)
    quoted = [line] + [part for part in (first, unlabelled) if size(part) >= 2]
    held = {
        term
        for k in lead
        if not any(part in texts[k].lower() for part in quoted)
        for term in terms[k]
    }
    return sum(1 for term in set(terms[i]) & held if len(term) > 1)


def _longest_before_sentence(
    texts: Sequence[str], sizes: Sequence[int], fragment: Sequence[bool], header: set[int]
) -> int | None:
    first = next((i for i, short in enumerate(fragment) if not short), len(sizes))
    names = header | _copyright_names(texts)  # the site's name is never the headline
    asked = first < len(texts) and _question_title(texts[first])  # the first sentence asks
    lines = [i for i in range(first + asked) if _candidate(texts[i], sizes[i]) and i not in names]
    return max(lines, key=lambda i: (sizes[i], -i)) if lines else None


def headline_and_standfirst(
    texts: Sequence[str],
    sizes: Sequence[int],
    fragment: Sequence[bool],
    terms: Sequence[Sequence[str]],
    said: Sequence[int],
    header: set[int],
) -> tuple[int | None, list[int]]:
    """The index of the headline among ``texts`` (see the module docstring), or ``None``,
    and the indices of its standfirst; ``said`` are the passages of reporting (sentences
    neither speaking to the reader nor as "we" nor holding a copyright sign), ``header`` the
    e-mail header's lines (:func:`email_header`), never candidates."""
    start = next((i for i in said if sizes[i] >= SHORT_PASSAGE_WORDS), None)
    if start is None:  # a short Thai or Lao line is no lead: the headline has no full stop
        start = next((i for i in said if not unstopped(texts[i]) or sizes[i] >= 20), None)
    if start is None:
        return _longest_before_sentence(texts, sizes, fragment, header), []
    run = [i for i in said if i < start]
    if len(run) >= LEAD_PASSAGES and run[LEAD_PASSAGES - 1] - run[0] == LEAD_PASSAGES - 1:
        start = run[0]  # three short sentences in a row open the article (a note's bullets)
    lead = [i for i in said if i >= start][:LEAD_PASSAGES]
    names = _copyright_names(texts)
    opening = next((i for i, short in enumerate(fragment) if not short), len(texts))
    candidates = [
        i
        for i in range(start)
        if (fragment[i] or unstopped(texts[i]) or (i <= opening and _question_title(texts[i])))
        and _candidate(texts[i], sizes[i])
        and i not in header | names
    ]
    support = {i: _support(texts, terms, i, lead) for i in candidates}
    below = [i for i in candidates if i > _last_trail(texts, start)]
    if any(support[i] >= MIN_SUPPORT for i in below):
        support = {i: support[i] for i in below}  # the site's name stands above its trail
        candidates = below
    best = max(support.values(), default=0)
    chosen = [i for i in candidates if support[i] >= max(MIN_SUPPORT, best / 2)]
    if not chosen:
        return _longest_before_sentence(texts, sizes, fragment, header), []
    standfirst = []
    for i in range(chosen[0] + 1, start):
        if i not in support or support[i] < MIN_SUPPORT:
            break
        if opens_with_label(texts[i]) or gives_contact(texts[i]) or is_notice(texts[i]):
            break  # a label, a byline's address, a notice ("Sign up for our China brief")
        if is_time_stamp(texts[i]):
            break  # the stamp below the headline ("30 ต.ค. 2568 17:05 น. | อ่าน 3,215 ครั้ง")
        standfirst.append(i)
    return chosen[0], standfirst


_TRAIL = re.compile(r"\s*[/>›»|]\s*")
TRAIL_ITEM_WORDS = 4


def _last_trail(texts: Sequence[str], start: int) -> int:
    """The last navigation trail above line ``start`` ("Publications / Commentary / Trade",
    "トップ > 経済 > 国際経済": three segments or more of :data:`TRAIL_ITEM_WORDS` words at
    most between slashes or arrows), or -1. A headline stands below the site's trail; the
    site's name above it (eighth round)."""
    for i in range(start - 1, -1, -1):
        parts = [p for p in _TRAIL.split(texts[i].strip()) if p]
        if len(parts) >= 3 and all(size(p) <= TRAIL_ITEM_WORDS for p in parts):
            if len(_TRAIL.findall(texts[i])) >= 2:
                return i
    return -1


def _copyright_names(texts: Sequence[str]) -> set[int]:
    """Lines whose whole text recurs inside a copyright line of the page ("Northfield
    Institute of Technology" above, "© 2025 Northfield Institute of Technology" below): the
    site's or the institution's name, which the lead may name too, never the headline."""
    signed = [i for i, text in enumerate(texts) if has_copyright(text)]
    marks = [texts[i].lower() for i in signed]
    return {
        i
        for i, text in enumerate(texts)
        if marks and i not in signed and any(text.strip().lower() in mark for mark in marks)
    }


_PAGE_OF = re.compile(
    r"\b\d{1,3}\s+(?:of|von|de|sur|di|van|из|z|af|av)\s+\d{1,3}\b|^\s*\d{1,2}\s*/\s*\d{1,2}\s*$"
)
"""A page's or slide's number out of the total ("Slide 2 of 6", "Page 1 of 3", "Seite 2 von 5",
a carousel's slide counter alone on its line: "2/8")."""
_DIGITS = re.compile(r"\d+")


def page_numbers(texts: Sequence[str], fragment: Sequence[bool]) -> set[int]:
    """The short lines numbering a document's pages or slides out of their total ("Slide 2
    of 6 | Brightmoor Advisory", "Page 1 of 3", a carousel's "3/7"), each recurring with only
    its figures changed: a document's running head or footer, never its headline; the lines
    beside them are the document's own (a slide's title, its notes), not a widget's comments
    (thirteenth round; the carousel's counter, fifteenth)."""
    shapes = {
        i: _DIGITS.sub("#", text.strip())
        for i, text in enumerate(texts)
        if fragment[i] and _PAGE_OF.search(text)
    }
    counts = Counter(shapes.values())
    return {i for i, shape in shapes.items() if counts[shape] > 1}


def email_header(texts: Sequence[str]) -> set[int]:
    """Candidates below the page's navigation trail, when one of them is supported, are the only
    ones (:func:`_last_trail`): the site's name stands above its trail.

    The header lines of a page sent as an e-mail: the lines from the top, each opening with
        a one-word label ("From:", "Subject:", "Betreff:", "Objet :"), when one of them gives an
        e-mail address. None of them is the headline, not even the subject line."""
    run: list[int] = []
    for i, text in enumerate(texts):
        label = _LABEL.match(text.strip())
        if label is None or size(label.group(0)) > 1:
            break
        run.append(i)
    return set(run) if any(gives_contact(texts[i], web=False) for i in run) else set()


def live_post_headings(texts: Sequence[str], fragment: Sequence[bool]) -> set[int]:
    """The short lines heading the posts of a live blog (see the module docstring): empty
    unless :data:`LIVE_POSTS` time stamps with a clock time or more each head a post."""
    return live_posts(texts, fragment)[0]


def live_posts(texts: Sequence[str], fragment: Sequence[bool]) -> tuple[set[int], set[int]]:
    """The headings of a live blog's posts (lines of two words or more: a one-word "Pinned"
    is a label, not a heading) and the time stamps heading its posts; both empty unless
    :data:`LIVE_POSTS` time stamps with a clock time or more each head a post."""
    n = len(texts)
    stamped = [
        is_time_stamp(text) and has_clock_time(text) and not is_time_code(text) for text in texts
    ]
    headings: set[int] = set()
    stamps: set[int] = set()
    for i in range(n):
        if not stamped[i] or (i + 1 < n and stamped[i + 1]):
            continue
        j = i + 1
        if j < n and not fragment[j]:
            stamps.add(i)
        elif j + 1 < n and fragment[j] and not fragment[j + 1] and not stamped[j]:
            stamps.add(i)
            if size(texts[j]) >= 2:
                headings.add(j)
    return (headings, stamps) if len(stamps) >= LIVE_POSTS else (set(), set())
