"""The rules of the off-topic detector's thirteenth round (issue 16; unseen11's first look),
each with cases that must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.scripts import SENTENCE_STOPS, SPACELESS_STOPS
from grandbargain.evidence.shape import ends_sentence, ends_statement, is_fragment

# One sentence of eleven to fourteen words in each script, written for these tests, ending
# with that script's full stop or question mark.
SENTENCES = {
    "۔": "چین امریکی مصنوعات پر محصول 125 فیصد سے کم کر کے 10 فیصد کرے گا۔",
    "؟": "هل ستخفض الولايات المتحدة الرسوم الجمركية على السلع الصينية هذا العام في جنيف؟",
    "।": "अमेरिका और चीन ने जिनेवा में शुल्क घटाने पर सहमति जताई है और बातचीत जारी रहेगी।",
    "॥": "अमेरिका और चीन ने जिनेवा में शुल्क घटाने पर सहमति जताई है और बातचीत जारी रहेगी॥",
    "։": "Միացյալ Նահանգները և Չինաստանը համաձայնեցին իջեցնել մաքսատուրքերը "
    "իննսուն օրով Ժնևում այս շաբաթ։",
    "።": "አሜሪካ እና ቻይና በጄኔቫ ባደረጉት ድርድር ታሪፍ ለዘጠና ቀናት ለመቀነስ ተስማምተዋል ብለዋል ባለስልጣናት።",
    "။": "အမေရိကန်နှင့်တရုတ်တို့သည်ဂျနီဗာတွင်အခွန်များကိုရက်ကိုးဆယ်လျှော့ချရန်သဘောတူခဲ့ကြသည်။",
    "།": "ཨ་མེ་རི་ཀ་དང་རྒྱ་ནག་གཉིས་ཀྱིས་ཛི་ནི་ཝར་ཐོ་གཞུང་ཉུང་དུ་གཏོང་རྒྱུར་མོས་མཐུན་བྱུང་།",
    "។": "សហរដ្ឋអាមេរិកនិងចិនបានយល់ព្រមកាត់បន្ថយពន្ធគយរយៈពេលកៅសិបថ្ងៃនៅទីក្រុងហ្សឺណែវ។",
    "፧": "አሜሪካ እና ቻይና በጄኔቫ ባደረጉት ድርድር ታሪፍ ለዘጠና ቀናት ለመቀነስ ይስማማሉ ወይ ብለው ጠየቁ፧",
    "。": "美国和中国在日内瓦会谈后同意在九十天内大幅降低对彼此商品征收的关税。",
    "！": "美国和中国在日内瓦会谈后同意在九十天内大幅降低对彼此商品征收的关税！",
    "？": "美国和中国在日内瓦会谈后是否同意在九十天内大幅降低对彼此商品征收的关税？",
}


def test_every_scripts_sentence_end_is_known() -> None:
    assert set(SENTENCES) <= set(SENTENCE_STOPS)


@pytest.mark.parametrize("stop", sorted(SENTENCES))
def test_a_line_ending_with_a_scripts_stop_is_a_sentence(stop: str) -> None:
    text = SENTENCES[stop]
    assert text.endswith(stop)
    assert ends_sentence(text)
    assert not is_fragment(text)
    # must not match: the same words without their stop end no sentence, and are a
    # heading-like fragment (Khmer, Myanmar and Tibetan lines without a stop are read as Thai:
    # a long line is a sentence)
    assert not ends_sentence(text[:-1])
    assert is_fragment(text[:-1]) == (stop not in SPACELESS_STOPS)


def test_a_question_mark_is_no_statement() -> None:
    assert ends_statement(SENTENCES["۔"]) and ends_statement(SENTENCES["։"])
    assert not ends_statement(SENTENCES["؟"]) and not ends_statement(SENTENCES["？"])


def test_an_urdu_articles_sentences_are_kept() -> None:
    page = [
        "روشن دریچہ نیوز | صفحہ اول | کاروبار | دنیا",
        "امریکا اور چین کا محصولات میں کمی کا معاہدہ",
        "امریکا اور چین نے جنیوا میں مذاکرات کے بعد ایک دوسرے پر عائد بھاری محصولات میں 90 دن "
        "کے لیے نمایاں کمی پر اتفاق کر لیا ہے اور دونوں ممالک نے بات چیت جاری رکھنے کا فیصلہ کیا۔",
        "ماہرین کا کہنا ہے کہ اس فیصلے سے عالمی منڈیوں کو سہارا ملا ہے۔",
        "مزید پڑھیں: سونے کی قیمت",
        "جملہ حقوق محفوظ ہیں",
    ]
    reasons = offtopic_reasons(page)
    assert reasons[2] is None and reasons[3] is None
    assert reasons[0] is not None and reasons[5] is not None


def test_a_sentence_ending_in_a_titled_name_is_no_caption() -> None:
    from grandbargain.evidence.shape import is_caption

    assert not is_caption(
        "Both sides set up a mechanism to keep talking, led by Mr. Bessent and Mr. Greer."
    )
    assert not is_caption("Analysts said the measures aimed at states that voted for Mr. Trump.")
    # must not match: a credit after a real sentence end is still a caption's credit
    assert is_caption("Workers unload containers at the port of Long Beach. Jane Doe / Reuters")
    assert is_caption("Dockers at the Port of Tianjin on Monday. Dr. Mei Lin")


def test_a_short_sentence_after_the_articles_sentence_is_kept() -> None:
    page = [
        "Trump announces 100% tariff threat over rare earths",
        "President Trump said on Friday he would impose an additional 100 percent tariff on "
        "imports from China starting on the first of November, citing new export controls.",
        "Markets fell sharply after the announcement.",
        "Advertisement",
        "China's commerce ministry replied that its measures were lawful and that threats were "
        "not the right way to deal with it, and urged talks between the two sides.",
        "Subscribe to our channel on Telegram to get the news first.",
        "Wire partner copy. Not for resale.",
    ]
    reasons = offtopic_reasons(page)
    assert reasons[2] is None
    # must not match: a site's "we" prompt after third-person reporting, and the ad line
    assert reasons[3] is not None and reasons[5] is not None


def _page(texts: list[str]) -> Page:
    return Page(texts, frozenset())


def test_a_short_we_sentence_is_kept_only_after_a_we_sentence() -> None:
    from grandbargain.evidence.offtopic_sections import short_sentence

    body = (
        "The fees on ships linked to China began in October and were suspended for a year "
        "after the leaders met in Busan at the end of the month."
    )
    ours = (
        "We have rearranged our rotations where possible so that ships built in China call "
        "at other ports while the fees on them are charged."
    )
    line = "We will withdraw the surcharge at once."
    assert short_sentence(_page([body, ours, line, body]), 2)
    assert not short_sentence(_page([body, body, line, body]), 2)
    # must not match: a question, an exclamation, a lower-case run-on, a line speaking to
    # the reader, the page's last line
    for other in ("Will the fees come back?", "Help us reach 25,000 people!", "and more."):
        assert not short_sentence(_page([body, body, other, body]), 2)
    assert not short_sentence(_page([body, body, "You can read the rules here today.", body]), 2)
    assert not short_sentence(_page([body, body, "Markets fell after the news."]), 2)


def test_lines_numbering_slides_are_a_documents_footer() -> None:
    from grandbargain.evidence.offtopic_headline import page_numbers

    texts = [
        "Port fees: what shippers need to know",
        "Slide 1 of 4 | Brightmoor Advisory",
        "Background",
        "Slide 2 of 4 | Brightmoor Advisory",
        "Page 3 of 9",
    ]
    fragment = [True] * len(texts)
    assert page_numbers(texts, fragment) == {1, 3}
    # must not match: a line numbering once, or figures that are no "N of M"
    assert page_numbers(["Slide 1 of 4", "Background"], [True, True]) == set()
    assert page_numbers(["↑ 212 Reply", "↑ 98 Reply"], [True, True]) == set()


DECK = [
    "Chip export licences: a briefing for suppliers",
    "Slide 1 of 3 | Northgate Trade Counsel | For clients only",
    "Where things stand",
    "Since September 2025 the Commerce Department has required licences for a wider list of "
    "chipmaking tools bound for Chinese fabs, and approvals have been slow.",
    "Slide 2 of 3 | Northgate Trade Counsel | For clients only",
    "Notes:",
    "Point out that both sides now run licence systems, so delays can come from either side.",
    "Slide 3 of 3 | Northgate Trade Counsel | For clients only",
]


def test_a_decks_slide_titles_and_notes_are_its_own_text() -> None:
    reasons = offtopic_reasons(DECK)
    assert [i for i, r in enumerate(reasons) if r is not None] == [1, 4, 5, 7]


def test_without_slide_numbers_a_line_beside_a_widget_template_is_a_comment() -> None:
    # must not match: a comment widget's vote lines are templates without "N of M"
    page = [
        "Port fees suspended for a year after Busan meeting",
        "The US and China agreed to suspend for a year the fees on each other's ships, "
        "officials said on Thursday after the leaders met in Busan.",
        "Comments (2)",
        "great news for the dockers at last",
        "↑ 212 Reply",
        "about time somebody saw sense here",
        "↑ 98 Reply",
    ]
    reasons = offtopic_reasons(page)
    assert reasons[3] is not None and reasons[5] is not None


def test_a_footnote_from_a_pdf_cites_only_when_it_ends_in_a_year() -> None:
    from grandbargain.evidence.offtopic_layout import cites_only

    assert cites_only("1 Bureau of Industry and Security, interim final rule, 7 October 2022.")
    # must not match: a numbered line of the article, a plain numeral without a year
    assert not cites_only("3 ports, two terminals, and a dozen berths were closed.")
    assert not cites_only("2 Company filing, figures rounded, see the annex")


def test_a_chapter_list_starts_at_zero() -> None:
    body = (
        "In London the two sides agreed a framework to put the Geneva deal into effect, with "
        "China approving magnet exports and the United States easing some chip limits."
    )
    chapters = ["Ports and magnets explained", body, "Timestamps", "0:00 Intro"]
    chapters += ["1:12 Why Geneva frayed", "4:30 - Magnets and licences", "8:05 What the US gave"]
    assert _page(chapters).chapters == {2, 3, 4, 5, 6}
    # must not match: a day's schedule of clock times does not start at midnight
    schedule = ["Ports and magnets explained", body, "Programme"]
    schedule += ["9:30 Talks open", "11:00 Press conference", "14:15 Closing statements"]
    assert _page(schedule).chapters == set()


def test_a_first_person_columns_last_line_is_its_own() -> None:
    column = [
        "Export controls are a tool, not a bargaining chip",
        "I have watched Washington tighten chip controls on China three times since 2022, and "
        "each time I thought the rules would at last settle into something firms could plan for.",
        "This year I am no longer sure.",
        "I have spent twenty years advising chip companies on compliance, and I have never seen "
        "rules change as fast as they did between April and August.",
        "We should make them predictable again.",
    ]
    assert offtopic_reasons(column) == [None] * len(column)
    # must not match: a site's "we" line after third-person reporting, a call to action
    officials = "Officials in Washington said the rules would be reviewed again in the new year."
    report = [*column[:2], officials, "We are hiring reporters in Washington."]
    assert offtopic_reasons(report)[3] is not None
    assert offtopic_reasons([*column[:4], "Follow us for more on chips."])[4] is not None


def test_a_transcripts_time_codes_are_flagged() -> None:
    from grandbargain.evidence.stamps import is_time_code

    for code in ("[00:00]", "[03:22]", "(12:05)", "[1:02:40]"):
        assert is_time_code(code)
    # must not match: a clock time with words, a time of day unbracketed, a bracketed aside
    for other in ("[03:22] HOST: Welcome back.", "14:02", "(Applause)", "[12]"):
        assert not is_time_code(other)
    page = [
        "Soybeans after phase one: a farmer's view",
        "[00:00]",
        "HOST: Last week Washington and Beijing signed what they call phase one, and our guest "
        "grows soybeans north of town.",
        "GUEST: They say China will buy a lot more farm goods over two years, so prices should "
        "come back if that happens.",
        "[03:22]",
        "HOST: Do you plant more beans this spring, or do you wait to see the first orders?",
        "GUEST: I'll wait for the first orders. A signature is not a sale, and we have seen "
        "promises before.",
    ]
    flagged = [i for i, r in enumerate(offtopic_reasons(page)) if r is not None]
    assert flagged == [1, 4]


def test_a_catalogues_subject_line_is_a_tag_list_and_no_headline() -> None:
    from grandbargain.evidence.notice_purpose import tag_line

    assert tag_line("Subjects: Tariffs -- United States; Trade agreements -- China; Exports")
    assert tag_line("Keywords: tariffs; soybeans; phase one")
    # must not match: a sentence after the label, a single subject
    assert not tag_line("Subjects: the talks covered tariffs -- and much else.")
    assert not tag_line("Subject: Tariffs")


def test_a_partnership_masthead_is_a_notice_and_no_headline() -> None:
    from grandbargain.evidence.notice_purpose import partner_line

    assert partner_line("The Wendover Herald · in partnership with Capital Trade Service")
    assert partner_line("In partnership with the Harbour Institute")
    # must not match: a sentence reporting a partnership, a long line
    assert not partner_line("The port works in partnership with two shipping lines.")
    assert not partner_line(
        "The port authority said on Monday it would expand its terminal in partnership with "
        "two shipping lines and the city"
    )


def test_unlabelled_offers_and_follow_prompts_are_notices() -> None:
    from grandbargain.evidence.notice_documents import offer_line
    from grandbargain.evidence.notice_purpose import by_purpose

    assert offer_line("Get 3 months of Thornbury Premium for just $1. Cancel anytime.")
    assert offer_line("Need customs bonds fast? Apply online with Harbourline Surety today.")
    assert by_purpose("I-LIKE ang aming page para sa iba pang balita!")
    assert by_purpose("Ikuti kami di media sosial untuk berita terbaru.")
    # must not match: reporting on prices and applications, a question in an article
    assert not offer_line("Importers can apply online for refunds, officials said.")
    assert not offer_line("Subscriptions cost $1 for three months, the company said.")
    assert not offer_line("Will the court rule? Apply the law, the judge said.")
    assert not by_purpose("Sinabi ng Estados Unidos na ibababa nito ang taripa.")


def test_a_sentence_end_of_any_script_ends_a_label() -> None:
    from grandbargain.evidence.shape import label_of

    # a label has no sentence end before its colon: an Urdu or Armenian sentence is no label
    assert label_of("ماہرین کا کہنا ہے۔ یہ: معاہدہ") is None
    assert label_of("Բանակցությունները ավարտվեցին։ Հաջորդը: Ժնև") is None
    # must not match: a label of words without a stop is still one
    assert label_of("Sponsored: protect your harvest") == "sponsored"
