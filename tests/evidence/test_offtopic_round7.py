"""The failure classes of the off-topic detector's seventh round (issue 16; unseen5's first
look), each on pages written for it (``offtopic_pages/``, flagged as labelled by
test_offtopic_classes.py), and the rules behind them on hand-made lines, each with a case that
must not match."""

from __future__ import annotations

import pytest

from grandbargain.evidence.notice import describes_organisation, is_byline, is_notice
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_data import labelled_values, table_rows
from grandbargain.evidence.offtopic_layout import cites_only
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.offtopic_register import registers
from grandbargain.evidence.offtopic_turns import exchanges
from grandbargain.evidence.shape import addresses_reader, is_caption, label_of, speaks_as_we

HEAD = [
    "Harbour Ledger",
    "Ports | Trade",
    "Canada and China agree to review canola tariffs at port talks in Vancouver",
    "Canadian and Chinese trade officials agreed on Thursday to review the tariffs each side "
    "has put on the other's canola, pork and electric vehicles, after two days of talks held "
    "at the port authority's offices in Vancouver.",
    "The review will report within 60 days, and both governments said they would not raise "
    "any of the tariffs while it runs.",
    "Farm groups in Saskatchewan said the talks were the first sign of relief in more than a "
    "year for growers who lost their largest export market.",
    "Officials said the next round would be held in Beijing in the spring.",
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Shares of the bank rose 3 percent in Toronto.", {"market", "business"}),
        ("The index was up 0.4 per cent at the close.", {"market", "business"}),
        ("Analysts raised their price targets for the stock.", {"market", "business"}),
        ("The miner reported quarterly revenue of 80 million dollars.", {"results", "business"}),
        ("Output fell to 3,100 tonnes in the quarter.", {"results", "business"}),
        ("Forecasters expect heavy rain over the weekend.", {"weather"}),
        ("Temperatures reached 31 degrees on Sunday.", {"weather"}),
        # a tariff moving to a percentage reads as a price (the guards keep such an article);
        # exports falling, a storm of criticism, a review are no register
        ("The tariff rose to 25 percent in May.", {"market", "business"}),
        ("Exports of canola meal fell sharply after the duty took effect.", set()),
        ("The ruling drew a storm of criticism from farm groups.", set()),
        ("The ministry said it would review the licences within a month.", set()),
    ],
)
def test_registers_are_read_from_forms_of_reporting(text: str, found: set[str]) -> None:
    assert registers(text) == found


def _flags(texts: list[str]) -> list[bool]:
    return [r is not None for r in offtopic_reasons(texts)]


WEATHER_TAIL = [
    "Vancouver had its wettest November day on record on Friday, with 90 millimetres of "
    "heavy rain falling at the airport.",
    "Forecasters said a second storm system would arrive on Sunday with gusts of up to 80 "
    "kilometres an hour.",
    "The city opened two warming centres downtown.",
]


def test_a_story_in_another_register_appended_without_a_heading_is_flagged() -> None:
    flags = _flags(HEAD + WEATHER_TAIL)
    assert flags[3:7] == [False] * 4
    assert flags[7:] == [True] * 3


def test_a_tail_tied_to_the_articles_event_is_kept() -> None:
    tail = [
        "Shares of canola crushers rose after the announcement, with the largest up 5 percent.",
        "The sector's index gained 2 percent on the news, its best day in a month.",
    ]
    assert _flags(HEAD + tail)[3:] == [False] * 6


def test_market_reaction_naming_the_news_is_kept() -> None:
    tail = [
        "The news sent stocks in Toronto lower, with the main index down 1.2 percent.",
        "Canola futures fell 3 percent in Winnipeg, and the Canadian dollar weakened.",
    ]
    assert _flags(HEAD + tail)[3:] == [False] * 6


def test_a_single_sentence_of_market_reaction_is_no_tail() -> None:
    tail = ["Canola futures in Winnipeg rose 3 percent to their highest in four months."]
    assert _flags(HEAD + tail)[3:] == [False] * 5


