"""Near-duplicate groups kept up to date one document at a time, through indexes in the store.

The rules are those of :mod:`~grandbargain.evidence.dedup`; this module decides which pairs get
compared, so that adding a document costs about its own size whatever the corpus holds:

- every on-topic passage's shingle hashes are in ``passage_shingles`` (hash, passage). A new
  document's shingles are looked up there, which finds exactly the stored passages that share a
  shingle with it - the only ones that can be near-duplicates - and, summed per document, each
  stored document's shared shingles for the containment test;
- every document's MinHash band keys (:func:`~grandbargain.evidence.hashing.band_keys`) are in
  ``document_bands``. Only documents sharing band keys with the new one can get the retelling
  test (TF-IDF alignment), and only the :data:`ALIGN_CANDIDATES` (32) that share the largest
  share of keys (shared keys over the smaller document's keys). A retelling has many aligned
  passages, each pair sharing a key with probability 0.88 or more at the similarities seen in
  the shared corpus, so it shares many keys; documents that merely use the same common words
  share a few. This is the only approximate step: a retelling could be missed when more than
  32 other documents share more of the new one's keys. On the shared corpus and the test
  fixtures every pair is compared, as before.

Groups are named by their smallest member id; ids only grow (``high_water``), so a new
document or passage never names an existing group. Removing a document regroups only the
members of the groups it was in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from grandbargain.evidence.dedup import (
    ALIGNED_WORDS,
    DOCUMENT_ALIGNED,
    NEAR_SHARED,
    PassageKey,
    UnionFind,
    aligned_share,
    documents_contain,
    passage_groups,
    passage_shingles,
    passages_match,
    same_passage,
)
from grandbargain.evidence.hashing import U64, band_keys, signed
from grandbargain.evidence.vectors import terms

_CHUNK = 500
_BATCH = 10_000
ALIGN_CANDIDATES = 32
"""Most stored documents given the retelling test when a document is added: those sharing the
largest share of band keys with it."""


@dataclass(frozen=True)
class DocumentIndex:
    """What grouping needs of one document: its on-topic passages' positions and shingles,
    the terms of those of sentence length, its band keys and its number of distinct shingles."""

    positions: tuple[int, ...]
    shingles: tuple[U64, ...]
    long_terms: tuple[tuple[str, ...], ...]
    bands: U64
    size: int
    texts: tuple[str, ...] = ()
    """The on-topic passages' texts (for their words and figures)."""


def build_index(texts: Sequence[str], offtopic: Sequence[bool]) -> DocumentIndex:
    """The index of a document's passages (``offtopic`` flags which ones to leave out)."""
    positions = tuple(i for i, off in enumerate(offtopic) if not off)
    shingles: list[U64] = []
    for start in range(0, len(positions), _BATCH):  # batches bound the memory of the words
        shingles += passage_shingles([texts[i] for i in positions[start : start + _BATCH]])
    long_terms = tuple(
        tuple(terms(texts[i])) for i in positions if len(texts[i].split()) >= ALIGNED_WORDS
    )
    bands = np.unique(
        np.concatenate(
            [np.zeros(0, np.uint64)]
            + [band_keys(long_terms[k : k + _BATCH]) for k in range(0, len(long_terms), _BATCH)]
        )
    )
    size = len(np.unique(np.concatenate(shingles))) if shingles else 0
    texts_kept = tuple(texts[i] for i in positions)
    return DocumentIndex(positions, tuple(shingles), long_terms, bands, size, texts_kept)


def _pairs(keys: Sequence[int], values: Sequence[U64]) -> Iterator[tuple[int, int]]:
    """(hash, key) for every hash of every key, in hash order (B-tree inserts then append)."""
    if not values:
        return
    hashes = signed(np.concatenate(values))
    owners = np.repeat(np.asarray(keys, dtype=np.int64), [len(v) for v in values])
    order = np.argsort(hashes, kind="stable")
    for start in range(0, len(order), 1 << 16):
        part = order[start : start + (1 << 16)]
        yield from zip(hashes[part].tolist(), owners[part].tolist(), strict=True)


