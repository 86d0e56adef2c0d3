"""Brute-force near-duplicate groups, the test oracle of :mod:`grandbargain.evidence.grouping`.

Every pair of passages and every pair of documents is compared, with shingles kept as sets of
strings (no hashes) and a dense TF-IDF written out here, so that neither the indexes nor the
hashing nor the sparse matrices of the package are used. The rules are those documented in
:mod:`grandbargain.evidence.dedup`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from grandbargain.evidence.quotes import normalise_text
from grandbargain.evidence.vectors import terms

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[str]:
    """Word 5-grams of the normalised text (one gram of all words when there are fewer)."""
    tokens = _WORD.findall(normalise_text(text).lower().replace("%", " per cent"))
    if len(tokens) < 5:
        return frozenset({" ".join(tokens)}) if tokens else frozenset()
    return frozenset(" ".join(tokens[k : k + 5]) for k in range(len(tokens) - 4))


def _groups(items: Sequence[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Connected components, each named by its smallest member."""
    name = {item: item for item in items}
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            low = min(name[a], name[b])
            if name[a] != low or name[b] != low:
                name[a] = name[b] = low
                changed = True
    return name


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalise_text(text).lower().replace("%", " per cent")))


def _figures(text: str) -> frozenset[str]:
    found = re.findall(r"\d+(?:[.,]\d+)*", text)
    return frozenset(re.sub(r",(?=\d{3}\b)", "", f).rstrip(".,") for f in found)


def passage_verdict(a: str, b: str) -> bool | None:
    """True: merge; False: near-duplicates with conflicting figures; None: unrelated."""
    x, y = shingles(a), shingles(b)
    small = min(len(x), len(y))
    if small < 3:
        return None
    shared = len(x & y)
    wa, wb = _words(a), _words(b)
    near = shared / small >= 0.2 and len(wa & wb) / len(wa | wb) >= 0.7
    if not (shared / len(x | y) >= 0.5 or shared / small >= 0.8 or near):
        return None
    fa, fb = _figures(a), _figures(b)
    if fa == fb:
        return True
    return False if (fa - fb and fb - fa) else None


def passage_groups(rows: Sequence[tuple[int, int, str]]) -> dict[int, int]:
    """(passage id, document id, text) of on-topic passages -> group names."""
    edges = []
    for k, (a, doc_a, text_a) in enumerate(rows):
        for b, doc_b, text_b in rows[k + 1 :]:
            if doc_a != doc_b and passage_verdict(text_a, text_b):
                edges.append((a, b))
    return _groups([pid for pid, _, _ in rows], edges)


def _tfidf(rows: list[list[str]]) -> np.ndarray:
    df: Counter[str] = Counter()
    for tokens in rows:
        df.update(set(tokens))
    vocabulary = sorted(df)
    column = {term: k for k, term in enumerate(vocabulary)}
    out = np.zeros((len(rows), len(vocabulary)))
    for r, tokens in enumerate(rows):
        for term, count in Counter(tokens).items():
            idf = math.log((1 + len(rows)) / (1 + df[term])) + 1
            out[r, column[term]] = (1 + math.log(count)) * idf
        norm = np.linalg.norm(out[r])
        if norm > 0:
            out[r] /= norm
    return out


def _aligned(a: list[list[str]], b: list[list[str]]) -> float:
    if not a or not b:
        return 0.0
    matrix = _tfidf(a + b)
    cosine = matrix[: len(a)] @ matrix[len(a) :].T
    return float(max((cosine.max(1) >= 0.35).mean(), (cosine.max(0) >= 0.35).mean()))


def document_groups(documents: dict[int, list[str]]) -> dict[int, int]:
    """Document id -> its on-topic passages' texts, to group names (reprints by shingle
    containment >= 0.5, retellings by >= 40% aligned sentence-length passages)."""
    grams = {d: frozenset().union(*map(shingles, texts)) for d, texts in documents.items()}
    long = {d: [terms(t) for t in texts if len(t.split()) >= 8] for d, texts in documents.items()}
    ids = sorted(documents)
    edges = []
    for k, a in enumerate(ids):
        for b in ids[k + 1 :]:
            small = min(len(grams[a]), len(grams[b]))
            contained = small > 0 and len(grams[a] & grams[b]) / small >= 0.5
            if contained or _aligned(long[a], long[b]) >= 0.4:
                edges.append((a, b))
    return _groups(ids, edges)
