"""The rules of the off-topic detector's ninth round (issue 16; unseen7's first look), on
hand-made lines, each with a case that must not match; the class pages written for them
(``th-spaceless-article.txt``, ``km-spaceless-article.txt``, ``purpose-notices-sections.txt``)
are flagged as labelled by test_offtopic_classes.py."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import is_notice
from grandbargain.evidence.notice_purpose import (
    ad_label,
    developing_note,
    independence_note,
    print_line,
    staff_byline,
    ticker,
    translator_note,
)
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.scripts import size, spaceless_terms, unstopped
from grandbargain.evidence.shape import ends_sentence, is_caption, is_fragment, tokens
from grandbargain.evidence.stamps import is_time_stamp, year_headings

THAI = "ผู้ส่งออกไทยในกลุ่มชิ้นส่วนยานยนต์มองว่าการขยายเวลาช่วยลดความไม่แน่นอนของคำสั่งซื้อ"


def test_thai_is_sized_by_characters_and_a_long_line_is_a_sentence() -> None:
    assert len(THAI.split()) == 1 and size(THAI) == -(-len(THAI) // 4)
    assert unstopped(THAI) and not is_fragment(THAI)
    assert is_fragment("ข่าวยอดนิยม")  # "most popular": a short line stays a fragment
    menu = "หน้าหลัก | ข่าวเศรษฐกิจ | ตลาดหุ้น | ภูมิภาค"
    assert not unstopped(menu) and is_fragment(menu)  # items between bars: a menu


def test_thai_terms_are_trigrams_with_their_marks() -> None:
    assert spaceless_terms("ทรัมป์") == ["ทรั", "รัม", "ัมป", "มป์"]
    assert "ทรั" in tokens("ทรัมป์ said")
    assert "tariff" in tokens("ทรัมป์ tariffs")
    assert spaceless_terms("Tariffs rose") == []


def test_khmer_and_myanmar_full_stops_end_sentences() -> None:
    khmer = "ពន្ធគយរបស់សហរដ្ឋអាមេរិកលើទំនិញចិននៅតែស្ថិតក្នុងកម្រិតសាមសិបភាគរយ។"
    assert ends_sentence(khmer) and not unstopped(khmer)
    assert ends_sentence("မြန်မာနိုင်ငံ။")
    assert not ends_sentence("ពន្ធគយរបស់សហរដ្ឋអាមេរិក")


def test_a_stamp_with_counters_is_a_stamp_and_a_headline_with_a_date_is_not() -> None:
    assert is_time_stamp("30 ต.ค. 2568 เวลา 17:05 น. | อ่าน 3,215 ครั้ง")
    assert is_time_stamp("March 3, 2025 · 12 comments")
    assert not is_time_stamp("March 3, 2025 | 5 things to know about the deal")


def test_an_initial_ends_no_sentence_before_a_credit() -> None:
    assert not is_caption("Fact Sheet: President Donald J. Trump Secures Trade Deal With China")
    assert is_caption("Soybeans are loaded at the port. Photo: Jane Doe")


@pytest.mark.parametrize(
    ("rule", "text", "found"),
    [
        (ad_label, "Sponsored: Move your freight from Asia for less with Ostrava Lines.", True),
        (ad_label, "Anzeige: Jetzt Lagerplatz sichern", True),
        (ad_label, "Sponsored by the farm lobby, the bill would cut duties.", False),
        (developing_note, "This is a developing story and will be updated.", True),
        (developing_note, "Notizia in aggiornamento", True),
        (developing_note, "This is a developing story for growers, analysts said.", True),
        (developing_note, "The story of the talks is still developing, officials said.", False),
        (print_line, "A version of this article appears in print on June 12, 2025.", True),
        (print_line, "The ministry will print the new tariff schedule in June.", False),
        (translator_note, "Translator's note: the term renders 两用物项.", True),
        (translator_note, "The translator's notes were not published, the ministry said.", False),
        (
            independence_note,
            "X is an independent translation service and is not affiliated with Y.",
            True,
        ),
        (independence_note, "The lab is independent and works with the ministry.", False),
        (ticker, "LATEST: Budget approved | Storm warning for the coast | Fares rise", True),
        (ticker, "Key dates: talks in May, a truce in June and a deal in October.", False),
        (ticker, "Tariff rates: 10% | 20% | 30%", False),
        (staff_byline, "By Harlow Press staff", True),
        (staff_byline, "By the end of the year, staff cuts are expected.", False),
    ],
)
def test_notices_by_purpose(rule: object, text: str, found: bool) -> None:
    assert callable(rule)
    assert rule(text) is found


def test_subscribe_in_italian_is_a_notice_and_a_sentence_about_subscribers_is_not() -> None:
    assert is_notice("Abbonati per leggere tutti gli articoli. Il primo mese a 1 euro.")
    assert not is_notice("Gli abbonati al servizio sono cresciuti del 10% nel 2025.")


def test_year_lines_head_a_chronology_only_above_dated_entries() -> None:
    lines = ["2018", "6 July: Tariffs take effect.", "2019", "10 May: Tariffs rise."]
    assert year_headings(lines) == {0, 2}
    assert year_headings(["2018", "Tariffs took effect.", "2019", "They rose."]) == set()
    assert year_headings(["2018", "6 July: Tariffs take effect."]) == set()  # one is no chronology


SECTIONED = [
    "Ottawa weighs canola relief as Beijing keeps its duties",
    "The federal government is weighing a support package for canola"
    " growers after China kept its duty on canola seed.",
    "Canola growers and the relief package",
    "Farm groups say the duty has cut exports of canola seed to China by"
    " more than half since it took effect.",
    "Canola duties and the growers",
    "Agriculture Minister Dana Kowalchuk said the relief package for"
    " canola growers would be ready before seeding.",
    "{}",
    "China imposed the duty on canola seed after Canada put tariffs on"
    " Chinese electric vehicles, growers said.",
    "Canola exports to China were worth about 5 billion dollars last year,"
    " the largest market for canola seed.",
]


@pytest.mark.parametrize(
    ("line", "kept"), [("Background", True), ("Advertisement", False), ("ADVERTISEMENT", False)]
)
def test_a_one_word_sub_heading_of_a_sectioned_article_is_kept_and_an_ad_line_is_not(
    line: str, kept: bool
) -> None:
    texts = [t.format(line) for t in SECTIONED]
    reasons = offtopic_reasons(texts)
    assert (reasons[6] is None) is kept, reasons


LEAD = [
    "Treasury finalises the outbound investment rule for China",
    "{}",
    "The rule takes effect on January 2 and applies to investments by US persons in Chinese"
    " companies working on chips, quantum computing and artificial intelligence.",
    "Covered transactions and the rule",
    "Covered transactions under the rule include equity, convertible debt and joint ventures"
    " with Chinese companies in those fields, the Treasury said.",
    "Exceptions to the rule",
    "Investments in publicly traded securities are exempt from the rule, as are some limited"
    " partner stakes below two million dollars, the Treasury said.",
]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Key takeaways", True),
        ("Advertisement", False),
        ("Listen to this", False),
        ("Marta Quill", False),
    ],
)
def test_the_first_sections_heading_above_the_lead_is_kept_and_furniture_is_not(
    line: str, kept: bool
) -> None:
    reasons = offtopic_reasons([t.format(line) for t in LEAD])
    assert (reasons[1] is None) is kept, reasons


def test_a_short_line_above_the_lead_of_an_article_without_sub_headings_is_not_kept() -> None:
    texts = [t.format("Key takeaways") for t in LEAD[:3]] + [LEAD[4], LEAD[6]]
    assert offtopic_reasons(texts)[1] is not None


def test_a_caption_above_a_credit_for_an_outlet_is_flagged_and_reporting_above_a_note_is_not() -> (
    None
):
    lead = (
        "Negotiators from the United States and China met in London on Monday to discuss"
        " export controls and rare earths, officials said."
    )
    more = (
        "Commerce Secretary Howard Lutnick said the framework would resolve the dispute over"
        " rare-earth magnets and the export licences that held up shipments."
    )
    caption = "Delegates arrive at the talks in London on Monday."
    texts = ["US and China agree on a framework in London", lead, caption]
    reasons = offtopic_reasons([*texts, "Credit: Jonah Feltwell for The Harbour Ledger", more])
    assert reasons[2] is not None and reasons[3] is not None
    reasons = offtopic_reasons([*texts, more, more.replace("Commerce", "Trade")])
    assert reasons[2] is None


NOTE = [
    "Harwick Bank | Markets Research",
    "Soybean tracker: Beijing's buying trails the pledge",
    "Beijing's soybean buying reached about half of the pledge by the end of November.",
    "Soybean buying picked up in the autumn after a very slow start in the spring.",
    "Beijing's buying of energy lags even further behind the pledge, at about a third.",
    "Source: customs data and census figures, Harwick Bank Research",
    "Customs data and census figures compiled by the research team show cumulative imports"
    " running well below the pro-rated path in every month of the year, with the gap widest"
    " in the customs data for energy and manufactured goods.",
]


def test_three_short_sentences_in_a_row_open_the_article_below_its_headline() -> None:
    from grandbargain.evidence.offtopic_page import Page

    assert Page(NOTE, frozenset()).headline == 1
    two = NOTE[:4] + NOTE[5:]  # two short sentences: the lead is the long paragraph
    assert Page(two, frozenset()).headline != 1


def test_lao_is_sized_like_thai_and_tibetan_and_myanmar_count_by_characters() -> None:
    lao = "ສະຫະລັດ ແລະ ຈີນ ຕົກລົງຂະຫຍາຍເວລາການໂຈະພາສີນຳເຂົ້າອອກໄປອີກເກົ້າສິບວັນ"
    assert unstopped(lao) and not is_fragment(lao)
    tibetan = "རྒྱ་ནག་དང་ཨ་མེ་རི་ཀ།"
    assert size(tibetan) == -(-len(tibetan.replace(" ", "")) // 4)
    assert ends_sentence(tibetan) and not unstopped(tibetan)
    assert size("Tariffs rose 10% on Monday.") == 5


PIECE = [
    "How Washington's port fees reshaped the shipping lanes",
    "When the United States began charging port fees on Chinese-built ships, carriers had"
    " already started moving those vessels to routes that avoid American ports.",
    "Several large lines said they would keep newer ships built in South Korea and Japan on"
    " their American services and send the older vessels to Europe and Africa.",
    "{}",
    "Shipbuilders in the United States said the fees had brought inquiries but few orders,"
    " since a new yard takes years to build and costs billions of dollars.",
]


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        ('"Carriers moved the Chinese-built vessels to routes that avoid American ports."', True),
        (
            '"Carriers moved the vessels to routes that avoid American ports," an analyst said.',
            False,
        ),
        ('"Nobody in the industry expected the yards to reopen so soon."', False),
    ],
)
def test_a_pull_quote_repeats_the_article_without_a_speaker(quote: str, flagged: bool) -> None:
    reasons = offtopic_reasons([t.format(quote) for t in PIECE])
    assert (reasons[3] is not None) is flagged, reasons
