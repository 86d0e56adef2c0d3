"""The evidence corpus store: ingest files, list documents.

``ingest(db, paths)`` reads files or folders (text, Markdown, HTML), takes metadata from a
``sources.yaml`` beside them or infers it (:mod:`~grandbargain.evidence.metadata`), splits the
text into passages (:mod:`~grandbargain.evidence.passages`), flags off-topic passages by content
(:mod:`~grandbargain.evidence.offtopic`) and groups near-duplicates
(:mod:`~grandbargain.evidence.dedup`). Each file goes in within one transaction, so an
interrupted ingest leaves every file either wholly in or wholly out. A file already in the store
with the same content hash is left unchanged; a file at a known path whose content changed
replaces the old version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.dedup import (
    DOCUMENT_ALIGNED,
    DOCUMENT_CONTAINMENT,
    UnionFind,
    aligned_share,
    containment,
    passage_groups,
    shingles,
)
from grandbargain.evidence.metadata import load_sources_yaml, metadata_for
from grandbargain.evidence.offtopic import offtopic_reasons, scenario_vocabulary
from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.reading import SUPPORTED, Read, read_document
from grandbargain.evidence.vectors import TfIdf, terms
from grandbargain.model.schema import Scenario

DbArg = str | Path | sqlite3.Connection | None


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: files added, replaced, unchanged, and skipped with reasons."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """Counts and file lists, JSON-ready."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
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


def open_db(db: DbArg) -> tuple[sqlite3.Connection, bool]:
    """A connection for ``db`` (path, None = default, or an open connection) and whether we
    opened it (and so must close it)."""
    if isinstance(db, sqlite3.Connection):
        return db, False
    return corpus_db.connect(db), True


def _files(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.parts):
                    continue
                if child.suffix.lower() in SUPPORTED:
                    files.append(child)
                elif child.name != "sources.yaml":
                    skipped.append((str(child), "not a text, Markdown or HTML file"))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append((str(path), "no such file or folder"))
    return files, skipped


def _document_groups(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT document, text FROM passages WHERE offtopic = 0 ORDER BY document, ordinal"
    ).fetchall()
    texts: dict[int, list[str]] = {}
    for row in rows:
        texts.setdefault(int(row[0]), []).append(str(row[1]))
    ids = sorted(texts)
    grams = {doc: shingles("\n".join(texts[doc])) for doc in ids}
    long_rows = [(int(r[0]), terms(r[1])) for r in rows if len(str(r[1]).split()) >= 8]
    tokens = [tok for _, tok in long_rows]
    matrix = TfIdf(tokens).matrix(tokens) if tokens else np.zeros((0, 0))
    owner = np.array([doc for doc, _ in long_rows])
    found = UnionFind(ids)
    for k, a in enumerate(ids):
        for b in ids[k + 1 :]:
            if containment(grams[a], grams[b]) >= DOCUMENT_CONTAINMENT or (
                aligned_share(matrix[owner == a], matrix[owner == b]) >= DOCUMENT_ALIGNED
            ):
                found.union(a, b)
    conn.execute("UPDATE documents SET duplicate_group = id")
    conn.executemany(
        "UPDATE documents SET duplicate_group = ? WHERE id = ?",
        [(group, item) for item, group in found.groups().items()],
    )


