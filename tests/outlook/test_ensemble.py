"""The ensemble's maths, worked by hand, and its invariants on random votes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grandbargain.outlook.ensemble import (
    Votes,
    marginals,
    modal_options,
    most_likely,
    package_probabilities,
)


def _votes(name: str, weight: float, rows: list[tuple[int, ...]]) -> Votes:
    return Votes(name, weight, np.array(rows, dtype=np.int64))


def test_marginals_and_mode_of_two_predictors_by_hand() -> None:
    # issue 0 has 3 options, issue 1 has 2; A (w 1/4) on two draws, B (w 3/4) on three
    a = _votes("a", 0.25, [(0, 1), (2, 1)])
    b = _votes("b", 0.75, [(1, 0), (1, 0), (2, 1)])
    p0, p1 = marginals([a, b], [3, 2])
    # option 0: 1/4 * 1/2; option 1: 3/4 * 2/3; option 2: 1/4 * 1/2 + 3/4 * 1/3
    assert p0 == pytest.approx([0.125, 0.5, 0.375], abs=1e-12)
    assert p1 == pytest.approx([0.5, 0.5], abs=1e-12)
    joint = package_probabilities([a, b])
    assert joint == pytest.approx({(0, 1): 0.125, (2, 1): 0.375, (1, 0): 0.5}, abs=1e-12)
    assert most_likely([a, b], [3, 2]) == ((1, 0), pytest.approx(0.5))
    assert most_likely([a, b], [3, 2], excluding=(1, 0)) == ((2, 1), pytest.approx(0.375))
    assert modal_options(b, [3, 2]) == ((1, pytest.approx(2 / 3)), (0, pytest.approx(2 / 3)))


def test_a_tie_goes_to_the_package_agreeing_with_more_per_issue_modes() -> None:
    # (0, 0) and (1, 1) have 0.3 each; issue 0's mode is 1 (0.4 with (1, 0)), issue 1's is 0
    votes = [_votes("a", 0.3, [(0, 0)]), _votes("b", 0.3, [(1, 1)]), _votes("c", 0.4, [(1, 0)])]
    assert most_likely(votes, [2, 2]) == ((1, 0), pytest.approx(0.4))
    tie = [_votes("a", 0.5, [(0, 0)]), _votes("b", 0.5, [(1, 1)])]
    assert most_likely(tie, [2, 2])[0] == (0, 0)  # same agreement: lowest indices


def test_weights_that_do_not_sum_to_one_are_refused() -> None:
    with pytest.raises(ValueError):
        marginals([_votes("a", 0.5, [(0,)])], [2])


@st.composite
def _random_votes(draw: st.DrawFn) -> tuple[list[Votes], list[int]]:
    counts = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    n = draw(st.integers(1, 4))
    raw = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    votes = []
    for k, w in enumerate(raw):
        rows = draw(
            st.lists(st.tuples(*(st.integers(0, c - 1) for c in counts)), min_size=1, max_size=6)
        )
        votes.append(_votes(f"p{k}", w / sum(raw), rows))
    return votes, counts


@settings(max_examples=60, deadline=None)
@given(_random_votes())
def test_marginals_are_the_joint_distributions_marginals(
    case: tuple[list[Votes], list[int]],
) -> None:
    votes, counts = case
    joint = package_probabilities(votes)
    assert sum(joint.values()) == pytest.approx(1.0, abs=1e-9)
    for i, p in enumerate(marginals(votes, counts)):
        assert len(p) == counts[i] and abs(p.sum() - 1.0) <= 1e-9
        for o in range(counts[i]):
            assert p[o] == pytest.approx(sum(q for k, q in joint.items() if k[i] == o), abs=1e-12)
    package, probability = most_likely(votes, counts) or ((), 0.0)
    assert probability == pytest.approx(max(joint.values())) == pytest.approx(joint[package])
