"""The corpus database: where it lives, its tables, and forward migrations between versions.

The store is one SQLite file (stdlib :mod:`sqlite3`). Its schema version is kept in
``PRAGMA user_version`` and mirrored in a one-row ``schema_version`` table for readers that do
not know the pragma. :data:`MIGRATIONS` lists the steps in order; opening a database applies the
steps it has not seen yet, each in its own transaction. A database written by a newer version
of grandbargain (a higher version number than :data:`SCHEMA_VERSION`) is refused with an
:class:`~grandbargain.model.errors.InputError`, never silently downgraded or dropped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from grandbargain.model.errors import InputError, Problem

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            title TEXT NOT NULL,
            publisher TEXT,
            date TEXT,
            date_precision TEXT,
            url TEXT,
            language TEXT,
            kind TEXT,
            source_id TEXT,
            inferred TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_path ON documents(path);
        CREATE INDEX documents_source ON documents(source_id);
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            offtopic INTEGER NOT NULL DEFAULT 0,
            offtopic_reason TEXT,
            UNIQUE (document, ordinal)
        );
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, content='passages', content_rowid='id', tokenize='porter unicode61'
        );
        """
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Near-duplicate groups for documents and passages (NULL = its own group)."""
    conn.executescript(
        """
        ALTER TABLE documents ADD COLUMN duplicate_group INTEGER;
        ALTER TABLE passages ADD COLUMN duplicate_group INTEGER;
        UPDATE documents SET duplicate_group = id WHERE duplicate_group IS NULL;
        UPDATE passages SET duplicate_group = id WHERE duplicate_group IS NULL;
        CREATE INDEX passages_group ON passages(duplicate_group);
        """
    )


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2)
"""Forward migration steps; step ``k`` takes a database from version ``k`` to ``k + 1``."""
SCHEMA_VERSION = len(MIGRATIONS)


def default_db_path() -> Path:
    """``corpus.sqlite`` in the user's data directory (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("grandbargain")) / "corpus.sqlite"


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version the database is at (0 for a new, empty file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, path: str, upto: int = SCHEMA_VERSION) -> None:
    """Apply the missing migration steps up to version ``upto``; refuse a newer database."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise InputError(
            [
                Problem(
                    path,
                    0,
                    0,
                    "schema_version",
                    f"corpus database is at schema version {current}, newer than the "
                    f"{SCHEMA_VERSION} this version of grandbargain knows; upgrade grandbargain",
                )
            ]
        )
    for version in range(current, upto):
        with conn:
            MIGRATIONS[version](conn)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            conn.execute(f"PRAGMA user_version = {version + 1}")


def connect(db: str | Path | None = None) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the corpus database at ``db``.

    ``None`` means :func:`default_db_path`. Raises InputError for a file that is not a SQLite
    database or that a newer grandbargain wrote.
    """
    path = Path(db) if db is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, str(path))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError([Problem(str(path), 0, 0, "", f"not a corpus database: {exc}")]) from exc
    except InputError:
        conn.close()
        raise
    return conn
