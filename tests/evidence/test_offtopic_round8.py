"""The failure classes of the off-topic detector's eighth round (issue 16; unseen6's first
look), each on pages written for it (``offtopic_pages/``, flagged as labelled by
test_offtopic_classes.py), and the rules behind them on hand-made lines, each with a case that
must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import is_byline, is_end_note, is_notice
from grandbargain.evidence.notice_forms import (
    bracketed_insert,
    data_notice,
    greeting,
    production_credit,
    publication_stamp,
    read_also,
    reading_line,
    revision_note,
    timed_comment,
)
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_blocks import blocks
from grandbargain.evidence.offtopic_functions import is_bio, is_footnote
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.shape import is_fragment


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Adds comment from the farm ministry in paragraph 5", True),
        ("Corrects date of the vote in second paragraph of earlier version.", True),
        ("(Updates throughout with closing prices)", True),
        ("Adds to pressure on Ottawa, growers said on Monday.", False),
        ("Changes in the tariff schedule take effect in March.", False),
        ("Changes to the headline tariff rate take effect in March.", False),
        ("Updates to the rules will apply throughout the year.", False),
        ("Adds to the lead China holds in refining, analysts said.", False),
        ("Updates headline, adds details of the review", True),
    ],
)
def test_revision_note(text: str, found: bool) -> None:
    assert revision_note(text) is found
    if found:
        assert is_notice(text) and is_end_note(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hosted by Marcus Delacroix. Produced by Ines Okoro.", True),
        ("Additional reporting by Lena Fiore; editing by Tom Hardy.", True),
        ("Translation by Harbour Monitor staff. The original text prevails.", True),
        ("Edited by the ministry, the text was published on Monday.", False),
        ("The bill was produced by a committee of farm groups in Regina.", False),
    ],
)
def test_production_credit(text: str, found: bool) -> None:
    assert production_credit(text) is found


def test_square_brackets_are_an_editors_insert_but_a_reference_is_not() -> None:
    assert bracketed_insert("[Crosstalk; the minister's reply was not audible.]")
    assert not bracketed_insert("[1] Statistics Canada, canola exports, 2025.")
    assert not bracketed_insert("The duty [on canola oil] stays at 100 per cent.")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("via Dockside Audio · 42 min listen", False),
        ("via Tidewater Weekly · 6 min read", True),
        ("Lena Fiore | 4 Min. Lesezeit", True),
        ("Exports fell 4 min read to 6 percent · 3 min", False),
    ],
)
def test_reading_line(text: str, found: bool) -> None:
    assert reading_line(text) is found
    if found:
        assert is_byline(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Originally published 4 Feb 2026, 06:00 EST", True),
        ("Ana Costa | Atualizado: 3 de março de 2026, 10:15", False),
        ("Lena Fiore | Aktualisiert: 3. März 2026, 10:15 Uhr", True),
        ("Published figures show exports fell 4 percent in 2025 to a record low.", False),
        ("Updated guidance", False),
    ],
)
def test_publication_stamp(text: str, found: bool) -> None:
    assert publication_stamp(text) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kişisel verileriniz KVKK kapsamında işlenir; çerez politikamızı kabul edin.", True),
        ("Wij gebruiken cookies; lees ons privacybeleid en geef toestemming.", True),
        ("The EU's cookie rules were not part of the trade talks.", False),
        ("Canola prices rose after the review was agreed, traders said.", False),
    ],
)
def test_data_notice(text: str, found: bool) -> None:
    assert data_notice(text) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Lees ook: Kanada verlaagt invoerheffing op koffie", True),
        ("Czytaj także: Złoty umacnia się po danych", True),
        ("Xem thêm: Giá cà phê tăng mạnh", True),
        ("Lees de verklaring van het ministerie hieronder niet als een akkoord.", False),
    ],
)
def test_read_also(text: str, found: bool) -> None:
    assert read_also(text) is found


def test_timed_comment_and_greeting() -> None:
    assert timed_comment("Parkerville_Grower · 6 hours ago: Great episode.")
    assert timed_comment("HarbourPost (author) · 1 day ago: Thanks, fixed.")
    assert not timed_comment("Ottawa · 6 hours ago the ministry said: talks resume.")
    assert greeting("Good evening and welcome to our coverage of the Vancouver talks.")
    assert not greeting("Hello, the minister said, was all he could manage before the vote.")
    assert not greeting("Welcome relief came for growers when the review was agreed.")
    assert not greeting("Hi-tech exporters welcome the review, the chamber said.")


HEAD = [
    "Prairie Policy Review",
    "Why the canola review matters for growers",
    "By Lena Fiore",
    "Canada and China agreed in Vancouver to review the tariffs on canola, pork and electric "
    "vehicles, in talks that growers say came a year too late.",
]


def test_bio_needs_a_bylines_author_or_a_label() -> None:
    bio = "Lena Fiore is a senior fellow at the Prairie Policy Institute in Regina."
    source = "Marta Quill is a senior fellow at the Harbour Institute, who has studied canola."
    guest = "Guest: Dr. Marta Quill is a research associate at the Harbour Institute."
    doc = Page([*HEAD, bio, source, guest], frozenset())
    n = len(HEAD)
    assert is_bio(doc, n) and not is_bio(doc, n + 1) and is_bio(doc, n + 2)


def test_an_endnote_needs_its_mark_in_the_text() -> None:
    body = "Growers lost their largest market when the duties began.[1]"
    note = "[1] Statistics Canada, canola exports by destination, 2025."
    other = "[2] Statistics Canada, pork exports by destination, 2025."
    doc = Page([*HEAD, body, note, other], frozenset())
    n = len(HEAD)
    assert is_footnote(doc, n + 1) and not is_footnote(doc, n + 2)


SECTIONS = [
    "Briefs / Agriculture",
    "Why the canola review is a test of managed trade",
    "Canada and China agreed in Vancouver to review the tariffs on canola, pork and electric "
    "vehicles. The review is a test of whether managed trade can settle a tariff dispute.",
    "Officials have 60 days to report, and neither side may raise duties while it runs, the "
    "trade ministry in Ottawa said on Thursday.",
    "What growers should do",
    "Growers in Saskatchewan should price their spring canola contracts with the duties in "
    "place, and keep records of every cancelled sale for compensation claims.",
    "Crushers in Manitoba have cut their purchase prices, and lenders want to see contracts "
    "that cover the tariff risk before the planting loans are signed.",
]


def test_a_plain_sub_heading_opens_a_section_but_a_headline_or_a_widget_does_not() -> None:
    # the page section-headings-table.txt (test_offtopic_classes.py) holds the whole case:
    # a section of relevance 0.27 after "How the dispute began", hidden by the seventh round
    page = Page(SECTIONS, frozenset())
    assert [b.section for b in blocks(page)] == [False, True]
    titled = [*SECTIONS[:4], "Growers in Saskatchewan price canola contracts", *SECTIONS[5:]]
    assert [b.section for b in blocks(Page(titled, frozenset()))] == [False, False]
    widget = [*SECTIONS[:4], "Share this story", *SECTIONS[4:]]
    assert [b.section for b in blocks(Page(widget, frozenset()))][-1] is False


def test_a_story_after_its_own_headline_is_still_appended() -> None:
    story = [
        "Heat wave grips southern Europe as temperatures pass 40 degrees",
        "Temperatures passed 40 degrees in Seville and Athens on Thursday, and forecasters "
        "said the heat would last into next week across southern Europe.",
        "Hospitals in Madrid reported a rise in heat-related admissions, and the city opened "
        "air-conditioned shelters in libraries and sports halls.",
    ]
    reasons = offtopic_reasons(SECTIONS[:4] + story)
    assert all(r is not None for r in reasons[4:])


def test_a_table_after_the_last_paragraph_is_kept_when_its_rows_are_the_articles() -> None:
    table = [
        "Month | Canola duty | Pork duty | Event",
        "Mar 2025 | 100% | 25% | Canola duties imposed after EV tariffs",
        "Aug 2025 | 100% | 25% | Canola anti-dumping deposit added",
        "Jan 2026 | 100% | 25% | Canola review agreed in Vancouver",
        "Notes: duties are those on canola oil and meal.",
    ]
    widget = [
        "Markets at the close",
        "Dow | 47,562 | +0.4%",
        "S&P 500 | 6,840 | +0.3%",
        "Nasdaq | 23,724 | +0.1%",
    ]
    kept = offtopic_reasons(SECTIONS[:4] + table)
    assert kept[4:] == [None] * len(table)
    hidden = offtopic_reasons(SECTIONS[:4] + widget)
    assert all(r is not None for r in hidden[4:])


def test_the_headline_stands_below_the_sites_navigation_trail() -> None:
    lead = (
        "Canada and China agreed in Vancouver to review the canola tariffs, the trade "
        "ministry said on Thursday, after two days of talks at the port authority."
    )
    page = [
        "Whitcombe Centre for Canola Trade Review",
        "Briefs / Agriculture / Canola",
        "Canada and China agree canola tariff review in Vancouver",
        lead,
        "Officials have 60 days to report, and neither side may raise duties meanwhile.",
    ]
    reasons = offtopic_reasons(page)
    assert reasons[0] is not None and reasons[2] is None
    # without a trail below it, a supported line above the headline is not passed over
    no_trail = [page[0], page[2], lead, page[4]]
    assert offtopic_reasons(no_trail)[1] is None


def test_placed_byline_and_a_product_offer() -> None:
    assert is_byline("By Lena Fiore in Regina · 4 February 2026")
    assert not is_byline("By the time talks resumed in Regina · 4 February 2026")
    assert is_notice("Read anywhere: try Harbourline Reader free for 14 days.")
    assert not is_notice("Growers try Canadian crushers first, then ship to Japan.")


GLOSSARY = [
    "A glossary of the canola dispute",
    "The canola dispute between Canada and China has its own vocabulary, and the terms "
    "below come up in every round of talks on the tariffs and the review.",
    "Anti-dumping deposit: a cash deposit importers of canola seed pay while China "
    "investigates whether Canadian canola is sold below its normal value.",
    "Tariff review: the 60-day review agreed in Vancouver of the duties on canola, "
    "pork and electric vehicles, during which neither side may raise them.",
    "Crush margin: what a canola crusher earns from oil and meal over the seed's cost.",
]


def test_a_labelled_entry_after_labelled_entries_is_one_more_entry() -> None:
    reasons = offtopic_reasons(GLOSSARY)
    assert reasons[4] is None
    note = "Correction: an earlier version gave the wrong deposit rate."
    after_prose = [*GLOSSARY[:2], GLOSSARY[2].split(": ", 1)[1].capitalize(), note]
    assert offtopic_reasons(after_prose)[3] is not None


ACTIONS = [
    "Canola council bulletin",
    "Canola review agreed in Vancouver",
    "Canada and China agreed in Vancouver to review the tariffs on canola seed, oil and "
    "meal, and neither side may raise duties while the 60-day review runs.",
    "Action items",
    "- Review the tariff clauses in canola contracts before the spring shipments begin.",
    "- Report any cancelled canola cargo to the council so that we can raise it with Ottawa.",
    "Questions? Contact the trade desk at desk@canola.example.",
]


def test_a_bulleted_item_after_a_kept_item_is_the_list_going_on() -> None:
    reasons = offtopic_reasons(ACTIONS)
    assert reasons[4] is None and reasons[5] is None and reasons[6] is not None


def test_a_long_cjk_line_without_a_sentence_end_is_a_headline_shape() -> None:
    headline = (
        "カナダと中国、菜種関税の見直しで合意\u3000バンクーバー協議受け\u3000生産者は作付けを判断へ"
    )
    assert is_fragment(headline)
    assert not is_fragment(headline + "。政府が発表した。")
    korean = (
        "정부는 캐나다와 중국이 카놀라 관세를 재검토하기로 합의했다고 밝혔으며 "
        "농가는 파종을 앞두고 있다."
    )
    assert not is_fragment(korean)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("By Lena Fiore and Marcus Delacroix", True),
        ("Lena Fiore, Ottawa correspondent", True),
        ("Por Ana Ruiz en Madrid | 3 de mayo de 2025", True),
        ("By Thursday and Friday", False),
        ("Lena Fiore, the trade minister", False),
    ],
)
def test_bylines_of_two_authors_a_role_or_a_place(text: str, found: bool) -> None:
    assert is_byline(text) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Translated from the Chinese by Harbour staff. The original is authoritative.", True),
        ("Produced by Ines Okoro with help from Marcus Delacroix.", True),
        ("Transcript edited for length and clarity.", True),
        ("Originally appeared in the Prairie Ledger on 3 May 2026.", True),
        ("Republished with permission from the Prairie Ledger.", True),
        ("The agreement was translated into French by the ministry last week.", False),
        ("The original tariff schedule stays in force until March.", False),
        ("First appeared reluctant, the minister later agreed to the review.", False),
    ],
)
def test_notes_on_how_the_text_was_made(text: str, found: bool) -> None:
    assert is_notice(text) is found


def test_cookie_notice_naming_the_site() -> None:
    assert data_notice("Vi använder kakor för att förbättra webbplatsen.")
    assert data_notice("Käytämme evästeitä sivuston toiminnan parantamiseen.")
    assert not data_notice("Cookie makers said the canola tariff raised their costs.")


def test_a_dialogues_last_turns_are_no_end_matter_but_a_related_question_is() -> None:
    turns = [
        "Ministry briefing on canola, 6 February 2026",
        "Spokesperson Lena Fiore: Canada and China agreed in Vancouver to review tariffs on "
        "canola, pork and electric vehicles, and the review will report within 60 days.",
        "Reporter: Will China lift the canola duties before the review ends?",
        "Lena Fiore: The duties stay while the review runs. Neither side will raise them.",
    ]
    assert all(r is None for r in offtopic_reasons(turns)[1:])
    related = [
        *turns[:2],
        "Related: Will canola growers plant less this spring?",
        "Correction: an earlier version of this article gave the wrong review period.",
    ]
    reasons = offtopic_reasons(related)
    assert reasons[2] is not None and reasons[3] is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bültenimize abone olun, en son haberleri kaçırmayın.", True),
        ("Berlangganan newsletter kami untuk mendapatkan berita terbaru.", True),
        ("اشترك في نشرتنا الإخبارية للحصول على آخر الأخبار.", True),
        ("हमारे न्यूज़लेटर की सदस्यता लें और ताज़ा खबरें पाएं।", True),
        ("Artikel ini telah diperbarui pada 3 Mei 2026.", True),
        ("Bu haber 3 Mayıs 2026 tarihinde güncellendi.", True),
        ("Artikel ini membahas tarif kanola yang disepakati di Vancouver.", False),
        ("Çiftçiler kanola gümrük vergisinin kaldırılmasını bekliyor.", False),
    ],
)
def test_sign_ups_and_update_notes_in_further_languages(text: str, found: bool) -> None:
    assert is_notice(text) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("بقلم أحمد علي | 3 مايو 2026", True),
        ("द्वारा राहुल वर्मा | 3 मई 2026", True),
        ("Tác giả Nguyễn Văn An | 03/05/2026", True),
        ("Oleh karena itu pemerintah menunda | tarif naik 3 persen pada Mei", False),
    ],
)
def test_bylines_in_further_scripts(text: str, found: bool) -> None:
    assert is_byline(text) is found
