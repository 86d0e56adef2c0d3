"""The rules of the off-topic detector's fifteenth round (issue 16; unseen13's first look),
each with cases that must not match. The pages of the round are
``offtopic_pages/appended-story-no-parties-port-fees.txt`` and ``section-heading-de-truce.txt``
(checked with every class page in ``test_offtopic_classes.py``)."""

from __future__ import annotations

from grandbargain.evidence.notice_documents import offer_line
from grandbargain.evidence.notice_forms import by_function
from grandbargain.evidence.notice_lines import agency_byline
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_coda import PARTIES, party_tail
from grandbargain.evidence.offtopic_headline import page_numbers
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.shape import is_caption, is_fragment


def _flagged(page: list[str]) -> list[int]:
    return [i for i, reason in enumerate(offtopic_reasons(page)) if reason is not None]


ARTICLE = [
    "Washington and Beijing extend the tariff truce by another 90 days",
    "The United States and China agreed on Monday to extend their tariff truce by another 90"
    " days, keeping the extra US duty on Chinese goods at 30 per cent.",
    "Chinese officials said the extension gave both sides time to settle export controls on"
    " chips and rare earths before the leaders meet.",
    "Beijing kept its own retaliatory duty on US goods at 10 per cent and agreed to resume"
    " purchases of American soybeans.",
    "Analysts said the extension would calm markets in China and the US, though talks on"
    " fentanyl and chips remain hard.",
]
COUNTY_STORY = [
    "The county council voted on Tuesday to close two rural libraries next spring to save"
    " money for road repairs.",
    "Council members said the buildings needed new roofs that the budget could not cover this"
    " year.",
    "Residents who opposed the plan said they would collect signatures for a referendum on"
    " the closures.",
]


def _tail(page: list[str]) -> list[int]:
    doc = Page(page, frozenset())
    party_tail(doc)
    return [i for i, reason in enumerate(doc.reasons) if reason is not None]


def test_a_story_appended_with_no_heading_that_never_names_the_parties_is_flagged() -> None:
    assert _tail([*ARTICLE, *COUNTY_STORY, "Share this article"]) == [5, 6, 7]
    assert _flagged([*ARTICLE, *COUNTY_STORY, "Share this article"]) == [5, 6, 7, 8]


def test_an_ending_that_names_the_parties_or_is_too_short_is_the_articles() -> None:
    # must not match: the last paragraph names China; a tail of two sentences; a short article
    named = "Trade officials in Beijing said the county's farm exports to China were unaffected."
    ending = [*COUNTY_STORY[:2], named]
    assert _tail([*ARTICLE, *ending]) == []
    assert _tail([*ARTICLE, *COUNTY_STORY[:2]]) == []
    assert _tail([*ARTICLE[:3], *COUNTY_STORY]) == []


def test_the_parties_are_named_in_the_labelled_sets_languages() -> None:
    for text in ("Beijing said", "Xi Jinping", "los aranceles a China", "Çin'e", "中国商务部"):
        assert PARTIES.search(text)
    # must not match: words that only begin like a party's name
    for text in ("Xiaomi said", "a chinchilla farm", "Beijinger", "his chin"):
        assert not PARTIES.search(text)


def test_a_section_heading_in_its_own_words_is_the_articles() -> None:
    page = [
        "Warszawa i Pekin: cła na stal w centrum rozmów",
        "Negocjatorzy USA i Chin spotkali się w Londynie, aby omówić cła na stal i metale ziem"
        " rzadkich, poinformowało ministerstwo.",
        "Według delegacji rozmowy o cłach potrwają jeszcze co najmniej dwa dni w Londynie.",
        "Co dalej z cłami?",
        "Eksperci uważają, że cła na stal pozostaną bez zmian do końca roku, a rozmowy w"
        " Londynie tylko je zamrożą.",
    ]
    assert 3 not in _flagged(page)
    # must not match: a furniture line, a counter, a one-word label in the same place
    for line in ("Story continues below", "47", "Reklama"):
        assert 3 in _flagged([*page[:3], line, page[4]])


def test_a_carousels_slide_counter_numbers_its_slides() -> None:
    texts = ["1/4", "The truce was extended.", "2/4", "Tariffs stay at 30%.", "3/4"]
    assert page_numbers(texts, [is_fragment(t) for t in texts]) == {0, 2, 4}
    # must not match: a counter that does not recur, a date or a fraction in a sentence
    texts = ["1/4", "12/05/2025", "Exports rose by 1/4 in May after the deal was signed."]
    assert page_numbers(texts, [is_fragment(t) for t in texts]) == set()


def test_a_carousels_slide_text_is_no_reader_comment() -> None:
    page = [
        "@tradedesk.daily",
        "US and China in Geneva: what was agreed",
        "1/3",
        "Negotiators met in Geneva over the weekend and agreed to cut tariffs for 90 days.",
        "2/3",
        "The extra US duty on Chinese goods falls to 30% and China's duty to 10%.",
        "3/3",
        "What to watch: whether the two sides settle export controls before August.",
        "#tradewar #tariffs",
    ]
    assert _flagged(page) == [0, 2, 4, 6, 8]


def test_a_japanese_agencys_credit_after_an_equals_sign_ends_a_caption() -> None:
    assert is_caption("記者会見する米財務長官（左）と通商代表（12日、ジュネーブ）＝ロイター")
    # must not match: a sentence with its full stop before the sign, an exchange rate
    assert not is_caption("米中は追加関税を引き下げることで合意した。＝ロイター")
    assert not is_caption("円相場は1ドル＝150円")


def test_a_sign_up_or_trial_imperative_in_romanian_and_swedish_is_a_notice() -> None:
    assert by_function("Abonează-te la newsletterul nostru și primești zilnic știrile.")
    assert by_function("Vill du läsa mer? Prova Bladet Premium för 1 kr i en månad.")
    # must not match: the same words inside a sentence of reporting
    assert not by_function("Exportörerna sa att de ville prova nya marknader i Asien.")
    assert not by_function("Mulți fermieri s-au abonat la serviciul de prognoză anul trecut.")


def test_a_writers_byline_with_a_comma_before_the_news_service_is_a_byline() -> None:
    assert agency_byline("Hyacinth Oduya, Plainsfield News Service | September 18, 2025")
    # must not match: a sentence naming a news service and a figure
    assert not agency_byline("Officials said, Reuters News reported, that 12 ships were held.")


def test_unlabelled_offers_by_their_terms() -> None:
    assert offer_line("Test-drive the new Vireo EV this weekend - 0% APR for 60 months.")
    assert offer_line("Worried about new tariffs? Brightline Customs files your entries fast.")
    # must not match: a reported financing deal, a question answered by a quoted official
    assert not offer_line("Dealers offered 0% APR deals to clear stock, the survey found.")
    assert not offer_line("Why did talks fail? Greer says your guess is as good as his.")
