"""Two real processes adding to one corpus database at the same moment, several rounds: both
succeed (one waits for the other's transaction), and the store holds exactly the expected
documents - once each, with their passages, search index and near-duplicate groups."""

from __future__ import annotations

import multiprocessing as mp
import shutil
import sqlite3
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import grandbargain
from grandbargain.evidence.store import ingest, list_documents

from .conftest import FIXTURES

ROUNDS = 3


def _worker(
    jobs: list[list[str]], barrier: Barrier, results: Queue[tuple[int, int, str]], me: int
) -> None:
    """Run one ``corpus add`` per round, all workers starting each round together."""
    from typer.testing import CliRunner

    from grandbargain.cli import app

    runner = CliRunner()
    for round_number, args in enumerate(jobs):
        barrier.wait(timeout=120)
        result = runner.invoke(app, args)
        results.put((round_number, result.exit_code, f"worker {me}: {result.output}"))


def _state(db: Path) -> dict[str, Any]:
    """What must not depend on who won the race: documents, passages, index, groups."""
    with sqlite3.connect(db) as conn:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT content_hash)"
            " FROM documents), (SELECT count(*) FROM passages), (SELECT count(*) FROM"
            " passages_fts), (SELECT count(DISTINCT passage) FROM passage_shingles)"
        ).fetchone()
        onto = conn.execute("SELECT count(*) FROM passages WHERE offtopic = 0").fetchone()
    documents = {
        Path(d.path).name: (d.passages, d.offtopic, frozenset(d.duplicate_of))
        for d in list_documents(db)
    }
    return {"counts": counts, "on_topic": onto[0], "documents": documents}


def test_concurrent_adds_both_succeed_and_store_each_document_once(
    shared: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    for name in ("trade-desk-chip-tools.txt", "harbour-times-tram.txt", "seamless-append.md"):
        shutil.copy(FIXTURES / name, extra / name)
    corpus = str(shared / "corpus")
    dbs = [tmp_path / f"round{k}.sqlite" for k in range(ROUNDS)]
    existing = tmp_path / "existing.sqlite"
    ingest(existing, extra / "seamless-append.md")
    # rounds 0..2: both create a new database at once; last round: an existing database
    first = [["corpus", "add", corpus, str(extra), "--db", str(db)] for db in dbs]
    second = [["corpus", "add", str(extra), corpus, "--db", str(db)] for db in dbs]
    first.append(["corpus", "add", corpus, "--db", str(existing)])
    second.append(["corpus", "add", corpus, str(extra), "--db", str(existing)])
    context = mp.get_context("spawn")
    barrier = context.Barrier(2)
    results: Queue[tuple[int, int, str]] = context.Queue()
    workers = [
        context.Process(target=_worker, args=(jobs, barrier, results, k))
        for k, jobs in enumerate((first, second))
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in range(2 * len(first))]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    failures = [text for _, code, text in outcomes if code != 0]
    assert not failures, failures
    reference = tmp_path / "reference.sqlite"  # one process, one file after the other
    vocabulary = grandbargain.load_scenario("us-china-2025")  # the CLI's default --scenario
    ingest(reference, [shared / "corpus", extra], vocabulary)
    expected = _state(reference)
    assert expected["counts"][0] == 8 and expected["counts"][2] == expected["counts"][3]
    for db in [*dbs, existing]:
        assert _state(db) == expected, db
