"""The evidence corpus store: ingest files, list documents.

``ingest(db, paths)`` reads files or folders (text, Markdown, HTML), takes metadata from a
``sources.yaml`` beside them or infers it (:mod:`~grandbargain.evidence.metadata`), splits the
text into passages (:mod:`~grandbargain.evidence.passages`), flags off-topic passages by content
(:mod:`~grandbargain.evidence.offtopic`) and groups near-duplicates
(:mod:`~grandbargain.evidence.grouping`). A file is prepared (read, split, flagged, hashed)
before the database is locked; then it goes in within one ``BEGIN IMMEDIATE`` transaction that
also makes the checks, so an interrupted ingest leaves every file either wholly in or wholly out
and two processes adding to one database at once never clash: a file already in the store with
the same content hash is left unchanged, except that its metadata is refreshed from the
``sources.yaml`` beside it when that changed (reported as updated); a file at a known path
whose content changed replaces the old version. An entry's ``keep`` and ``hide`` lists overrule
the off-topic flags (:mod:`~grandbargain.evidence.overrule`); when they no longer match what is
stored, the file is read again and replaces the stored document (a new id), and a number past
the end of its document is an InputError before anything is stored.

Inside a named folder, files and folders whose name starts with a dot are passed over; a name
is judged from the named folder down, so ``../corpus`` is a folder like any other. A named path
that does not exist or cannot be read, and a malformed ``sources.yaml`` beside named files or in
a named folder, are :class:`~grandbargain.model.errors.InputError` before anything is stored;
files found inside folders that cannot be used are skipped with a reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.discovery import Sources, find_files
from grandbargain.evidence.grouping import (
    DocumentIndex,
    build_index,
    link_document,
    regroup,
    unlink_document,
)
from grandbargain.evidence.metadata import Metadata, metadata_for
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.overrule import apply_overrule, check_overrules, is_offtopic, overrule_of
from grandbargain.evidence.passages import Passage, split_passages
from grandbargain.evidence.reading import Read, read_document
from grandbargain.evidence.refresh import overrule_changed, refresh_metadata
from grandbargain.evidence.shape import scenario_vocabulary
from grandbargain.model.schema import Scenario
from grandbargain.plain import record_data

DbArg = str | Path | sqlite3.Connection | None


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: files added, replaced, unchanged, and skipped with reasons."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """Counts and file lists, JSON-ready (``schemas/corpus-add.schema.json``)."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
            "files": {
                "added": list(self.added),
                "updated": list(self.updated),
                "unchanged": list(self.unchanged),
            },
        }

    def lines(self) -> list[str]:
        """A summary line, then one line per skipped file."""
        head = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"
        )
        return [head] + [f"skipped {path}: {reason}" for path, reason in self.skipped]


@dataclass(frozen=True)
class DocumentInfo:
    """One stored document."""

    id: int
    source_id: str | None
    title: str
    publisher: str | None
    date: str | None
    kind: str | None
    language: str | None
    path: str
    passages: int
    offtopic: int
    duplicate_of: tuple[str, ...]
    inferred: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return record_data(self)


def open_db(db: DbArg, create: bool = True) -> tuple[sqlite3.Connection, bool]:
    """A connection for ``db`` (path, None = default, or an open connection) and whether we
    opened it (and so must close it). ``create=False``: a missing database is an InputError."""
    if isinstance(db, sqlite3.Connection):
        return db, False
    return corpus_db.connect(db, create), True


@dataclass(frozen=True)
class _Prepared:
    """A file ready to store: everything that needs no database, done before the lock."""

    path: Path
    digest: str
    read: Read
    passages: list[Passage]
    reasons: list[str | None]
    meta: Metadata
    index: DocumentIndex


def _prepare(
    path: Path, read: Read, given: dict[str, Any] | None, vocab: frozenset[str]
) -> _Prepared:
    passages = split_passages(read.text)
    texts = [p.text for p in passages]
    reasons = apply_overrule(offtopic_reasons(texts, vocab), overrule_of(given))
    title = read.title or next(
        (p.text for p, r in zip(passages[:4], reasons, strict=False) if not is_offtopic(r)), None
    )
    meta = metadata_for(path, read.text, given, title, read.date)
    index = build_index(texts, [is_offtopic(r) for r in reasons])
    digest = hashlib.sha256(read.raw).hexdigest()
    return _Prepared(path, digest, read, passages, reasons, meta, index)


