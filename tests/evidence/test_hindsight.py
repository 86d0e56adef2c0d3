"""cite check --as-of on small hand-made scenarios: the no-hindsight rule of issue 13.

A thing in force on D whose evidence is only citations of sources dated after D is a problem;
any other later citation is a warning; citations on events after D are the later record.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

import grandbargain as gb
from grandbargain.evidence.citecheck import CiteReport, cite_check
from grandbargain.evidence.hindsight import available_from
from grandbargain.model.inforce import in_force

EARLY = {"source": "early", "quote": "Alpha wants a high tariff."}
LATE = {"source": "late", "quote": "Alpha still wants a high tariff."}
MONTHLY = {"source": "monthly", "quote": "Alpha insists on the tariff."}
GUESS = {"assumption": {"reasoning": "Alpha collects the tariff.", "range": [60, 100]}}
TEXTS = {
    "early.txt": "Alpha wants a high tariff.",
    "late.txt": "Alpha still wants a high tariff. The tariff was cut on 10 July.",
    "monthly.txt": "Alpha insists on the tariff.",
}
END = {"assumption": {"reasoning": "End of the scale by definition."}}

BASE: dict[str, Any] = {
    "schema_version": 1,
    "id": "tiny",
    "title": "Tiny",
    "sources": [
        {"id": "early", "title": "E", "publisher": "P", "date": "2025-06-01", "kind": "news",
         "file": "early.txt"},
        {"id": "late", "title": "L", "publisher": "P", "date": "2025-07-15", "kind": "news",
         "file": "late.txt"},
        {"id": "monthly", "title": "M", "publisher": "P", "date": "2025-06-10",
         "precision": "month", "kind": "news", "file": "monthly.txt"},
    ],
    "buckets": [{"id": "b", "title": "B"}],
    "issues": [
        {"id": "tariff", "title": "Tariff", "bucket": "b", "status_quo": "high",
         "options": [{"id": "high", "label": "High", "position": 0, "evidence": [END]},
                     {"id": "low", "label": "Low", "position": 100, "evidence": [END]}]},
    ],
    "parties": [
        {"name": "A", "stances": {"tariff": {"weight": 1, "values": {"high": 100, "low": 0},
                                             "evidence": [EARLY]}}},
        {"name": "B", "stances": {"tariff": {"weight": 1, "values": {"high": 0, "low": 100},
                                             "evidence": [END]}}},
    ],
    "events": [
        {"id": "cut", "title": "Tariff cut", "date": "2025-07-10",
         "changes": [{"kind": "status_quo", "issue": "tariff", "option": "low"}],
         "evidence": [{"source": "late", "quote": "The tariff was cut on 10 July."}]},
    ],
}  # fmt: skip


def _scenario(**changes: Any) -> gb.Scenario:
    """BASE with party A's stance evidence, the issue's or the event's replaced."""
    data = copy.deepcopy(BASE)
    if "stance" in changes:
        data["parties"][0]["stances"]["tariff"]["evidence"] = changes["stance"]
    if "issue" in changes:
        data["issues"][0]["evidence"] = changes["issue"]
    if "event" in changes:
        data["events"][0]["evidence"] = changes["event"]
    return gb.load_scenario_text(yaml.safe_dump(data))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _check(scenario: gb.Scenario, corpus: Path, day: str) -> CiteReport:
    return cite_check(scenario, corpus_dir=corpus, as_of=dt.date.fromisoformat(day))


def _problem_paths(report: CiteReport) -> list[str]:
    return [p.path for p in report.problems]


def test_the_base_scenario_passes_without_a_date(corpus: Path) -> None:
    report = cite_check(_scenario(), corpus_dir=corpus)
    assert report.ok and not report.warnings and report.as_of is None
    assert report.to_dict()["warnings"] == [] and report.to_dict()["as_of"] is None


def test_an_earlier_and_a_later_source_give_a_warning_and_no_problem(corpus: Path) -> None:
    report = _check(_scenario(stance=[EARLY, LATE]), corpus, "2025-07-01")
    assert report.ok, report.lines()
    [warning] = report.warnings
    assert warning.path == "parties.A.stances.tariff.evidence[1]"
    assert (warning.source, warning.date, warning.precision) == (
        "late",
        dt.date(2025, 7, 15),
        "day",
    )
    assert "after the as-of date 2025-07-01" in warning.message
    assert report.lines() == [f"warning: {warning.path}: {warning.message}"]


def test_a_number_backed_only_by_a_later_source_is_a_problem(corpus: Path) -> None:
    report = _check(_scenario(stance=[LATE]), corpus, "2025-07-01")
    assert not report.ok
    assert _problem_paths(report) == [
        "parties.A.stances.tariff.weight",
        "parties.A.stances.tariff.values.high",
        "parties.A.stances.tariff.values.low",
    ]
    assert all(
        p.message == "in force on 2025-07-01 but backed only by sources dated after it: "
        "late dated 2025-07-15"
        for p in report.problems
    )
    assert not report.warnings  # the citation is reported once, in the problems
    assert _check(_scenario(stance=[LATE]), corpus, "2025-07-15").ok  # on the source's day


