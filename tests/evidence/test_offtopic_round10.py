"""The rules of the off-topic detector's tenth round (issue 16; unseen8's first look), on
hand-made pages and lines, each with a case that must not match."""

from __future__ import annotations

from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_blocks import link_line
from grandbargain.evidence.shape import is_caption

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


def test_a_caption_may_end_in_a_credit_in_brackets() -> None:
    assert is_caption("A trader arranges toys at a stall in the market. (Orient Ledger)")
    assert is_caption("The two leaders shake hands before their talks. (Harbour Post / Pool)")
    assert not is_caption("The talks went on into the night (in Geneva), officials said.")
    assert not is_caption("The rate was cut to 30 per cent. (see table below)")


PIVOT = [
    "Separately, the city's ballet company opened its winter season with a new "
    "choreographer on Saturday, selling out all four evenings at the opera house.",
    "The choreographer, who trained in Lyon, said the company would tour two cities in "
    "spring and add a children's matinee to the season.",
    "Tickets for the matinee go on sale next week at the box office and online.",
]
OWN_PIVOT = [
    "Separately, two smaller sawmills asked the port authority to raise the spruce quota "
    "and to freeze the berth fee for their lumber freighters as well.",
    "The authority said it would consider the sawmills' request on the quota and the "
    "berth fee before the board signs the deal with the lumber mills.",
]


def test_a_turn_to_another_story_ends_the_article() -> None:
    reasons = offtopic_reasons([*ARTICLE, *PIVOT])
    assert all(r is not None and r.startswith("appended material") for r in reasons[-3:])
    assert reasons[len(ARTICLE) - 1] is None
    # the same turn going on with the article's own terms is the article's
    assert offtopic_reasons([*ARTICLE, *OWN_PIVOT])[-2:] == [None, None]
