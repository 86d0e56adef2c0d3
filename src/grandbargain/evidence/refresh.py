"""A file added again unchanged: bring what is stored in line with its ``sources.yaml`` now.

Its metadata is updated in place (:func:`refresh_metadata`); when the entry's ``keep`` or
``hide`` lists (:mod:`~grandbargain.evidence.overrule`) no longer match the stored flags
(:func:`overrule_changed`), the store reads the file afresh instead, since the flags decide
which passages are indexed and grouped with near-duplicates.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.metadata import metadata_for
from grandbargain.evidence.overrule import overrule_of, stored_overrule
from grandbargain.evidence.reading import Read

_META = ("title", "publisher", "date", "date_precision", "url", "language", "kind", "source_id")


def _stored(conn: sqlite3.Connection, read: Read) -> sqlite3.Row:
    digest = hashlib.sha256(read.raw).hexdigest()
    row: sqlite3.Row = conn.execute(
        "SELECT * FROM documents WHERE content_hash = ?", (digest,)
    ).fetchone()
    return row


def refresh_metadata(conn: sqlite3.Connection, path: Path, read: Read, given: Any) -> bool:
    """Bring a known document's metadata in line with its ``sources.yaml`` entry now (a file
    added again after that entry changed); whether anything changed."""
    row = _stored(conn, read)
    hint = row["title"] if "title" in str(row["inferred"]).split(",") else None
    meta = metadata_for(path, read.text, given, hint, read.date)
    fresh = {name: getattr(meta, name) for name in _META} | {"inferred": ",".join(meta.inferred)}
    if all(row[name] == value for name, value in fresh.items()):
        return False
    with corpus_db.write_lock(conn):
        sets = ", ".join(f"{name} = ?" for name in fresh)
        conn.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*fresh.values(), row["id"]))
    return True


def overrule_changed(conn: sqlite3.Connection, read: Read, given: dict[str, Any] | None) -> bool:
    """Whether a known document's stored flags carry another overrule than ``given`` asks."""
    document = _stored(conn, read)["id"]
    reasons = conn.execute(
        "SELECT offtopic_reason FROM passages WHERE document = ? ORDER BY ordinal", (document,)
    )
    return stored_overrule(r[0] for r in reasons) != overrule_of(given)
