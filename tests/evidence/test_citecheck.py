"""cite_check: quotes verbatim in their sources, dates, and unbacked numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import grandbargain
from grandbargain.evidence.citecheck import citations, cite_check
from grandbargain.evidence.store import ingest


def test_flagship_scenario_passes_against_the_corpus_folder(shared: Path) -> None:
    report = cite_check(grandbargain.load_scenario("us-china-2025"), corpus_dir=shared / "corpus")
    assert report.ok, "\n".join(report.lines())
    assert report.quotes_checked > 100 and report.numbers_checked > 100


def test_flagship_scenario_passes_against_the_database(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    ingest(db, shared / "corpus")
    report = cite_check(grandbargain.load_scenario("us-china-2025"), db=db)
    assert report.ok, "\n".join(report.lines())


def test_every_citation_is_found_including_expectations() -> None:
    scenario = grandbargain.load_scenario("us-china-2025")
    paths = [path for path, _ in citations(scenario)]
    assert any(path.startswith("expectations") for path in paths)
    assert any(path.startswith("parties.") and ".stances." in path for path in paths)


def test_problems_are_reported_one_per_line_with_the_entity_path(shared: Path) -> None:
    scenario = grandbargain.load_scenario("us-china-2025")
    bad = scenario.expectations[0].model_copy(update={"quote": "words the author never wrote"})
    unbacked_issue = scenario.issues[0]
    options = tuple(o.model_copy(update={"evidence": ()}) for o in unbacked_issue.options)
    issue = unbacked_issue.model_copy(update={"evidence": (), "options": options})
    broken = scenario.model_copy(
        update={
            "expectations": (bad, *scenario.expectations[1:]),
            "issues": (issue, *scenario.issues[1:]),
        }
    )
    report = cite_check(broken, corpus_dir=shared / "corpus")
    lines = report.lines()
    assert "expectations[0]: quote not found verbatim" in "\n".join(lines)
    positions = [line for line in lines if "neither evidence nor an assumption" in line]
    assert positions and all(line.startswith(f"issues.{issue.id}.options.") for line in positions)
    assert report.to_dict()["ok"] is False


def test_as_of_its_own_date_the_flagship_passes_with_the_reprint_as_a_warning(
    shared: Path,
) -> None:
    # Issue 13: the H20 reversal also cites a reprint of 21 July, but sources of 17 July back it.
    scenario = grandbargain.load_scenario("us-china-2025")
    report = cite_check(scenario, corpus_dir=shared / "corpus", as_of=dt.date(2025, 7, 20))
    assert report.ok, "\n".join(report.lines())
    assert [(w.path, w.source) for w in report.warnings] == [
        ("events.h20-reversal.evidence[2]", "business-times-2025-07")
    ]
    assert report.in_force_checked is not None and report.in_force_checked > 500


def test_an_early_date_finds_what_only_later_sources_back(shared: Path) -> None:
    # On 1 May 2025 every source of us-china-2025 is yet to appear. Its numbers all carry an
    # assumption and its declared status quo no evidence, so what fails are the red lines,
    # constraints and the allies condition's default, which only later sources back.
    day = dt.date(2025, 5, 1)
    scenario = grandbargain.load_scenario("us-china-2025")
    report = cite_check(scenario, corpus_dir=shared / "corpus", as_of=day)
    paths = {p.path for p in report.problems}
    assert {
        "parties.United States.stances.advanced-ai-chips.red_lines",
        "parties.United States.stances.sme-controls.red_lines",
        "conditions.allies.default",
    } <= paths
    assert all("in force on 2025-05-01 but backed only by" in p.message for p in report.problems)
    assert not any(path.startswith("events.") for path in paths)  # the first is on 12 May
    dates = {source.id: source.date for source in scenario.sources}
    assert all(dates[w.source] > day for w in report.warnings) and len(report.warnings) > 50
    assert report.later_record == sum(
        1
        for event in scenario.events
        if event.date > day
        for item in event.evidence
        if item.source is not None and dates[item.source] > day
    ) + sum(1 for e in scenario.expectations if dates[e.source] > day)


def test_missing_source_text_is_a_problem(tmp_path: Path) -> None:
    report = cite_check(grandbargain.load_scenario("us-china-2025"), corpus_dir=tmp_path)
    missing = [p for p in report.problems if "text of the source not found" in p.message]
    assert len(missing) == 5 and all(p.path.startswith("sources.") for p in missing)


def _with_quote(source: str, quote: str) -> grandbargain.Scenario:
    scenario = grandbargain.load_scenario("us-china-2025")
    first = scenario.expectations[0].model_copy(update={"source": source, "quote": quote})
    return scenario.model_copy(update={"expectations": (first, *scenario.expectations[1:])})


def _problems(scenario: grandbargain.Scenario, **where: object) -> list[str]:
    report = cite_check(scenario, **where)  # type: ignore[arg-type]
    return [p.message for p in report.problems if p.path == "expectations[0]"]


def _both(shared: Path, tmp_path: Path) -> list[dict[str, object]]:
    db = tmp_path / "c.sqlite"
    ingest(db, shared / "corpus", grandbargain.load_scenario("us-china-2025"))
    return [{"corpus_dir": shared / "corpus"}, {"db": db}]


def test_a_quote_from_an_appended_story_is_a_problem(shared: Path, tmp_path: Path) -> None:
    quote = "Shares of Geely Auto, which is taking Zeekr private"
    for where in _both(shared, tmp_path):
        found = _problems(_with_quote("business-times-2025-07", quote), **where)
        assert len(found) == 1 and "flagged off-topic (appended material" in found[0], where


def test_a_quote_from_a_recommended_list_is_a_problem(shared: Path, tmp_path: Path) -> None:
    quote = "Quantum Computing Reaching Inflection Point"
    for where in _both(shared, tmp_path):
        found = _problems(_with_quote("bloomberg-2025-07-17", quote), **where)
        assert len(found) == 1 and "flagged off-topic" in found[0], where


def test_a_quote_stitched_across_two_paragraphs_is_a_problem(shared: Path) -> None:
    quote = "Supply Chain Tech and Critical Materials Advantage: China."
    found = _problems(_with_quote("interconnected-2025-06", quote), corpus_dir=shared / "corpus")
    assert len(found) == 1 and "stitched across paragraphs" in found[0]


def test_quote_style_and_whitespace_are_not_differences(shared: Path) -> None:
    text = (shared / "corpus" / "bloomberg-2025-07-17-nvidia-u-turn-grand-bargain.txt").read_text()
    assert "\u201caddicted\u201d" in text
    for quote in ("'addicted'", '"addicted"', "  \u2018addicted\u2019 "):
        assert not _problems(
            _with_quote("bloomberg-2025-07-17", quote), corpus_dir=shared / "corpus"
        ), quote


def test_dash_style_is_not_a_difference(shared: Path) -> None:
    # The two copies of one story set the same dash in house style: an em dash (Bloomberg)
    # and an en dash (Business Times); a typed "--" quotes either.
    corpus = shared / "corpus"
    bloomberg = (corpus / "bloomberg-2025-07-17-nvidia-u-turn-grand-bargain.txt").read_text()
    times = (corpus / "business-times-2025-07-nvidia-u-turn-grand-bargain.txt").read_text()
    assert "precursors \u2014 an area" in bloomberg and "precursors \u2013 an area" in times
    for source in ("bloomberg-2025-07-17", "business-times-2025-07"):
        for quote in ("fentanyl precursors -- an area", "fentanyl precursors\u2014an area"):
            assert not _problems(_with_quote(source, quote), corpus_dir=corpus), (source, quote)


def test_dashes_and_ellipses_match_across_styles_and_wording_still_counts() -> None:
    from grandbargain.evidence.quotes import quote_in_text

    text = "Talks resumed \u2014 and stalled \u2026 then the US\u2013China truce held."
    assert quote_in_text("resumed -- and stalled ... then", text)
    assert quote_in_text("the US-China truce", text)
    assert quote_in_text("resumed\u2013and", text)
    assert not quote_in_text("resumed and stalled", text)  # a dash dropped is a change
    assert not quote_in_text("stalled, then", text)


def test_locate_quote_in_windows_of_one_long_paragraph() -> None:
    from grandbargain.evidence.quotes import Placement, SourcePassage, locate_quote

    parts = [
        SourcePassage(0, "First window ends here.", None),
        SourcePassage(0, "Second window starts here.", None),
        SourcePassage(1, "An appended story.", "appended material"),
    ]
    assert locate_quote("ends here. Second window", parts).placement is Placement.PASSAGE
    assert locate_quote("appended story", parts).placement is Placement.OFFTOPIC
    assert locate_quote("starts here. An appended", parts).placement is Placement.ACROSS
    assert locate_quote("never written", parts).placement is Placement.ABSENT