def _temp_tables(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS new_grams (hash INTEGER NOT NULL, "
        "passage INTEGER NOT NULL, PRIMARY KEY (hash, passage)) WITHOUT ROWID"
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS new_bands (band INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.new_grams")
    conn.execute("DELETE FROM temp.new_bands")


@dataclass
class _Shared:
    """Shingles a new document shares with stored passages and documents."""

    passages: dict[tuple[int, int], int]
    """(new passage, stored passage) -> shared shingles."""
    stored: dict[int, tuple[int, int]]
    """stored passage -> (its shingle count, its group)."""
    documents: dict[int, set[int]]
    """stored document -> the shared shingle hashes."""


def _shared(conn: sqlite3.Connection) -> _Shared:
    found = _Shared({}, {}, {})
    rows = conn.execute(
        "SELECT n.hash, n.passage, s.passage, p.document, p.shingle_count, p.duplicate_group "
        "FROM temp.new_grams n CROSS JOIN passage_shingles s ON s.hash = n.hash "
        "CROSS JOIN passages p ON p.id = s.passage"
    )
    for gram, new, old, document, count, group in rows:
        key = (int(new), int(old))
        found.passages[key] = found.passages.get(key, 0) + 1
        found.stored[int(old)] = (int(count), int(group))
        found.documents.setdefault(int(document), set()).add(int(gram))
    return found


def _rename(conn: sqlite3.Connection, table: str, names: dict[int, int], ids: set[int]) -> None:
    """Apply group names: a stored group ``g`` renamed to ``names[g]`` moves all its members;
    a member of ``ids`` (new rows) gets its name alone."""
    for item, name in names.items():
        if name == item:
            continue
        column = "id" if item in ids else "duplicate_group"
        conn.execute(f"UPDATE {table} SET duplicate_group = ? WHERE {column} = ?", (name, item))


def _candidates(index_sizes: dict[int, int], shared: _Shared) -> list[tuple[int, int, int]]:
    """(new, stored, shared shingles) pairs that may be near-duplicates: those that pass the
    shingle test or share enough shingles for the near-identical test."""
    out = []
    for (new, old), count in shared.passages.items():
        a, b = index_sizes[new], shared.stored[old][0]
        if passages_match(count, a, b) or (min(a, b) >= 3 and count / min(a, b) >= NEAR_SHARED):
            out.append((new, old, count))
    return out


def _stored_keys(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, PassageKey]:
    keys: dict[int, PassageKey] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, document, text FROM passages WHERE id IN ({marks})", chunk
        ).fetchall()
        grams = passage_shingles([str(r[2]) for r in rows])
        for r, g in zip(rows, grams, strict=True):
            keys[int(r[0])] = PassageKey.of(int(r[0]), int(r[1]), str(r[2]), g)
    return keys


def _group_passages(
    conn: sqlite3.Connection,
    document: int,
    passage_ids: Sequence[int],
    index: DocumentIndex,
    shared: _Shared,
) -> None:
    """Merge the new passages into stored groups; record conflicting figures."""
    new_keys = {
        pid: PassageKey.of(pid, document, text, grams)
        for pid, text, grams in zip(passage_ids, index.texts, index.shingles, strict=True)
    }
    pairs = _candidates({pid: len(k.shingles) for pid, k in new_keys.items()}, shared)
    old_keys = _stored_keys(conn, sorted({old for _, old, _ in pairs}))
    found = UnionFind(passage_ids)
    conflicts = []
    for new, old, count in pairs:
        verdict = same_passage(count, new_keys[new], old_keys[old])
        if verdict:
            found.union(new, shared.stored[old][1])
        elif verdict is False:
            conflicts.append((min(new, old), max(new, old)))
    _rename(conn, "passages", found.groups(), set(passage_ids))
    conn.executemany("INSERT OR IGNORE INTO passage_conflicts VALUES (?, ?)", conflicts)


def _stored_terms(conn: sqlite3.Connection, document: int) -> list[tuple[str, ...]]:
    rows = conn.execute(
        "SELECT text FROM passages WHERE document = ? AND offtopic = 0 ORDER BY ordinal",
        (document,),
    )
    return [tuple(terms(text)) for (text,) in rows if len(str(text).split()) >= ALIGNED_WORDS]


def _documents(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """id -> (shingle count, band count, group) of stored documents."""
    out: dict[int, tuple[int, int, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        query = (
            "SELECT id, shingle_count, band_count, duplicate_group FROM documents"
            f" WHERE id IN ({marks})"
        )
        for row in conn.execute(query, chunk):
            out[int(row[0])] = (int(row[1]), int(row[2]), int(row[3]))
    return out


def _retold(
    conn: sqlite3.Connection,
    index: DocumentIndex,
    banded: dict[int, int],
    stored: dict[int, tuple[int, int, int]],
    groups: set[int],
) -> set[int]:
    """Groups of the documents that pass the retelling test, among the
    :data:`ALIGN_CANDIDATES` that share the largest share of band keys with the new one."""

    def share(document: int) -> float:
        return banded[document] / max(1, min(len(index.bands), stored[document][1]))

    ranked = sorted(banded, key=lambda d: (-share(d), d))[:ALIGN_CANDIDATES]
    found: set[int] = set()
    for document in sorted(ranked):
        group = stored[document][2]
        if group in groups or group in found:
            continue
        if aligned_share(index.long_terms, _stored_terms(conn, document)) >= DOCUMENT_ALIGNED:
            found.add(group)
    return found


def _matching_groups(conn: sqlite3.Connection, index: DocumentIndex, shared: _Shared) -> set[int]:
    """Groups of the stored documents that the new one is a near-duplicate of."""
    banded = {
        int(row[0]): int(row[1])
        for row in conn.execute(
            "SELECT b.document, count(*) FROM temp.new_bands n "
            "CROSS JOIN document_bands b ON b.band = n.band GROUP BY b.document"
        )
    }
    stored = _documents(conn, sorted(set(banded) | set(shared.documents)))
    groups = {
        stored[document][2]
        for document, hashes in shared.documents.items()
        if documents_contain(len(hashes), index.size, stored[document][0])
    }
    return groups | _retold(conn, index, banded, stored, groups)


def link_document(
    conn: sqlite3.Connection, document: int, passage_ids: Sequence[int], index: DocumentIndex
) -> None:
    """Group a just-stored document and its on-topic passages (``passage_ids``, in the order
    of ``index.positions``) with the stored ones, and add them to the indexes."""
    _temp_tables(conn)
    conn.executemany(
        "INSERT INTO temp.new_grams VALUES (?, ?)", _pairs(passage_ids, index.shingles)
    )
    conn.executemany(
        "INSERT INTO temp.new_bands VALUES (?)", ((b,) for b in signed(index.bands).tolist())
    )
    shared = _shared(conn)
    _group_passages(conn, document, passage_ids, index, shared)
    groups = _matching_groups(conn, index, shared)
    name = min(groups | {document})
    _rename(conn, "documents", {g: name for g in groups} | {document: name}, {document})
    conn.execute("INSERT INTO passage_shingles SELECT hash, passage FROM temp.new_grams")
    conn.execute("INSERT INTO document_bands SELECT band, ? FROM temp.new_bands", (document,))
    conn.execute("DELETE FROM temp.new_grams")
    conn.execute("DELETE FROM temp.new_bands")


def _stored_index(conn: sqlite3.Connection, document: int) -> tuple[list[int], DocumentIndex]:
    rows = conn.execute(
        "SELECT id, text, offtopic FROM passages WHERE document = ? ORDER BY ordinal",
        (document,),
    ).fetchall()
    index = build_index([str(r[1]) for r in rows], [bool(r[2]) for r in rows])
    return [int(rows[i][0]) for i in index.positions], index


@dataclass(frozen=True)
class Unlinked:
    """The groups a removed document was in, to regroup once it is gone."""

    passage_groups: frozenset[int]
    document_group: int


def unlink_document(conn: sqlite3.Connection, document: int) -> Unlinked:
    """Take a document out of the indexes (call before deleting its rows)."""
    passage_ids, index = _stored_index(conn, document)
    conn.execute(
        "DELETE FROM passage_conflicts WHERE a IN (SELECT id FROM passages WHERE document = ?)"
        " OR b IN (SELECT id FROM passages WHERE document = ?)",
        (document, document),
    )
    conn.executemany(
        "DELETE FROM passage_shingles WHERE hash = ? AND passage = ?",
        _pairs(passage_ids, index.shingles),
    )
    conn.executemany(
        "DELETE FROM document_bands WHERE band = ? AND document = ?",
        ((b, document) for b in signed(index.bands).tolist()),
    )
    groups: set[int] = set()
    for start in range(0, len(passage_ids), _CHUNK):
        chunk = passage_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT DISTINCT duplicate_group FROM passages WHERE id IN ({marks})"
        groups.update(int(row[0]) for row in conn.execute(query, chunk))
    row = conn.execute("SELECT duplicate_group FROM documents WHERE id = ?", (document,)).fetchone()
    return Unlinked(frozenset(groups), int(row[0]))


def _regroup_passages(conn: sqlite3.Connection, groups: Iterable[int]) -> None:
    rows = []
    for group in sorted(groups):
        rows += conn.execute(
            "SELECT id, document, text FROM passages WHERE duplicate_group = ? AND offtopic = 0",
            (group,),
        ).fetchall()
    grams = passage_shingles([str(row[2]) for row in rows])
    keys = [
        PassageKey.of(int(r[0]), int(r[1]), str(r[2]), g) for r, g in zip(rows, grams, strict=True)
    ]
    names = passage_groups(keys)
    for pid, name in names.items():
        conn.execute("UPDATE passages SET duplicate_group = ? WHERE id = ?", (name, pid))


def _documents_match(a: DocumentIndex, b: DocumentIndex) -> bool:
    if not a.shingles or not b.shingles:
        return False
    common = len(np.intersect1d(np.concatenate(a.shingles), np.concatenate(b.shingles)))
    if documents_contain(common, a.size, b.size):
        return True
    if not len(np.intersect1d(a.bands, b.bands)):
        return False
    return aligned_share(a.long_terms, b.long_terms) >= DOCUMENT_ALIGNED


def regroup(conn: sqlite3.Connection, unlinked: Unlinked) -> None:
    """Regroup what a removed document's groups still hold (after its rows are deleted)."""
    _regroup_passages(conn, unlinked.passage_groups)
    members = [
        int(row[0])
        for row in conn.execute(
            "SELECT id FROM documents WHERE duplicate_group = ? ORDER BY id",
            (unlinked.document_group,),
        )
    ]
    indexes = {doc: _stored_index(conn, doc)[1] for doc in members}
    found = UnionFind(members)
    for k, a in enumerate(members):
        for b in members[k + 1 :]:
            if found.find(a) != found.find(b) and _documents_match(indexes[a], indexes[b]):
                found.union(a, b)
    for doc, name in found.groups().items():
        conn.execute("UPDATE documents SET duplicate_group = ? WHERE id = ?", (name, doc))


def reindex_all(conn: sqlite3.Connection) -> None:
    """Index and regroup every stored document, oldest first (a migration step)."""
    conn.execute("DELETE FROM passage_conflicts")
    conn.execute("UPDATE passages SET duplicate_group = id, shingle_count = 0")
    conn.execute("UPDATE documents SET duplicate_group = id, shingle_count = 0")
    documents = [int(row[0]) for row in conn.execute("SELECT id FROM documents ORDER BY id")]
    for document in documents:
        passage_ids, index = _stored_index(conn, document)
        conn.executemany(
            "UPDATE passages SET shingle_count = ? WHERE id = ?",
            [(len(g), p) for p, g in zip(passage_ids, index.shingles, strict=True)],
        )
        conn.execute("UPDATE documents SET shingle_count = ? WHERE id = ?", (index.size, document))
        link_document(conn, document, passage_ids, index)
