"""Words and TF-IDF vectors: the small text statistics the corpus engine needs.

Tokens are lower-case words of two or more letters or digits, with English stop words removed
and a light suffix stripping (plural ``s``, possessive ``'s``, ``ies`` -> ``y``) so that
"magnets" and "magnet" meet. TF-IDF uses sub-linear term frequency (``1 + ln tf``) and smoothed
inverse document frequency (``ln((1 + n) / (1 + df)) + 1``) over the passages it is given, and
rows are L2-normalised so that a dot product is a cosine similarity. Rows are sparse
(``scipy.sparse`` CSR): memory grows with the words of the passages, not with passages times
vocabulary. No scikit-learn needed.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say may might must shall us s t don won wouldn isn aren wasn weren hasn haven
    per cent one two three new like get got yet still even much many well via
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""English stop words left out of content terms."""
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def stem(word: str) -> str:
    """A light English suffix stripping: possessives, plurals."""
    for apostrophe in ("'s", "’s"):
        if word.endswith(apostrophe):
            word = word[: -len(apostrophe)]
    word = word.replace("’", "'")
    if "'" in word:
        word = word.split("'", 1)[0]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_US = re.compile(r"\bU\.S\.(?:A\.)?|\bUS\b|\bUSA\b")


def words(text: str) -> list[str]:
    """Every word of ``text``, lower-cased, in order (stop words kept).

    "US", "U.S." and "USA" become ``usa`` so that the country is not lost as the pronoun "us".
    """
    return _WORD.findall(_US.sub(" usa ", text).lower())


@functools.lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """The content term of one word, or "" for a stop word or a one-letter token."""
    term = stem(word)
    return term if len(term) > 1 and term not in STOP_WORDS and word not in STOP_WORDS else ""


def terms(text: str) -> list[str]:
    """Content terms of ``text``: stemmed words without stop words or one-letter tokens."""
    return [term for term in map(_term, words(text)) if term]


class TfIdf:
    """A TF-IDF space fitted on a list of token lists (one per passage)."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        for tokens in documents:
            df.update(set(tokens))
        self.vocabulary: dict[str, int] = {term: k for k, term in enumerate(sorted(df))}
        n = len(documents)
        self.idf: FloatArray = np.array(
            [math.log((1 + n) / (1 + df[term])) + 1.0 for term in sorted(df)], dtype=np.float64
        )

    def rows(self, documents: Sequence[Sequence[str]]) -> Any:
        """One L2-normalised row per token list, as a ``scipy.sparse.csr_matrix`` (unknown
        terms ignored; a list without known terms gives a zero row)."""
        from scipy import sparse  # type: ignore[import-untyped]

        vocabulary = self.vocabulary
        owner = array("q")
        column = array("q")
        for row, tokens in enumerate(documents):
            known = [vocabulary[t] for t in tokens if t in vocabulary]
            column.extend(known)
            owner.extend([row] * len(known))
        width = max(len(vocabulary), 1)
        cells, counts = np.unique(
            np.frombuffer(owner, np.int64) * width + np.frombuffer(column, np.int64),
            return_counts=True,
        )
        rows, cols = np.divmod(cells, width)
        values = (1.0 + np.log(counts)) * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, values * values, minlength=len(documents)))
        values = values / norms[rows]
        shape = (len(documents), len(vocabulary))
        return sparse.csr_matrix((values, (rows, cols)), shape=shape)


def unit(vector: FloatArray) -> FloatArray:
    """``vector`` scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
