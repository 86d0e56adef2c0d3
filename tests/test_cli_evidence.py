"""The evidence commands on the five articles: corpus, search, evidence, cite check."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from grandbargain.cli import app

runner = CliRunner()


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
    db = _corpus(shared, tmp_path)
    assert runner.invoke(app, ["cite", "check", "--db", str(db)]).exit_code == 0
    dated = runner.invoke(app, ["cite", "check", "--db", str(db), "--as-of", "2025-07-01"])
    assert dated.exit_code == 1 and "after the as-of date" in dated.output
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


def test_a_corrupt_database_is_an_input_error(tmp_path: Path) -> None:
    db = tmp_path / "not-a-db.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(app, ["corpus", "list", "--db", str(db)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
