"""A running centroid of TF-IDF rows: cosines with it, and the leave-one-out cohesion.

The off-topic detector (:mod:`~grandbargain.evidence.offtopic`) grows "the article so far" block
by block and asks how close each new passage is to it. Keeping the sum of the rows as one dense
vector over the document's vocabulary, updated in place, makes a cosine cost the passage's own
terms, so the whole pass stays linear in the document's words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np


class RunningCentroid:
    """The sum of some rows of an L2-normalised CSR matrix ``rows`` (see
    :meth:`grandbargain.evidence.vectors.TfIdf.rows`), and its squared norm."""

    def __init__(self, rows: Any, members: Sequence[int], floor: float) -> None:
        self.indptr = rows.indptr
        self.indices = rows.indices
        self.data = rows.data
        """The CSR arrays: a row is sliced from them directly (indexing the matrix builds a
        new sparse matrix per call, which cost half the detector's time on a 1 MB page)."""
        self.total = np.zeros(rows.shape[1])
        self.square = 0.0
        for i in members:
            self.add(i)
        self.cohesion = self._cohesion(members, floor)
        """Mean cosine of each first member with the centroid of the others, at least
        ``floor`` (and ``floor`` itself for fewer than two members)."""

    def _row(self, i: int) -> tuple[Any, Any]:
        start, end = self.indptr[i], self.indptr[i + 1]
        return self.indices[start:end], self.data[start:end]

    def _dot(self, i: int) -> float:
        indices, data = self._row(i)
        return float(self.total[indices] @ data)

    def add(self, i: int) -> None:
        """Add row ``i`` to the sum."""
        indices, data = self._row(i)
        self.square += 2 * self._dot(i) + float(data @ data)
        self.total[indices] += data

    def cosine(self, i: int) -> float:
        """Cosine of row ``i`` with the centroid (0 for an empty row or centroid)."""
        norm = math.sqrt(max(self.square, 0.0))
        return self._dot(i) / norm if norm > 0 else 0.0

    def _cohesion(self, members: Sequence[int], floor: float) -> float:
        values = []
        for i in members:
            data = self._row(i)[1]
            own = float(data @ data)
            if own == 0:
                continue
            dot = self._dot(i)
            rest = self.square - 2 * dot + own
            values.append((dot - own) / math.sqrt(rest) if rest > 1e-12 else 0.0)
        return max(float(np.mean(values)), floor) if len(values) > 1 else floor
