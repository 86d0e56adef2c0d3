"""Near-duplicate groups kept up to date one document at a time match a brute-force regrouping
of everything (tests/evidence/oracle.py), through adds, replacements and a schema migration."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from grandbargain.evidence import db as corpus_db
from grandbargain.evidence.offtopic import _boilerplate_runs
from grandbargain.evidence.offtopic_page import Page
from grandbargain.evidence.store import ingest, list_documents

from . import oracle
from .conftest import FIXTURES, generated_document


def _lines(seed: int, count: int = 24) -> list[str]:
    return generated_document(seed, count).splitlines()


def _variant(kind: str, seed: int, rng: random.Random) -> str:
    """A document related to ``_lines(seed)``: a reprint, a retelling, an excerpt, itself."""
    base = _lines(seed)
    if kind == "reprint":  # most lines verbatim, a few replaced, a new heading
        lines = [f"Reprinted from edition {rng.randint(1, 99)}", *base]
        for k in rng.sample(range(1, len(lines)), 3):
            lines[k] = _lines(seed + 500 + k, 1)[0]
    elif kind == "retelling":  # the same words, shuffled in each sentence: no shared 5-grams
        lines = []
        for line in base:
            words = line.rstrip(".").split()
            rng.shuffle(words)
            lines.append(" ".join(words) + ".")
    elif kind == "excerpt":  # an unrelated text quoting three lines of the base
        lines = _lines(seed + 1000)
        lines[5:5] = rng.sample([line for line in base if len(line.split()) >= 8], 3)
    else:
        lines = base
    return "\n".join(lines) + "\n"


def _stored(db: Path) -> tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int]]:
    """The stored passage and document groups, and the oracle's for the same contents."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT id, document, text, duplicate_group FROM passages WHERE offtopic = 0"
        ).fetchall()
        docs = dict(conn.execute("SELECT id, duplicate_group FROM documents").fetchall())
    passages = {int(r[0]): int(r[3]) for r in rows}
    texts: dict[int, list[str]] = {d: [] for d in docs}
    for _, doc, text, _ in sorted(rows):
        texts[doc].append(text)
    expected_passages = oracle.passage_groups([(r[0], r[1], r[2]) for r in rows])
    return passages, expected_passages, docs, oracle.document_groups(texts)


def test_groups_follow_adds_and_replacements_like_a_full_regrouping(tmp_path: Path) -> None:
    rng = random.Random(7)
    db = tmp_path / "c.sqlite"
    kinds = ["base", "reprint", "retelling", "excerpt"]
    files = {f"{kind}-{seed}.txt": (kind, seed) for seed in (11, 12) for kind in kinds}
    order = list(files)
    rng.shuffle(order)
    steps = [(name, files[name]) for name in order]
    for _ in range(6):  # rewrite some files as another variant of another base
        steps.append((rng.choice(order), (rng.choice(kinds), rng.choice((11, 12, 13)))))
    grouped = shared = 0
    for name, (kind, seed) in steps:
        (tmp_path / name).write_text(_variant(kind, seed, rng))
        ingest(db, tmp_path / name)
        passages, expected_passages, documents, expected_documents = _stored(db)
        assert passages == expected_passages, name
        assert documents == expected_documents, name
        grouped = max(grouped, len(documents) - len(set(documents.values())))
        shared = max(shared, len(passages) - len(set(passages.values())))
    assert grouped >= 3 and shared >= 10  # duplicates were found: the check is not vacuous


def _retold(text: str, rng: random.Random) -> str:
    """Each line's words shuffled: the same terms, no shared 5-grams."""
    lines = []
    for line in text.splitlines():
        words = line.split()
        rng.shuffle(words)
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


def test_replacing_the_document_that_names_a_group_regroups_the_rest(tmp_path: Path) -> None:
    rng = random.Random(5)
    article = (FIXTURES / "trade-desk-chip-tools.txt").read_text()
    db = tmp_path / "c.sqlite"
    for name, text in (
        ("a.txt", article),
        ("b.txt", "Reprinted with permission\n" + article.replace("Tokyo", "Tokyo, Japan,")),
        ("c.txt", _retold(article, rng)),
    ):
        (tmp_path / name).write_text(text)
        ingest(db, tmp_path / name)
    before = {Path(d.path).name: len(d.duplicate_of) for d in list_documents(db)}
    assert before == {"a.txt": 2, "b.txt": 2, "c.txt": 2}
    (tmp_path / "a.txt").write_text((FIXTURES / "harbour-times-tram.txt").read_text())
    assert len(ingest(db, tmp_path / "a.txt").updated) == 1
    after = {Path(d.path).name: len(d.duplicate_of) for d in list_documents(db)}
    assert after == {"a.txt": 0, "b.txt": 1, "c.txt": 1}
    passages, expected_passages, documents, expected_documents = _stored(db)
    assert (passages, documents) == (expected_passages, expected_documents)


