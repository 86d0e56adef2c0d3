"""The evidence commands on the five articles: corpus, search, evidence, cite check."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import grandbargain
from grandbargain.cli import app

runner = CliRunner()


def _validate(name: str, data: Any) -> None:
    schema = json.loads((Path(grandbargain.__file__).parent / "schemas" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def _json(args: list[str], code: int = 0) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def _corpus(shared: Path, tmp_path: Path) -> Path:
    db = tmp_path / "corpus.sqlite"
    result = runner.invoke(
        app, ["corpus", "add", str(shared / "corpus"), "--db", str(db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 5
    return db


def test_corpus_add_twice_list_search_and_evidence(shared: Path, tmp_path: Path) -> None:
    db = _corpus(shared, tmp_path)
    again = json.loads(
        runner.invoke(
            app, ["corpus", "add", str(shared / "corpus"), "--db", str(db), "--format", "json"]
        ).stdout
    )
    assert again["added"] == 0 and again["unchanged"] == 5
    listing = json.loads(
        runner.invoke(app, ["corpus", "list", "--db", str(db), "--format", "json"]).stdout
    )
    assert listing["schema_version"] == 1 and len(listing["documents"]) == 5
    hits = json.loads(
        runner.invoke(
            app, ["search", "rare earth magnets", "--db", str(db), "--format", "json"]
        ).stdout
    )["hits"]
    assert len({h["source_id"] for h in hits}) >= 3
    assert not any("Zeekr" in h["text"] or "Visual China" in h["text"] for h in hits)
    result = runner.invoke(app, ["evidence", "rare-earths", "--db", str(db)])
    assert result.exit_code == 0 and "rare" in result.output.lower()
    assert runner.invoke(app, ["evidence", "unicorns", "--db", str(db)]).exit_code == 2


def test_cite_check_passes_and_fails_properly(shared: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["cite", "check", "--corpus", str(shared / "corpus")])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ quotes and \d+ numbers checked; 0 problem\(s\)\n", result.stdout)
    db = _corpus(shared, tmp_path)
    assert runner.invoke(app, ["cite", "check", "--db", str(db)]).exit_code == 0
    dated = runner.invoke(app, ["cite", "check", "--db", str(db), "--as-of", "2025-07-01"])
    assert dated.exit_code == 1, dated.output
    # problems, then warnings, then the summary
    lines = dated.stdout.splitlines()
    kinds = ["w" if line.startswith("warning: ") else "p" for line in lines[:-1]]
    assert "p" in kinds and "w" in kinds and kinds == sorted(kinds)
    assert lines[0].startswith(
        "parties.United States.stances.advanced-ai-chips.red_lines: in force on 2025-07-01 "
        "but backed only by sources dated after it: bloomberg-2025-07-17 dated 2025-07-17"
    )
    assert re.fullmatch(
        r"189 quotes and 643 numbers checked; 1 problem\(s\), \d+ warning\(s\); as of "
        r"2025-07-01: \d+ things in force checked; \d+ later citation\(s\) on events and "
        r"expectations after it, not in force",
        lines[-1],
    )
    # a scenario with a quote its source does not contain
    scenario = yaml.safe_load(
        (Path(__file__).parents[1] / "src/grandbargain/scenarios/us-china-2025.yaml").read_text()
    )
    scenario["buckets"][0]["evidence"][0]["quote"] = "Rare earths are made of cheese."
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(scenario))
    result = runner.invoke(app, ["cite", "check", str(bad), "--corpus", str(shared / "corpus")])
    assert result.exit_code == 1
    assert "buckets" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: [\n")
    assert runner.invoke(app, ["cite", "check", str(broken)]).exit_code == 2


@pytest.mark.parametrize(
    ("name", "corpus", "day", "warnings"),
    [
        (
            "us-china-2025",
            "corpus",
            "2025-07-20",
            [
                "warning: events.h20-reversal.evidence[2]: cites business-times-2025-07, dated "
                "about 2025-07-21, after the as-of date 2025-07-20; set aside as of that date"
            ],
        ),
        ("us-china-phase-one-2019", "corpus-phase-one-2019", "2019-07-01", []),
    ],
)
def test_cite_check_as_of_a_shipped_scenarios_own_date_exits_0(
    shared: Path, name: str, corpus: str, day: str, warnings: list[str]
) -> None:
    args = ["cite", "check", name, "--corpus", str(shared / corpus), "--as-of", day]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:-1] == warnings
    assert f"; 0 problem(s), {len(warnings)} warning(s); as of {day}: " in lines[-1]
    data = _json(args)
    _validate("cite-check.schema.json", data)
    assert data["ok"] is True and data["as_of"] == day
    assert [f"warning: {w['path']}: {w['message']}" for w in data["warnings"]] == warnings


def test_a_corrupt_database_is_an_input_error(tmp_path: Path) -> None:
    db = tmp_path / "not-a-db.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(app, ["corpus", "list", "--db", str(db)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_every_evidence_json_output_validates_against_its_schema(
    shared: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "c.sqlite")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Export controls on chips were eased in July 2025.\n")
    (folder / "image.png").write_bytes(b"\x89PNG")
    added = _json(["corpus", "add", str(shared / "corpus"), str(folder), "--db", db], code=1)
    _validate("corpus-add.schema.json", added)
    assert (added["added"], added["skipped"][0]["reason"]) == (
        6,
        "not a text, Markdown or HTML file",
    )
    listing = _json(["corpus", "list", "--db", db])
    _validate("corpus-list.schema.json", listing)
    assert len(listing["documents"]) == 6 and listing["note"] is None
    found = _json(["search", "rare earth magnets", "--db", db])
    _validate("search.schema.json", found)
    assert found["hits"] and found["note"] is None
    issue = _json(["evidence", "rare-earths", "--db", db])
    _validate("evidence.schema.json", issue)
    assert issue["issue"] == "rare-earths" and issue["hits"]
    checked = _json(["cite", "check", "--db", db])
    _validate("cite-check.schema.json", checked)
    assert checked["ok"] is True and checked["quotes_checked"] > 100
    assert checked["warnings"] == [] and checked["as_of"] is None
    assert checked["in_force_checked"] is None and checked["later_record_citations"] is None
    failing = _json(["cite", "check", "--db", db, "--as-of", "2025-07-01"], code=1)
    _validate("cite-check.schema.json", failing)
    assert failing["problems"] and failing["ok"] is False and failing["as_of"] == "2025-07-01"
    assert failing["warnings"] and failing["in_force_checked"] > 500
    assert {w["precision"] for w in failing["warnings"]} == {"day", "approximate"}


def test_empty_and_missing_corpus_say_so_and_how_to_fill_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "grandbargain" / "corpus.sqlite"
    for args, name in (
        (["search", "chips"], "search.schema.json"),
        (["evidence", "rare-earths"], "evidence.schema.json"),
        (["corpus", "list"], "corpus-list.schema.json"),
    ):
        data = _json(args)
        _validate(name, data)
        assert str(default) in data["note"] and "grandbargain corpus add FOLDER" in data["note"]
        table = runner.invoke(app, args)
        assert table.exit_code == 0
        assert "there is no database at" in table.stdout and "corpus add FOLDER" in table.stdout
    assert not default.exists() and not default.parent.exists()  # reading creates nothing
    checked = _json(["cite", "check"], code=1)
    _validate("cite-check.schema.json", checked)
    assert "no database" in checked["note"]
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    for args in (["search", "chips"], ["corpus", "list"]):
        data = _json([*args, "--db", str(empty)])
        assert "holds no documents" in data["note"] and "corpus add FOLDER" in data["note"]


def test_no_match_says_whether_matches_were_set_aside_as_off_topic(
    shared: Path, tmp_path: Path
) -> None:
    db = _corpus(shared, tmp_path)
    with sqlite3.connect(db) as conn:
        hidden = conn.execute(
            "SELECT count(*) FROM passages WHERE text LIKE '%Zeekr%' AND offtopic = 1"
        ).fetchone()[0]
        shown = conn.execute(
            "SELECT count(*) FROM passages WHERE text LIKE '%Zeekr%' AND offtopic = 0"
        ).fetchone()[0]
    assert hidden >= 2 and shown == 0
    data = _json(["search", "Zeekr", "--db", str(db)])
    assert data["hits"] == []
    assert data["note"].startswith("no on-topic passage matched 'Zeekr'")
    assert f"{hidden} matching passages set aside as off-topic" in data["note"]
    nothing = _json(["search", "zyxwvut", "--db", str(db)])
    assert nothing["note"] == "no on-topic passage matched 'zyxwvut'"
    table = runner.invoke(app, ["search", "zyxwvut", "--db", str(db)])
    assert table.stdout.strip() == "no on-topic passage matched 'zyxwvut'"


def test_rich_markup_in_queries_and_titles_prints_literally(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Trade negotiators met again on tariffs and export controls for chips.\n"
    )
    (folder / "sources.yaml").write_text(
        "sources:\n  - file: talks.txt\n    id: '[/red]talks:smile:'\n"
        "    title: '[bold]Talks[/bold]'\n"
    )
    db = str(tmp_path / "c.sqlite")
    assert runner.invoke(app, ["corpus", "add", str(folder), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["corpus", "list", "--db", db])
    assert listing.exit_code == 0, listing.output
    assert "[/red]talks:smile:" in listing.stdout
    found = runner.invoke(app, ["search", "[/red] tariffs [bold]", "--db", db])
    assert found.exit_code == 0, found.output
    assert "Search: [/red] tariffs [bold]" in found.stdout
    assert "[/red]talks:smile:" in found.stdout and "tariffs" in found.stdout
    missing = runner.invoke(app, ["search", "[/red] zyxwvut", "--db", db])
    assert "no on-topic passage matched '[/red] zyxwvut'" in missing.stdout
