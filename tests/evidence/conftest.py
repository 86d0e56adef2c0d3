"""Fixtures for the evidence corpus tests: temporary databases, never the user's data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grandbargain.evidence.passages import split_passages

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def flags(path: Path) -> list[tuple[str, str | None]]:
    """(passage text, off-topic reason) for every passage of a file, through the store's path."""
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.reading import Read, read_document

    read = read_document(path)
    assert isinstance(read, Read), read
    passages = [p.text for p in split_passages(read.text)]
    return list(zip(passages, offtopic_reasons(passages), strict=True))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary corpus database holding the five shared articles and the own fixtures."""
    from grandbargain.evidence.store import ingest

    from ..conftest import SHARED

    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the shared folder {SHARED} is missing")
        pytest.skip("shared folder not present")
    db = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    report = ingest(db, [SHARED / "corpus", FIXTURES])
    assert not report.skipped, report.skipped
    return db
