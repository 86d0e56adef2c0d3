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


def generated_document(seed: int, lines: int) -> str:
    """A made-up document: ``lines`` lines of 4 to 14 words drawn (seeded) from a Zipf law
    over 5,000 made-up words, three in five of them sentences, the rest headings."""
    import random

    rng = random.Random(seed)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    vocabulary = list(
        dict.fromkeys("".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(6000))
    )[:5000]
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(vocabulary))]
    out = []
    for _ in range(lines):
        chosen = rng.choices(vocabulary, weights, k=rng.randint(4, 14))
        if rng.random() < 0.6:
            out.append(chosen[0].capitalize() + " " + " ".join(chosen[1:]) + ".")
        else:
            out.append(" ".join(word.capitalize() for word in chosen))
    return "\n".join(out) + "\n"
