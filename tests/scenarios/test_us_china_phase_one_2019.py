"""The shipped us-china-phase-one-2019 scenario and its outcomes file: sources and evidence.

The checks us-china-2025 passes (valid, every quote verbatim, every number backed, the numbers
table current), and the outcomes file's format and sources. The no-hindsight rule and the
scenario's structure are in ``test_us_china_phase_one_2019_hindsight.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml

import grandbargain as gb
from grandbargain.evidence.citecheck import cite_check
from grandbargain.evidence.quotes import normalise_text, quote_in_text
from grandbargain.model.checks import evidence_lists
from grandbargain.model.loading import shipped_scenario_names
from grandbargain.model.provenance import numbers_table_markdown, scenario_numbers

from ..conftest import ROOT

NAME = "us-china-phase-one-2019"
S = gb.load_scenario(NAME)
CUTOFF = dt.date(2019, 7, 1)
SCENARIOS = ROOT / "src" / "grandbargain" / "scenarios"
OUTCOMES = SCENARIOS / f"{NAME}.outcomes.yaml"
SOURCE_DATE = {source.id: source.date for source in S.sources}


def _corpus(shared: Path) -> Path:
    return shared / "corpus-phase-one-2019"


def _described(shared: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((_corpus(shared) / "sources.yaml").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["sources"]}


def _texts(shared: Path) -> dict[str, str]:
    return {s.id: (_corpus(shared) / str(s.file)).read_text(encoding="utf-8") for s in S.sources}


# What in a note is not a restated fact and is never evidence: the header lines (title, publisher,
# date, URL), the corpus authors' remarks on where the excerpt stops (from "the excerpt" to the end
# of that sentence), and the reporting credits.
_HEADER = re.compile(r"^(Title|Publisher|Date|URL):.*$", re.MULTILINE)
_EXCERPT_REMARK = re.compile(r"[Tt]he excerpt[^.]*\.")
_CREDITS = re.compile(r"The report credits [^.]*\.")


def _body(text: str) -> str:
    text = _HEADER.sub(" [not evidence] ", text)
    text = _EXCERPT_REMARK.sub(" [not evidence] ", text)
    return normalise_text(_CREDITS.sub(" [not evidence] ", text))


def _quotes() -> list[tuple[str, str, str]]:
    found = []
    for path, items in evidence_lists(S):
        for item in items:
            if item.quote is not None and item.source is not None:
                found.append((".".join(map(str, path)), item.source, item.quote))
    for k, expectation in enumerate(S.expectations):
        found.append((f"expectations.{k}", expectation.source, expectation.quote))
    return found


def _outcomes() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(OUTCOMES.read_text(encoding="utf-8"))
    return data


def _outcome_quotes() -> list[tuple[str, str, str]]:
    return [
        (f"outcomes.{o['issue']}", item["source"], item["quote"])
        for o in _outcomes()["outcomes"]
        for item in o.get("evidence", [])
    ]


# --- sources, quotes and numbers ---------------------------------------------------------------


def test_every_note_is_a_source_with_its_original_url_date_and_precision(shared: Path) -> None:
    described = _described(shared)
    assert {s.id for s in S.sources} == set(described)
    for source in S.sources:
        note = described[source.id]
        assert source.file == note["file"], source.id
        assert source.url == note["url"], source.id
        assert source.publisher == note["publisher"], source.id
        assert source.date.isoformat() == note["date"], source.id
        assert source.precision.value == note["date_precision"], source.id
        assert source.language == "en"


def test_every_quote_is_verbatim_in_its_note(shared: Path) -> None:
    texts = _texts(shared)
    missing = [
        f"{where}: {source}: {quote[:60]}"
        for where, source, quote in _quotes() + _outcome_quotes()
        if not quote_in_text(quote, texts[source])
    ]
    assert not missing, "\n".join(missing)
    assert len(_quotes()) >= 150


def test_no_quote_comes_from_a_header_or_a_remark_on_the_excerpt(shared: Path) -> None:
    texts = _texts(shared)
    for where, source, quote in _quotes() + _outcome_quotes():
        assert normalise_text(quote) in _body(texts[source]), where


def test_every_quote_has_at_most_40_words() -> None:
    for where, _, quote in _quotes() + _outcome_quotes():
        assert len(quote.split()) <= 40, where


def test_cite_check_passes_against_the_corpus(shared: Path) -> None:
    report = cite_check(S, corpus_dir=_corpus(shared))
    assert report.ok, report.lines()


def test_cite_check_as_of_1_july_passes_and_counts_the_later_record(shared: Path) -> None:
    report = cite_check(S, corpus_dir=_corpus(shared), as_of=CUTOFF)
    assert report.ok, report.lines()
    assert not report.warnings
    later = [i for e in S.events if e.date > CUTOFF for i in e.evidence if i.source is not None]
    assert report.later_record == len(later) == 25


def test_every_number_has_evidence_or_an_assumption() -> None:
    numbers = list(scenario_numbers(S))
    unbacked = [f"{n.entity}.{n.field}" for n in numbers if not n.backed]
    assert not unbacked, unbacked
    assert len(numbers) > 250


def test_numbers_table_in_docs_is_current() -> None:
    doc = ROOT / "docs" / "reference" / f"{NAME}-numbers.md"
    assert doc.read_text(encoding="utf-8") == numbers_table_markdown(S), (
        f"regenerate: python -m grandbargain.model.provenance {NAME} > {doc}"
    )


def test_the_shipped_file_itself_matches_the_json_schema() -> None:
    import jsonschema

    raw = yaml.safe_load((SCENARIOS / f"{NAME}.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(gb.scenario_json_schema())
    assert not list(validator.iter_errors(json.loads(json.dumps(raw, default=str))))


# --- the outcomes file ---------------------------------------------------------------------------


def test_the_outcomes_file_is_not_listed_as_a_scenario() -> None:
    assert NAME in shipped_scenario_names()
    assert f"{NAME}.outcomes" not in shipped_scenario_names()


def test_outcomes_file_has_the_format_and_names_real_issues_and_options() -> None:
    data = _outcomes()
    assert set(data) == {"schema_version", "scenario", "date", "outcomes"}
    assert data["schema_version"] == 1
    assert data["scenario"] == S.id
    assert data["date"] == dt.date(2020, 1, 15)
    issues = {i.id: i for i in S.issues}
    seen = set()
    for outcome in data["outcomes"]:
        assert set(outcome) <= {"issue", "option", "position", "evidence", "assumption", "note"}
        issue = issues[outcome["issue"]]
        assert issue.id not in seen, issue.id
        seen.add(issue.id)
        assert ("option" in outcome) != ("position" in outcome), issue.id
        assert ("evidence" in outcome) != ("assumption" in outcome), issue.id
        if "option" in outcome:
            assert outcome["option"] in {o.id for o in issue.options}, issue.id
        else:
            positions = [o.position for o in issue.options if o.position is not None]
            assert min(positions) < outcome["position"] < max(positions), issue.id
            assert outcome["position"] not in positions, issue.id  # else name the option
        for item in outcome.get("evidence", []):
            assert set(item) == {"source", "quote"}, issue.id
    assert len(seen) >= 8


def test_outcomes_are_sourced_from_the_later_notes(shared: Path) -> None:
    described = _described(shared)
    for where, source, _ in _outcome_quotes():
        assert source in described and source in SOURCE_DATE, where
        assert SOURCE_DATE[source] > CUTOFF, where


def test_outcome_positions_follow_the_scale_formulas() -> None:
    by_issue = {o["issue"]: o for o in _outcomes()["outcomes"]}
    # 15% in force on List 4A (about $120bn), nothing on List 4B (about $160bn).
    average = 15 * 120 / (120 + 160)
    assert by_issue["us-tariffs-remaining"]["position"] == round(100 * (1 - average / 25))
    # $200bn over two years, against $210bn a year (half the 2018 deficit).
    assert by_issue["purchases-size"]["position"] == round(100 * (200 / 2) / 210)
