"""Near-duplicates: shingled word sets, Jaccard similarity and containment, union-find groups.

Texts are compared as sets of word 5-grams (*shingles*) of their normalised words (lower case,
typographic quotes straightened, "%" read as "per cent" so that a reprint's house style does not
hide a copy); the sets hold 64-bit hashes of the grams (:mod:`~grandbargain.evidence.hashing`).
Two **passages** are near-duplicates when the Jaccard similarity of their shingle sets is at
least :data:`PASSAGE_JACCARD` (0.5), or when the shorter one's shingles lie at least
:data:`PASSAGE_CONTAINMENT` (0.8) inside the longer one (an edited excerpt), or when they are
*near-identical*: at least :data:`NEAR_SHARED` (a fifth) of the smaller one's shingles shared
and the Jaccard similarity of their sets of words at least :data:`NEAR_IDENTICAL` (0.7) - a
copy edited in a few places ("keen" for "eager", "$8 billion" for "8 billion dollars") keeps
its words though most of its 5-grams change. Passages of fewer than three shingles are never
near-duplicates. **Figures.** Two passages are merged only when they carry the same figures
(:func:`figures`: every number written with digits, thousands separators dropped). When a
near-duplicate pair's figures differ and each has a figure the other lacks - a copy that turns
"40 per cent" into "45 per cent" - the pair is kept apart as **conflicting figures**
(:func:`conflicting`), shown beside each other by ``evidence`` and ``search``, never folded into
one group that would hide the other figure. Two **documents**
are near-duplicates when the shingles of their on-topic passages have a containment of at
least :data:`DOCUMENT_CONTAINMENT` (0.5) of the smaller set (a reprint), or when at least
:data:`DOCUMENT_ALIGNED` (40%) of one document's sentence-length passages (8 words or more) have
a counterpart in the other with TF-IDF cosine similarity of at least :data:`ALIGNED_COSINE`
(0.35) - a retelling, such as a translation that paraphrases the same report passage by
passage. The TF-IDF space of that test is fitted on the two documents' sentence-length
passages, so a pair's answer does not change when other documents come and go.

Which pairs get compared is decided by indexes (:mod:`~grandbargain.evidence.grouping`), never
by comparing everything with everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from grandbargain.evidence.hashing import U64, shingle_sets
from grandbargain.evidence.vectors import TfIdf

PASSAGE_JACCARD = 0.5
PASSAGE_CONTAINMENT = 0.8
NEAR_SHARED = 0.2
NEAR_IDENTICAL = 0.7
DOCUMENT_CONTAINMENT = 0.5
DOCUMENT_ALIGNED = 0.4
ALIGNED_COSINE = 0.35
ALIGNED_WORDS = 8
"""Passages of at least this many words take part in the retelling test."""
_CELLS = 4_000_000
"""Most cosine cells computed at once in :func:`aligned_share` (32 MB of float64)."""

_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str) -> frozenset[str]:
    """The numbers written with digits in ``text`` ("12,800" and "12800" are one figure)."""
    return frozenset(
        re.sub(r",(?=\d{3}\b)", "", match).rstrip(".,") for match in _FIGURE.findall(text)
    )


def conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether each of two figure sets has a figure the other lacks (a changed figure)."""
    return bool(a - b) and bool(b - a)


def word_set(text: str) -> frozenset[str]:
    """The distinct normalised words of ``text`` (see :func:`shingle_words`)."""
    return frozenset(shingle_words(text))


def near_identical(
    shared: int, a: int, b: int, words_a: frozenset[str], words_b: frozenset[str]
) -> bool:
    """Whether two passages with ``a`` and ``b`` shingles, ``shared`` in common, and the given
    word sets are near-identical (see the module docstring)."""
    if min(a, b) < 3 or shared / min(a, b) < NEAR_SHARED:
        return False
    union = len(words_a | words_b)
    return union > 0 and len(words_a & words_b) / union >= NEAR_IDENTICAL


