"""The failure classes of the off-topic detector's third round (issue 16), each on pages
written for it (``offtopic_pages/``, labels in ``offtopic_pages/labels.yaml``), and the
shape rules behind them on hand-made lines.

The pages are not copies of the labelled or unseen pages: new sites, new wording, other
languages. They are kept outside ``fixtures/`` because the corpus tests ingest that folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from grandbargain.evidence.notice import (
    calls_to_action,
    gives_contact,
    is_byline,
    lead_in,
    note_label,
    notice_signs,
    parenthesised,
    reports_fact,
    speaks_as_i,
)
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_headline import live_post_headings
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.shape import is_caption, is_fragment, speaks_as_we
from grandbargain.evidence.stamps import is_time_stamp

PAGES = Path(__file__).resolve().parent / "offtopic_pages"
ENTRIES: list[dict[str, Any]] = yaml.safe_load((PAGES / "labels.yaml").read_text("utf-8"))["pages"]
KNOWN_GAP = "promo-then-appended.txt"
"""An appended story sharing the article's words after a promo line, with no heading: its
relevance to the short article (0.18) sits between that of appended stories (below 0.15) and
that of the article going on after an advertisement (0.29 and more on the labelled pages)."""


def _vocabulary(name: str) -> frozenset[str]:
    if name == "empty":
        return frozenset()
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    return scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))


def _wrong(entry: dict[str, Any], vocabulary: frozenset[str]) -> list[str]:
    text = (PAGES / entry["file"]).read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers)
    reasons = offtopic_reasons([p.text for p in passages], vocabulary)
    wanted = set(entry["offtopic_lines"])
    return [
        f"{'missed' if n in wanted else 'hidden'} {n}: {p.text[:60]} ({r})"
        for n, p, r in zip(numbers, passages, reasons, strict=True)
        if (n in wanted) != (r is not None)
    ]


def test_every_page_is_labelled_and_every_class_has_a_page() -> None:
    files = sorted(p.name for p in PAGES.glob("*.txt"))
    assert files == sorted(e["file"] for e in ENTRIES)
    assert {e["class"] for e in ENTRIES} >= {
        "headline",
        "cookie-banner",
        "live-blog",
        "notices",
        "appended",
        "captions",
        "byline",
        "ad-line",
        "end-matter",
        "comments",
        "link-lines",
        "layouts",
    }


@pytest.mark.parametrize("vocabulary", ["empty", "us-china-2025"])
@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e["file"] != KNOWN_GAP], ids=lambda e: e["file"]
)
def test_each_page_is_flagged_as_labelled(entry: dict[str, Any], vocabulary: str) -> None:
    assert _wrong(entry, _vocabulary(vocabulary)) == []


@pytest.mark.xfail(
    strict=True,
    reason=(
        "the detector does not flag an appended story without a heading whose relevance to "
        "the article (0.18) lies between appended stories (< 0.15) and the article resuming "
        "after an advertisement (>= 0.29); deterministic on every machine, documented under "
        "'Still missed' in docs/explanation/off-topic-detection.md; strict, so a fix shows"
    ),
)
def test_an_appended_story_after_a_promo_line_sharing_words_is_flagged() -> None:
    entry = next(e for e in ENTRIES if e["file"] == KNOWN_GAP)
    assert _wrong(entry, frozenset()) == []


def test_the_promo_line_itself_is_flagged_and_the_short_article_kept() -> None:
    entry = next(e for e in ENTRIES if e["file"] == KNOWN_GAP)
    wrong = _wrong(entry, frozenset())
    assert not [w for w in wrong if w.startswith("hidden")]
    assert not [w for w in wrong if w.startswith("missed 4:")]


@pytest.mark.parametrize(
    "text",
    [
        "Trade smarter this quarter: open an account with Northgate and pay no fees.",
        "You have read 3 of 5 free articles. Subscribe for unlimited access.",
        "Read the full report",
        "Find out more about our events.",
        "Listen to this story · 5 min",
        "Lesen Sie auch: Warum die Werften bangen",
        "Abonnez-vous à notre lettre d'information",
        "Suscríbete para seguir leyendo.",
        "続きを読むにはログインしてください。",
        "点击关注我们，获取更多资讯。",
    ],
)
def test_calls_to_action_in_several_languages(text: str) -> None:
    assert calls_to_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "Share prices fell 3 per cent on Friday.",
        "Open markets have served both countries well, the minister said.",
        "Support for the deal has grown among farm groups.",
        '"Sign the deal now," the senator told reporters.',
        "Readers of the agreement say it leaves chips out.",
        "Die Regierung lehnte den Vorschlag ab.",
        "Económicamente, la medida afecta sobre todo a China.",
    ],
)
def test_reported_sentences_are_no_calls_to_action(text: str) -> None:
    assert not calls_to_action(text)


def test_the_forms_of_a_notice() -> None:
    assert parenthesised("(Adds comment from the ministry in paragraph 5)")
    assert parenthesised("[Corrects name of the port in paragraph 2]")
    assert not parenthesised("(Reuters) - The ministry said on Monday it would act.")
    assert gives_contact("Write to her at ana.ruiz@example.org")
    assert gives_contact("Call the newsroom at 563-555-0144")
    assert not gives_contact("Exports rose 3.5 per cent to 1,200 tonnes.")
    assert speaks_as_i("I'm Ana and I'll be bringing you the latest.")
    assert not speaks_as_i('"I am not worried," the minister said.')
    assert not speaks_as_i("Phase I of the deal covers farm goods, unlike World War I.")
    assert speaks_as_i("Then I met the minister.")
    assert lead_in("The Hold, our weekly shipping podcast: what the truce means.")
    assert not lead_in("Sponsored: protect your harvest")  # one word is a label, not a lead-in
    assert note_label("Correction, 21 October 2025: An earlier version misstated the date.")
    assert note_label("Hinweis der Redaktion: In einer früheren Fassung hieß es ...")
    assert not note_label("The bigger question for negotiators: what comes next?")
    assert speaks_as_we("本网站所有内容未经授权不得转载。")


def test_a_reported_sentence_holds_a_figure_a_month_or_a_weekday() -> None:
    assert reports_fact("Stocks fell sharply on Friday.")
    assert reports_fact("Se trata de la cuarta ronda desde mayo.")
    assert reports_fact("The index is 3 per cent higher.")
    assert not reports_fact("Intraday data provided by a vendor and subject to terms of use.")


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Jane Roe · 4 min read · September 30, 2025", True),
        ("Por Ana Ruiz | Lima | 15 sep 2025 - 20:14 CEST", True),
        ("2025年11月3日 09:12\u3000来源：东方财经网", True),
        ("Updated 3:12 p.m. ET, March 25, 2025", True),
        ("Trade talks resume in Geneva after a month of silence | 12 May 2025", False),
        ("Business › Technology", False),
    ],
)
def test_bylines_are_names_and_dates_between_separators(text: str, byline: bool) -> None:
    assert is_byline(text) is byline


def test_clock_times_with_a_dot_need_a_zone() -> None:
    assert is_time_stamp("07.41 BST")
    assert is_time_stamp("Tue 8 Jul 2025 14.55 CEST")
    assert not is_time_stamp("Up 3.60 per cent")


@pytest.mark.parametrize(
    "text",
    [
        "Workers sort shirts at a factory on Monday. (Photo: Harbour staff)",
        "Ships wait to berth last week. Photograph: courtesy of the port authority",
        "图为上海港待出口的汽车。（新华社记者 王军 摄）",
        "首相は記者団の質問に答えた。（写真：共同）",
    ],
)
def test_captions_with_labelled_or_bracketed_credits(text: str) -> None:
    assert is_caption(text)


def test_a_sentence_with_a_colon_inside_is_no_caption() -> None:
    assert not is_caption("Officials gave one reason. The goal: lower prices for buyers abroad.")


def test_a_live_blog_keeps_the_headings_of_its_posts() -> None:
    texts = [
        "10.05 BST",
        "Ministers arrive",
        "The ministers arrived in Geneva for the second day of talks on tariffs.",
        "09.40 BST",
        "Markets rally",
        "Stocks rose in Asia as investors bet on a deal between the two sides.",
        "09.10 BST",
        "Good morning and welcome to our coverage of the second day of the talks.",
    ]
    fragment = [is_fragment(t) for t in texts]
    assert live_post_headings(texts, fragment) == {1, 4}
    assert live_post_headings(texts[:6], fragment[:6]) == set()  # two posts: no live blog


def test_the_headline_is_the_line_the_lead_supports_not_a_longer_strip() -> None:
    texts = [
        "Gulf Harbour Farm Report",
        "Corn 4.21 ▲ 0.3% | Soybeans 10.12 ▼ 0.1% | Wheat 5.40 ▲ 0.2% | Cattle 2.31 ▲ 0.5%",
        "Soybean growers wait for Chinese buyers",
        "Soybean growers in the delta are waiting for Chinese buyers to return before the "
        "harvest, with no new orders booked for the autumn and storage bins already full.",
        "Exporters said Chinese buyers had turned to Brazil, where a record crop was sold at "
        "lower prices, and that only a trade deal would bring them back.",
        "Copyright 2025 Gulf Harbour Farm Report. All rights reserved. This material may not "
        "be published, broadcast, rewritten or redistributed without permission of the Gulf "
        "Harbour Farm Report.",
    ]
    page = Page(texts, frozenset())
    assert page.headline == 2
    reasons = offtopic_reasons(texts)
    assert reasons[0] is not None and reasons[1] is not None
    assert reasons[2] is None and reasons[3] is None and reasons[4] is None


def test_a_bracketed_sentence_is_the_articles_aside_not_an_editors_note() -> None:
    assert not parenthesised("(The ministry did not immediately respond to a request.)")
    texts = [
        "Tokyo and Seoul agree to coordinate on US chip rules",
        "Japan and South Korea agreed on Wednesday to share information on American export "
        "controls and to coordinate their responses, trade ministers said in Tokyo.",
        "(The US Commerce Department did not immediately respond to a request for comment.)",
        "Both countries host large plants run by chipmakers that depend on American tools, "
        "and both have been pressed by Washington to tighten their own rules.",
    ]
    assert offtopic_reasons(texts)[2] is None


def test_the_first_person_of_a_column_is_no_sign_of_a_notice() -> None:
    column = [
        "The truce buys time, not peace",
        "I have watched three trade truces come and go, and this one looks no sturdier.",
        "We should be honest about what the deal does: it pauses the escalation only.",
        "China still controls the refining of rare earths, and the United States still "
        "controls the tools that make advanced chips, so each keeps its lever.",
        "Until one of those facts changes, we will be back here within a year or two.",
    ]
    page = Page(column, frozenset())
    assert page.personal
    assert offtopic_reasons(column)[2] is None
    single = [column[0], column[3], column[2], column[3].replace("China", "Beijing")]
    assert not Page(single, frozenset()).personal  # one "we" sentence: a sign again


def test_a_label_opening_several_passages_is_structure() -> None:
    texts = [
        "What the new tariffs mean for importers",
        "Q: Which goods are affected?",
        "A: The new duties cover about 300 billion dollars of imports from September 1.",
        "Q: Can I avoid them?",
        "A: Not easily. Goods made in China are hard to replace quickly, importers said.",
    ]
    page = Page(texts, frozenset())
    assert page.repeated_labels == {"q", "a"}
    assert offtopic_reasons(texts)[3] is None


def test_the_article_goes_on_under_a_sub_heading_after_a_sign_up_line() -> None:
    # The rule tried and withdrawn in the third round (a block under its own headline after a
    # notice judged like what trails an appended story) flagged these paragraphs.
    texts = [
        "China's rare-earth licences slow to a trickle for European magnet makers",
        "European makers of magnets and motors say Chinese export licences for rare earths are "
        "arriving weeks late, forcing some to slow production lines and hunt for supplies in "
        "Japan and Australia.",
        "Industry groups said fewer than half of the applications filed since April had been "
        "approved, and that approvals came with demands for details of end customers.",
        "Sign up for our Supply Chain Brief newsletter to get the week's trade news in your inbox.",
        "How European firms are adapting to the delays",
        "Several carmakers have begun redesigning motors to use less dysprosium and terbium, the "
        "heavy rare earths most tightly controlled by Beijing.",
        "Others are stockpiling magnets, paying premiums of up to 30 per cent over last year's "
        "prices to secure supplies for the coming months.",
        "The European Commission said it had raised the delays with Chinese officials and was "
        "considering joint purchasing of critical raw materials.",
    ]
    reasons = offtopic_reasons(texts)
    assert reasons[3] is not None
    assert (
        reasons[4] is None
    )  # the sub-heading: shaped like a headline, sharing its section's words
    assert reasons[5] is None and reasons[6] is None and reasons[7] is None


def test_an_explainers_lead_in_to_the_reader_is_kept() -> None:
    texts = [
        "What the tariff rise means for shoppers",
        "Tariffs on Chinese phones and laptops rise to 30 per cent on Monday, the trade office "
        "said, in a move that retailers warned would raise prices.",
        "What it means for you: phones and laptops bought after Monday may cost more.",
        "Retailers said they had stocked up before the deadline, so prices may not rise until "
        "later in the year.",
    ]
    assert offtopic_reasons(texts) == [None] * 4
    assert notice_signs("The Hold, our weekly podcast: what the truce means.") == 2


def test_a_sign_up_line_under_the_headline_is_no_standfirst() -> None:
    texts = [
        "China widens rare-earth export controls",
        "Sign up for our China brief to get every rare-earth export story",
        "China widened its export controls on rare earths on Thursday to cover products made "
        "abroad, the commerce ministry said, in a move that reaches beyond its borders.",
        "Exporters will need a licence for magnets containing Chinese rare earths worth 0.1 "
        "per cent of their value.",
    ]
    assert Page(texts, frozenset()).kept == set()
    reasons = offtopic_reasons(texts)
    assert reasons[1] is not None
    assert reasons[0] is None and reasons[2] is None and reasons[3] is None
