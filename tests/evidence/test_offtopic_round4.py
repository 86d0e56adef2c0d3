"""The failure classes of the off-topic detector's fourth round (issue 16), each on a page
written for it (``offtopic_pages/``: end-matter-notes, comment-widget, link-lines-es,
link-lines-ja; flagged as labelled by test_offtopic_classes.py), and the shape rules behind
them on hand-made lines, with reported sentences that must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import (
    byline_name,
    calls_to_action,
    has_copyright,
    is_byline,
    is_end_note,
    refers_to_itself,
)
from grandbargain.evidence.offtopic import COMMENT, NOTICE, offtopic_reasons
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.offtopic_widgets import widget_templates
from grandbargain.evidence.shape import is_caption, label_of

ARTICLE = [
    "Ministers in Ottawa said on Monday that talks with Beijing on canola duties would resume "
    "next month, after a pause of almost a year in which exports fell by half.",
    "The duties cover canola oil and meal, and exporters say a deposit on seed has made "
    "forward sales impossible for most of the crop year.",
    "Farm groups said growers needed a decision before seeding begins in the spring, when "
    "they choose between canola, wheat and pulses.",
]


@pytest.mark.parametrize(
    "text",
    [
        "This story is available to subscribers only.",
        "This piece first ran in our Sunday edition.",
        "This is an abridged version of a report by Northwind Wire.",
        "Dieser Beitrag erschien zuerst in der Printausgabe.",
        "Cet article est réservé aux abonnés.",
        "Este artículo forma parte de nuestra oferta premium.",
        "この記事は有料会員限定です。",
    ],
)
def test_a_passage_speaking_of_the_article_itself(text: str) -> None:
    assert refers_to_itself(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said this report on subsidies was misleading.",
        "An article in the People's Daily called the duties unfair.",
        'The envoy said "this article of the treaty is clear".',
        "Article 5 of the agreement sets out the review.",
    ],
)
def test_reporting_about_articles_and_reports_is_no_self_reference(text: str) -> None:
    assert not refers_to_itself(text)


def test_bylines_without_a_date() -> None:
    assert byline_name("By Tomasz Okafor-Reyes") == "Tomasz Okafor-Reyes"
    assert byline_name("Von Katrin Albers, Hamburg") == "Katrin Albers"
    assert is_byline("Par Léa Moreau")
    assert byline_name("By the end of the year, exports had halved.") is None
    assert byline_name("By contrast") is None


def test_an_imperative_before_the_readers_own_is_a_call_to_action() -> None:
    assert calls_to_action("Safeguard your margins. Compare insurance plans in minutes.")
    assert calls_to_action("Tariffs are rising. Protect your savings with a fixed deposit.")
    assert not calls_to_action("If your shipment is held at customs, the duty still applies.")
    assert not calls_to_action("Whether your goods qualify depends on their origin.")
    assert not calls_to_action('"Check your contracts," the lawyer told importers.')


def test_copyright_lines_without_the_sign_are_end_notes() -> None:
    assert has_copyright("Copyright 2025 Marlow Ledger Media. Republished with permission.")
    assert has_copyright("(c) 2024 Northwind Wire")
    assert is_end_note("Copyright 2025 Northwind Wire. Distributed by Harbour Post.")


def test_captions_opening_with_a_pictures_label() -> None:
    assert is_caption("Photo: the minister at a press conference in Ottawa")
    assert is_caption("Foto: el secretario durante la presentación")
    assert is_caption("写真：記者会見する大臣（資料）")
    assert not is_caption("Photographers gathered outside the ministry before dawn.")


def test_a_bracketed_cjk_label_is_a_label() -> None:
    assert label_of("【関連】レアアース7品目に輸出管理") == "関連"
    assert label_of("中国商務省は12日、発表した。") is None


def _flags(texts: list[str]) -> list[str | None]:
    return offtopic_reasons(texts)


def test_an_authors_bio_after_the_article_is_end_matter() -> None:
    texts = ["Canola talks to resume", "By Tomasz Okafor-Reyes", *ARTICLE]
    bio = "Tomasz Okafor-Reyes covers agriculture from Winnipeg. He joined the paper in 2019."
    reasons = _flags([*texts, bio])
    assert reasons[-1] is not None and all(r is None for r in reasons[2:-1])
    quoted = "Tomasz Okafor-Reyes asked the minister whether the duties would be lifted."
    assert _flags(["Canola talks to resume", *ARTICLE, quoted])[-1] is None  # no byline


def test_a_link_line_between_paragraphs_is_flagged_and_the_article_goes_on() -> None:
    link = "Read also: Prairie growers switch acres from canola to pulses"
    reasons = _flags(["Canola talks to resume", ARTICLE[0], ARTICLE[1], link, ARTICLE[2]])
    assert reasons == [None, None, None, NOTICE, None]


def test_a_label_opening_several_lines_is_no_link() -> None:
    lines = ["Q: What do the canola duties cover now", "A: " + ARTICLE[1]]
    texts = [
        "Canola talks to resume",
        ARTICLE[0],
        *lines,
        "Q: When is the review due to end",
        "A: " + ARTICLE[2],
    ]
    assert all(r is None for r in _flags(texts))


def test_widget_templates_recur_with_figures_changed() -> None:
    texts = ["▲ 31 · Reply", "A comment.", "▲ 7 · Reply", "▲ Reply", "Post.", "12 May"]
    assert widget_templates(Page(texts, frozenset())) == {0, 2}


def test_recurring_time_stamps_are_no_widget_template() -> None:
    post = "Negotiators said talks on export licences would go on through the night in London."
    texts = ["Trade talks: live", post, "09:40 BST", post.replace("night", "day"), "10:05 BST"]
    texts += [post.replace("London", "Geneva"), "10:40 BST", post.replace("export", "chip")]
    assert all(r != COMMENT for r in _flags(texts))


def test_comments_beside_a_widgets_template_need_no_user_name() -> None:
    thread = [
        "Comments (12)",
        "Nobody who ships canola should be surprised by any of this.",
        "▲ 31 · Reply",
    ]
    thread += [
        "Jo Smith",
        "Case by case means nothing until we see how many are refused.",
        "▲ 17 · Reply",
    ]
    reasons = _flags(["Canola talks to resume", *ARTICLE, *thread])
    assert reasons[5] == COMMENT and reasons[8] == COMMENT
    assert all(r is None for r in reasons[:4])
