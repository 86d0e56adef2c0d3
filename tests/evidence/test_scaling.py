"""Passage work grows linearly with the document: doubling a generated document at most
about doubles the time, and a 20,000-line document (1 MB) ingests in bounded time and memory.
Before, the same 1 MB file took 7 minutes and 6.35 GB, and doubling it quadrupled the time."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from grandbargain.evidence.grouping import build_index
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.store import ingest, list_documents

from .conftest import generated_document


def _passage_work(text: str) -> float:
    """CPU seconds of the per-document work of an ingest: split, flag, index (best of 3)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        texts = [p.text for p in split_passages(text)]
        reasons = offtopic_reasons(texts)
        build_index(texts, [r is not None for r in reasons])
        best = min(best, time.process_time() - start)
    return best


def test_doubling_a_document_at_most_about_doubles_the_passage_work() -> None:
    small = generated_document(3, 3_000)
    double = generated_document(3, 6_000)
    _passage_work(generated_document(4, 300))  # warm caches and lazy imports
    ratio = _passage_work(double) / _passage_work(small)
    assert ratio < 2.5, f"6,000 lines took {ratio:.2f}x the time of 3,000 (quadratic: 4x)"


def test_a_20000_line_document_ingests_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(generated_document(12, 20_000))
    assert 700_000 < path.stat().st_size < 1_300_000
    tracemalloc.start()
    try:
        start = time.process_time()
        report = ingest(tmp_path / "c.sqlite", path)
        seconds = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.added) == 1
    [doc] = list_documents(tmp_path / "c.sqlite")
    assert doc.passages == 20_000
    assert seconds < 30, f"{seconds:.1f} s of CPU"
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB traced at peak"
