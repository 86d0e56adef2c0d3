"""The rules of the off-topic detector's twelfth round (issue 16; unseen10's first look):
speech transcripts, and narrower appended-material rules, with cases that must not match."""

from __future__ import annotations

from grandbargain.evidence.notice_forms import by_function, timed_comment
from grandbargain.evidence.notice_purpose import author_profile, tag_line
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.offtopic_blocks import names_actor
from grandbargain.evidence.offtopic_layout import menu_line
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.offtopic_speech import speech_interludes, stage_direction


def test_stage_directions_are_bracketed_audience_reactions() -> None:
    for line in ("(Applause.)", "[Laughter]", "(Applause and cheers.)", "(Beifall)", "[Cheers]"):
        assert stage_direction(line)
    # a bracketed aside, an editor's insert and an end mark are not stage directions
    assert not stage_direction("(Reporting by Jane Roe; editing by John Doe)")
    assert not stage_direction("[Remarks on other subjects omitted]")
    assert not stage_direction("(END)")
    assert not stage_direction("Applause for the deal was muted.")


def test_a_stage_direction_is_a_turn_only_between_two_sentences() -> None:
    texts = [
        "Thank you all for coming out tonight, it means a great deal to all of us.",
        "(Applause.)",
        "We will keep pressing both governments to keep the suspension of the fees.",
        "(Laughter.)",
    ]
    assert speech_interludes(texts, [False, True, False, True]) == {1}
    # after a menu line (a fragment) it is no interlude
    assert speech_interludes(texts, [True, True, False, True]) == set()


SPEECH = [
    "Remarks by the Port Commissioner to the Harbour Pilots' Association",
    "Thank you all for coming, and thank you for keeping this harbour moving through a hard year.",
    "When the fees on Chinese-built ships began in October, some of you lost half your calls.",
    "(Applause.)",
    "We will keep pressing both governments until the suspension of the port fees is permanent.",
]


def test_a_transcript_speaking_to_its_audience_is_the_article() -> None:
    assert offtopic_reasons(SPEECH) == [None] * len(SPEECH)


def test_the_same_sentences_without_stage_directions_still_read_as_notices() -> None:
    # must not match: without a stage direction the page is no transcript, and a short line
    # speaking to the reader as "we" stays a reader prompt
    page = [
        "Port fees suspended for a year after Busan meeting",
        "The US and China agreed to suspend for a year the fees on each other's ships, "
        "officials said on Thursday after the meeting in Busan.",
        "Shipping lines said rates on the transpacific route would ease by the spring.",
        "We'd love your feedback: tell us what you think of our new shipping newsletter!",
    ]
    assert offtopic_reasons(page)[3] is not None


def test_a_block_naming_the_article_actors_carries_it_on() -> None:
    # the unheaded block after an advertisement line is kept when it names someone the
    # article named (twelfth round); a pitch naming nobody of the article does not
    page = Page(
        [
            "Importers pause China orders as tariff bites",
            "Importers paused orders after the White House raised the tariff, freight firms "
            "said, and Beijing answered with duties of its own on American goods.",
            "ADVERTISEMENT",
            "Small firms said they were hit hardest by the pause in orders this spring.",
            "The White House said talks would come, but that Beijing should move first.",
            "Travel rewards for frequent flyers on Pacific routes with Aurora Card.",
        ],
        frozenset(),
    )
    assert names_actor(page, [3, 4])
    assert not names_actor(page, [5])


def test_a_labelled_list_of_tags_is_a_tag_line() -> None:
    assert tag_line("Tags: TikTok, ByteDance, CFIUS, US-China")
    assert tag_line("แท็ก : สงครามการค้า, ภาษีนำเข้า, จีน")
    assert tag_line("Keywords: rare earths | export controls | Beijing")
    # a sentence after the label, a single tag, a long clause: not a list of tags
    assert not tag_line("Topics: the talks resumed in Geneva on Monday.")
    assert not tag_line("Tags: tariffs")
    assert not tag_line("Tags: officials said the new rules would apply to all, from May")


def test_a_labelled_author_profile_is_a_profile() -> None:
    assert author_profile("About me: Lena writes about tech regulation.")
    assert author_profile("筆者プロフィール：経済部記者。通商政策と半導体産業を担当。")
    assert author_profile("About the author: Jane Roe covers trade from Singapore.")
    assert not author_profile("The author said the talks would resume.")
    assert not author_profile("About 40 per cent of soybeans went to China.")


def test_a_comment_stamped_with_a_date_and_time_is_a_timed_comment() -> None:
    assert timed_comment("Greg P. — 17 Sep 2025 at 14:02: Oracle again?")
    assert timed_comment("Anya — Sep 17, 2025, 3:40 pm: Great write-up, thanks.")
    assert timed_comment("trader88 · 2 hours ago: rates will fall")
    # a dated dateline and a sentence with a dash are not comments
    assert not timed_comment("GENEVA — 12 May 2025: The two sides agreed to cut tariffs.")
    assert not timed_comment("Officials — who declined to be named — said on Monday: no deal.")


def test_a_market_data_disclaimer_is_a_notice() -> None:
    assert by_function("Prices delayed 10 minutes. Not investment advice.")
    assert by_function("Quotes delayed by at least 15 minutes.")
    assert by_function("This page is not intended as investment advice.")
    # reporting on delays and on advice is the article
    assert not by_function("Shipments were delayed 10 days at the port, officials said.")
    assert not by_function("The bank said its investment advice to clients had not changed.")


def test_a_breadcrumb_from_the_home_page_may_name_whole_sections() -> None:
    assert menu_line("Home > Courts > U.S. Court of International Trade > Tariff cases")
    assert menu_line("Startseite › Wirtschaft › Handel mit China und den USA")
    # a sentence with a ">" in it, and a two-step trail, are not breadcrumbs of sections
    assert not menu_line("Home prices > 10 per cent higher > in the port cities, data showed")
    assert not menu_line("Home > U.S. Court of International Trade")


def test_a_date_above_the_headline_heads_no_section() -> None:
    lines = [
        "12 captures 11 May 2025 - 2 Sep 2025",
        "You are viewing an archived copy of this page; some images may be missing.",
        "US and China agree to cut tariffs for 90 days after Geneva talks",
        "May 12, 2025, 4:15 AM",
        "The United States and China agreed on Monday to cut their tariffs for 90 days.",
        "The US will lower its extra tariff on Chinese goods from 145 per cent to 30 per cent.",
    ]
    page = Page(lines, frozenset())
    assert page.headline == 2 and page.dated_sections == set()
    # must not match: two dates below the headline each heading sentences are a timeline
    timeline = [
        "How the truce came together",
        "The two sides met in Geneva and then in London before a deal was reached in Busan.",
        "May 12, 2025",
        "The US and China agreed in Geneva to cut their tariffs for 90 days.",
        "June 10, 2025",
        "Negotiators in London agreed a framework to carry out the Geneva consensus.",
    ]
    assert Page(timeline, frozenset()).dated_sections == {2, 4}