def shingle_words(text: str) -> list[str]:
    """The normalised words that shingles are made of: lower-case word characters, ``%`` read
    as "per cent". Quote-mark, dash and whitespace style need no normalising here (only word
    characters are kept, and :func:`~grandbargain.evidence.quotes.normalise_text` changes none)."""
    return _WORD.findall(text.lower().replace("%", " per cent"))


def passage_shingles(texts: Sequence[str]) -> list[U64]:
    """The sorted distinct shingle hashes of each passage."""
    return shingle_sets([shingle_words(text) for text in texts])


def passages_match(shared: int, a: int, b: int) -> bool:
    """Whether two passages with ``a`` and ``b`` shingles, ``shared`` in common, are
    near-duplicates (passages of fewer than three shingles never are)."""
    if min(a, b) < 3:
        return False
    return shared / (a + b - shared) >= PASSAGE_JACCARD or shared / min(a, b) >= (
        PASSAGE_CONTAINMENT
    )


def documents_contain(shared: int, a: int, b: int) -> bool:
    """Whether the smaller of two documents' shingle sets lies at least half in the other."""
    small = min(a, b)
    return small > 0 and shared / small >= DOCUMENT_CONTAINMENT


def aligned_share(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> float:
    """Largest share, either way, of the term lists of ``a``/``b`` (sentence-length passages)
    with one of the other at cosine >= :data:`ALIGNED_COSINE`, in a TF-IDF space fitted on
    both. Worked in row blocks, so memory stays bounded for long documents."""
    if not a or not b:
        return 0.0
    space = TfIdf([*a, *b])
    left, right = space.rows(a), space.rows(b).T.tocsc()
    best_left = np.zeros(len(a))
    best_right = np.zeros(len(b))
    step = max(1, _CELLS // len(b))
    for start in range(0, len(a), step):
        block = (left[start : start + step] @ right).toarray()
        best_left[start : start + step] = block.max(1)
        np.maximum(best_right, block.max(0), out=best_right)
    return float(max((best_left >= ALIGNED_COSINE).mean(), (best_right >= ALIGNED_COSINE).mean()))


class UnionFind:
    """Groups of integer ids; each group is named by its smallest member."""

    def __init__(self, items: Iterable[int] = ()) -> None:
        self.parent: dict[int, int] = {item: item for item in items}

    def find(self, item: int) -> int:
        """The group name of ``item``."""
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` in one group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, int]:
        """Every item's group name."""
        return {item: self.find(item) for item in list(self.parent)}


@dataclass(frozen=True)
class PassageKey:
    """What passage grouping compares: a passage's id, document, shingles, words, figures."""

    id: int
    document: int
    shingles: U64
    words: frozenset[str]
    figures: frozenset[str]

    @classmethod
    def of(cls, pid: int, document: int, text: str, grams: U64) -> PassageKey:
        """The key of a passage from its text and shingle hashes."""
        return cls(pid, document, grams, word_set(text), figures(text))


def same_passage(shared: int, a: PassageKey, b: PassageKey) -> bool | None:
    """True when two passages of different documents, ``shared`` shingles in common, are to
    be merged; False when they are near-duplicates with conflicting figures; None otherwise."""
    x, y = len(a.shingles), len(b.shingles)
    if not (passages_match(shared, x, y) or near_identical(shared, x, y, a.words, b.words)):
        return None
    if a.figures == b.figures:
        return True
    return False if conflicting(a.figures, b.figures) else None


def passage_groups(items: Sequence[PassageKey]) -> dict[int, int]:
    """Group ids for passages, compared as :func:`same_passage` says.

    Only passages of different documents are compared, and only pairs that share a shingle
    (found through an inverted index). Repeated lines inside one document are not merged.
    """
    found = UnionFind(item.id for item in items)
    index: dict[int, list[int]] = {}
    for k, item in enumerate(items):
        for gram in item.shingles.tolist():
            index.setdefault(gram, []).append(k)
    for k, item in enumerate(items):
        shared: dict[int, int] = {}
        for gram in item.shingles.tolist():
            for j in index[gram]:
                if j > k and items[j].document != item.document:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            if same_passage(count, item, items[j]):
                found.union(item.id, items[j].id)
    return found.groups()
