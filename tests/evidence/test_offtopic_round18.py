"""The rules of the off-topic detector's eighteenth round (issue 16; unseen16's first look),
each with cases that must not match: the coda rule's guard for a closing argument, a
document's own furniture by form (contents lines, record fields, certification, disclaimers,
a monthly offer, an RSVP), a record's or chat's first line, a figure's source line, a Lao
photo label, a pasted post's quotation, a glossary's heading and long terms, and a diary's
day headings and its writer's "we"."""

from __future__ import annotations

import grandbargain
from grandbargain.evidence.notice_site import field_notice
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_coda import ARGUMENT
from grandbargain.evidence.offtopic_functions import figure_source
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.shape import is_caption, scenario_vocabulary
from grandbargain.evidence.stamps import is_day_heading, is_time_stamp

VOCABULARY = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))


def test_a_documents_own_furniture_by_form() -> None:
    assert field_notice("2. The rare-earth lever ................................. 5")
    assert field_notice("Annex B . . . . . 41")
    assert field_notice("Registrant: Harrowgate Strategies LLC | Client: Ferrovane Magnetics")
    assert field_notice("I certify that the information in this report is true and complete.")
    assert field_notice("This advisory is for information only.")
    assert field_notice(
        "Nothing here constitutes investment advice; it does not constitute tax advice."
    )
    assert field_notice(
        "This evidence is published under our rules; it is not the view of the Committee."
    )
    assert field_notice("Get 5G unlimited for 15 a month with Orbitta Mobile. Switch today.")
    assert field_notice("Annual meeting: 9 December, 7 pm, Legion Hall. RSVP at the office.")
    assert field_notice("[08:01] System: Dana K. joined the group")
    assert field_notice("Public Disclosure Register — Filing #2025-Q3-48817")
    assert field_notice("Docket No. 25-1812")
    # the article's own sentences with the same words
    assert not field_notice("Exports fell... then rose again in 2025")
    assert not field_notice("Tariffs: 145% on most goods, said the notice.")
    assert not field_notice(
        "Officials certify that the shipments meet the rules, the ministry said."
    )
    assert not field_notice("The company said it would charge 15 a month from January.")
    assert not field_notice("The Treasury said the data were published for information.")
    assert not field_notice("[08:05] Ravi M.: US port fees on China-built ships start today.")
    assert not field_notice("The appeal, Docket No. 25-1812, was argued in November.")
    assert not field_notice("Case No. 25-1812")  # a court's case is often the article's subject


def test_a_chat_logs_first_message_is_no_headline() -> None:
    texts = [
        'Chat export - "Importers Roundtable" - 14/10/2025',
        "[08:01] System: Dana K. joined the group",
        "[08:05] Ravi M.: US port fees on China-built and China-operated ships start today, "
        "charged per net ton per voyage, the notice from the US trade representative says.",
        "[08:07] Dana K.: Beijing is charging its own special fee on US-linked ships from today "
        "as well, according to the Chinese transport ministry's notice on port fees.",
    ]
    reasons = offtopic_reasons(texts, VOCABULARY)
    assert reasons[1] is not None and reasons[2] is None and reasons[3] is None


def test_the_argument_guard_reads_modal_and_future_verbs() -> None:
    assert ARGUMENT.search("Congress should put the controls on a firmer footing.")
    assert ARGUMENT.search("None of this will happen by the next deadline.")
    assert not ARGUMENT.search("The county opened a shelter at the high school.")
    assert not ARGUMENT.search("The willow trees canned in the flood.")  # no whole modal word


EDITORIAL = [
    "Editorial: A truce is not a trade policy",
    "The agreement reached in Busan buys a year of calm between the United States and China on "
    "tariffs, rare earths and port fees.",
    "That is better than the alternative: in April, US tariffs on Chinese goods passed 100 per "
    "cent and China answered in kind.",
    "But nearly every part of the deal between Washington and Beijing can be undone at short "
    "notice, as China's rare-earth licences show.",
    "The lesson of Phase One is that Chinese purchase promises are easy to sign and hard to keep.",
    "A durable policy would separate security controls from tariffs and purchases.",
    "It would also give companies more than a year of certainty before they build factories.",
    "Congress can put the outbound investment rules on a firmer legal footing.",
    "Allies need a seat at the table as well.",
]


