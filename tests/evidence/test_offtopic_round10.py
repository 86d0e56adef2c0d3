"""The rules of the off-topic detector's tenth round (issue 16; unseen8's first look), on
hand-made pages and lines, each with a case that must not match."""

from __future__ import annotations

from grandbargain.evidence.notice_documents import (
    about_section,
    ai_summary,
    offer_line,
    record_notice,
    reference_line,
    release_line,
    skip_links,
)
from grandbargain.evidence.notice_forms import read_also, reading_line
from grandbargain.evidence.notice_purpose import ad_label
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_blocks import link_line
from grandbargain.evidence.offtopic_sections import edit_heading
from grandbargain.evidence.offtopic_turns import exchanges, speaker_of
from grandbargain.evidence.shape import is_caption

ARTICLE = [
    "Harbour Daily",
    "Lumber mills and port agree on a new quota for spruce exports",
    "The port authority and the northern lumber mills agreed on Tuesday to a quota of "
    "two million cubic metres of spruce a year, ending a dispute over berth fees.",
    "The mills had threatened to ship through a rival port if the fees rose again, and "
    "the authority said the quota would keep the spruce trade on its quays.",
    "Under the deal the berth fee for lumber freighters will stay at its current level "
    "until the end of next year, the authority said in a statement.",
]
LINK = "{}: Ballet company opens its winter season with a new choreographer"
RESUMED = [
    "Critics of the deal said the quota was too low for the mills' expansion plans, and "
    "two smaller sawmills asked to be heard before the authority's board signs it.",
    "The board is due to vote on the agreement before the winter season opens.",
]
STORY = [
    "The ballet company opened its winter season with a new choreographer on Saturday, "
    "selling out all four evenings of the programme at the opera house.",
    "The choreographer, who trained in Lyon, said the company would tour two cities in "
    "spring and add a children's matinee to the season.",
]


def test_a_link_not_echoed_by_the_next_paragraph_is_no_heading() -> None:
    for label in ("Read also", "Related", "Czytaj także", "İlginizi çekebilir"):
        reasons = offtopic_reasons([*ARTICLE, LINK.format(label), *RESUMED])
        assert reasons[-2] is None and reasons[-1] is None, label
        assert reasons[len(ARTICLE)] is not None  # the link itself stays flagged
    # (the link shares "winter" and "season" with the block, not with its first paragraph)


def test_a_link_echoed_by_its_story_titles_it() -> None:
    reasons = offtopic_reasons([*ARTICLE, LINK.format("Related"), *STORY])
    assert all(r is not None and r.startswith("appended material") for r in reasons[-2:])


def test_link_line_forms() -> None:
    assert link_line("Related: Ballet company opens its season")
    assert link_line("Zobacz też: Ceny mieszkań rosną")
    assert link_line("Lesen Sie auch: Die Börse schließt fester")
    assert not link_line("Related costs rose by 4% in the quarter, the company said.")
    assert not link_line("Relations between the two sides improved: both said so.")


def test_a_caption_may_end_in_a_credit_in_brackets() -> None:
    assert is_caption("A trader arranges toys at a stall in the market. (Orient Ledger)")
    assert is_caption("The two leaders shake hands before their talks. (Harbour Post / Pool)")
    assert not is_caption("The talks went on into the night (in Geneva), officials said.")
    assert not is_caption("The rate was cut to 30 per cent. (see table below)")


PIVOT = [
    "Separately, the city's ballet company opened its winter season with a new "
    "choreographer on Saturday, selling out all four evenings at the opera house.",
    "The choreographer, who trained in Lyon, said the company would tour two cities in "
    "spring and add a children's matinee to the season.",
    "Tickets for the matinee go on sale next week at the box office and online.",
]
OWN_PIVOT = [
    "Separately, two smaller sawmills asked the port authority to raise the spruce quota "
    "and to freeze the berth fee for their lumber freighters as well.",
    "The authority said it would consider the sawmills' request on the quota and the "
    "berth fee before the board signs the deal with the lumber mills.",
]


