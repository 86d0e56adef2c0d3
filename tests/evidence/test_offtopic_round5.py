"""The failure classes of the off-topic detector's fifth round (issue 16), each on a page
written for it (``offtopic_pages/``: pdf-numbered-sections, transcript-speakers,
sidebar-fact-box, newsletter-verdict, live-blog-markets, notices-new-forms, pt-paywall-date;
flagged as labelled by test_offtopic_classes.py), and the rules behind them on hand-made
lines, each with a case that must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import calls_to_action, is_notice, parenthesised
from grandbargain.evidence.notice import refers_to_itself as speaks_of_itself
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_headline import email_header, live_posts
from grandbargain.evidence.offtopic_layout import (
    fact_box,
    menu_line,
    numbered_sections,
    own_verdict,
    running_head,
)
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.shape import is_caption, is_fragment
from grandbargain.evidence.stamps import is_time_stamp

ARTICLE = [
    "Port fees on Chinese-built ships were suspended for a year under the truce, and carriers "
    "have begun adding surcharges to autumn contracts in case the fees return in November.",
    "Shipping lines said the fees, charged per net ton on each call at a US port, would cost "
    "them several hundred million dollars a year if they came back at the old level.",
    "Exporters in the Midwest said the surcharges would be passed on to farmers, who already "
    "face lower prices for soybeans and corn this autumn.",
]


def _page(texts: list[str]) -> Page:
    return Page(texts, frozenset())


def test_numbered_sections_need_a_neighbouring_number_and_a_sentence_under_them() -> None:
    texts = [
        "1. Why the fees matter",
        ARTICLE[0],
        "Page footer",
        "2. What carriers did",
        ARTICLE[1],
        "7. Unrelated item",
        ARTICLE[2],
    ]
    fragment = [is_fragment(t) for t in texts]
    assert numbered_sections(texts, fragment) == {0, 3}  # 7 has no 6 or 8
    listed = ["1. Fed holds rates", "2. Gold slips", "3. Five stocks to watch"]
    assert numbered_sections(listed, [True] * 3) == set()  # a list: no sentence under them


def test_a_fact_box_names_the_article_s_subjects_with_figures() -> None:
    box = ["At a glance", "Port fees: suspended for 12 months", "Surcharges: 2025 contracts"]
    assert fact_box(_page([*ARTICLE, *box])) == {3, 4, 5}
    keys = ["Header", "date: 2025-11-10", "title: Port fees 2025", "URL: https://ex.example/1"]
    assert fact_box(_page([*ARTICLE, *keys])) == set()  # data keys, a stamp, an address
    one = ["At a glance", "Port fees: suspended for one year", "Read more about shipping"]
    assert fact_box(_page([*ARTICLE, *one])) == set()  # a single fact line is no box


def test_a_running_head_repeats_the_headline_s_first_words() -> None:
    texts = [
        "Port fees and carriers: what the truce changed",
        *ARTICLE[:2],
        "Port fees and carriers | Analysis",
        ARTICLE[2],
        "Port authorities | Analysis",
    ]
    page = _page(texts)
    assert page.headline == 0
    assert running_head(page, 3) and not running_head(page, 5)


def test_a_labelled_verdict_about_the_topic_is_the_writer_s_own_text() -> None:
    verdict = "Our view: carriers will keep the surcharges in their contracts until the fees go."
    promo = "Our podcast: new episodes on Fridays, hosted by the desk team in Antwerp."
    pitch = "Our view: subscribe for unlimited access to port fees analysis and carriers data."
    page = _page([*ARTICLE, verdict, promo, pitch])
    assert own_verdict(page, 3)
    assert not own_verdict(page, 4)  # shares no term with the article: a notice
    assert not own_verdict(page, 5)  # calls to action
    reasons = offtopic_reasons(["Freight weekly: port fees", *ARTICLE, verdict, promo])
    assert reasons[4] is None and reasons[5] is not None


def test_speakers_labels_do_not_make_end_matter() -> None:
    texts = [
        "Transcript: minister questioned on port fees",
        "MINISTER: Port fees on Chinese-built ships stay suspended until November, and the "
        "department will publish a review of the surcharges carriers have added to contracts.",
        "MEMBER: Will the review cover the surcharges passed on to farmers?",
        "MINISTER: It will cover every surcharge charged on exports through US ports.",
        "MINISTER: That is all I can say on port fees this morning.",
        "Correction: an earlier version of this transcript misnamed the member.",
    ]
    reasons = offtopic_reasons(texts)
    assert reasons[4] is None and reasons[5] is not None


def test_menus_and_e_mail_headers() -> None:
    assert menu_line("In this edition: Port fees · Rotterdam · Our view")
    assert menu_line("Home > Hearings > Trade")
    assert not menu_line("Port fees return as the truce ends | Analysis")
    assert not menu_line("Tariff: 20% to 10%")
    mail = ["From: Desk <desk@ex.example>", "Subject: Week 9 | Port fees", "Port fees return"]
    assert email_header(mail) == {0, 1}
    assert email_header(["Subject: Week 9", "From: the desk", "Port fees return"]) == set()


def test_a_one_word_label_under_a_stamp_is_no_post_heading() -> None:
    texts = []
    for hour in (8, 10, 12):
        texts += [
            f"4 March 2026, {hour}:05 GMT",
            "Pinned" if hour == 8 else "Fees talks",
            ARTICLE[0],
        ]
    headings, stamps = live_posts(texts, [is_fragment(t) for t in texts])
    assert stamps == {0, 3, 6} and headings == {4, 7}


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("UPDATE 10:12: This story has been updated with the ministry's statement.", True),
        ("This edition is brought to you by Calder Logistics.", True),
        ("Questo articolo è riservato agli abbonati.", True),
        ("Dit artikel is alleen voor abonnees.", True),
        ("Este artigo é exclusivo para assinantes.", True),
        ("Эта статья доступна только подписчикам.", True),
        ("Bài viết này chỉ dành cho hội viên.", True),
        ("This issue has divided the two delegations since April.", False),
        ("The minister said: this was a fair deal for farmers.", False),
    ],
)
def test_notices_speaking_of_the_text_itself(text: str, notice: bool) -> None:
    assert speaks_of_itself(text) is notice


def test_wire_edit_notes_with_a_word_count_and_deadline_ads() -> None:
    assert parenthesised("(Updates with ministry statement, analyst comment) 386 words")
    assert not parenthesised("(Updates with ministry statement.) The talks resume in May.")
    assert calls_to_action("Charge at home for less. Order by Sunday.")
    assert not calls_to_action("Book sales fell by a tenth in the quarter.")
    assert is_notice("Your savings deserve better: fixed deposits now at 3.1% AER.")
    assert not is_notice("What it means for you: duties on toys stay at 30 per cent.")


def test_time_zone_offsets_and_picture_words() -> None:
    assert is_time_stamp("Thứ Ba, 12/8/2025 08:40 (GMT+7)")
    assert is_time_stamp("Qua, 14/5/2026 10:20 (GMT-3)")
    assert not is_time_stamp("Talks resumed at 08:40 in Geneva with both delegations present")
    assert is_caption("Trade commissioner Ines Varga in Brussels (file photo)")
    assert not is_caption("The commissioner spoke in Brussels (a first since March).")


def test_a_short_sentence_above_a_credit_line_is_its_caption() -> None:
    texts = [
        "Carriers add surcharges as port fees loom",
        *ARTICLE,
        "A container ship waits off Rotterdam on Monday.",
        "Photo: Northsea Wire / K. Brandt",
        "Exporters said they would ask the ministry for relief before the fees return.",
    ]
    reasons = offtopic_reasons(texts)
    assert reasons[4] is not None and reasons[5] is not None and reasons[6] is None
    own = [*texts[:5], "Photo: A container ship waits off Rotterdam. Photo: Northsea Wire"]
    assert offtopic_reasons(own)[3] is None  # the credit line holds its own caption
