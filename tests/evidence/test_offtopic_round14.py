"""The rules of the off-topic detector's fourteenth round (issue 16; unseen12's first look),
each with cases that must not match. The pages of the round are
``offtopic_pages/subtitle-file-port-fees.txt`` and ``event-recap-export-controls.txt``
(checked with every class page in ``test_offtopic_classes.py``)."""

from __future__ import annotations

from grandbargain.evidence.notice_forms import production_credit
from grandbargain.evidence.notice_lines import (
    agency_byline,
    chart_line,
    code_offer,
    licence_line,
    photo_label,
    profile_line,
    rights_line,
    translation_note,
    updated_line,
)
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.stamps import is_cue_timing, is_time_code, is_time_stamp


def _flagged(page: list[str]) -> list[int]:
    return [i for i, reason in enumerate(offtopic_reasons(page)) if reason is not None]


def test_a_subtitle_cues_timing_is_a_time_code() -> None:
    for line in ("00:01:02,500 --> 00:01:05,000", "01:02.500 --> 01:05.000"):
        assert is_cue_timing(line) and is_time_code(line)
    # must not match: a clock time with words, a range of clock times, an arrow in prose
    for line in ("10:10 Panel discussion", "10:00-11:30 EST", "Exports --> imports rose"):
        assert not is_cue_timing(line)


def test_a_subtitle_files_caption_lines_are_its_words() -> None:
    page = [
        "1",
        "00:00:00,000 --> 00:00:03,000",
        "Negotiators met in Stockholm on Monday for a third round of talks",
        "2",
        "00:00:03,000 --> 00:00:06,500",
        "and agreed to seek another ninety days of the tariff truce.",
        "3",
        "00:00:06,500 --> 00:00:09,000",
        "Officials said the final word rests with the two presidents.",
        "4",
        "00:00:09,000 --> 00:00:11,000",
        "Captions by Westerly Subtitles",
    ]
    assert _flagged(page) == [0, 1, 3, 4, 6, 7, 9, 10, 11]


def test_a_captioners_credit_is_a_credit() -> None:
    assert production_credit("Subtitles by Larkspur Captioning")
    assert production_credit("Captions by Westerly Subtitles")
    # must not match: a sentence about subtitles
    assert not production_credit("Subtitles were added by the broadcaster after complaints.")


def test_a_machine_translation_note() -> None:
    assert translation_note("Translated from Chinese (Simplified) by an automatic service.")
    assert translation_note("This article was machine-translated and may contain errors.")
    # must not match: a human translator's credit, a sentence about translation
    assert not translation_note("Translated from the German by Anna Roe.")
    assert not translation_note("The treaty was translated into six languages.")


def test_an_open_licence_line() -> None:
    assert licence_line(
        "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
    )
    assert licence_line("Photo licensed under Creative Commons Attribution 2.0.")
    # must not match: a licence the article reports
    assert not licence_line("Nvidia's chips are licensed under the new export rule.")


def test_a_chart_description() -> None:
    assert chart_line("Chart: Monthly US soybean export sales to China, 2024 versus 2025.")
    assert chart_line("Grafik: Sojaexporte nach China")
    # must not match: a sentence opening with the word, a heading without a colon
    assert not chart_line("Charts of the exports show a sharp fall since May.")
    assert not chart_line("Chart of the week")


def test_cjk_and_news_service_bylines() -> None:
    assert agency_byline("記者林怡君／綜合報導　2025/10/30 17:45")
    assert agency_byline("김서연 기자")
    assert agency_byline("Ines Marlowe for Harbour Line News Service · Wed 11 Jun 2025")
    # must not match: a sentence with "記者", a Korean sentence naming a reporter, a
    # headline with "for"
    assert not agency_byline("記者會上，商務部發言人表示將暫停出口管制。")
    assert not agency_byline("김서연 기자가 30일 부산에서 정상회담을 취재했다.")
    assert not agency_byline("Trump Calls for Tariff Cuts · What It Means")


def test_a_bracketed_photo_label() -> None:
    assert photo_label("[사진] 트럼프 대통령과 시진핑 주석이 악수하고 있다.")
    assert photo_label("【写真】会談に臨む両首脳")
    # must not match: a bracketed insertion in a quotation, a bracketed label alone
    assert not photo_label("[The minister] said the talks were constructive.")
    assert not photo_label("[사진]")


def test_an_updated_stamp_in_other_languages() -> None:
    assert updated_line("Dikemas kini 26 Oktober 2025, 10:02 malam")
    assert updated_line("Actualizado el 12 de mayo de 2025")
    # must not match: a sentence about an update, a label without a date
    assert not updated_line(
        "Actualizado el acuerdo, los aranceles bajan al 30 por ciento desde el 14 de mayo "
        "según el comunicado conjunto de ambos gobiernos."
    )
    assert not updated_line("Dikemas kini")
    assert not is_time_stamp("Dikemas kini 26 Oktober 2025, 10:02 malam")  # why the form exists