def test_an_article_whose_head_is_in_the_register_keeps_its_ending() -> None:
    head = [
        *HEAD[:3],
        "Heavy rain and gales closed the port of Vancouver for a second day on Thursday, "
        "forecasters said, delaying the first canola cargoes for China since the talks.",
        *HEAD[4:],
    ]
    assert _flags(head + WEATHER_TAIL[:2])[3:] == [False] * 6


def test_a_non_english_page_is_not_judged_by_register() -> None:
    head = [
        "Hafenbericht",
        "Kanada und China prüfen Zölle auf Raps nach Gesprächen in Vancouver",
        "Kanadische und chinesische Beamte haben sich am Donnerstag darauf geeinigt, die Zölle "
        "auf Raps, Schweinefleisch und Elektroautos zu überprüfen, nachdem sie zwei Tage lang "
        "in Vancouver verhandelt hatten.",
        "Die Überprüfung soll innerhalb von 60 Tagen abgeschlossen sein, und beide Regierungen "
        "wollen die Zölle bis dahin nicht erhöhen.",
        "Die Bauernverbände in Saskatchewan sprachen von einem ersten Zeichen der Entlastung.",
        "Die nächste Runde soll im Frühjahr in Peking stattfinden.",
    ]
    assert not any(_flags(head + WEATHER_TAIL[:2])[2:6])


ARTICLE = [
    "Canada and China agree to review canola tariffs",
    "Canadian and Chinese trade officials agreed on Thursday to review the canola tariffs each "
    "side has imposed, after two days of talks in Vancouver.",
    "Farm groups said the canola tariffs had cost growers their largest export market.",
]
CLOSING = "Officials said the canola tariffs review would report to both governments in the spring."


def _kept(lines: list[str], texts: list[str]) -> list[bool]:
    page = Page(texts, frozenset())
    return [texts.index(line) in page.box for line in lines]


def test_a_flattened_table_inside_the_article_is_its_own_data() -> None:
    table = [
        "Product | Chinese tariff | Canadian tariff",
        "Canola oil | 100% | -",
        "Canola meal | 100% | -",
        "Electric vehicles | - | 100%",
    ]
    assert _kept(table, [*ARTICLE, *table, CLOSING]) == [True] * 4
    # after the article's last sentence the same rows are a widget, not its data
    assert _kept(table, [*ARTICLE, CLOSING, *table]) == [False] * 4
    # two rows are no table, and rows of words alone hold no data
    assert table_rows(Page([*ARTICLE, *table[:2], CLOSING], frozenset())) == set()
    words = ["Home | News | Sport", "Opinion | Culture | Life", "About | Contact | Jobs"]
    assert table_rows(Page([*ARTICLE, *words, CLOSING], frozenset())) == set()


def test_a_block_of_labelled_values_inside_the_article_is_its_own_data() -> None:
    block = [
        "Canola tariffs: 100 percent, on growers of canola",
        "Venue: Vancouver port authority",
        "Next round: Beijing, spring 2026",
    ]
    texts = [*ARTICLE, *block, CLOSING]
    assert _kept(block, texts) == [True] * 3
    assert labelled_values(Page([*ARTICLE, CLOSING, *block], frozenset())) == set()
    repeated = ["Venue: Vancouver", "Venue: Beijing", "Venue: Ottawa"]
    assert labelled_values(Page([*ARTICLE, *repeated, CLOSING], frozenset())) == set()
    # a note's header lines hold the headline: no data of the article
    header = ["Title: Canada and China review canola tariffs", "Publisher: Harbour Ledger"]
    header.append("Date: 2025-11-05")
    assert labelled_values(Page([*header, *ARTICLE, CLOSING], frozenset())) == set()
    menu = [*block[:2], "Contents: 1 Background · 2 Talks · 3 Outcome"]
    assert labelled_values(Page([*ARTICLE, *menu, CLOSING], frozenset())) == set()


RELEASE = [
    "Harlow Institute of Technology",
    "Study: curbs slowed the labs but pushed them to build their own",
    "Researchers at the Harlow Institute's technology policy lab traced purchases of "
    "processors by Chinese firms from 2021 to 2025 and found that each round of rules cut "
    "imports within two quarters.",
    "The team matched customs records with company filings to follow each shipment of "
    "restricted processors after the rules changed, and found that imports recovered later.",
]


