"""corpus show and the keep/hide overrule in sources.yaml (issue 16), on a hand-made page.

The page has seven passages (one per line, all short enough to be one passage each): a
headline, three sentences about the talks (2, 5, 6) and three lines of site furniture - a
share button (3), a newsletter call to action (4) and a cookie link (7). Worked by hand, the
detector should hide exactly 3, 4 and 7.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import grandbargain
from grandbargain.cli import app
from grandbargain.evidence.citecheck import cite_check
from grandbargain.evidence.retrieval import search_result
from grandbargain.evidence.show import show_document
from grandbargain.evidence.store import ingest
from grandbargain.model.errors import InputError
from grandbargain.model.schema import Source

PAGE = """Rare earth talks resume in Geneva
Negotiators from the United States and China met in Geneva on Tuesday to discuss export \
licences for rare earth magnets and the tariff truce.
Share on Facebook
Subscribe to our newsletter
The Commerce Ministry said licences for magnet exports would be processed within 45 days \
under the new arrangement.
Officials said the tariff on semiconductors would stay at 25 percent until the next round of \
talks.
Cookie settings
"""
ENTRY = """sources:
  - id: talks
    file: talks.txt
    published: 2025-06-11
    language: en
"""
SENTENCE = "Officials said the tariff on semiconductors would stay at 25 percent"
runner = CliRunner()


def _folder(tmp_path: Path, extra: str = "") -> Path:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    (folder / "talks.txt").write_text(PAGE)
    (folder / "sources.yaml").write_text(ENTRY + extra)
    return folder


def _rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        docs = conn.execute("SELECT id, content_hash, title, date FROM documents").fetchall()
        passages = conn.execute(
            "SELECT id, document, ordinal, offtopic, offtopic_reason FROM passages ORDER BY id"
        ).fetchall()
    return docs + passages


def test_show_lists_every_passage_with_its_flag_and_reason(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    ingest(db, _folder(tmp_path))
    shown = show_document(db, "talks")
    assert [p.number for p in shown.shown] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.number for p in shown.shown if p.offtopic] == [3, 4, 7]
    assert all((p.reason is None) == (not p.offtopic) for p in shown.shown)
    assert [p.text for p in shown.shown] == PAGE.splitlines()
    assert all(p.overruled is None for p in shown.shown)
    assert (shown.passages, shown.offtopic, shown.source_id) == (7, 3, "talks")
    only = show_document(db, str(tmp_path / "pages" / "talks.txt"), offtopic_only=True)
    assert [p.number for p in only.shown] == [3, 4, 7] and only.passages == 7
    with sqlite3.connect(db) as conn:  # the reasons are the stored ones
        stored = [r[0] for r in conn.execute("SELECT offtopic_reason FROM passages ORDER BY id")]
    assert [p.reason for p in shown.shown] == stored


def test_keep_and_hide_change_the_flags_search_and_cite_check(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    folder = _folder(tmp_path)
    ingest(db, folder)
    assert search_result(db, "semiconductors", 5).hits
    assert not search_result(db, "newsletter", 5).hits
    _folder(tmp_path, "    keep: [4]\n    hide: [6]\n")
    report = ingest(db, folder)
    assert report.updated == (str(folder / "talks.txt"),)
    shown = {p.number: p for p in show_document(db, "talks").shown}
    assert [n for n, p in shown.items() if p.offtopic] == [3, 6, 7]
    assert (shown[4].overruled, shown[6].overruled) == ("keep", "hide")
    assert shown[4].reason is not None and shown[4].reason.startswith("kept by sources.yaml")
    assert "the detector said: notice" in shown[4].reason
    assert shown[6].reason == "hidden by sources.yaml"
    assert search_result(db, "newsletter", 5).hits
    assert not search_result(db, "semiconductors", 5).hits
    assert ingest(db, folder).unchanged  # nothing changed since: nothing to do
    for where in ({"db": db}, {"corpus_dir": folder}):
        assert _quote_problem(where, "Subscribe to our newsletter") is None
        hidden = _quote_problem(where, SENTENCE)
        assert hidden is not None and "hidden by sources.yaml" in hidden
    _folder(tmp_path)  # the overrule taken out: the detector's flags come back
    assert ingest(db, folder).updated
    assert [p.number for p in show_document(db, "talks").shown if p.offtopic] == [3, 4, 7]


def _quote_problem(where: dict[str, Path], quote: str) -> str | None:
    """cite check's problem with an expectation quoting ``quote`` from the page, if any."""
    scenario = grandbargain.load_scenario("us-china-2025")
    source = Source(
        id="talks",
        title="Rare earth talks resume in Geneva",
        publisher="Hand-made page",
        date="2025-06-11",
        kind="news",
        file="talks.txt",
    )
    expectation = scenario.expectations[0].model_copy(update={"source": "talks", "quote": quote})
    changed = scenario.model_copy(
        update={
            "sources": (*scenario.sources, source),
            "expectations": (expectation, *scenario.expectations[1:]),
        }
    )
    report = cite_check(changed, **where)  # type: ignore[arg-type]
    found = [p.message for p in report.problems if p.path == "expectations[0]"]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("extra", "line", "field", "words"),
    [
        ("    keep: [2, 9]\n", 6, "sources[0].keep[1]", "passage 9 is outside talks.txt"),
        ("    keep: [4]\n    hide: [6, 4]\n", 7, "sources[0].hide[1]", "in both keep and hide"),
        ("    hide: [0]\n", 6, "sources[0].hide", "passage numbers from 1"),
        ("    hide: 4\n", 6, "sources[0].hide", "passage numbers from 1"),
    ],
)
def test_bad_numbers_are_exit_2_and_change_nothing_stored(
    tmp_path: Path, extra: str, line: int, field: str, words: str
) -> None:
    db = tmp_path / "c.sqlite"
    folder = _folder(tmp_path)
    ingest(db, folder)
    before = _rows(db)
    _folder(tmp_path, extra)
    out = runner.invoke(app, ["corpus", "add", str(folder), "--db", str(db)])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert f"{folder / 'sources.yaml'}:{line}:" in out.output
    assert field in out.output and words in out.output
    assert _rows(db) == before
    (folder / "other.txt").write_text("Tariff talks on chips went on in London.\n")
    with pytest.raises(InputError):  # a new file beside it is not stored either
        ingest(db, folder)
    assert _rows(db) == before