def _passage_groups(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, document, text FROM passages WHERE offtopic = 0").fetchall()
    groups = passage_groups([(int(r[0]), int(r[1]), str(r[2])) for r in rows])
    conn.execute("UPDATE passages SET duplicate_group = id")
    conn.executemany(
        "UPDATE passages SET duplicate_group = ? WHERE id = ?",
        [(group, item) for item, group in groups.items() if group != item],
    )


def _delete(conn: sqlite3.Connection, document: int) -> None:
    for row in conn.execute("SELECT id, text FROM passages WHERE document = ?", (document,)):
        conn.execute(
            "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', ?, ?)",
            (row[0], row[1]),
        )
    conn.execute("DELETE FROM passages WHERE document = ?", (document,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document,))


def _insert(
    conn: sqlite3.Connection,
    path: Path,
    read: Read,
    given: dict[str, Any] | None,
    vocab: frozenset[str],
) -> None:
    passages = split_passages(read.text)
    reasons = offtopic_reasons([p.text for p in passages], vocab)
    title = read.title or next(
        (p.text for p, r in zip(passages[:4], reasons, strict=False) if r is None), None
    )
    meta = metadata_for(path, read.text, given, title, read.date)
    cursor = conn.execute(
        "INSERT INTO documents (content_hash, path, title, publisher, date, date_precision, url,"
        " language, kind, source_id, inferred, text, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            hashlib.sha256(read.raw).hexdigest(),
            str(path.resolve()),
            meta.title,
            meta.publisher,
            meta.date,
            meta.date_precision,
            meta.url,
            meta.language,
            meta.kind,
            meta.source_id,
            ",".join(meta.inferred),
            read.text,
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        ),
    )
    document = cursor.lastrowid
    for passage, reason in zip(passages, reasons, strict=True):
        row = conn.execute(
            "INSERT INTO passages (document, ordinal, text, offtopic, offtopic_reason) "
            "VALUES (?, ?, ?, ?, ?)",
            (document, passage.ordinal, passage.text, int(reason is not None), reason),
        )
        conn.execute(
            "INSERT INTO passages_fts(rowid, text) VALUES (?, ?)", (row.lastrowid, passage.text)
        )
    _passage_groups(conn)
    _document_groups(conn)


def ingest(
    db: DbArg, paths: str | Path | Iterable[str | Path], scenario: Scenario | None = None
) -> IngestReport:
    """Add files or folders (``paths``: one path or a list) to the corpus at ``db``.

    ``scenario`` optionally gives the vocabulary that keeps short on-subject lines (headings)
    from being flagged off-topic; see :mod:`grandbargain.evidence.offtopic`.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    files, skipped = _files([Path(item) for item in items])
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    vocab = scenario_vocabulary(scenario)
    sources: dict[Path, dict[str, dict[str, Any]]] = {}
    conn, owned = open_db(db)
    try:
        for path in files:
            read = read_document(path)
            if not isinstance(read, Read):
                skipped.append((str(path), read.reason))
                continue
            digest = hashlib.sha256(read.raw).hexdigest()
            if conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone():
                unchanged.append(str(path))
                continue
            folder = path.parent
            if folder not in sources:
                sources[folder] = load_sources_yaml(folder)
            old = conn.execute(
                "SELECT id FROM documents WHERE path = ?", (str(path.resolve()),)
            ).fetchall()
            with conn:
                for row in old:
                    _delete(conn, int(row[0]))
                _insert(conn, path, read, sources[folder].get(path.name), vocab)
            (updated if old else added).append(str(path))
    finally:
        if owned:
            conn.close()
    return IngestReport(tuple(added), tuple(updated), tuple(unchanged), tuple(skipped))


def list_documents(db: DbArg) -> list[DocumentInfo]:
    """Every stored document with its passage counts and near-duplicates, oldest first."""
    conn, owned = open_db(db)
    try:
        rows = conn.execute(
            "SELECT d.*, (SELECT count(*) FROM passages p WHERE p.document = d.id) AS n, "
            "(SELECT count(*) FROM passages p WHERE p.document = d.id AND p.offtopic = 1) AS off "
            "FROM documents d ORDER BY d.id"
        ).fetchall()
        label = {int(r["id"]): str(r["source_id"] or r["title"]) for r in rows}
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
                    label[int(o["id"])]
                    for o in rows
                    if o["duplicate_group"] == r["duplicate_group"] and o["id"] != r["id"]
                ),
                inferred=tuple(x for x in str(r["inferred"]).split(",") if x),
            )
            for r in rows
        ]
    finally:
        if owned:
            conn.close()
