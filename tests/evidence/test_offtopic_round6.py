"""The failure classes of the off-topic detector's sixth round (issue 16; the first look at
unseen4), each on a page written for it (``offtopic_pages/``: hearing-labels-alone,
interview-topics-points, recording-chapters, furniture-strips; flagged as labelled by
test_offtopic_classes.py), and the rules behind them on hand-made lines, each with a case
that must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import is_byline
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_layout import cites_only, is_menu, running_head
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.offtopic_turns import (
    exchanges,
    label_alone,
    labelled_sections,
    speaker_turns,
)
from grandbargain.evidence.shape import is_fragment

SENTENCES = [
    "Grain terminals on the river said they expected the first large soybean cargoes for China "
    "in years to load before the holiday, after the purchase pledge made in Busan.",
    "Terminal managers said the soybean pledge would fill berths that had sat partly idle since "
    "spring, when Chinese buyers turned to Brazil for almost all of their cargoes.",
    "Exporters said freight rates for soybean cargoes to northern China had risen by about a "
    "tenth since the meeting, as terminals booked more berths for the autumn.",
]


def _page(texts: list[str]) -> Page:
    return Page(texts, frozenset())


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("CHAIR:", True),
        ("Ms ROE (Department of Trade):", True),
        ("Member for Ashgrove:", True),
        ("Key points: cuts take effect by May", False),
        ("Tariffs fell. Chair:", False),
    ],
)
def test_a_label_alone_on_its_line(text: str, alone: bool) -> None:
    assert label_alone(text) is alone


def test_a_dialogue_needs_three_labels_alone_and_two_speakers() -> None:
    turns = ["CHAIR:", "Welcome.", "Ms ROE (Treasury):", "Thank you.", "CHAIR:", "And May?"]
    assert speaker_turns(turns) == set(range(6))
    one = ["CHAIR:", "Welcome.", "CHAIR:", "Thank you.", "CHAIR:", "And May?"]
    assert speaker_turns(one) == set()  # one speaker: a label repeated, no dialogue
    assert speaker_turns(turns[:4]) == set()  # two labels alone only
    stacked = ["Tags:", "Share:", "Print:", "CHAIR:", "Welcome."]
    assert speaker_turns(stacked) == set()  # labels without a turn after each


def test_a_short_question_between_speakers_is_kept() -> None:
    texts = ["Soybean terminals and the pledge", "CHAIR:", SENTENCES[0], "Ms ROE (Ports):"]
    texts += [SENTENCES[1], "CHAIR:", "And the freight rates?", "Ms ROE:", SENTENCES[2]]
    assert offtopic_reasons(texts) == [None] * len(texts)


def test_an_interviews_topic_headings_over_its_labels() -> None:
    texts = ["Magnet buyers", "Supply", "Q: How long?", "A: Weeks.", "Looking ahead"]
    texts += ["Q: And then?", "A: A year."]
    assert labelled_sections(texts, [is_fragment(t) for t in texts]) == {1, 4}
    plain = ["Magnet buyers", "Supply", "Q: How long?", "A: Weeks.", "Looking ahead"]
    plain += ["The year ahead is open."]
    assert labelled_sections(plain, [is_fragment(t) for t in plain]) == set()
    assert exchanges(texts, {"q", "a"}) == {2, 5}
    assert exchanges(texts, {"q"}) == set()
    keys = ["title: Port fees", "date: 2025-11-04", "title: Soybeans", "date: 2025-11-05"]
    assert exchanges(keys, {"title", "date"}) == set()  # a data file's keys, not an interview


def test_a_recordings_chapter_list_and_its_heading_are_flagged() -> None:
    # thirteenth round: the whole list, chapters naming the article's subjects too (the sixth
    # round kept those as a table of contents; unseen6's and unseen11's labellers do not)
    texts = ["Soybean cargoes and the pledge", *SENTENCES[:2], "Chapters", "00:00 Welcome"]
    texts += ["02:10 Soybean cargoes from the river", "09:30 Berths and terminals"]
    texts += ["15:00 A message from our sponsor", SENTENCES[2]]
    flags = [r is not None for r in offtopic_reasons(texts)]
    assert flags == [False, False, False, True, True, True, True, True, False]


def test_times_running_backwards_are_a_ticker_not_chapters() -> None:
    texts = ["Soybean cargoes and the pledge", *SENTENCES[:2], "Headlines"]
    texts += ["08:04 Soybean cargoes from the river", "07:59 Berths and terminals"]
    texts += ["07:41 Terminals book more berths", SENTENCES[2]]
    assert _page(texts).chapters == set()


def test_a_list_of_the_articles_points_and_its_heading() -> None:
    texts = ["Soybean cargoes and the pledge", *SENTENCES, "Key points:"]
    texts += ["- Terminals expect soybean cargoes for China", "- Freight rates have risen"]
    page = _page(texts)
    assert {4, 5, 6} <= page.box
    links = ["Soybean cargoes and the pledge", *SENTENCES, "Most read:"]
    links += ["- Cotton basis firms in Memphis", "- Rice exports to Iraq climb"]
    assert not {4, 5, 6} & _page(links).box


def test_the_articles_short_closing_sentence_is_not_end_matter() -> None:
    texts = ["Soybean cargoes and the pledge", *SENTENCES, "The soybean pledge still needs buyers."]
    texts += ["Share · Print · Email"]
    flags = [r is not None for r in offtopic_reasons(texts)]
    assert flags == [False, False, False, False, False, True]
    other = ["Soybean cargoes and the pledge", *SENTENCES, "Quotes delayed by fifteen minutes."]
    assert offtopic_reasons(other)[-1] is not None


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Posted Nov. 3, 2025 at 6:02 a.m. CST | Updated 9:40 a.m.", True),
        ("6 November 2025 · 6 min read · Filed under: Soybeans, China", True),
        ("6 November 2025 · Terminals on the river expect more cargoes soon", False),
    ],
)
def test_bylines_with_clock_times_and_labelled_tags(text: str, byline: bool) -> None:
    assert is_byline(text) is byline


@pytest.mark.parametrize(
    ("text", "menu"),
    [
        ("Home / Markets / Grain", True),
        ("← Older: Rice exports to Iraq | Newer: Cotton basis firms →", True),
        ("US / China talks resume in the spring after a pause", False),
        ("← Back", False),
        ("Monroe 52°F, wind S 8 mph | Tallulah 54°F | Vicksburg 51°F", True),
        ("Soybeans 12 | Corn futures rose on the news of the deal today | Wheat 3", False),
    ],
)
def test_breadcrumbs_with_slashes_and_arrowed_links(text: str, menu: bool) -> None:
    texts = ["Soybean cargoes and the pledge", SENTENCES[0], text, SENTENCES[1]]
    assert is_menu(_page(texts), 2) is menu


def test_a_running_head_may_repeat_the_headline_in_its_last_segment() -> None:
    texts = ["Capital on a leash: the investment rules", *SENTENCES[:2]]
    texts += ["Policy Brief 2025/04 | Capital on a leash", SENTENCES[2]]
    assert running_head(_page(texts), 3)
    texts[3] = "Policy Brief 2025/04 | Soybean freight"
    assert not running_head(_page(texts), 3)


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("¹ US Department of Agriculture, Export Sales Report, weekly, 6 November 2025.", True),
        ("[3] Treasury, final rule, 28 October 2024.", True),
        (
            "² Deals above the threshold are barred; smaller ones must be notified, in 30 days.",
            False,
        ),
        ("1. The rules, their scope, and the talks", False),
    ],
)
def test_footnotes_that_only_cite_a_source(text: str, cites: bool) -> None:
    assert cites_only(text) is cites


def test_a_sentence_naming_the_articles_actor_after_an_ad_line_is_the_article() -> None:
    texts = ["Soybean cargoes and the pledge", *SENTENCES[:2]]
    texts += ["Advertisement", "According to Busan officials, the next cargo loads soon."]
    texts += [SENTENCES[2]]
    assert offtopic_reasons(texts)[4] is None
