"""The rules of the off-topic detector's nineteenth round (issue 16; the representative sets
unseen18 to unseen21): a figure's label and source line are no story's title, a short
sub-heading sharing a term with its section heads the article's own section, a site's
pitches and a shared byline by form, and a photographer's credit "for" a publication. Each
with cases that must not match."""

from __future__ import annotations

import grandbargain
from grandbargain.evidence.notice_site import pitch_notice
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.shape import is_caption, scenario_vocabulary

VOCABULARY = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))

LEAD = [
    "US and China agree to cut tariffs for 90 days after Geneva talks",
    "By Maria Lund",
    "The United States and China agreed on Monday to cut most of the tariffs they imposed on "
    "each other in April for an initial 90 days, after two days of talks in Geneva between "
    "Treasury secretary Scott Bessent and vice-premier He Lifeng.",
    "Bessent said the US would reduce its reciprocal tariff on Chinese goods from 125 per cent "
    "to 10 per cent, while China would lower its duties on American goods by the same amount.",
    "A separate 20 per cent levy over fentanyl stays in place, leaving US tariffs on most "
    "Chinese imports at 30 per cent, officials said.",
]
CHART = ["Chart: US imports from China, monthly, $bn", "Source: US Census Bureau"]
GOING_ON = [
    "Chinese officials also agreed to suspend the export licences on rare earth magnets and "
    "other non-tariff measures they had taken since April 2, Bessent told reporters.",
    "Investors welcomed the deal: the Nasdaq Composite rose more than 4 per cent and shares in "
    "retailers and container lines jumped on hopes that orders from China would return.",
    "Both sides said they would keep talking, with He Lifeng leading for Beijing and Bessent "
    "and trade representative Jamieson Greer for Washington, and neither ruled out a longer deal.",
]
OTHER = [
    "Home goods retailer cuts outlook as holiday demand cools",
    "Shares of Hearthway Home fell 9 per cent in late trading after the retailer lowered its "
    "sales forecast for the holiday quarter, citing weaker spending on furniture and decor.",
    "Chief executive Laura Benn said customers were waiting for discounts and that the company "
    "would close 30 stores next year and cut its marketing budget.",
    "Analysts said the retailer's online sales had slowed for a third quarter in a row.",
]
SECTION = [
    "Why the truce holds anyway",
    "Each side found leverage in Geneva it did not know it had: China's licences on rare earth "
    "magnets and the US tariff of 125 per cent on Chinese goods, Bessent said.",
    "The risk is that a truce built on leverage lasts only until the next export rule or "
    "licence delay, and the 90 days give the US and China little time.",
    "A written text and a regular channel between Bessent and He Lifeng would make the tariff "
    "truce harder to break, officials in both countries said.",
]
GOLD = [
    "Gold climbs to a record high",
    "Gold prices hit a record above $3,100 an ounce on Thursday as investors sought shelter "
    "from swings in stock markets and a weaker dollar.",
    "Central bank buying also supported prices, dealers said, and silver and platinum rose.",
    "Some analysts expect bullion to climb further before the end of the year.",
]
KICKER = ["Metals: Gold climbs to record", *GOLD[1:]]
SECTION2 = [
    "Why the truce holds anyway",
    "Each side has discovered leverage it did not know it had. Magnet licensing proved able to "
    "halt car plants within weeks; the tariff threat proved just as painful in Geneva.",
    "The risk is that a truce built on leverage is only as stable as the next provocation: a "
    "new entity listing or a delayed licence could undo months of work.",
    "The sensible goal for the coming months is modest: a written text, a regular channel "
    "between Bessent and He Lifeng and a calendar that survives a bad week.",
]


def _kept(texts: list[str]) -> list[bool]:
    return [r is None for r in offtopic_reasons(texts, VOCABULARY)]


def test_the_block_after_a_figures_label_and_source_is_the_article_going_on() -> None:
    kept = _kept(LEAD + CHART + GOING_ON)
    assert kept[5:7] == [False, False]  # the chart's label and its source line
    assert kept[7:] == [True] * 3, kept
    # a story with its own headline after the chart is still appended material
    assert _kept(LEAD + CHART + OTHER)[7:] == [False] * 4


def test_a_short_sub_heading_sharing_a_term_heads_the_articles_section() -> None:
    assert _kept(LEAD + SECTION) == [True, False, *[True] * 7]
    assert _kept(LEAD + SECTION2)[5:] == [True] * 4
    # a short headline above another story, with or without a kicker, is still taken
    assert _kept(LEAD + GOLD)[5:] == [False] * 4
    assert _kept(LEAD + KICKER)[5:] == [False] * 4
    assert _kept(LEAD + OTHER)[5:] == [False] * 4


def test_a_sites_pitches_and_a_shared_byline_by_form() -> None:
    assert pitch_notice("This market update is brought to you by Prairie Seed Genetics.")
    assert pitch_notice("Brought to you by Harbour Freight Insurance")
    assert pitch_notice("Support our work: make a tax-deductible gift today.")
    assert pitch_notice("Support independent research. Donate today.")
    assert pitch_notice("Join LCBP's WhatsApp Channel and get the latest news and must-reads.")
    assert pitch_notice("Follow us on Telegram for breaking news")
    assert pitch_notice("Harriet Moss in Geneva and Paul Kearney in Washington")
    assert pitch_notice("Helen Ma in Hong Kong, Rob Delancey in Washington")
    # the article's own sentences with the same words
    assert not pitch_notice("The talks were brought forward by a week, officials said.")
    assert not pitch_notice("He urged supporters to donate today, the campaign said.")
    assert not pitch_notice("Exporters asked members to make a gift of time to the drive.")
    assert not pitch_notice("The ministry told users to join WhatsApp groups run by councils.")
    assert not pitch_notice("Officials in Beijing and Washington said talks would resume.")
    assert not pitch_notice("Harriet Moss in Geneva")


def test_a_photographers_credit_for_a_publication_ends_a_caption() -> None:
    assert is_caption(
        "Bessent and Greer speak to reporters in Geneva on Monday. Photo: Ana Ruiz for The Herald"
    )
    assert is_caption("Delegates leave the villa in Geneva on Sunday. Ana Ruiz for The Daily Post")
    # a sentence ending in a name and "for" is no credit
    assert not is_caption("The talks ended on Monday. He spoke for China.")
    assert not is_caption("Bessent led the talks. Greer stood in for Lutnick.")
