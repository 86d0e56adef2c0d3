"""A story appended with no heading, told by what it never names (fifteenth round).

A wire desk often pastes a second story under an article with no heading, separator or turn
word: a cloud firm's power deal under its export-control story, a governor's budget fight
under a tariff story, the trade representative on India under his remarks on China. Its words
overlap the article's (the same firm, official or port), so neither relevance
(:mod:`~.offtopic_blocks`) nor register (:mod:`~.offtopic_register`) finds it. What it never
does is name the negotiation's core. :func:`party_tail` takes the trailing run of the body's
sentences none of which names it, when every sign points the same way:

- the run is at the end of the article's body (only flagged lines or fragments after it and
  inside it) and holds :data:`TAIL_SENTENCES` (3) sentences or more (list items aside);
- the article before it keeps :data:`ARTICLE_SENTENCES` (4) sentences or more, at least half
  of them (and two) naming the core: the page is about the negotiation;
- the run shares less than :data:`TAIL_OVERLAP` (0.3) of its terms with the article and its
  headline: it is not the article's own ending in the article's words;
- the page is not written in the first person (a letter's or a column's closing paragraphs
  turn to the writer's own life);
- not every sentence of the run speaks in the conditional or the future ("would", "should",
  "can", "need", "will": :data:`ARGUMENT`): an editorial's closing recommendations and a
  look-ahead name neither party and argue rather than report (eighteenth round).

The *core* is the negotiation's parties by name (:data:`PARTIES`: China, Chinese, Beijing, Xi,
Sino-, in the scripts and languages of the labelled sets) and the page's own core terms (the
headline's words of four letters or more that the lead repeats), first without the names the
lead capitalises (a person, firm or place the appended story repeats), then, if no run is found
so, with them (seventeenth round). The parties are the
US-China scenario's; another scenario would need its own (the vocabulary holds English words
only). Measured on every labelled set with the round's script (see
``docs/explanation/off-topic-detection.md``, "Fifteenth round").
"""

from __future__ import annotations

import re

from grandbargain.evidence.offtopic_page import APPENDED_PREFIX, Page
from grandbargain.evidence.shape import ends_sentence, is_list_item

__all__ = [
    "ARGUMENT",
    "ARTICLE_SENTENCES",
    "PARTIES",
    "PARTY_TAIL",
    "TAIL_OVERLAP",
    "TAIL_SENTENCES",
]

PARTY_TAIL = APPENDED_PREFIX + " that never names the negotiation's parties (overlap {:.2f})"
TAIL_SENTENCES = 3
ARTICLE_SENTENCES = 4
TAIL_OVERLAP = 0.3
CORE_TERM_CHARS = 4
PARTIES = re.compile(
    r"\b(?:China|Chinas|Chinese|Chin[oa]s?|Chines\w*|Chinês|Chinois\w*|Chiny|(?-i:Chin)|"
    r"Chińsk\w*|Chinez\w*|Cina|Cines\w*|Beijing|Pek[ií]n|Peking|Pechino|Pequim|Pekin\w*|Xi|"
    r"Sino-?\w*|PRC|Çin\w*|Kitaj\w*|Китай\w*|Китая|Китае|Пекин\w*|Trung\s+Quốc)\b"
    r"|中国|中國|中方|北京|習近平|习近平|중국|베이징|চীন|चीन|الصين|بكين|จีน|סין",
    re.IGNORECASE,
)
"""The negotiation's parties by name, in the languages of the labelled sets."""


ARGUMENT = re.compile(
    r"\b(?:would|should|must|needs?|could|can(?:not)?|ought|will|won't|shall)\b", re.IGNORECASE
)
"""A modal or future verb: a sentence that argues or looks ahead rather than reports."""

_NAME = re.compile(r"(?<=\w[\s,;])\s*([A-Z][a-z]+)")
"""A capitalised word inside the sentence (not its first): a name."""


def _sentences(doc: Page) -> list[int]:
    """The body's sentences: kept passages ending like a sentence, list items aside."""
    return [
        i
        for i in range(len(doc.texts))
        if doc.in_body(i) and ends_sentence(doc.texts[i]) and not is_list_item(doc.texts[i])
    ]


def _cores(doc: Page, lead: int) -> list[set[str]]:
    """The page's own core terms without the names the lead capitalises, then with them: an
    appended story often repeats the article's person, firm or place, so a run judged by
    names would stop at its first sentence (seventeenth round)."""
    if doc.headline is None:
        return [set()]
    words = {t for t in doc.sets[doc.headline] if len(t) >= CORE_TERM_CHARS}
    core = words.intersection(doc.sets[lead])
    names = {w.lower() for w in _NAME.findall(doc.texts[lead])}
    return [core - names, core] if core & names else [core]


def party_tail(doc: Page) -> bool:
    """Flag the trailing run of sentences that never names the core (module docstring)."""
    body = _sentences(doc)
    if doc.personal or len(body) < TAIL_SENTENCES + ARTICLE_SENTENCES:
        return False
    return any(_tail(doc, body, core) for core in _cores(doc, body[0]))


def _tail(doc: Page, body: list[int], core: set[str]) -> bool:
    def names_core(i: int) -> bool:
        return PARTIES.search(doc.texts[i]) is not None or not core.isdisjoint(doc.sets[i])

    cut = len(body)
    while cut > 0 and not names_core(body[cut - 1]):
        cut -= 1
    run, article = body[cut:], body[:cut]
    if len(run) < TAIL_SENTENCES or len(article) < ARTICLE_SENTENCES:
        return False
    naming = sum(1 for i in article if names_core(i))
    if naming < 2 or 2 * naming < len(article):
        return False
    members = set(run)
    if any(doc.in_body(k) and k not in members for k in range(run[0], len(doc.texts))):
        return False  # not the end of the body: a kept line inside or after the run
    terms = set().union(*(doc.sets[i] for i in run))
    known = set().union(*(doc.sets[i] for i in article), *(doc.sets[i] for i in doc.title()))
    overlap = len(terms & known) / max(1, len(terms))
    if overlap >= TAIL_OVERLAP or all(ARGUMENT.search(doc.texts[i]) for i in run):
        return False
    doc.mark(run, PARTY_TAIL.format(overlap))
    return True