def test_all_rights_reserved_in_persian_and_arabic() -> None:
    assert rights_line("کلیه حقوق این سایت محفوظ است. نقل مطالب با ذکر منبع بلامانع است.")
    assert rights_line("جميع الحقوق محفوظة لموقع الاقتصاد")
    # must not match: a Persian sentence about rights of farmers
    assert not rights_line("کشاورزان خواستار حفظ حقوق خود در مذاکرات شدند.")


def test_offers_with_a_code_a_short_sale_or_a_trade_in() -> None:
    assert code_offer("Save 20% on your first order of coffee beans. Use code BREW20 at checkout.")
    assert code_offer("Shop winter boots at 30% off this week only at Trailhead Outfitters.")
    assert code_offer("Need a new phone? Trade in your old one at Corvex and get up to $400 off.")
    # must not match: a reported code, a reported percentage, a reported trade
    assert not code_offer("The tariff code 9903.88.03 covers Chinese solar cells.")
    assert not code_offer("Chinese buyers took 30% off their orders this year.")
    assert not code_offer("Traders sold their old contracts and got up to speed with the rules.")


def test_profiles_and_an_organisations_description() -> None:
    assert profile_line("Dr. Mireille Castagne is senior fellow for trade at the Orrery Institute.")
    assert profile_line("Kwame Asante-Riley is a partner at an agricultural consultancy in Iowa.")
    assert profile_line("Ines Marlowe covers trade and economics for Harbour Line from Washington.")
    assert profile_line(
        "Orrery Institute for Pacific Commerce is a non-partisan research organisation."
    )
    # must not match: reporting about a person or an institute, a long paragraph
    assert not profile_line("Greer is expected to travel to Geneva next week for the talks.")
    assert not profile_line("The Commerce Department is a key player in export controls.")
    assert not profile_line(
        "Kwame Asante-Riley is a partner at an agricultural consultancy in Iowa, and he said "
        "the soybean purchases promised in Busan would take two harvests to show up in the "
        "export data, because the state buyers had already contracted most of their needs in "
        "Brazil before the meeting and would not cancel those cargoes."
    )


def test_an_offer_between_paragraphs_does_not_cut_a_short_article() -> None:
    page = [
        "China hits back with tariffs on US coal and gas",
        "China said it would impose a 15 per cent tariff on American coal and liquefied natural "
        "gas and 10 per cent on crude oil and farm machinery from next Monday, its finance "
        "ministry said, in answer to the new US duties on Chinese goods.",
        "Save 20% on your first order of premium tea. Use code LEAF20 at checkout.",
        "Beijing also announced export controls on tungsten, tellurium and molybdenum, which are "
        "used in defence and clean-energy products.",
        "Analysts said the measures were restrained, as American energy exports to China are "
        "small compared with total Chinese imports.",
    ]
    assert _flagged(page) == [2]
    # must not match: without the offer line the block is the same article, kept as before
    assert _flagged(page[:2] + page[3:]) == []


def test_a_pages_questions_before_their_answers_are_its_own_text() -> None:
    answers = [
        "Most applications were routine: machine tools, sensors and encryption products.",
        "It was the first time the United States tried to control a level of technology.",
        "Not really. The regulator summoned the company and buyers held back their orders.",
    ]
    page = [
        "A former licensing official on chips and China",
        "When you started, how much of your work was about China?",
        answers[0],
        "What was different about October 2022?",
        answers[1],
        "Did the response surprise you?",
        answers[2],
    ]
    assert not {1, 3, 5} & set(_flagged(page))
    # must not match: one question alone on an article, a stray line and not the article's
    single = [
        "Chip controls tighten again",
        "The United States widened its controls on chip tools on Monday, adding memory chips "
        "and more equipment makers to the list of restricted exports to China.",
        "Have you renewed your membership?",
        "Officials said the rules would take effect within thirty days of publication.",
    ]
    assert 2 in _flagged(single)


def test_a_briefings_items_on_other_subjects_are_not_the_article() -> None:
    page = [
        "The Harbour Morning",
        "Weather: Fog lifts by mid-morning, then sunny spells inland with highs of 19C.",
        "Cricket: Westbury take the county title on the last afternoon of the season.",
        "Trade: US and China extend their tariff truce by ninety days",
        "Negotiators in Stockholm agreed to seek another ninety-day pause on the higher tariffs, "
        "leaving the 30 per cent US rate and China's 10 per cent rate in place for now.",
        "Treasury Secretary Scott Bessent said the final decision on the extension belongs to "
        "President Trump, and that talks on rare earth licences and chips would continue.",
    ]
    flagged = _flagged(page)
    assert {1, 2} <= set(flagged) and not {3, 4, 5} & set(flagged)
    # must not match: a key-points list whose labelled items share the page's terms
    points = [
        "What the Phase One deal says",
        "The agreement signed in January 2020 commits China to buy more US goods and services "
        "over two years, and the United States to halve some of its tariffs on Chinese goods.",
        "Purchases: China would buy at least $200 billion more of US goods and services.",
        "Agriculture: China would buy about $32 billion more of US farm goods over two years.",
        "Tariffs: the United States halved its tariff on $120 billion of Chinese goods.",
    ]
    assert not {2, 3, 4} & set(_flagged(points))
