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


def test_as_of_flags_sources_dated_later(shared: Path) -> None:
    scenario = grandbargain.load_scenario("us-china-2025")
    report = cite_check(scenario, corpus_dir=shared / "corpus", as_of=dt.date(2025, 7, 1))
    assert report.problems
    assert all("after the as-of date 2025-07-01" in p.message for p in report.problems)


def test_missing_source_text_is_a_problem(tmp_path: Path) -> None:
    report = cite_check(grandbargain.load_scenario("us-china-2025"), corpus_dir=tmp_path)
    missing = [p for p in report.problems if "text of the source not found" in p.message]
    assert len(missing) == 5 and all(p.path.startswith("sources.") for p in missing)
