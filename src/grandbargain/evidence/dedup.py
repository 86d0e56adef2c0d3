"""Near-duplicates: shingled word sets and Jaccard similarity, grouped with union-find.

Texts are compared as sets of word 5-grams (*shingles*) of their normalised words (lower case,
typographic quotes straightened, "%" read as "per cent" so that a reprint's house style does not
hide a copy). Two **passages** are near-duplicates when the Jaccard similarity of their shingle
sets is at least :data:`PASSAGE_JACCARD` (0.5), or when the shorter one's shingles lie at least
:data:`PASSAGE_CONTAINMENT` (0.8) inside the longer one (an edited excerpt). Two **documents** are
near-duplicates when their on-topic texts share shingles with a containment of at least
:data:`DOCUMENT_CONTAINMENT` (0.5) of the smaller one (a reprint), or when at least
:data:`DOCUMENT_ALIGNED` (40%) of one document's sentence-length passages have a counterpart in
the other with TF-IDF cosine similarity of at least :data:`ALIGNED_COSINE` (0.35) - a retelling,
such as a translation that paraphrases the same report passage by passage (TF-IDF fitted on
every on-topic passage in the store). Comparisons are plain
pairwise set operations; that is fast enough for corpora of thousands of passages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from grandbargain.evidence.quotes import normalise_text
from grandbargain.evidence.vectors import FloatArray

SHINGLE = 5
PASSAGE_JACCARD = 0.5
PASSAGE_CONTAINMENT = 0.8
DOCUMENT_CONTAINMENT = 0.5
DOCUMENT_ALIGNED = 0.4
ALIGNED_COSINE = 0.35

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> frozenset[str]:
    """The set of word ``size``-grams of ``text`` (one gram for shorter texts)."""
    clean = normalise_text(text).lower().replace("%", " per cent")
    tokens = _WORD.findall(clean)
    if len(tokens) < size:
        return frozenset({" ".join(tokens)}) if tokens else frozenset()
    return frozenset(" ".join(tokens[k : k + size]) for k in range(len(tokens) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set that lies in the other."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def passages_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two passages' shingle sets make them near-duplicates."""
    if min(len(a), len(b)) < 3:
        return False
    return jaccard(a, b) >= PASSAGE_JACCARD or containment(a, b) >= PASSAGE_CONTAINMENT


def aligned_share(a: FloatArray, b: FloatArray) -> float:
    """Largest share, either way, of rows of ``a``/``b`` with a row of the other at cosine
    >= :data:`ALIGNED_COSINE` (rows are L2-normalised TF-IDF vectors)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    best = a @ b.T
    return float(
        max((best.max(1) >= ALIGNED_COSINE).mean(), (best.max(0) >= ALIGNED_COSINE).mean())
    )


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


def passage_groups(items: Sequence[tuple[int, int, str]]) -> dict[int, int]:
    """Group ids for passages given as (passage id, document id, text).

    Only passages of different documents are compared, so repeated lines inside one document
    are not merged.
    """
    sets = [(pid, doc, shingles(text)) for pid, doc, text in items]
    found = UnionFind(pid for pid, _, _ in sets)
    index: dict[str, list[int]] = {}
    for k, (_, _, grams) in enumerate(sets):
        for gram in grams:
            index.setdefault(gram, []).append(k)
    for k, (pid, doc, grams) in enumerate(sets):
        candidates = {j for gram in grams for j in index[gram] if j > k}
        for j in candidates:
            other_pid, other_doc, other = sets[j]
            if other_doc != doc and passages_match(grams, other):
                found.union(pid, other_pid)
    return found.groups()
