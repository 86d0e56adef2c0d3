"""sources.yaml as the shared corpora write it: date_precision, date_estimated, note, covers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grandbargain import api
from grandbargain.evidence.metadata import load_sources_yaml, metadata_for

ENTRY = """sources:
  - id: note-1
    file: a.txt
    title: "A note"
    date: "2019-05-11"
    date_precision: {precision}
    date_estimated: {estimated}
    note: "Facts restated in our own words."
    covers: "what the note covers"
"""


@pytest.mark.parametrize(
    ("precision", "estimated", "expected"),
    [("day", "false", "day"), ("day", "true", "approximate"), ("month", "true", "month")],
)
def test_date_precision_and_estimated_dates_are_read(
    tmp_path: Path, precision: str, estimated: str, expected: str
) -> None:
    (tmp_path / "sources.yaml").write_text(ENTRY.format(precision=precision, estimated=estimated))
    (tmp_path / "a.txt").write_text("Tariffs rose to 25 per cent on Friday.\n")
    entry = load_sources_yaml(tmp_path)["a.txt"]
    meta = metadata_for(tmp_path / "a.txt", "Tariffs rose.", entry)
    assert (meta.date, meta.date_precision) == ("2019-05-11", expected)


def test_both_spellings_of_precision_or_a_non_boolean_estimate_are_errors(tmp_path: Path) -> None:
    text = ENTRY.format(precision="day", estimated="maybe") + "    precision: day\n"
    (tmp_path / "sources.yaml").write_text(text)
    with pytest.raises(api.InputError) as caught:
        load_sources_yaml(tmp_path)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["sources[0].date_estimated", "sources[0].date_precision"]


def test_the_phase_one_notes_go_in_and_back_the_scenario(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "p1.sqlite"
    report = api.ingest(db, [shared / "corpus-phase-one-2019"], None)
    assert len(report.added) == 21 and not report.skipped
    scenario = api.load_scenario("us-china-phase-one-2019")
    check = api.cite_check(scenario, corpus_dir=None, db=db, as_of=dt.date(2019, 7, 1))
    assert check.ok, check.lines()
