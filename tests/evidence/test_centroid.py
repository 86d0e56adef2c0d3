"""The running centroid of the off-topic detector against dense numpy arithmetic."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from grandbargain.evidence.centroid import RunningCentroid
from grandbargain.evidence.vectors import TfIdf

WORDS = ["tariff", "chip", "soy", "rare", "earth", "port", "fee", "truce", "export", "ban"]
documents = st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=2, max_size=8)


def _dense(rows: object) -> np.ndarray:
    return np.asarray(rows.toarray())  # type: ignore[attr-defined]


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(a @ b / (na * nb)) if na > 0 and nb > 0 else 0.0


@settings(max_examples=60, deadline=None)
@given(documents, st.data())
def test_cosines_and_cohesion_match_the_dense_computation(
    docs: list[list[str]], data: st.DataObject
) -> None:
    rows = TfIdf(docs).rows(docs)
    dense = _dense(rows)
    n = len(docs)
    members = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    added = data.draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True))
    head = RunningCentroid(rows, members, 0.2)
    # leave-one-out cohesion over members with a non-empty row, floored at 0.2
    values = [
        _cosine(dense[i], dense[members].sum(axis=0) - dense[i]) for i in members if dense[i].any()
    ]
    expected = max(float(np.mean(values)), 0.2) if len(values) > 1 else 0.2
    assert abs(head.cohesion - expected) < 1e-9
    chosen = list(members)
    for i in added:
        head.add(i)
        chosen.append(i)
    total = dense[chosen].sum(axis=0)
    for i in range(n):
        assert abs(head.cosine(i) - _cosine(dense[i], total)) < 1e-9