def delete_document(conn: sqlite3.Connection, document: int) -> None:
    """Delete a document, its passages and index rows, and regroup what it was grouped with
    (call inside :func:`~grandbargain.evidence.db.write_lock`)."""
    unlinked = unlink_document(conn, document)
    rows = conn.execute("SELECT id, text FROM passages WHERE document = ?", (document,))
    conn.executemany(
        "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', ?, ?)",
        [(row[0], row[1]) for row in rows],
    )
    conn.execute("DELETE FROM passages WHERE document = ?", (document,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document,))
    regroup(conn, unlinked)


def _insert(conn: sqlite3.Connection, item: _Prepared) -> None:
    meta = item.meta
    document = corpus_db.allocate(conn, "documents", 1)
    conn.execute(
        "INSERT INTO documents (id, content_hash, path, title, publisher, date, date_precision,"
        " url, language, kind, source_id, inferred, text, added_at, duplicate_group,"
        " shingle_count, band_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document,
            item.digest,
            str(item.path.resolve()),
            meta.title,
            meta.publisher,
            meta.date,
            meta.date_precision,
            meta.url,
            meta.language,
            meta.kind,
            meta.source_id,
            ",".join(meta.inferred),
            item.read.text,
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            document,
            item.index.size,
            len(item.index.bands),
        ),
    )
    first = corpus_db.allocate(conn, "passages", len(item.passages))
    counts = dict(zip(item.index.positions, map(len, item.index.shingles), strict=True))
    conn.executemany(
        "INSERT INTO passages (id, document, ordinal, text, offtopic, offtopic_reason,"
        " duplicate_group, shingle_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                first + k,
                document,
                p.ordinal,
                p.text,
                int(is_offtopic(r)),
                r,
                first + k,
                counts.get(k, 0),
            )
            for k, (p, r) in enumerate(zip(item.passages, item.reasons, strict=True))
        ),
    )
    conn.execute(
        "INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passages WHERE document = ?",
        (document,),
    )
    link_document(conn, document, [first + k for k in item.index.positions], item.index)


def _known(conn: sqlite3.Connection, read: Read) -> bool:
    digest = hashlib.sha256(read.raw).hexdigest()
    query = "SELECT 1 FROM documents WHERE content_hash = ?"
    return conn.execute(query, (digest,)).fetchone() is not None


def _store(conn: sqlite3.Connection, item: _Prepared, again: bool = False) -> str:
    """Store one prepared file in one transaction; ``added``, ``updated`` or ``unchanged``.
    ``again``: replace the document with the same content (its overrule changed)."""
    with corpus_db.write_lock(conn):
        if _known(conn, item.read) and not again:
            return "unchanged"
        old = conn.execute(
            "SELECT id FROM documents WHERE path = ? OR content_hash = ?",
            (str(item.path.resolve()), item.digest),
        ).fetchall()
        for row in old:
            delete_document(conn, int(row[0]))
        _insert(conn, item)
    return "updated" if old else "added"


