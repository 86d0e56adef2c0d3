"""Passage duplicates: near-identical passages merge; a copy that changes a figure does not,
and the pair is shown as conflicting figures by search and evidence."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from grandbargain.cli import app
from grandbargain.evidence.dedup import conflicting, figures, shingle_words
from grandbargain.evidence.quotes import normalise_text
from grandbargain.evidence.retrieval import search
from grandbargain.evidence.store import ingest

from . import oracle
from .labelled.scoring import PAGES

PAIRS = [
    ("wire-orig-chip-tools.txt", "syndicated-copy-chip-tools.txt"),
    ("pacific-review-h20.txt", "syndicated-copy-h20-edited.txt"),
    ("wire-orig-magnet-deal.txt", "syndicated-copy-magnet-deal.txt"),
]


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "c.sqlite"
    ingest(db, [PAGES / name for pair in PAIRS for name in pair])
    return db


def _groups(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            str(text): int(group)
            for text, group in conn.execute("SELECT text, duplicate_group FROM passages")
        }


def test_figures_and_conflicts() -> None:
    assert figures("rose 12,800 to 12800 by 2.5% in 2025.") == {"12800", "2.5", "2025"}
    assert conflicting(frozenset({"40"}), frozenset({"45"}))
    assert not conflicting(frozenset({"40"}), frozenset({"40", "2025"}))  # an excerpt's subset


def test_a_changed_figure_is_never_merged_and_is_recorded(tmp_path: Path) -> None:
    db = _db(tmp_path)
    groups = _groups(db)
    forty = next(t for t in groups if "fall by about 40 per cent" in t)
    fortyfive = next(t for t in groups if "fall by about 45 per cent" in t)
    assert groups[forty] != groups[fortyfive]
    with sqlite3.connect(db) as conn:
        pairs = conn.execute(
            "SELECT pa.text, pb.text FROM passage_conflicts c JOIN passages pa ON pa.id = c.a"
            " JOIN passages pb ON pb.id = c.b"
        ).fetchall()
    assert {frozenset(p) for p in pairs} == {frozenset((forty, fortyfive))}
    assert oracle.passage_verdict(forty, fortyfive) is False


def test_near_identical_passages_with_light_edits_are_merged(tmp_path: Path) -> None:
    groups = _groups(_db(tmp_path))
    eager = next(t for t in groups if "Chinese customers had been eager" in t)
    keen = next(t for t in groups if "Chinese customers had been keen" in t)
    assert groups[eager] == groups[keen]
    artificial = next(t for t in groups if "H20 artificial intelligence chip" in t)
    ai = next(t for t in groups if "H20 AI chip to China" in t)
    assert groups[artificial] == groups[ai]


def test_search_and_evidence_show_conflicting_figures(tmp_path: Path) -> None:
    db = _db(tmp_path)
    hits = [h for h in search(db, "Applied Materials sales China fall") if h.conflicts]
    assert len(hits) == 2  # each figure is shown, each naming the other
    for hit in hits:
        (conflict,) = hit.conflicts
        assert {conflict.figures, conflict.hit_figures} == {("40",), ("45",)}
    runner = CliRunner(env={"COLUMNS": "200"})
    out = runner.invoke(app, ["search", "Applied Materials sales fall", "--db", str(db)])
    assert "conflicting figures:" in out.stdout
    data = json.loads(
        runner.invoke(
            app, ["evidence", "sme-controls", "--db", str(db), "--limit", "100", "--format", "json"]
        ).stdout
    )
    assert any(h["conflicts"] for h in data["hits"])


def test_the_report_lists_conflicting_figures(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "-o", str(out), "--db", str(db), "--no-outlook"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert 'id="conflicts"' in page and "fall by about 45 per cent" in page
    assert "fall by about 40 per cent" in page


@given(st.text(max_size=200))
def test_shingle_words_ignore_quote_dash_and_space_style(text: str) -> None:
    # The words shingles are made of do not depend on what cite check normalises away.
    assert shingle_words(text) == shingle_words(normalise_text(text))
