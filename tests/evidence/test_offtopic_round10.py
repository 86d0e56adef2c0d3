"""The rules of the off-topic detector's tenth round (issue 16; unseen8's first look), on
hand-made pages and lines, each with a case that must not match."""

from __future__ import annotations

from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_blocks import link_line

ARTICLE = [
    "Harbour Daily",
    "Lumber mills and port agree on a new quota for spruce exports",
    "The port authority and the northern lumber mills agreed on Tuesday to a quota of "
    "two million cubic metres of spruce a year, ending a dispute over berth fees.",
    "The mills had threatened to ship through a rival port if the fees rose again, and "
    "the authority said the quota would keep the spruce trade on its quays.",
    "Under the deal the berth fee for lumber freighters will stay at its current level "
    "until the end of next year, the authority said in a statement.",
]
LINK = "{}: Ballet company opens its winter season with a new choreographer"
RESUMED = [
    "Critics of the deal said the quota was too low for the mills' expansion plans, and "
    "two smaller sawmills asked to be heard before the authority's board signs it.",
    "The board is due to vote on the agreement before the winter season opens.",
]
STORY = [
    "The ballet company opened its winter season with a new choreographer on Saturday, "
    "selling out all four evenings of the programme at the opera house.",
    "The choreographer, who trained in Lyon, said the company would tour two cities in "
    "spring and add a children's matinee to the season.",
]


def test_a_link_not_echoed_by_the_next_paragraph_is_no_heading() -> None:
    for label in ("Read also", "Related", "Czytaj także", "İlginizi çekebilir"):
        reasons = offtopic_reasons([*ARTICLE, LINK.format(label), *RESUMED])
        assert reasons[-2] is None and reasons[-1] is None, label
        assert reasons[len(ARTICLE)] is not None  # the link itself stays flagged
    # (the link shares "winter" and "season" with the block, not with its first paragraph)


def test_a_link_echoed_by_its_story_titles_it() -> None:
    reasons = offtopic_reasons([*ARTICLE, LINK.format("Related"), *STORY])
    assert all(r is not None and r.startswith("appended material") for r in reasons[-2:])


def test_link_line_forms() -> None:
    assert link_line("Related: Ballet company opens its season")
    assert link_line("Zobacz też: Ceny mieszkań rosną")
    assert link_line("Lesen Sie auch: Die Börse schließt fester")
    assert not link_line("Related costs rose by 4% in the quarter, the company said.")
    assert not link_line("Relations between the two sides improved: both said so.")