def test_an_editorials_closing_recommendations_are_no_appended_story() -> None:
    reasons = offtopic_reasons(EDITORIAL, VOCABULARY)
    assert reasons[5:] == [None] * 4, reasons
    # the same closing run told as a report is still taken
    reported = [
        *EDITORIAL[:5],
        "Heavy rain pushed the Little Sioux River over its banks in Calloway County.",
        "The county emergency manager said about 30 homes had water in their basements.",
        "Volunteers filled sandbags at the fairgrounds and the Red Cross opened a shelter.",
        "Officials asked drivers not to go around barricades on county roads.",
    ]
    assert all(r is not None for r in offtopic_reasons(reported, VOCABULARY)[5:])


def test_a_glossarys_heading_and_entries_are_the_articles_own() -> None:
    texts = [
        "Explainer: How US export controls on AI chips work",
        "The US has tightened controls on chips and chipmaking tools bound for China several "
        "times since October 2022. Here is what the main measures do.",
        "Advanced AI chips above set thresholds need a licence to be sold to China, and so do "
        "many tools used to make them.",
        "Through the foreign direct product rule, items made abroad with US technology can fall "
        "under US controls.",
        "Glossary",
        "Entity List: a Commerce Department list of foreign companies that need a licence.",
        "Foreign direct product rule: extends US controls to some foreign-made items.",
        "HBM: high-bandwidth memory, stacked memory chips used alongside AI processors.",
        "Affiliates rule: a 2025 rule extending Entity List limits to firms owned by listed ones.",
    ]
    assert offtopic_reasons(texts, VOCABULARY)[4:] == [None] * 5


def test_a_diarys_day_headings() -> None:
    assert is_day_heading("Sunday 8 June") and is_day_heading("Tuesday, June 10")
    assert is_day_heading("Mercredi 11 juin")
    assert not is_day_heading("Sunday 8 June 2025")  # a stamp's year: a time stamp's job
    assert is_time_stamp("Sunday 8 June 2025")
    assert not is_day_heading("Sunday 8 June: talks resume")
    assert not is_day_heading("On Sunday 8 June the talks resumed.")


REPORT = [
    "Choke points: rare earths, chip tools and the limits of the 2025 truce",
    "The 2025 truce between the United States and China rests on two levers that each side can "
    "pull with little warning: rare-earth licences and export controls on chips.",
    "In April China required licences for exports of seven rare earths, and within weeks "
    "carmakers in the US, Europe and Japan reported shortages of magnets.",
    "Figure 3: Monthly Chinese exports of rare-earth magnets, January-August 2025 (tonnes)",
    "Source: China General Administration of Customs; MCI calculations.",
    "Exports of magnets fell by three quarters between March and May before recovering in the "
    "summer, once China's licences for rare earths began to be issued.",
]


def test_a_figures_source_line_is_its_credit() -> None:
    assert offtopic_reasons(REPORT, VOCABULARY)[4] is not None
    # the same line under a sentence of the article is not a figure's credit
    plain = [*REPORT[:3], REPORT[4], REPORT[5]]
    assert not figure_source(Page(plain, VOCABULARY), 3)
    assert figure_source(Page(REPORT, VOCABULARY), 4)


def test_a_lao_photo_label_opens_a_caption() -> None:
    assert is_caption("ຮູບ: ກອງປະຊຸມອາຊຽນ ຢູ່ກົວລາລຳເປີ")
    assert is_caption("ຮູບພາບ: ກອງປະຊຸມອາຊຽນ")
    assert not is_caption("ຮູບແບບການເຈລະຈາ ແມ່ນໃໝ່")  # "form" opens with the same letters


PASTED = [
    "Thornbury Gazette",
    "US and China sign Phase One trade deal",
    "President Donald Trump and China's vice-premier Liu He signed the first phase of a trade "
    "agreement at the White House on Wednesday, easing an 18-month trade war.",
    "China pledged to buy an additional $200bn of US goods and services over two years compared "
    "with 2017 levels, including farm goods, energy and manufactured products.",
    "The US agreed to halve the tariff rate on about $120bn of Chinese goods to 7.5 per cent but "
    "kept 25 per cent tariffs on $250bn of imports.",
    '"Today we take a momentous step, one that has never been taken before with China" — pasted '
    "post",
    "@WhiteHouse",
    "8:34 PM · Jan 15, 2020",
    "The deal also includes chapters on intellectual property, technology transfer, and "
    "financial services, and a process for settling disputes.",
    "Critics said the purchase targets would be hard to reach; later data showed China fell well "
    "short of them.",
]


def test_a_pasted_posts_quotation_is_no_storys_title() -> None:
    reasons = offtopic_reasons(PASTED, VOCABULARY)
    assert reasons[5] is not None and reasons[6] is not None  # the pasted post
    assert reasons[8] is None and reasons[9] is None, reasons  # the article resuming
