"""Passage duplicates at the thresholds the how-to states: near-identical passages (a fifth of
the smaller one's 5-grams shared, and word sets with a Jaccard similarity of 0.7 or more) merge
exactly at the threshold and not just below it; a changed figure is never merged.

The passages are made of distinct words so that every count is worked out by hand: a passage
of n words has n - 4 five-grams, and replacing the word at position p removes the five-grams
that start at p - 4 .. p."""

from __future__ import annotations

import pytest

from grandbargain.evidence.dedup import PassageKey, passage_shingles, same_passage

SENTENCE = (
    "tariff talks resumed quietly after officials from both capitals agreed that export "
    "licences covering magnets batteries software equipment soybeans aircraft turbines"
)
WORDS = SENTENCE.split()  # 21 distinct words, no digits


def _edited(n: int, replaced: tuple[int, ...]) -> tuple[str, str]:
    original = WORDS[:n]
    edited = [f"other{chr(97 + k)}" if k in replaced else w for k, w in enumerate(original)]
    return " ".join(original), " ".join(edited)


def _verdict(a: str, b: str) -> tuple[int, bool | None]:
    grams = passage_shingles([a, b])
    shared = len(set(grams[0].tolist()) & set(grams[1].tolist()))
    key_a, key_b = PassageKey.of(1, 1, a, grams[0]), PassageKey.of(2, 2, b, grams[1])
    return shared, same_passage(shared, key_a, key_b)


@pytest.mark.parametrize(
    ("n", "replaced", "shared", "merged"),
    [
        # 17 words, 13 five-grams; 3 replaced: words 14/20 = 0.7 exactly; five-grams 1 and
        # 7..11 survive: 6/13 >= 0.2 (Jaccard 6/20 and containment 6/13 are below theirs)
        (17, (0, 6, 16), 6, True),
        # 16 words, 12 five-grams: words 13/19 = 0.684 < 0.7, five-grams 5/12: not merged
        (16, (0, 6, 15), 5, None),
        # 19 words, 15 five-grams: words 16/22 = 0.727; five-grams 2, 8, 14 survive: 3/15 =
        # 0.2 exactly
        (19, (1, 7, 13), 3, True),
        # the same words, but only five-grams 3 and 9 survive: 2/15 < 0.2: not merged
        (19, (2, 8, 14), 2, None),
    ],
)
def test_near_identical_passages_merge_at_the_stated_threshold(
    n: int, replaced: tuple[int, ...], shared: int, merged: bool | None
) -> None:
    a, b = _edited(n, replaced)
    assert _verdict(a, b) == (shared, merged)


def test_a_changed_figure_is_never_merged_however_close() -> None:
    text = " ".join(WORDS[:20])
    forty, fortyfive = f"{text} fell 40 per cent", f"{text} fell 45 per cent"
    assert _verdict(forty, forty)[1] is True
    assert _verdict(forty, fortyfive)[1] is False  # near-duplicates, conflicting figures
    assert _verdict(forty, text)[1] is None  # one gives a figure the other lacks: kept apart
