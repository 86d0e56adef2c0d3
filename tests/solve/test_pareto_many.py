"""Many small point sets at once give what :func:`pareto_indices` gives on each."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from grandbargain.solve.frontier import pareto_indices, pareto_indices_many


@settings(max_examples=200, deadline=None)
@given(
    sets=st.integers(1, 6),
    points=st.integers(1, 12),
    parties=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
    coarse=st.booleans(),
)
def test_same_indices_in_the_same_order(
    sets: int, points: int, parties: int, seed: int, coarse: bool
) -> None:
    rng = np.random.default_rng(seed)
    # coarse values make ties and exact dominance common
    values = (
        rng.integers(0, 3, (sets, points, parties)) / 4
        if coarse
        else rng.random((sets, points, parties))
    )
    many = pareto_indices_many(values)
    assert len(many) == sets
    for s in range(sets):
        # points are in package order: the package of point k is (k,)
        one = pareto_indices(values[s], lambda idx: idx[:, None])
        assert many[s].tolist() == one.tolist()
