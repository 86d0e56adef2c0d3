"""Blocks of data inside an article: a table flattened into lines, a block of labelled values.

A page's table, copied as text, becomes one line per row with its cells between bars
("April 10 | 20% | 125% | 145%"), and an infobox or a company's outlook becomes a run of
labelled lines ("Venue: Lancaster House, London", "Gross margin: 46 to 47 percent"). Each
line alone is a fragment sharing few words with the article, so the shape rules take them for
furniture. What tells them apart is the document's structure: they come *inside* the article,
below its headline and before its last passage of reporting, while a list of links, tags or
categories comes after it and a note's header lines ("Title:", "Publisher:", "Date:") hold the
headline or stand above it; and they repeat one layout row after row.

- **A flattened table** (:func:`table_rows`): :data:`DATA_ROWS` (3) consecutive lines or more
  with the same number of bar-separated cells (three or more; a row with long cells may read
  as a sentence), half of them or more holding a figure, before the article's last long
  passage, or after it when half its rows share the article's terms (eighth round: a page
  that is a table), or holding the line taken for the headline (tenth round: a row is no
  headline), with a note right below it.
- **A block of labelled values** (:func:`labelled_values`): :data:`DATA_ROWS` consecutive short
  lines or more each opening with a different capitalised label of at most
  :data:`~.offtopic_layout.FACT_LABEL_WORDS` words ("Venue:", "Fiscal 2025 revenue:"), none of
  them a contact, a list item or a menu (three segments or more: "Contents: 1 Background ·
  2 Talks · 3 Outcome"), before the article's last long passage, with one line sharing half
  its terms with the article (:data:`~.offtopic_layout.FACT_OVERLAP`).

Both are kept with the heading line right above them ("Outlook"), like a fact box.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from grandbargain.evidence.notice import gives_contact
from grandbargain.evidence.offtopic_layout import (
    FACT_LABEL,
    FACT_LABEL_WORDS,
    FACT_OVERLAP,
    SEGMENT,
    box_heading,
)
from grandbargain.evidence.scripts import size
from grandbargain.evidence.shape import is_list_item

if TYPE_CHECKING:
    from grandbargain.evidence.offtopic_page import Page

__all__ = ["DATA_ROWS", "data_blocks", "labelled_values", "table_rows"]

DATA_ROWS = 3
"""Consecutive rows a table or a block of labelled values holds at least."""
_BAR = re.compile(r"\s\|\s")
_DIGIT = re.compile(r"\d")


def _runs(keys: list[object | None], rows: int) -> list[range]:
    """Runs of at least ``rows`` consecutive equal keys that are not ``None``."""
    out = []
    i = 0
    while i < len(keys):
        j = i
        while j < len(keys) and keys[i] is not None and keys[j] == keys[i]:
            j += 1
        if j - i >= rows:
            out.append(range(i, j))
        i = max(j, i + 1)
    return out


def _inside(doc: Page, run: range) -> bool:
    """Whether ``run`` stands inside the article: below its headline (a note's header lines
    - "Title:", "Publisher:", "Date:" - hold the headline or stand above it) and before its
    last long passage."""
    if doc.headline is None or doc.last_long is None:
        return False
    return doc.headline < run.start and run.stop <= doc.last_long


def _own_table(doc: Page, run: range) -> bool:
    """Whether a table after the article's last long passage is still the article's: it
    stands below the headline and half its rows or more share :data:`FACT_OVERLAP` of their
    terms with the article ("12 Aug | 30% | 10% | Truce extended after Stockholm talks"); a
    market widget's rows ("Dow | 47,562 | +0.4%") share none."""
    if doc.headline is None or run.start <= doc.headline:
        return False
    return 2 * sum(1 for i in run if doc.overlap(i) >= FACT_OVERLAP) >= len(run)


def _headline_row(doc: Page, run: range) -> bool:
    """Whether the headline was taken from ``run``'s rows below its first (tenth round: a page
    that is a table with long cells, its last row taken for the headline): a table's row is
    no headline, so the table is the document's and its rows are kept."""
    return doc.headline is not None and run.start < doc.headline < run.stop


_TABLE_NOTE = re.compile(
    r"^(?:Notes?|Sources?|Anmerkungen?|Quellen?|Fuentes?|Nota|Notas|Remarque|注|出典|来源|來源)\s?[:：]"
)


def table_rows(doc: Page) -> set[int]:
    """The rows of the document's flattened tables (see the module docstring), and a note
    right below a table ("Notes: the US rates exclude ..."), which explains its rows."""
    cells: list[object | None] = [
        n if (n := len(_BAR.split(text)) if "|" in text else 0) >= 3 else None
        for i, text in enumerate(doc.texts)
    ]
    rows: set[int] = set()
    for run in _runs(cells, DATA_ROWS):
        figures = sum(1 for i in run if _DIGIT.search(doc.texts[i]))
        own = _inside(doc, run) or _own_table(doc, run) or _headline_row(doc, run)
        if own and 2 * figures >= len(run):
            rows.update(run)
            after = run.stop
            if after < len(doc.texts) and _TABLE_NOTE.match(doc.texts[after].strip()):
                rows.add(after)
    return rows


def _label(doc: Page, i: int) -> str | None:
    text = doc.texts[i].strip()
    if ":" not in text and "：" not in text:
        return None
    match = FACT_LABEL.match(text)
    if match is None or not doc.fragment[i] or not text[0].isupper():
        return None
    label = match.group(1)
    if size(label) > FACT_LABEL_WORDS or gives_contact(text) or is_list_item(text):
        return None
    if len(SEGMENT.split(text)) >= 3:
        return None  # a menu or a table of contents
    return label.lower()


def labelled_values(doc: Page) -> set[int]:
    """The lines of the document's blocks of labelled values (see the module docstring)."""
    labels = [_label(doc, i) for i in range(len(doc.texts))]
    found: set[int] = set()
    i = 0
    while i < len(labels):
        j = i
        while j < len(labels) and labels[j] is not None and labels[j] not in labels[i:j]:
            j += 1
        run = range(i, j)
        if j - i >= DATA_ROWS and _inside(doc, run):
            if any(doc.overlap(k) >= FACT_OVERLAP for k in run):
                found.update(run)
        i = max(j, i + 1)
    return found


def data_blocks(doc: Page) -> set[int]:
    """Flattened tables and blocks of labelled values, each with its heading line."""
    rows = table_rows(doc) | labelled_values(doc)
    headings = {i - 1 for i in rows if i > 0 and i - 1 not in rows and box_heading(doc, i - 1)}
    return rows | headings