def test_an_assumption_keeps_a_number_backed_whatever_the_date(corpus: Path) -> None:
    report = _check(_scenario(stance=[LATE, GUESS]), corpus, "2025-01-01")
    assert report.ok, report.lines()
    assert [w.path for w in report.warnings] == ["parties.A.stances.tariff.evidence[0]"]


def test_an_event_counts_from_its_own_date_until_its_first_source(corpus: Path) -> None:
    # 'cut' is dated 10 July and only a source of 15 July reports it.
    before = _check(_scenario(), corpus, "2025-07-09")
    assert before.ok and not before.warnings and before.later_record == 1
    for day in ("2025-07-10", "2025-07-14"):
        report = _check(_scenario(), corpus, day)
        assert _problem_paths(report) == ["events.cut"], day
        assert "late dated 2025-07-15" in report.problems[0].message
        assert report.later_record == 0
    after = _check(_scenario(), corpus, "2025-07-15")
    assert after.ok and not after.warnings


def test_an_event_backed_by_an_earlier_source_too_gives_a_warning(corpus: Path) -> None:
    event = [{"source": "late", "quote": "The tariff was cut on 10 July."}, EARLY]
    report = _check(_scenario(event=event), corpus, "2025-07-12")
    assert report.ok, report.lines()
    assert [w.path for w in report.warnings] == ["events.cut.evidence[0]"]


def test_a_month_precision_source_counts_from_the_last_day_of_its_month(corpus: Path) -> None:
    scenario = _scenario(stance=[MONTHLY])
    source = {s.id: s for s in scenario.sources}["monthly"]
    assert available_from(source) == dt.date(2025, 6, 30)
    for day in ("2025-06-10", "2025-06-29"):
        report = _check(scenario, corpus, day)
        assert "parties.A.stances.tariff.weight" in _problem_paths(report), day
        assert "monthly dated 2025-06 (counted as 2025-06-30)" in report.problems[0].message
    assert _check(scenario, corpus, "2025-06-30").ok
    day_precision = {s.id: s for s in _scenario().sources}["early"]
    assert available_from(day_precision) == day_precision.date


def test_the_declared_status_quo_is_in_force_until_an_event_replaces_it(corpus: Path) -> None:
    backs = {**LATE, "backs": ["status_quo"]}
    scenario = _scenario(issue=[backs], event=[EARLY])
    paths = {item.path for item in in_force(scenario, dt.date(2025, 7, 9))}
    assert "issues.tariff.status_quo" in paths and "events.cut" not in paths
    report = _check(scenario, corpus, "2025-07-09")
    assert _problem_paths(report) == ["issues.tariff.status_quo"]
    replaced = {item.path for item in in_force(scenario, dt.date(2025, 7, 10))}
    assert "issues.tariff.status_quo" not in replaced and "events.cut" in replaced
    later = _check(scenario, corpus, "2025-07-10")
    assert later.ok and [w.path for w in later.warnings] == ["issues.tariff.evidence[0]"]


def test_red_lines_and_constraints_are_in_force_and_checked(corpus: Path) -> None:
    data = copy.deepcopy(BASE)
    stance = data["parties"][1]["stances"]["tariff"]
    stance.update(
        red_lines=["high"],
        evidence=[{**END, "backs": ["weight", "values"]}, {**LATE, "backs": ["red_lines"]}],
    )
    data["linkages"] = {
        "constraints": [
            {"id": "low-stays-low", "when": {"tariff": "low"}, "requires": {"tariff": ["low"]},
             "evidence": [LATE]},
        ]
    }  # fmt: skip
    scenario = gb.load_scenario_text(yaml.safe_dump(data))
    assert _problem_paths(_check(scenario, corpus, "2025-07-01")) == [
        "parties.B.stances.tariff.red_lines",
        "linkages.constraints.low-stays-low",
    ]
    assert _check(scenario, corpus, "2025-07-15").ok


def test_evidence_that_only_backs_an_events_probability_does_not_back_the_event(
    corpus: Path,
) -> None:
    data = copy.deepcopy(BASE)
    data["events"][0].update(
        status="scheduled",
        probability=0.9,
        evidence=[
            {"source": "late", "quote": "The tariff was cut on 10 July.", "backs": ["date"]},
            {**GUESS, "backs": ["probability"]},
        ],
    )
    report = _check(gb.load_scenario_text(yaml.safe_dump(data)), corpus, "2025-07-12")
    assert _problem_paths(report) == ["events.cut"]


def test_an_expectation_published_later_is_the_later_record(corpus: Path) -> None:
    data = copy.deepcopy(BASE)
    data["expectations"] = [
        {"issue": "tariff", "option": "low", "likelihood": "likely", **LATE},
    ]
    report = _check(gb.load_scenario_text(yaml.safe_dump(data)), corpus, "2025-07-01")
    assert report.ok and not report.warnings
    assert report.later_record == 2  # the expectation and the event's citation