def test_a_turn_to_another_story_ends_the_article() -> None:
    reasons = offtopic_reasons([*ARTICLE, *PIVOT])
    assert all(r is not None and r.startswith("appended material") for r in reasons[-3:])
    assert reasons[len(ARTICLE) - 1] is None
    # the same turn going on with the article's own terms is the article's
    assert offtopic_reasons([*ARTICLE, *OWN_PIVOT])[-2:] == [None, None]


def test_document_notices() -> None:
    assert release_line("News provided by Harlow Fasteners Ltd. → 3 Mar 2026, 09:00 GMT")
    assert release_line(
        "This release contains forward-looking statements, which involve risks and "
        "uncertainties that could cause actual results to differ."
    )
    assert not release_line("The news was provided by a ministry spokesman on Monday.")
    assert not release_line("Analysts said the forward-looking guidance was cautious.")
    assert record_notice("Uncorrected transcript. Members may correct their remarks.")
    assert record_notice("Draft minutes - not to be quoted as the final record.")
    assert not record_notice("The minister said the figures were a proof of progress.")
    assert reference_line("Skip to main content")
    assert reference_line("Jump to navigation Jump to search")
    assert reference_line('3. "Tariff schedule notice", Federal Register, 12 May 2025.')
    assert reference_line('4. Marlow, T. "The soybean trade", working paper, 2021.')
    assert reference_line("³ Ministry of Commerce, announcement No. 18, 4 April 2025.")
    assert reference_line("Content is available under the Open Press licence unless noted.")
    assert not reference_line("1. China agreed to buy more farm goods, officials said.")
    assert not reference_line("² Deals above the threshold are banned; smaller ones are not.")
    assert not reference_line("Skip the details: the deal cuts tariffs to 10%.")
    assert ai_summary("AI summary. May contain errors; check the original.")
    assert ai_summary("Résumé généré par IA - vérifiez l'article d'origine")
    assert not ai_summary("AI chips were the focus of the summary talks.")
    assert offer_line("Get 2 months free with Larkspur Mail - sign up today")
    assert offer_line("Jetzt bis zu 200 Euro Bonus sichern - bei der Nordbank")
    assert offer_line("Konto bez opłat - sprawdź ofertę Banku Morskiego")
    assert not offer_line("Exporters get 90 days to adjust, the ministry said.")
    assert not offer_line("Jetzt wollen beide Seiten die Gespräche fortsetzen.")


def test_a_french_reading_time_with_a_full_stop() -> None:
    assert reading_line("Lecture 4 min. · Partager")
    assert not reading_line("Lecture de la déclaration commune par le ministre")


def test_an_encyclopaedia_heading_is_judged_without_its_edit_link() -> None:
    assert edit_heading("Background[edit]") and edit_heading("Contexte [modifier]")
    assert edit_heading("Reaction in Beijing[edit source]")
    assert not edit_heading("References[edit]") and not edit_heading("Weblinks[Bearbeiten]")
    assert not edit_heading("Background") and not edit_heading("Tariffs were cut [edited]")


TABLE = [
    "Lumber duties between the two countries, 2024",
    "The rates below are the extra duties each side put on the other's lumber during the "
    "dispute, on top of the duties already in force (including the older pulp duties).",
    "Date | Duty on northern spruce | Duty on southern pine | What changed",
    "2 Jan 2024 | 5% | 5-8% on sawn boards, pallets, some plywood (from 9 Jan) | Duties open",
    "1 Mar 2024 | 12% | 5-8% on southern pine added | Spruce duty doubled; south targets pallets",
    "4 May 2024 | 40% | 25% | Northern surcharge of 25% takes effect; south matches",
    "8 May 2024 | 70% | 25% (60% from 9 May) | North raises its rate to 60%; south answers",
    "9 May 2024 | 95% | 60% | North's surcharge rate 80%",
    "12 May 2024 | 95% | 85% | South raises its rate to 85% and says it will stop there",
    "20 Jun 2024 | 25% | 10% | Harbour talks: 20 points suspended on both sides",
    "2 Sep 2024 | 15% | 10% | Capital talks: surcharge cut to 10%; pause extended a year",
    "The spruce column adds the surcharge to the base duty; the south's March duties on "
    "pallets stayed in force under the truce, so rates on some goods are higher than shown.",
]


