"""The rules of the off-topic detector's sixteenth round (issue 16; unseen14's first look),
each with cases that must not match: an OCR'd scan's hard-wrapped lines joined into one
paragraph, a brief sentence inside a run of the article's short paragraphs, and appended
blocks that would hold most of a page told in short paragraphs."""

from __future__ import annotations

from pathlib import Path

from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_wrap import unwrap, wrapped_runs
from grandbargain.evidence.passages import split_passages

SCAN = [
    "U.S. RAISES TARIFFS AS TALKS END",
    "WASHINGTON — The United States more than doubled tar-",
    "iffs on Chinese goods on Friday, to 25 per-",
    "cent from 10 percent, after two days of talks between",
    "the two sides' negotiators ended without an agreement.",
    "THE DAILY PAPER, MONDAY, MAY 13, 2019 — PAGE A8",
    "Officials on both sides said talks would con-",
    "tinue, but no date was set.",
]


def test_a_scans_wrapped_lines_are_one_paragraph_with_its_broken_words_mended() -> None:
    assert wrapped_runs(SCAN) == [range(1, 5), range(6, 8)]
    joined, owner = unwrap(SCAN)
    assert owner == [0, 1, 1, 1, 1, 2, 3, 3]
    assert joined[1].startswith("WASHINGTON — The United States more than doubled tariffs on")
    assert "25 percent from 10 percent" in joined[1]
    assert joined[3] == "Officials on both sides said talks would continue, but no date was set."


def test_lines_that_only_look_wrapped_are_left_alone() -> None:
    # a headline over a lower-case credit (two lines, no broken word), a page header in
    # capitals above a lower-case line, a menu of short lower-case items, finished sentences
    credit = ["Swiss watch exports slide as tariff threat lingers", "via Meridian Wire News"]
    header = ["THE DAILY PAPER, MONDAY, MAY 13, 2019 — PAGE A8", "the two sides said more."]
    menu = ["Home News", "business", "markets today", "opinion"]
    sentences = ["Prices fell on Monday in Chicago.", "exporters said so on Tuesday.", "x y."]
    for page in (credit, header, menu, sentences):
        assert wrapped_runs(page) == []
        assert unwrap(page) == (page, list(range(len(page))))


FEATURE = Path(__file__).parent / "labelled" / "unseen14" / "u14-clean-feature-short-paragraphs.txt"


def test_a_feature_in_short_paragraphs_is_the_article() -> None:
    # unseen14's feature (development data now): on main its 34 lines lost 30 to the
    # appended-material rule and the stray-line rule; every line below the deck is the article
    text = FEATURE.read_text(encoding="utf-8")
    reasons = offtopic_reasons([p.text for p in split_passages(text)])
    assert reasons[2:] == [None] * (len(reasons) - 2)


def test_brief_lines_outside_a_run_of_sentences_are_still_flagged() -> None:
    # the same brief lines after a flagged line or as the page's last line, a two-word label
    lines = [p.text for p in split_passages(FEATURE.read_text(encoding="utf-8"))]
    page = [*lines[:4], "Loading audio...", *lines[4:10], "Share this."]
    reasons = offtopic_reasons(page)
    assert reasons[4] is not None and reasons[-1] is not None


def test_a_story_appended_under_its_own_headline_is_still_flagged() -> None:
    # the appended story outnumbers a short article, but a headline separates them
    article = [
        "Washington and Beijing extend the tariff truce by another 90 days",
        "The United States and China agreed on Monday to extend their tariff truce by another"
        " 90 days, keeping the extra duty on Chinese goods at 30 per cent.",
        "Chinese officials said the extension gave both sides time to settle export controls.",
    ]
    story = [
        "Swiss watch exports slide as luxury demand cools",
        "Swiss watch exports fell 9 per cent in April, the industry federation said on Tuesday.",
        "Smaller brands said they were raising prices in Europe by 5 to 10 per cent this year.",
        "Retailers in Geneva and Zurich reported fewer visitors from abroad in the spring.",
        "The federation expects a weaker second half as stock levels stay high at dealers.",
    ]
    reasons = offtopic_reasons(article + story)
    assert all(r is None for r in reasons[:3])
    assert all(r is not None for r in reasons[4:])
