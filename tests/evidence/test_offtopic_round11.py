"""The rules of the off-topic detector's eleventh round (issue 16; unseen9's first look):
words of the Indic abugidas, with cases that must not match."""

from __future__ import annotations

from grandbargain.evidence.notice import calls_to_action, refers_to_itself
from grandbargain.evidence.notice_documents import offer_line, reference_line
from grandbargain.evidence.notice_purpose import ad_label, poll_question, rating_line
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.shape import addresses_reader, ends_sentence, speaks_as_we, tokens


def test_an_indic_word_is_not_cut_at_its_vowel_signs_or_virama() -> None:
    # Bengali "the United States", Hindi "exporters", Tamil "port", Malayalam "trade"
    for word in ("যুক্তরাষ্ট্র", "निर्यातकों", "துறைமுகம்", "വ്യാപാരം"):
        assert tokens(word) == [word]
    # a zero-width joiner inside a conjunct (Malayalam chillu form, Sinhala "yansaya")
    assert tokens("ශ්\u200dරී") == ["ශ්\u200dරී"]
    # the danda is punctuation, not part of the word before it
    assert tokens("शुल्क बढ़ेगा।") == ["शुल्क", "बढ़ेगा"]
    # Latin-script words are cut as before
    assert tokens("Export-controls, rising.") == ["export", "control", "rising"]


def test_a_danda_ends_a_sentence() -> None:
    assert ends_sentence("नया समझौता किया।")
    assert ends_sentence("বাজার রয়েছে।")
    assert ends_sentence("(यह ख़बर एजेंसी फ़ीड से ली गई है।)")
    assert not ends_sentence("होम | व्यापार | बंदरगाह")


def test_hindi_and_bengali_pronouns_are_read_as_whole_words() -> None:
    assert speaks_as_we("हमारे ऐप पर ताज़ा ख़बरें पढ़ें।")
    assert speaks_as_we("আমাদের অ্যাপ ডাউনলোড করুন")
    assert addresses_reader("आपकी राय क्या है?")
    # "हमला" (attack) begins with the letters of "हम" (we): no pronoun
    assert not speaks_as_we("सीमा पर हमला हुआ।")
    assert not addresses_reader("आपूर्ति घटी।")  # "supply" begins with "आप" (you)


def test_polite_imperatives_of_hindi_and_bengali_are_calls_to_action() -> None:
    assert calls_to_action("আমাদের অ্যাপ ডাউনলোড করুন")
    assert calls_to_action("ताज़ा ख़बरों के लिए हमारा ऐप डाउनलोड करें।")
    assert calls_to_action("हमारे WhatsApp चैनल से जुड़ें और पाएं हर बड़ी खबर।")
    # "में" (in) ends like a polite imperative but does not close the sentence
    assert not calls_to_action("चीन में कारखाने बंद हैं।")
    assert not calls_to_action("निर्यातकों ने कहा कि शुल्क बढ़ेगा।")
    # Bengali "নতুন" (new) and Hindi "लिए" (for) end like imperatives inside a sentence
    assert not calls_to_action("বন্দরের চেয়ারম্যান নতুন মাশুলের কথা জানিয়েছেন।")
    assert not calls_to_action("निर्यात के लिए नया समझौता हुआ।")


def test_this_story_in_hindi_and_bengali_refers_to_itself() -> None:
    assert refers_to_itself("(यह ख़बर एजेंसी फ़ीड से ली गई है।)")
    assert refers_to_itself("এই প্রতিবেদন হালনাগাদ করা হয়েছে।")
    assert not refers_to_itself("यह समझौता दो साल चलेगा।")  # "this agreement"


KOREAN = [
    "바다경제신문",
    "정치 | 경제 | 국제 | 산업",
    "해양수산부·국토교통성 해운 회담…항만 수수료 2년 동결",
    "양국 항만 당국 공동 발표",
    "김민준 기자",
    "한국과 일본의 해운 당국이 12일 서울에서 회담을 열고 양국 항만 수수료를 2년간 동결하기로 "
    "합의했다. 한국 해양수산부는 이번 합의로 해운 업계의 부담이 줄어들 것이라고 밝혔다.",
    "일본 국토교통성도 해양수산부와의 회담 직후 성명을 내고 양국 해운 협력을 "
    "확대하겠다고 말했다. 업계는 "
    "수수료 동결이 수출 물류비 안정에 도움이 될 것으로 보고 있다.",
    "해양수산부는 해운 업계가 이번 회담 결과를 환영하며 후속 협의를 요청했다.",
]


