"""Timeline and report mark the events whose date the scenario gives as an assumption."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import grandbargain
from grandbargain.cli import app
from grandbargain.evidence.timeline import timeline, timeline_to_dict


def test_assumption_dated_events_are_marked_with_their_reasoning() -> None:
    entries = {e.id: e for e in timeline(grandbargain.load_scenario("us-china-2025"))}
    geneva = entries["geneva-truce"]
    assert geneva.date_basis == "assumption" and geneva.sources
    assert geneva.date_assumption is not None and "outside knowledge" in geneva.date_assumption
    # an assumption that backs only the probability leaves the date to the sources
    assert entries["tariff-snapback"].date_basis == "sources"
    assert entries["kuala-lumpur-wang-rubio"].date_basis == "sources"


def test_the_timeline_command_says_so_in_table_and_json() -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["timeline"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "(assumed)" in table.stdout
    data = json.loads(runner.invoke(app, ["timeline", "--format", "json"]).stdout)
    basis = {e["id"]: e["date_basis"] for e in data["events"]}
    assert basis["geneva-truce"] == "assumption" and basis["london-talks"] == "sources"


def test_the_report_marks_assumed_dates() -> None:
    from grandbargain.report.build import build_report

    scenario = grandbargain.load_scenario("us-china-2025")
    page = build_report(scenario, grandbargain.analyze(scenario))
    assumed = sum(e["date_basis"] == "assumption" for e in timeline_to_dict(scenario)["events"])
    assert page.count('class="assumed"') == assumed > 0
    assert "Date is an assumption:" in page


def test_the_briefing_of_changes_marks_assumed_dates_too() -> None:
    """The briefing (the report's first part) lists the events that took effect with their
    dates; of the five between 8 June and 20 July 2025 the scenario gives the TikTok extension,
    the lifting of the EDA curbs and the H20 reversal an assumed date (an assumption among their
    evidence that backs the date), London and Kuala Lumpur a date its sources print."""
    scenario = grandbargain.load_scenario("us-china-2025")
    brief = grandbargain.brief(scenario, "2025-07-20", since="2025-06-08", draws=0)
    lines = [s.text for s in brief.section("changes").sentences if s.text[:4] == "2025"]
    assert lines == [
        "2025-06-09: US-China trade talks in London (happened).",
        "2025-06-19 (date assumed): TikTok ban deadline extended a third time (happened).",
        "2025-07-03 (date assumed): US lifts the May EDA licence requirement (happened).",
        "2025-07-11: Wang Yi and Marco Rubio meet in Kuala Lumpur (happened).",
        "2025-07-14 (date assumed): US to license H20 (and MI308) sales to China (happened).",
    ]
