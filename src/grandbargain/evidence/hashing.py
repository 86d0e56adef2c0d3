"""Stable 64-bit hashes of words, word 5-grams and MinHash bands, computed with numpy.

The corpus stores these hashes (:mod:`~grandbargain.evidence.grouping`), so they must be the
same in every process, on every platform and in every Python version: words are hashed with
BLAKE2b (8-byte digests), and everything built from them with the SplitMix64 finaliser
(Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) in
wrapping unsigned 64-bit arithmetic. Changing any constant here changes stored hashes and needs a
database migration (:mod:`~grandbargain.evidence.db`).

- **Shingles.** A passage's word 5-grams (:func:`shingle_sets`): the words of
  :func:`~grandbargain.evidence.dedup.shingle_words`, each gram hashed from its five word
  hashes in order; a passage of fewer than five words is one gram of all its words (hashed
  with its length, so it never equals a 5-gram). All passages of a document are hashed in one
  pass of array operations.
- **MinHash bands** (Broder 1997; the banding of Leskovec, Rajaraman and Ullman, *Mining of
  Massive Datasets*, ch. 3.4). A passage's content terms are a set; :data:`BANDS` bands of
  :data:`ROWS` MinHash values each are hashed to one key per band. Two passages whose term
  sets have Jaccard similarity ``s`` share a key with probability ``1 - (1 - s**2)**24``:
  0.88 at ``s = 0.29``, the lowest similarity among the aligned passages of the retold
  articles in the shared corpus, and 0.06 at ``s = 0.05``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

SHINGLE = 5
BANDS = 24
ROWS = 2
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_PRIME = np.uint64(0x100000001B3)


def mix(values: U64) -> U64:
    """The SplitMix64 finaliser of each value (a bijection on 64-bit integers)."""
    x = values.astype(np.uint64, copy=True)
    x ^= x >> np.uint64(30)
    x *= _MIX1
    x ^= x >> np.uint64(27)
    x *= _MIX2
    x ^= x >> np.uint64(31)
    return x


def word_hash(word: str) -> int:
    """A stable unsigned 64-bit hash of one word."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def word_hashes(words: Sequence[str]) -> U64:
    """The hashes of ``words`` in order (each distinct word hashed once)."""
    distinct = {word: k for k, word in enumerate(dict.fromkeys(words))}
    table = np.fromiter((word_hash(word) for word in distinct), np.uint64, len(distinct))
    return table[np.fromiter((distinct[w] for w in words), np.int64, len(words))]


def _short_grams(words: U64, lengths: npt.NDArray[np.int64], starts: npt.NDArray[np.int64]) -> U64:
    """One gram per passage of one to four words: its length, then its words, folded."""
    grams = mix(lengths.astype(np.uint64))
    for k in range(SHINGLE - 1):
        more = k < lengths
        grams[more] = mix(grams[more] * _PRIME + words[starts[more] + k])
    return grams


def shingle_sets(passages: Sequence[Sequence[str]]) -> list[U64]:
    """The sorted distinct 5-gram hashes of each passage (given as its words), computed for all
    passages at once; grams never cross from one passage into the next."""
    lengths = np.fromiter((len(p) for p in passages), np.int64, len(passages))
    words = word_hashes([word for passage in passages for word in passage])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    owner = np.repeat(np.arange(len(passages)), lengths)
    n = len(words)
    grams = np.zeros(0, dtype=np.uint64)
    keep = np.zeros(0, dtype=np.int64)
    if n >= SHINGLE:
        grams = mix(words[: n - SHINGLE + 1])
        for k in range(1, SHINGLE):
            grams = mix(grams * _PRIME + words[k : n - SHINGLE + 1 + k])
        inside = owner[: n - SHINGLE + 1] == owner[SHINGLE - 1 :]
        grams, keep = grams[inside], owner[: n - SHINGLE + 1][inside]
    short = np.flatnonzero((lengths > 0) & (lengths < SHINGLE))
    if len(short):
        grams = np.concatenate([grams, _short_grams(words, lengths[short], starts[short])])
        keep = np.concatenate([keep, short])
    order = np.lexsort((grams, keep))
    grams, keep = grams[order], keep[order]
    fresh = np.ones(len(grams), dtype=bool)
    fresh[1:] = (grams[1:] != grams[:-1]) | (keep[1:] != keep[:-1])
    grams, keep = grams[fresh], keep[fresh]
    bounds = np.searchsorted(keep, np.arange(len(passages) + 1))
    return [grams[bounds[k] : bounds[k + 1]] for k in range(len(passages))]


def _seeds() -> U64:
    return mix(np.arange(1, BANDS * ROWS + 1, dtype=np.uint64) * _GOLDEN)


def band_keys(term_lists: Sequence[Sequence[str]]) -> U64:
    """The distinct MinHash band keys of a document's passages (each given as its terms; a
    term repeated counts once). Passages without terms are left out: they align with
    nothing."""
    lists = [terms for terms in term_lists if terms]
    if not lists:
        return np.zeros(0, dtype=np.uint64)
    values = word_hashes([term for terms in lists for term in terms])
    starts = np.cumsum([0] + [len(terms) for terms in lists[:-1]])
    minima = np.empty((len(lists), BANDS * ROWS), dtype=np.uint64)
    for j, seed in enumerate(_seeds()):
        minima[:, j] = np.minimum.reduceat(mix(values ^ seed), starts)
    keys = np.empty((len(lists), BANDS), dtype=np.uint64)
    for band in range(BANDS):
        key = mix(np.full(len(lists), band + 1, dtype=np.uint64))
        for row in range(ROWS):
            key = mix(key * _PRIME + minima[:, band * ROWS + row])
        keys[:, band] = key
    return np.unique(keys)


def signed(values: U64) -> I64:
    """The same 64 bits as signed integers (SQLite's INTEGER is signed)."""
    return values.view(np.int64)
