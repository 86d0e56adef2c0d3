"""``corpus remove``: take documents out of the corpus by id, source id or path.

An item names documents by their numeric id, their ``sources.yaml`` id, or a path: a file
(the document read from it) or a folder (every document read from a file below it). Each
removal runs in its own write transaction and regroups the near-duplicates the document was
grouped with, so what stays is grouped as if the removed documents had never been added. An
item that names no stored document is an :class:`~grandbargain.model.errors.InputError`,
raised before anything is removed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.store import DbArg, corpus_name, delete_document, open_db
from grandbargain.model.errors import InputError, Problem


@dataclass(frozen=True)
class RemoveReport:
    """The documents removed, each as ``id: source id or title``."""

    removed: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (``schemas/corpus-remove.schema.json``)."""
        return {"removed": len(self.removed), "documents": list(self.removed)}


def matching_documents(conn: sqlite3.Connection, item: str) -> list[sqlite3.Row]:
    """The stored documents (id, source_id, title) that one item names, as the module
    docstring says."""
    query = "SELECT id, source_id, title FROM documents WHERE "
    if item.isdigit():
        return conn.execute(query + "id = ?", (int(item),)).fetchall()
    found = conn.execute(query + "source_id = ?", (item,)).fetchall()
    if found:
        return found
    path = str(Path(item).resolve())
    prefix = path.rstrip("/") + "/"
    return conn.execute(
        query + "path = ? OR substr(path, 1, ?) = ? ORDER BY id", (path, len(prefix), prefix)
    ).fetchall()


def remove_documents(db: DbArg, items: Iterable[str]) -> RemoveReport:
    """Remove the documents that ``items`` name; see the module docstring."""
    conn, owned = open_db(db, create=False)
    try:
        chosen: dict[int, str] = {}
        problems = []
        for item in items:
            rows = matching_documents(conn, item)
            if not rows:
                message = "no stored document has this id, source id or path"
                problems.append(Problem(item, 0, 0, "DOCUMENT", message))
            for row in rows:
                chosen[int(row["id"])] = f"{row['id']}: {row['source_id'] or row['title']}"
        if problems:
            raise InputError(problems)
        for document in sorted(chosen):
            with corpus_db.write_lock(conn):
                delete_document(conn, document)
    except sqlite3.Error as exc:
        raise corpus_db.database_error(exc, corpus_name(db)) from None
    finally:
        if owned:
            conn.close()
    return RemoveReport(tuple(chosen[d] for d in sorted(chosen)))
