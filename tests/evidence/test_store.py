"""The corpus store: ingest, idempotence, bad files, metadata, duplicates and migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.store import ingest, list_documents
from grandbargain.model.errors import InputError

from .conftest import FIXTURES


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            conn.execute("SELECT count(*) FROM passages").fetchone()[0],
            conn.execute("SELECT count(*) FROM passages_fts").fetchone()[0],
        )


def test_ingesting_twice_changes_nothing(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    first = ingest(db, shared / "corpus")
    assert len(first.added) == 5 and not first.skipped
    before = _counts(db)
    second = ingest(db, shared / "corpus")
    assert (len(second.added), len(second.unchanged)) == (0, 5)
    assert _counts(db) == before
    assert second.lines() == ["0 added, 0 updated, 5 unchanged, 0 skipped"]


def test_bad_files_are_skipped_with_a_reason_and_the_rest_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "trade-desk-chip-tools.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("   \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (folder / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match=r"missing\.txt: no such file or folder"):
        ingest(tmp_path / "c.sqlite", [folder, tmp_path / "missing.txt"])
    assert not (tmp_path / "c.sqlite").exists()  # a named path is checked before anything
    report = ingest(tmp_path / "c.sqlite", [folder])
    assert [Path(p).name for p in report.added] == ["good.txt"]
    reasons = {Path(path).name: reason for path, reason in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "not a text" in reasons["image.png"]
    assert len(report.lines()) == 1 + len(report.skipped)
    assert report.to_dict()["added"] == 1


def test_changed_file_replaces_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("First version of a note about export controls on chips.\n")
    db = tmp_path / "c.sqlite"
    ingest(db, path)
    path.write_text("Second version of a note about export controls on chips.\n")
    report = ingest(db, path)
    assert len(report.updated) == 1
    assert _counts(db)[0] == 1
    [doc] = list_documents(db)
    assert doc.title.startswith("Second version")


def test_metadata_given_by_sources_yaml_or_inferred(corpus_db: Path) -> None:
    docs = {d.source_id or Path(d.path).name: d for d in list_documents(corpus_db)}
    bloomberg = docs["bloomberg-2025-07-17"]
    assert (bloomberg.publisher, bloomberg.date, bloomberg.kind) == (
        "Bloomberg",
        "2025-07-17",
        "news",
    )
    assert bloomberg.inferred == ()
    tram = docs["harbour-times-tram.txt"]
    assert tram.title == "City council approves eastern tram extension after two-year review"
    assert "title" in tram.inferred and tram.language == "en"
    html = docs["policy-brief.html"]
    assert html.title == "Battery licensing talks stall over know-how rules"


def test_reprint_and_retelling_are_grouped_with_the_original(corpus_db: Path) -> None:
    docs = {d.source_id: d for d in list_documents(corpus_db) if d.source_id}
    assert "business-times-2025-07" in docs["bloomberg-2025-07-17"].duplicate_of
    assert "bloomberg-2025-07-17" in docs["business-times-2025-07"].duplicate_of
    assert "bloomberg-2025-07-17" in docs["observer-news-2025-07"].duplicate_of
    assert docs["interconnected-2025-06"].duplicate_of == ()
    assert docs["lumida-2025-07"].duplicate_of == ()


def test_passages_and_offtopic_reasons_are_stored(corpus_db: Path) -> None:
    with sqlite3.connect(corpus_db) as conn:
        rows = conn.execute(
            "SELECT offtopic, offtopic_reason FROM passages WHERE text LIKE '%Zeekr%'"
        ).fetchall()
    assert rows and all(flag == 1 and reason for flag, reason in rows)


def _old_db(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    corpus_db.migrate(conn, str(path), upto=version)
    conn.close()


def test_older_schema_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    _old_db(db, 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    report = ingest(db, FIXTURES / "trade-desk-chip-tools.txt")
    assert len(report.added) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == corpus_db.SCHEMA_VERSION
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == corpus_db.SCHEMA_VERSION
        assert conn.execute("SELECT count(duplicate_group) FROM passages").fetchone()[0] > 0


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {corpus_db.SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer"):
        list_documents(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == corpus_db.SCHEMA_VERSION + 1


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path: Path) -> None:
    db = tmp_path / "junk.sqlite"
    db.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a corpus database"):
        list_documents(db)


def test_default_db_path_is_in_the_user_data_dir() -> None:
    path = corpus_db.default_db_path()
    assert path.name == "corpus.sqlite" and "grandbargain" in str(path)


def test_package_exports_the_engine_lazily() -> None:
    import grandbargain.evidence as evidence

    assert evidence.ingest is ingest
    assert callable(evidence.cite_check) and callable(evidence.search)
    with pytest.raises(AttributeError):
        _ = evidence.no_such_thing


def test_an_interrupted_ingest_leaves_whole_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grandbargain.evidence import store

    calls = {"n": 0}
    real = store.offtopic_reasons

    def flaky(texts: list[str], vocabulary: frozenset[str] = frozenset()) -> list[str | None]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(texts, vocabulary)

    monkeypatch.setattr(store, "offtopic_reasons", flaky)
    db = tmp_path / "c.sqlite"
    with pytest.raises(KeyboardInterrupt):
        ingest(db, [FIXTURES / "trade-desk-chip-tools.txt", FIXTURES / "harbour-times-tram.txt"])
    with sqlite3.connect(db) as conn:
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM passages WHERE document NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
    assert (docs, orphans) == (1, 0)
    monkeypatch.setattr(store, "offtopic_reasons", real)
    report = ingest(db, FIXTURES)
    assert len(report.added) == 3 and len(report.unchanged) == 1


def test_a_failure_in_the_middle_of_writing_a_file_rolls_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure comes after the second file's document, passages and FTS rows are inserted
    (the interrupt above comes before any write): the store keeps the first file whole and
    nothing of the second."""
    from grandbargain.evidence import store

    folder = tmp_path / "pages"
    folder.mkdir()
    for k, place in enumerate(("Geneva", "London", "Stockholm")):
        body = f"Officials met in {place} to discuss export licences for rare earth magnets."
        (folder / f"{k}.txt").write_text(f"Talks in {place}\n\n{body}\n")
    real, calls = store.link_document, []

    def fail_on_the_second(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "link_document", fail_on_the_second)
    db = tmp_path / "c.sqlite"
    with pytest.raises(InputError, match="disk I/O error"):
        ingest(db, folder)
    with sqlite3.connect(db) as conn:
        docs = [Path(r[0]).name for r in conn.execute("SELECT path FROM documents")]
        per_doc = conn.execute("SELECT count(DISTINCT document), count(*) FROM passages").fetchone()
        indexed = conn.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'London OR Stockholm'"
        ).fetchone()[0]
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    assert docs == ["0.txt"] and per_doc == (1, 2) and indexed == 0
    monkeypatch.setattr(store, "link_document", real)
    report = ingest(db, folder)
    assert (len(report.added), len(report.unchanged)) == (2, 1)