def test_a_table_with_long_cells_is_the_document() -> None:
    reasons = offtopic_reasons(TABLE)
    assert reasons[2:11] == [None] * 9


def test_a_speaker_label_with_an_aside_is_the_same_speaker() -> None:
    assert speaker_of("GUEST (Ruth Kessler, grower): Honestly, a year ago.") == "guest"
    assert speaker_of("HOST: And if a deal is announced?") == "host"
    lines = [
        "HOST: When did you last sell beans to an exporter?",
        "GUEST (Ruth Kessler, grower): A year ago.",
        "HOST: And if a deal is announced?",
        "GUEST: Then you will see a rally.",
    ]
    assert exchanges(lines, {"host"}) == {0, 1, 2}  # the page's repeated labels: "host"
    assert exchanges(["HOST: One.", "GUEST (A, b): Two.", "HOST: Three."], {"host"}) == set()


def test_skip_links_are_no_headline() -> None:
    assert skip_links("Skip to main content") and skip_links("Jump to navigation Jump to search")
    assert not skip_links("Skip the tariff: exporters reroute through third countries")


def test_a_release_ends_with_its_about_section_and_safe_harbour() -> None:
    assert about_section("About Harlow Fasteners", "Harlow Fasteners Ltd. makes bolts.")
    assert not about_section("About the deal", "The deal cuts the berth fee.")
    assert not about_section("About Harlow", "Shares of Harlow rose 4% on the news.")
    tail = [
        "About Harlow Fasteners",
        "Harlow Fasteners Ltd. makes bolts, rivets and anchors for shipyards and bridge "
        "builders in nine countries and employs about 2,400 people at four plants.",
        "Forward-Looking Statements",
        "This release contains forward-looking statements that involve risks and "
        "uncertainties; actual results may differ materially from those expressed, and the "
        "company undertakes no obligation to update them after the date of this release.",
    ]
    reasons = offtopic_reasons([*ARTICLE, *tail])
    assert reasons[len(ARTICLE) - 1] is None
    assert all(r is not None for r in reasons[-4:])


def test_a_picture_word_after_its_source_and_an_ad_label_before_a_dot() -> None:
    assert is_caption("The envoy speaks to reporters on Sunday. (Pelican Newswire photo)")
    assert not is_caption("The envoy spoke on Sunday (after a photo call with the host).")
    assert ad_label("Sponsored · Harrowgate Global Funds")
    assert not ad_label("Sponsored by two senators, the bill cuts the duty.")


def test_related_news_in_vietnamese() -> None:
    assert read_also("Tin liên quan: Xuất khẩu sang Mỹ tăng 27% trong 6 tháng")
    assert not read_also("Tin này được cập nhật lúc 10 giờ.")


def test_a_transcripts_answer_to_the_host_is_no_line_to_the_reader() -> None:
    page = [
        ARTICLE[0],
        "Episode 41: Spruce growers wait on the port quota",
        "This week we ask two spruce growers whether the new port quota will be enough for "
        "the lumber mills, and what the berth fee means for their winter sales.",
        "Transcript",
        "HOST: When did you last sell spruce to a mill that was shipping through the port?",
        "GUEST (Ada Lind, grower): Last winter. Since then the mills have only bought for "
        "their own yards, and the quota talks froze every contract we had for the spring.",
        "HOST: And if the quota is signed?",
        "GUEST: Then you will see the mills buy again, but a quota on paper moves no logs.",
        "Credits: Host - Per Holm. Producer - Eva Lund.",
    ]
    reasons = offtopic_reasons(page)
    assert reasons[-2] is None and reasons[-3] is None and reasons[-1] is not None
