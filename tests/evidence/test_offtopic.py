"""Off-topic detection by content, on the shared articles and on independent fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.shape import is_caption, is_fragment, scenario_vocabulary

from .conftest import FIXTURES, flags


def _flagged(rows: list[tuple[str, str | None]], needle: str) -> list[bool]:
    found = [reason is not None for text, reason in rows if needle in text]
    assert found, f"{needle!r} not in any passage"
    return found


def _article(shared: Path, name: str) -> list[tuple[str, str | None]]:
    return flags(shared / "corpus" / name)


BT = "business-times-2025-07-nvidia-u-turn-grand-bargain.txt"
BLOOMBERG = "bloomberg-2025-07-17-nvidia-u-turn-grand-bargain.txt"
OBSERVER = "observer-news-2025-07-tech-grand-bargain.txt"
ESSAY = "interconnected-2025-06-contours-of-a-tech-grand-bargain.txt"
LUMIDA = "lumida-2025-07-key-takeaways.txt"


@pytest.mark.parametrize(
    "needle",
    ["Zeekr", "Neta", "espionage", "cyberattacks", "traditional crafts", "paper cutting"],
)
def test_the_three_stories_appended_to_the_reprint_are_flagged(shared: Path, needle: str) -> None:
    assert all(_flagged(_article(shared, BT), needle))


@pytest.mark.parametrize(
    "needle", ["BT in your inbox", "Sign Up", "Start and end each day", "Related Articles"]
)
def test_reprint_site_boilerplate_is_flagged(shared: Path, needle: str) -> None:
    assert all(_flagged(_article(shared, BT), needle))


def test_the_hard_case_ev_story_is_flagged_even_with_the_scenario_vocabulary(
    shared: Path,
) -> None:
    import grandbargain

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    assert {"ev", "automaker"} & vocabulary
    passages = [p.text for p in split_passages((shared / "corpus" / BT).read_text())]
    reasons = offtopic_reasons(passages, vocabulary)
    zeekr = [r for text, r in zip(passages, reasons, strict=True) if "Zeekr" in text]
    assert zeekr and all(r is not None and "appended" in r for r in zeekr[1:])


def test_observer_photo_captions_are_flagged(shared: Path) -> None:
    rows = _article(shared, OBSERVER)
    captions = [reason for text, reason in rows if "Visual China" in text]
    assert len(captions) == 2 and all(r is not None and "caption" in r for r in captions)


@pytest.mark.parametrize(
    "needle",
    [
        "RECOMMENDED FOR YOU",
        "Military Unlikely To Use US AI Chips",
        "Quantum Computing Reaching Inflection Point",
        "US-China Trade Talks Start In London",
    ],
)
def test_headline_list_after_bloomberg_story_is_flagged(shared: Path, needle: str) -> None:
    assert all(_flagged(_article(shared, BLOOMBERG), needle))


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        (BT, "addicted"),
        (BLOOMBERG, "addicted"),
        (BT, "Even though Trump's first term"),
        (BT, "forbidden suggestion"),
        (OBSERVER, "Kuala Lumpur"),
        (OBSERVER, "Both sides agreed that the meeting was positive"),
        (OBSERVER, "Wang elaborated"),
        (ESSAY, "soybeans for EVs"),
        (ESSAY, "Advantage: America."),
        (ESSAY, "Consumer Tech Market Access"),
        (LUMIDA, "Investors and industry players"),
    ],
)
def test_genuine_article_text_is_not_flagged(shared: Path, name: str, needle: str) -> None:
    assert not any(_flagged(_article(shared, name), needle))


def test_whole_articles_mostly_kept(shared: Path) -> None:
    for name in (BLOOMBERG, ESSAY, OBSERVER, LUMIDA):
        rows = _article(shared, name)
        kept = [text for text, reason in rows if reason is None and len(text.split()) >= 20]
        total = [text for text, _ in rows if len(text.split()) >= 20]
        assert len(kept) >= len(total) - 2, name


# --- own fixtures, written for these tests, so the rules are not fitted to five articles ---


@pytest.mark.parametrize(
    "needle",
    [
        "We use cookies",
        "Accept all cookies",
        "Get the Morning Briefing",
        "handpicked by our editors",
        "Subscribe now",
        "Photo: Jonas Berg",
        "Heatwave warning",
        "sourdough",
        "Rovers",
        "Riverside Ground",
        "All rights reserved",
        "Privacy policy",
    ],
)
def test_other_site_boilerplate_and_appended_sports_story(needle: str) -> None:
    assert all(_flagged(flags(FIXTURES / "harbour-times-tram.txt"), needle))


@pytest.mark.parametrize(
    "needle",
    [
        "City council approves eastern tram extension",
        "Councillors voted 31 to 12",
        "412 million",
        "twelve minutes",
        "publish a plan for the market",
    ],
)
def test_other_site_article_is_kept(needle: str) -> None:
    assert not any(_flagged(flags(FIXTURES / "harbour-times-tram.txt"), needle))


def test_appended_story_sharing_scenario_words_is_flagged() -> None:
    rows = flags(FIXTURES / "trade-desk-chip-tools.txt")
    assert all(_flagged(rows, "recalled more than 120,000 cars"))
    assert all(_flagged(rows, "Read next"))
    for needle in ("servicing", "no decision was expected", "stockpiled spare parts"):
        assert not any(_flagged(rows, needle)), needle


def test_story_appended_without_any_separator_is_flagged() -> None:
    rows = flags(FIXTURES / "seamless-append.md")
    assert all(_flagged(rows, "village fete"))
    assert all(_flagged(rows, "brass band"))
    for needle in ("Rare-earth magnet exports", "general licence", "power steering"):
        assert not any(_flagged(rows, needle)), needle


def test_html_page_navigation_and_footer_do_not_become_passages() -> None:
    pytest.importorskip("trafilatura")
    rows = flags(FIXTURES / "policy-brief.html")
    text = "\n".join(t for t, _ in rows)
    assert "process recipes" in text and "Home" not in text and "Copyright" not in text
    assert not any(reason for _, reason in rows if "licens" in _)


def test_shape_helpers() -> None:
    assert is_fragment("Sign Up") and is_fragment("Most read")
    assert not is_fragment("The council approved the plan on Tuesday after a long review.")
    assert is_caption("Workers lay track on Monday. Photo: Jane Doe / Harbour Times")
    assert not is_caption("'It is over,' he said. BLOOMBERG")
    assert offtopic_reasons([]) == []
