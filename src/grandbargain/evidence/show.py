"""``corpus show``: one stored document's passages, with the off-topic flags and reasons.

The document is named as ``corpus remove`` names documents (its id, its ``sources.yaml`` id,
or the file it was read from); an item that names no document, or names several (a folder, or
a source id given to two files), is an :class:`~grandbargain.model.errors.InputError`. Each
passage is listed with its number (from 1: the numbers ``keep`` and ``hide`` in
``sources.yaml`` take, see :mod:`~grandbargain.evidence.overrule`), whether it is kept or
off-topic, the reason stored for it, and whether the user overruled the detector.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.overrule import overruled
from grandbargain.evidence.removal import matching_documents
from grandbargain.evidence.store import DbArg, corpus_name, open_db
from grandbargain.model.errors import InputError, Problem
from grandbargain.plain import record_data


@dataclass(frozen=True)
class PassageFlag:
    """One stored passage: number (from 1), flag, stored reason, the user's overrule."""

    number: int
    offtopic: bool
    reason: str | None
    overruled: str | None
    """``keep`` or ``hide`` when the ``sources.yaml`` entry overrules the detector."""
    text: str


@dataclass(frozen=True)
class DocumentPassages:
    """One stored document and its passages in order (only the off-topic ones if asked)."""

    id: int
    source_id: str | None
    title: str
    path: str
    passages: int
    offtopic: int
    shown: tuple[PassageFlag, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (``schemas/corpus-show.schema.json``)."""
        return record_data(self) | {"shown": [record_data(f) for f in self.shown]}


def _one(conn: sqlite3.Connection, item: str) -> sqlite3.Row:
    rows = matching_documents(conn, item)
    if len(rows) == 1:
        return rows[0]
    if not rows:
        message = "no stored document has this id, source id or path"
    else:
        names = ", ".join(f"{r['id']}: {r['source_id'] or r['title']}" for r in rows[:5])
        message = f"names {len(rows)} documents ({names}); name one by its id"
    raise InputError([Problem(item, 0, 0, "DOCUMENT", message)])


def show_document(db: DbArg, item: str, offtopic_only: bool = False) -> DocumentPassages:
    """The passages of the one document ``item`` names; see the module docstring."""
    conn, owned = open_db(db, create=False)
    try:
        row = _one(conn, item)
        document = conn.execute(
            "SELECT id, source_id, title, path FROM documents WHERE id = ?", (row["id"],)
        ).fetchone()
        passages = conn.execute(
            "SELECT ordinal, offtopic, offtopic_reason, text FROM passages"
            " WHERE document = ? ORDER BY ordinal",
            (row["id"],),
        ).fetchall()
    except sqlite3.Error as exc:
        raise corpus_db.database_error(exc, corpus_name(db)) from None
    finally:
        if owned:
            conn.close()
    flags = [
        PassageFlag(int(p[0]) + 1, bool(p[1]), p[2], overruled(p[2]), str(p[3])) for p in passages
    ]
    return DocumentPassages(
        id=int(document["id"]),
        source_id=document["source_id"],
        title=str(document["title"]),
        path=str(document["path"]),
        passages=len(flags),
        offtopic=sum(f.offtopic for f in flags),
        shown=tuple(f for f in flags if f.offtopic or not offtopic_only),
    )