def test_a_middle_dot_joining_two_names_does_not_cut_a_korean_headline() -> None:
    # "Maritime ministry·transport ministry shipping talks": the dot joins two names; the
    # first name alone, which every lead passage holds, is no segment of the line
    reasons = offtopic_reasons(KOREAN)
    assert reasons[2] is None
    assert reasons[0] is not None and reasons[1] is not None  # site name and menu
    # a spaced separator still cuts off the site's name: "바다경제신문 · 해운" is its banner
    assert headline_index([KOREAN[0] + " · 해운 소식", *KOREAN[1:]]) == 2


def headline_index(texts: list[str]) -> int | None:
    return Page(texts, frozenset()).headline


def test_a_short_ad_label_a_discount_a_poll_and_a_rating() -> None:
    assert ad_label("Ad · Trade spruce futures with a regulated broker today")
    assert ad_label("AD | Cheap flights to Lisbon")
    assert not ad_label("Adding to the pressure, the port raised its fees.")
    assert offer_line("Read every report on your phone - get 40% off the first year")
    assert not offer_line("Exporters get 40 per cent of their revenue from spruce.")
    assert poll_question("POLL: Should the port raise its berth fees?")
    assert poll_question("Quick poll: Will the quota hold?")
    assert not poll_question("Poll: 61% of mill owners back the quota.")  # a result reported
    assert rating_line("Rating: Mostly False")
    assert rating_line("Verdict: Misleading")
    assert not rating_line("Rating: the agency cut the port's bond to junk on Monday after losses")


def test_an_author_year_reference_is_a_citation_box_entry() -> None:
    assert reference_line("Lindqvist, M. (2021) 'Ports and quotas', Harbour Review, 4(2).")
    assert reference_line('Okoro, C. N. (2019). "Spruce markets", working paper.')
    # a sentence naming an author and a year is the article's
    assert not reference_line("Lindqvist, M. said in 2021 that the quota was too low.")
    assert not reference_line("Lindqvist (2021) argues the quota was too low.")


QUESTION_PAGE = [
    "Northfield Institute of Maritime Studies | Carrow University",
    "Events › Upcoming › Ports and Trade Lectures",
    "After the quota deal: can the spruce trade keep its berths?",
    "The port authority and the northern lumber mills agreed in March to a quota of two "
    "million cubic metres of spruce a year, ending a long dispute over berth fees at the quays.",
    "This lecture asks whether the spruce quota leaves the mills enough berths and whether "
    "the fees will rise again once the quota deal expires next year.",
    "The speaker will also look at how other ports have shared berths between lumber "
    "freighters and container ships under similar quota agreements.",
]


def test_a_headline_asked_as_a_question_is_a_headline_candidate() -> None:
    reasons = offtopic_reasons(QUESTION_PAGE)
    assert reasons[2] is None
    assert reasons[0] is not None and reasons[1] is not None  # masthead and trail above it
    # below a sentence a question is no headline: a hearing's chair opens, a member asks
    asked = [
        "THE CHAIR (Ms. Lind): This morning we take evidence on the spruce quota that the "
        "port authority and the mills agreed in March.",
        QUESTION_PAGE[2],
        *QUESTION_PAGE[3:],
    ]
    assert headline_index(asked) != 1


BENGALI = [
    "দৈনিক বন্দর বার্তা",
    "প্রচ্ছদ | অর্থনীতি | বন্দর | খেলা",
    "চট্টগ্রাম বন্দরে নতুন মাশুল: রপ্তানিকারকদের লাভ না ক্ষতি?",
    "নিজস্ব প্রতিবেদক | চট্টগ্রাম, ১০ মার্চ ২০২৬",
    "চট্টগ্রাম বন্দর কর্তৃপক্ষ মঙ্গলবার জাহাজের মাশুল দশ শতাংশ বাড়িয়েছে। রপ্তানিকারকেরা "
    "বলছেন, এতে পোশাক পাঠানোর খরচ বাড়বে।",
    "বন্দরের চেয়ারম্যান জানিয়েছেন, নতুন মাশুলের অর্থ দিয়ে আরও দুটি জেটি তৈরি করা হবে।",
    "ব্যবসায়ীরা বলছেন, মাশুল বাড়লেও জেটি বাড়লে জাহাজের অপেক্ষার সময় কমবে এবং খরচ কিছুটা পুষিয়ে যাবে।",
    "স্বত্ব © ২০২৬ দৈনিক বন্দর বার্তা",
]


def test_a_question_opening_the_page_is_its_headline_when_no_line_is_supported() -> None:
    # Bengali inflects by suffix ("বন্দরে", at the port; "বন্দর", port): the lead shares too
    # few whole words with the headline to support it, and the headline, a question, is the
    # page's first sentence; it is the headline all the same
    reasons = offtopic_reasons(BENGALI)
    assert all(r is None for r in reasons[4:7]), reasons
    assert reasons[2] is None
    assert all(reasons[i] is not None for i in (0, 1, 3, 7))