def test_the_shared_corpus_and_fixtures_group_as_the_oracle_says(corpus_db: Path) -> None:
    passages, expected_passages, documents, expected_documents = _stored(corpus_db)
    assert passages == expected_passages
    assert documents == expected_documents
    assert len(set(documents.values())) == len(documents) - 2  # the reprint and the retelling


def test_a_version_2_database_with_documents_is_indexed_and_regrouped(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    ingest(fresh, FIXTURES)
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    corpus_db.migrate(conn, str(old), upto=2)
    conn.execute("ATTACH DATABASE ? AS fresh", (str(fresh),))
    columns = "id, content_hash, path, title, publisher, date, date_precision, url, language, "
    columns += "kind, source_id, inferred, text, added_at"
    conn.execute(f"INSERT INTO documents ({columns}) SELECT {columns} FROM fresh.documents")
    kept = "id, document, ordinal, text, offtopic, offtopic_reason"
    conn.execute(f"INSERT INTO passages ({kept}) SELECT {kept} FROM fresh.passages")
    conn.execute("UPDATE documents SET duplicate_group = 99")  # stale groups are recomputed
    conn.execute("INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passages")
    conn.commit()
    conn.close()
    assert list_documents(old) == list_documents(fresh)
    passages, expected_passages, documents, expected_documents = _stored(old)
    assert (passages, documents) == (expected_passages, expected_documents)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == corpus_db.SCHEMA_VERSION
    report = ingest(old, FIXTURES)
    assert len(report.unchanged) == 4


def _sweep(doc: Page) -> list[str | None]:
    """The boilerplate rule by repeated sweeps with overlaps recomputed from scratch (a
    sentence must also show a sign of boilerplate: here, speaking to the reader)."""
    from grandbargain.evidence.shape import addresses_reader

    reasons = list(doc.reasons)

    def overlap(i: int) -> float:
        mine = set(doc.sets[i])
        seen = set(doc.extra)
        for j in range(len(doc.texts)):
            if j != i and not doc.fragment[j] and reasons[j] is None:
                seen.update(doc.sets[j])
        return len(mine & seen) / len(mine) if mine else 0.0

    changed = True
    while changed:
        changed = False
        for i, text in enumerate(doc.texts):
            if (
                reasons[i] is not None
                or doc.sizes[i] >= 30
                or i in (doc.headline, *doc.kept, *doc.sub_headings)
            ):
                continue
            if not doc.fragment[i] and not addresses_reader(text):
                continue
            near = [reasons[k] for k in (i - 1, i + 1) if 0 <= k < len(doc.texts)]
            if not any(r is not None and not r.startswith("photo") for r in near):
                continue
            limit = 0.5
            repeated = doc.fragment[i] and doc.texts.count(text) > 1
            if repeated or overlap(i) <= limit:
                reasons[i] = "boilerplate"
                changed = True
    return reasons


def test_the_boilerplate_worklist_reaches_the_same_end_as_sweeping() -> None:
    from grandbargain.evidence.offtopic import BOILERPLATE, STRAY

    rng = random.Random(3)
    words = [f"w{k}" for k in range(40)]
    flagged = 0
    for case in range(60):
        texts = []
        rare = rng.random()  # share of words used by one line only: low overlap, more flags
        for k in range(rng.randint(5, 40)):
            size = rng.choice([2, 4, 6, 10, 14, 25, 40])
            chosen = [
                f"r{case}x{k}x{n}" if rng.random() < rare else rng.choice(words)
                for n in range(size)
            ]
            if rng.random() < 0.5:
                chosen.insert(1, "you")  # a sign that a sentence may be boilerplate
            texts.append(" ".join(chosen) + ("." if rng.random() < 0.7 else ""))
        doc = Page(texts, frozenset(rng.sample(words, 3)))
        for i in rng.sample(range(len(texts)), min(3, len(texts))):
            doc.flag(i, STRAY)
        expected = ["boilerplate" if r == "boilerplate" else r for r in _sweep(doc)]
        _boilerplate_runs(doc)
        got = ["boilerplate" if r == BOILERPLATE else r for r in doc.reasons]
        assert got == expected, texts
        flagged += got.count("boilerplate")
    assert flagged >= 100