def test_a_name_recurring_in_the_copyright_line_is_not_the_headline() -> None:
    footer = "© 2025 Harlow Institute of Technology · Privacy"
    assert Page([*RELEASE, footer], frozenset()).headline == 1
    # without the copyright line the name is taken for the headline, as before
    assert Page(RELEASE, frozenset()).headline == 0


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("About Halden Systems: Halden designs and makes etching tools.", True),
        ("About the Trade Lab: Founded in 2012, the lab studies tariffs.", True),
        ("Über die Firma: Das Unternehmen wurde 1990 gegründet.", True),
        ("About 40 percent of the cargoes: that is what the ministry said.", False),
        ("About half of the farmers: those who sold to exporters.", False),
    ],
)
def test_an_about_paragraph_describes_the_organisation(text: str, about: bool) -> None:
    assert describes_organisation(text) is about


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("Correction: An earlier version of this story misstated the date.", True),
        ("Captions were generated automatically and may contain errors.", True),
        ("This summary is not part of the opinion of the court.", True),
        ("Brought to you by Harbour Freight: customs brokerage in 40 ports.", True),
        ("Show key events only · Please turn on JavaScript to see new posts.", True),
        ("Acest site folosește cookie-uri pentru a funcționa.", True),
        ("Summary produced with AI assistance and checked by editors.", True),
        ("Ta strona korzysta z plików cookie.", True),
        # reporting that looks like them
        ("An earlier version of the tariff schedule was withdrawn in March.", False),
        ("The figures were generated by a new customs system in Shanghai.", False),
        ("Turnout at the port workers' vote was the highest since 2019.", False),
        ("The plan was written with help from farm groups and exporters.", False),
        ("Supported by farm groups, the bill passed the Senate on Tuesday.", False),
    ],
)
def test_notices_by_function(text: str, notice: bool) -> None:
    assert is_notice(text) is notice


@pytest.mark.parametrize(
    ("text", "we", "you"),
    [
        ("Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини.", True, False),
        ("Εγγραφείτε στο newsletter μας για τις ειδήσεις.", True, False),
        ("Ви можете прочитати більше на сайті.", False, True),
        ("Міністерство заявило, що рішення набуде чинності в понеділок.", False, False),
    ],
)
def test_pronouns_of_other_scripts_are_read_in_every_document(
    text: str, we: bool, you: bool
) -> None:
    assert speaks_as_we(text) is we
    assert addresses_reader(text) is you


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ('1. "Dutch widen chip tool rules". Lowland Times. 15 January 2025.', True),
        ('[2] "Licence rules for lithography". Continental Wire, 30 June 2023.', True),
        ('1. "Immersion" machines of the newest generation need a licence.', False),
        ('3. "We will not back down," the minister said in 2024.', False),
    ],
)
def test_reference_entries(text: str, cites: bool) -> None:
    assert cites_only(text) is cites


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("삼성전자 시안 반도체 공장 전경. 사진=연합뉴스", True),
        ("The formula is simple. Duty = price x rate", False),
    ],
)
def test_a_credit_after_an_equals_sign(text: str, caption: bool) -> None:
    assert is_caption(text) is caption


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("来源：海关总署 发布时间：2025-11-05 浏览次数：1024", True),
        ("答：自2025年11月10日起，暂停加征关税，为期一年。", False),
    ],
)
def test_a_chinese_information_strip_is_a_byline(text: str, stamp: bool) -> None:
    assert is_byline(text) is stamp


def test_caseless_labels_open_an_interviews_exchanges() -> None:
    texts = [
        "问：何时生效？",
        "答：自十一月十日起生效，为期一年。",
        "问：需要什么手续？",
        "答：正常申报即可。",
    ]
    assert label_of(texts[0]) == "问"
    assert exchanges(texts, {"问", "答"}) >= {0, 2}
    # lower-case keys are a data file's fields, not an exchange
    assert exchanges(["title: a", "date: b", "title: c", "date: d"], {"title", "date"}) == set()
