"""Near-duplicates: shingled word sets, Jaccard similarity and containment, union-find groups.

Texts are compared as sets of word 5-grams (*shingles*) of their normalised words (lower case,
typographic quotes straightened, "%" read as "per cent" so that a reprint's house style does not
hide a copy); the sets hold 64-bit hashes of the grams (:mod:`~grandbargain.evidence.hashing`).
Two **passages** are near-duplicates when the Jaccard similarity of their shingle sets is at
least :data:`PASSAGE_JACCARD` (0.5), or when the shorter one's shingles lie at least
:data:`PASSAGE_CONTAINMENT` (0.8) inside the longer one (an edited excerpt). Two **documents**
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

import numpy as np

from grandbargain.evidence.hashing import U64, shingle_sets
from grandbargain.evidence.quotes import normalise_text
from grandbargain.evidence.vectors import TfIdf

PASSAGE_JACCARD = 0.5
PASSAGE_CONTAINMENT = 0.8
DOCUMENT_CONTAINMENT = 0.5
DOCUMENT_ALIGNED = 0.4
ALIGNED_COSINE = 0.35
ALIGNED_WORDS = 8
"""Passages of at least this many words take part in the retelling test."""
_CELLS = 4_000_000
"""Most cosine cells computed at once in :func:`aligned_share` (32 MB of float64)."""

_WORD = re.compile(r"\w+")


def shingle_words(text: str) -> list[str]:
    """The normalised words that shingles are made of."""
    return _WORD.findall(normalise_text(text).lower().replace("%", " per cent"))


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


def passage_groups(items: Sequence[tuple[int, int, U64]]) -> dict[int, int]:
    """Group ids for passages given as (passage id, document id, shingle hashes).

    Only passages of different documents are compared, and only pairs that share a shingle
    (found through an inverted index). Repeated lines inside one document are not merged.
    """
    found = UnionFind(pid for pid, _, _ in items)
    index: dict[int, list[int]] = {}
    for k, (_, _, grams) in enumerate(items):
        for gram in grams.tolist():
            index.setdefault(gram, []).append(k)
    for k, (pid, doc, grams) in enumerate(items):
        shared: dict[int, int] = {}
        for gram in grams.tolist():
            for j in index[gram]:
                if j > k and items[j][1] != doc:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            if passages_match(count, len(grams), len(items[j][2])):
                found.union(pid, items[j][0])
    return found.groups()