def ingest(
    db: DbArg, paths: str | Path | Iterable[str | Path], scenario: Scenario | None = None
) -> IngestReport:
    """Add files or folders (``paths``: one path or a list) to the corpus at ``db``.

    ``scenario`` optionally gives the vocabulary that keeps short on-subject lines (headings)
    from being flagged off-topic; see :mod:`grandbargain.evidence.offtopic`. Raises
    InputError, before storing anything, for a named path that is missing or unreadable and
    for a malformed ``sources.yaml`` that describes named files.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    sources = Sources()
    files, skipped = find_files([Path(item) for item in items], sources)
    check_overrules(files, sources.entry)
    outcome: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
    vocab = scenario_vocabulary(scenario)
    conn, owned = open_db(db)
    try:
        for path in files:
            read = read_document(path)
            if not isinstance(read, Read):
                skipped.append((str(path), read.reason))
                continue
            try:
                given = sources.entry(path)
                known = _known(conn, read)  # checked again under the lock; saves the work
                again = known and overrule_changed(conn, read, given)
                if known and not again:
                    refreshed = refresh_metadata(conn, path, read, given)
                    outcome["updated" if refreshed else "unchanged"].append(str(path))
                    continue
                item = _prepare(path, read, given, vocab)
                outcome[_store(conn, item, again)].append(str(path))
            except sqlite3.Error as exc:
                raise corpus_db.database_error(exc, corpus_name(db)) from None
    finally:
        if owned:
            conn.close()
    return IngestReport(
        tuple(outcome["added"]),
        tuple(outcome["updated"]),
        tuple(outcome["unchanged"]),
        tuple(skipped),
    )


def corpus_name(db: DbArg) -> str:
    """How messages name the corpus database."""
    if isinstance(db, sqlite3.Connection):
        return "corpus database"
    return os.fspath(db) if db is not None else str(corpus_db.default_db_path())


def document_count(db: DbArg) -> int | None:
    """How many documents the corpus holds, or None when its database file does not exist
    (nothing is created)."""
    if not isinstance(db, sqlite3.Connection):
        path = Path(db) if db is not None else corpus_db.default_db_path()
        if str(path) != ":memory:" and not path.exists():
            return None
    conn, owned = open_db(db, create=False)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error as exc:
        raise corpus_db.database_error(exc, corpus_name(db)) from None
    finally:
        if owned:
            conn.close()


ADD_HINT = "grandbargain corpus add FOLDER"
"""The command that fills the corpus, named in every note about an empty one."""


def empty_corpus_note(db: DbArg) -> str | None:
    """Why a corpus has nothing to show - no database file yet, or no documents - with the
    command that fills it; None when it holds documents. Never creates the database."""
    count = document_count(db)
    where = corpus_name(db)
    if count is None:
        return (
            f"the corpus is empty: there is no database at {where} yet; "
            f"add documents with: {ADD_HINT}"
        )
    if count == 0:
        return f"the corpus at {where} holds no documents; add some with: {ADD_HINT}"
    return None


@dataclass(frozen=True)
class CorpusListing:
    """The stored documents, and a note when there are none."""

    documents: tuple[DocumentInfo, ...]
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (``schemas/corpus-list.schema.json``)."""
        return {"documents": [d.to_dict() for d in self.documents], "note": self.note}


def corpus_listing(db: DbArg) -> CorpusListing:
    """:func:`list_documents`, or a note saying the corpus is missing or empty."""
    note = empty_corpus_note(db)
    return CorpusListing(() if note else tuple(list_documents(db)), note)


def list_documents(db: DbArg) -> list[DocumentInfo]:
    """Every stored document with its passage counts and near-duplicates, oldest first."""
    conn, owned = open_db(db, create=False)
    try:
        rows = conn.execute(
            "SELECT d.*, (SELECT count(*) FROM passages p WHERE p.document = d.id) AS n, "
            "(SELECT count(*) FROM passages p WHERE p.document = d.id AND p.offtopic = 1) AS off "
            "FROM documents d ORDER BY d.id"
        ).fetchall()
    except sqlite3.Error as exc:
        raise corpus_db.database_error(exc, corpus_name(db)) from None
    finally:
        if owned:
            conn.close()
    label = {int(r["id"]): str(r["source_id"] or r["title"]) for r in rows}
    members: dict[int, list[int]] = {}
    for r in rows:
        members.setdefault(int(r["duplicate_group"]), []).append(int(r["id"]))
    return [
        DocumentInfo(
            id=int(r["id"]),
            source_id=r["source_id"],
            title=r["title"],
            publisher=r["publisher"],
            date=r["date"],
            kind=r["kind"],
            language=r["language"],
            path=r["path"],
            passages=int(r["n"]),
            offtopic=int(r["off"]),
            duplicate_of=tuple(
                label[o] for o in members[int(r["duplicate_group"])] if o != int(r["id"])
            ),
            inferred=tuple(x for x in str(r["inferred"]).split(",") if x),
        )
        for r in rows
    ]
