"""Re-adding refreshes metadata from sources.yaml; language and date of non-English pages;
corpus remove; every kind of unusable file inside a folder is skipped with a reason."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grandbargain.cli import app
from grandbargain.evidence.metadata import infer_date, infer_language
from grandbargain.evidence.reading import MAX_DOCUMENT_BYTES
from grandbargain.evidence.store import ingest, list_documents

from .labelled.scoring import PAGES


def _validate(name: str, data: object) -> None:
    import jsonschema

    import grandbargain

    schema = json.loads((Path(grandbargain.__file__).parent / "schemas" / name).read_text())
    jsonschema.validate(data, schema)


SOURCES = """sources:
  - id: tram
    file: article.txt
    published: {date}
    language: en
"""


def _folder(tmp_path: Path, date: str) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    shutil.copy(PAGES / "wire-orig-magnet-deal.txt", folder / "article.txt")
    (folder / "sources.yaml").write_text(SOURCES.format(date=date))
    return folder


def test_adding_a_folder_again_refreshes_metadata_from_sources_yaml(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    folder = _folder(tmp_path, "2025-06-11")
    assert ingest(db, folder).added
    assert [d.date for d in list_documents(db)] == ["2025-06-11"]
    _folder(tmp_path, "2025-06-12")
    report = ingest(db, folder)
    assert report.updated and not report.added
    assert [d.date for d in list_documents(db)] == ["2025-06-12"]
    assert ingest(db, folder).unchanged  # nothing changed: nothing to do


@pytest.mark.parametrize(
    ("name", "language", "date"),
    [
        ("de-seltene-erden.txt", "de", "2025-06-09"),
        ("de-eu-ev-zoelle.txt", "de", "2025-07-18"),
        ("fr-terres-rares.txt", "fr", "2025-07-15"),
        ("zh-rare-earth-licences.txt", "zh", None),
    ],
)
def test_language_and_date_of_pages_in_other_languages(
    name: str, language: str, date: str | None
) -> None:
    text = (PAGES / name).read_text()
    assert infer_language(text) == language
    assert infer_date(text) == date
    assert infer_date("发布于2025年7月17日") == "2025-07-17"
    assert infer_date("15 de julio de 2025") == "2025-07-15"


def test_language_is_stored_and_listed(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    ingest(db, PAGES / "de-seltene-erden.txt")
    (doc,) = list_documents(db)
    assert (doc.language, doc.date) == ("de", "2025-06-09")
    assert {"language", "date"} <= set(doc.inferred)
    out = CliRunner().invoke(app, ["corpus", "list", "--db", str(db)], env={"COLUMNS": "200"})
    assert "│ de " in out.stdout


def test_corpus_remove_by_id_source_id_and_folder(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    folder = _folder(tmp_path, "2025-06-11")
    ingest(db, [folder, PAGES / "syndicated-copy-magnet-deal.txt", PAGES / "fr-terres-rares.txt"])
    by_name = {Path(d.path).name: d for d in list_documents(db)}
    assert by_name["syndicated-copy-magnet-deal.txt"].duplicate_of == ("tram",)
    runner = CliRunner()
    out = runner.invoke(app, ["corpus", "remove", "tram", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.stdout)["removed"] == 1
    _validate("corpus-remove.schema.json", json.loads(out.stdout))
    left = {Path(d.path).name: d for d in list_documents(db)}
    assert set(left) == {"syndicated-copy-magnet-deal.txt", "fr-terres-rares.txt"}
    assert left["syndicated-copy-magnet-deal.txt"].duplicate_of == ()
    french = str(left["fr-terres-rares.txt"].id)
    assert runner.invoke(app, ["corpus", "remove", french, "--db", str(db)]).exit_code == 0
    missing = runner.invoke(app, ["corpus", "remove", "no-such-doc", "--db", str(db)])
    assert missing.exit_code == 2 and "no-such-doc" in missing.output
    assert runner.invoke(app, ["corpus", "remove", str(PAGES), "--db", str(db)]).exit_code == 0
    assert list_documents(db) == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM passages_fts").fetchone()[0] == 0


def test_every_unusable_file_in_a_folder_is_skipped_with_its_reason(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(PAGES / "short-legacy-301.txt", folder / "good.txt")
    (folder / "latin1.txt").write_bytes("Zölle für Autos".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.md").write_text("")
    (folder / "big.txt").write_bytes(b"a " * (MAX_DOCUMENT_BYTES // 2 + 1))
    (folder / "blank.html").write_text("<html><body><div></div></body></html>")
    db = tmp_path / "c.sqlite"
    out = CliRunner().invoke(app, ["corpus", "add", str(folder), "--db", str(db)])
    assert out.exit_code == 1
    reasons = {Path(line.split(": ", 1)[0][8:]).name: line for line in out.stdout.splitlines()[1:]}
    assert set(reasons) == {"latin1.txt", "binary.txt", "empty.md", "big.txt", "blank.html"}
    assert "UTF-8" in reasons["latin1.txt"] and "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.md"] and "no article text" in reasons["blank.html"]
    assert "larger than the limit of 10,485,760 bytes" in reasons["big.txt"]
    assert [Path(d.path).name for d in list_documents(db)] == ["good.txt"]
    assert out.stdout.startswith("1 added, 0 updated, 0 unchanged, 5 skipped")


def test_a_named_path_that_is_missing_or_unreadable_is_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    runner = CliRunner()
    out = runner.invoke(app, ["corpus", "add", str(tmp_path / "nope"), "--db", str(db)])
    assert out.exit_code == 2 and "no such file or folder" in out.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = runner.invoke(app, ["corpus", "add", str(bad), "--db", str(db)])
    assert out.exit_code == 2 and "binary" in out.output
    assert not db.exists() or list_documents(db) == []
