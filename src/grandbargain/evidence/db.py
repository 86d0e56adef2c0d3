"""The corpus database: where it lives, its tables, and forward migrations between versions.

The store is one SQLite file (stdlib :mod:`sqlite3`). Its schema version is kept in
``PRAGMA user_version`` and mirrored in a one-row ``schema_version`` table for readers that do
not know the pragma. :data:`MIGRATIONS` lists the steps in order; opening a database applies the
steps it has not seen yet in one ``BEGIN IMMEDIATE`` transaction, after reading the version
again under that lock, so two processes that open (or create) the same database at once
migrate it once. A database written by a newer version of grandbargain (a higher version number
than :data:`SCHEMA_VERSION`) is refused with an :class:`~grandbargain.model.errors.InputError`,
never silently downgraded or dropped.

Connections wait up to :data:`BUSY_SECONDS` for another process's write to finish. A path that
is a folder, lies in a missing folder, cannot be created or written, or is not a SQLite file is
an :class:`InputError` naming the path; only the default location's folder is created.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from grandbargain.model.errors import InputError, Problem

Migration = Callable[[sqlite3.Connection], None]
BUSY_SECONDS = 120.0
"""How long a connection waits for another process's write transaction."""
FIELD = "--db"


def _statements(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements one by one (``executescript`` would commit the open
    transaction first)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _statements(
        conn,
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
        )
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Near-duplicate groups for documents and passages (NULL = its own group)."""
    _statements(
        conn,
        """
        ALTER TABLE documents ADD COLUMN duplicate_group INTEGER;
        ALTER TABLE passages ADD COLUMN duplicate_group INTEGER;
        UPDATE documents SET duplicate_group = id WHERE duplicate_group IS NULL;
        UPDATE passages SET duplicate_group = id WHERE duplicate_group IS NULL;
        CREATE INDEX passages_group ON passages(duplicate_group)
        """,
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Indexes that make adding a document cost its own size, not the corpus's: the shingle
    hashes of on-topic passages, the MinHash band keys of documents, shingle counts, a group
    index for documents, and high-water marks so that ids are never reused. Existing documents
    are indexed and regrouped by the next step (see :mod:`~grandbargain.evidence.grouping`)."""
    _statements(
        conn,
        """
        CREATE TABLE passage_shingles (
            hash INTEGER NOT NULL, passage INTEGER NOT NULL, PRIMARY KEY (hash, passage)
        ) WITHOUT ROWID;
        CREATE TABLE document_bands (
            band INTEGER NOT NULL, document INTEGER NOT NULL, PRIMARY KEY (band, document)
        ) WITHOUT ROWID;
        CREATE TABLE high_water (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        ALTER TABLE passages ADD COLUMN shingle_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE documents ADD COLUMN shingle_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE documents ADD COLUMN band_count INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX documents_group ON documents(duplicate_group)
        """,
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Conflicting figures: pairs of near-duplicate passages whose numbers differ, kept apart
    (see :mod:`~grandbargain.evidence.dedup`). Every document is indexed and regrouped (also
    the indexes of version 3, whose step now leaves that to this one)."""
    from grandbargain.evidence.grouping import reindex_all

    _statements(
        conn,
        """
        CREATE TABLE passage_conflicts (
            a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE INDEX passage_conflicts_b ON passage_conflicts(b)
        """,
    )
    reindex_all(conn)


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3, _v4)
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


@contextmanager
def write_lock(conn: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back on any
    exception (an interrupt too). Other writers wait for it (see :data:`BUSY_SECONDS`)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _newer(path: str, current: int) -> InputError:
    message = (
        f"corpus database is at schema version {current}, newer than the "
        f"{SCHEMA_VERSION} this version of grandbargain knows; upgrade grandbargain"
    )
    return InputError([Problem(path, 0, 0, "schema_version", message)])


def _refuse_foreign(conn: sqlite3.Connection, path: str) -> None:
    """A new corpus must be an empty file: never add tables to another program's database."""
    names = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master LIMIT 5")]
    if names:
        message = (
            "not a corpus database: it is a SQLite database of something else "
            f"(tables {', '.join(names)}); give a new file name"
        )
        raise InputError([Problem(path, 0, 0, FIELD, message)])


def migrate(conn: sqlite3.Connection, path: str, upto: int = SCHEMA_VERSION) -> None:
    """Apply the missing migration steps up to version ``upto``; refuse a newer database."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise _newer(path, current)
    if current >= upto:
        return
    with write_lock(conn):
        current = schema_version(conn)  # another process may have migrated meanwhile
        if current > SCHEMA_VERSION:
            raise _newer(path, current)
        if current == 0:
            _refuse_foreign(conn, path)
        for version in range(current, upto):
            MIGRATIONS[version](conn)
        if current < upto:
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (upto,))
            conn.execute(f"PRAGMA user_version = {upto}")


def _problem(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), 0, 0, FIELD, message)])


def check_path(db: str | Path | None, create: bool, missing_ok: bool = False) -> Path:
    """The database file for ``db`` (``None``: :func:`default_db_path`), checked before use.

    Raises InputError for a folder, a missing folder (except the default one, which is
    created when ``create``), or - when neither ``create`` nor ``missing_ok`` - a database
    file that does not exist.
    """
    path = Path(db) if db is not None else default_db_path()
    if str(path) == ":memory:":
        return path
    if path.is_dir():
        raise _problem(path, "is a folder; give the corpus database file, e.g. corpus.sqlite")
    if not path.exists():
        if missing_ok and not create:
            return path
        if not create:
            raise _problem(
                path, "no corpus database here; create it with: grandbargain corpus add FOLDER"
            )
        if db is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise _problem(path, f"the folder {path.parent} does not exist")
    return path


def _reason(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"the corpus database is busy: another process kept it locked for more than "
            f"{BUSY_SECONDS:.0f} s; try again"
        )
    if "readonly" in text or "read-only" in text:
        return "cannot write the corpus database: it or its folder is read-only"
    if "unable to open" in text:
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return f"cannot create or open the database: no permission in {path.parent}"
        return "cannot create or open the database file here"
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in text:
        return f"not a corpus database: {exc}"
    return f"database error: {exc}"


def database_error(exc: sqlite3.Error, path: str | Path) -> InputError:
    """An InputError naming ``path`` for an error SQLite raised on it."""
    return _problem(Path(path), _reason(exc, Path(path)))


def connect(db: str | Path | None = None, create: bool = True) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the corpus database at ``db``.

    ``None`` means :func:`default_db_path`. With ``create=False`` a missing database is an
    error instead of a new file. The connection is in autocommit mode: writers use
    :func:`write_lock`. Raises InputError for every problem with the path or the file.
    """
    path = check_path(db, create)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, str(path))
    except sqlite3.Error as exc:
        conn.close()
        raise database_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def allocate(conn: sqlite3.Connection, table: str, count: int) -> int:
    """The first of ``count`` new ids for ``table`` (``documents`` or ``passages``), above every
    id the table has ever held, so that ids are never reused (the indexes and group names
    rely on that). Call inside :func:`write_lock`."""
    if table not in ("documents", "passages"):
        raise ValueError(table)
    row = conn.execute("SELECT value FROM high_water WHERE name = ?", (table,)).fetchone()
    top = int(row[0]) if row is not None else 0
    top = max(top, int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]))
    conn.execute(
        "INSERT INTO high_water (name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (table, top + count),
    )
    return top + 1