def test_corpus_show_cli_table_json_and_unknown_item(tmp_path: Path) -> None:
    import jsonschema

    db = tmp_path / "c.sqlite"
    ingest(db, _folder(tmp_path, "    hide: [6]\n"))
    out = runner.invoke(app, ["corpus", "show", "1", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    schema_file = Path(grandbargain.__file__).parent / "schemas" / "corpus-show.schema.json"
    jsonschema.validate(data, json.loads(schema_file.read_text()))
    assert [p["number"] for p in data["shown"] if p["offtopic"]] == [3, 4, 6, 7]
    assert data["shown"][5] == {
        "number": 6,
        "offtopic": True,
        "reason": "hidden by sources.yaml",
        "overruled": "hide",
        "text": PAGE.splitlines()[5],
    }
    args = ["corpus", "show", "talks", "--db", str(db), "--offtopic-only"]
    table = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert "Cookie settings" in table.stdout and "Negotiators" not in table.stdout
    assert "hidden by sources.yaml" in table.stdout and "│ hide " in table.stdout
    missing = runner.invoke(app, ["corpus", "show", "no-such-doc", "--db", str(db)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    assert "no-such-doc" in missing.output and "no stored document" in missing.output
    ingest(db, tmp_path / "pages")  # unchanged; a folder names one document here
    (tmp_path / "pages" / "more.txt").write_text("Export licences for magnets were granted.\n")
    ingest(db, tmp_path / "pages")
    several = runner.invoke(app, ["corpus", "show", str(tmp_path / "pages"), "--db", str(db)])
    assert several.exit_code == 2 and "names 2 documents" in several.output
