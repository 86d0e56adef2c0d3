"""timeline and diff: the negotiation through time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.api import diff, timeline, timeline_to_dict
from grandbargain.cli import app

US = gb.load_scenario("us-china-2025")
SCHEMAS = Path(gb.__file__).parent / "schemas"
runner = CliRunner()


def _validate(name: str, data: object) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_timeline_lists_events_in_order_with_sources() -> None:
    entries = timeline(US)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    london = next(e for e in entries if e.id == "london-talks")
    assert london.date == dt.date(2025, 6, 9) and london.sources
    snapback = next(e for e in entries if "snapback" in e.id)
    assert not snapback.applies_by_default
    assert any("status quo of reciprocal-tariff" in c for c in snapback.changes)
    _validate("timeline.schema.json", timeline_to_dict(US))


def test_diff_shows_what_the_h20_reversal_did() -> None:
    data = diff(US, dt.date(2025, 6, 8), dt.date(2025, 7, 20)).to_dict()
    _validate("diff.schema.json", data)
    assert "h20-reversal" in data["events"]
    assert {"issue": "h20-exports", "from": "banned", "to": "licensed"} in data["status_quo"]
    china = data["reservation"]["China"]
    assert china["to"] > china["from"]
    for row in data["solutions"].values():
        assert row["before"] is not None and row["after"] is not None


def test_diff_of_a_date_with_itself_is_empty() -> None:
    data = diff(US, dt.date(2025, 7, 20), dt.date(2025, 7, 20)).to_dict()
    assert data["events"] == [] and data["status_quo"] == []
    assert all(row["moved"] == [] for row in data["solutions"].values())


def test_commands() -> None:
    result = runner.invoke(app, ["timeline"])
    assert result.exit_code == 0 and "london-talks" in result.output
    result = runner.invoke(app, ["diff", "--from", "2025-06-08", "--to", "2025-07-20"])
    assert result.exit_code == 0 and "How each solution moved" in result.output
    data = json.loads(
        runner.invoke(
            app, ["diff", "--from", "2025-06-08", "--to", "2025-07-20", "--format", "json"]
        ).stdout
    )
    _validate("diff.schema.json", data)
    assert runner.invoke(app, ["diff", "--from", "2025-06-08"]).exit_code == 2
    assert runner.invoke(app, ["diff", "--from", "June", "--to", "2025-07-20"]).exit_code == 2
