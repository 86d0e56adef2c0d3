"""Bad and awkward inputs of the corpus commands: relative paths with '..', --db mistakes,
malformed sources.yaml, HTML without trafilatura. Exit 2 for bad named input (one line per
problem, no traceback, nothing stored), exit 1 for files skipped inside folders."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grandbargain.cli import app
from grandbargain.evidence.store import ingest
from grandbargain.model.errors import InputError

from .conftest import FIXTURES

runner = CliRunner()


def _docs(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(Path(r[0]).name for r in conn.execute("SELECT path FROM documents"))


def _exit2(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def cwd_beside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose '../corpus' holds copies of the shared articles' layout."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("trade-desk-chip-tools.txt", "harbour-times-tram.txt", "seamless-append.md"):
        shutil.copy(FIXTURES / name, corpus / name)
    (corpus / ".git").mkdir()
    (corpus / ".git" / "notes.txt").write_text("hidden folder: never read\n")
    (corpus / ".draft.txt").write_text("hidden file: never read\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def test_a_folder_named_with_dot_dot_is_added(cwd_beside: Path) -> None:
    result = runner.invoke(app, ["corpus", "add", "../corpus", "--db", "../c.sqlite"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 added, 0 updated, 0 unchanged, 0 skipped")
    assert _docs(cwd_beside / "c.sqlite") == [
        "harbour-times-tram.txt",
        "seamless-append.md",
        "trade-desk-chip-tools.txt",
    ]
    again = runner.invoke(app, ["corpus", "add", "../work/../corpus/", "--db", "../c.sqlite"])
    assert again.stdout.startswith("0 added, 0 updated, 3 unchanged")
    named = ["corpus", "add", "../corpus/../corpus/.draft.txt", "--db", "../c.sqlite"]
    assert runner.invoke(app, named).stdout.startswith("1 added")  # named, so read


def test_a_hidden_named_folder_is_read_but_hidden_entries_inside_are_not(
    tmp_path: Path,
) -> None:
    folder = tmp_path / ".local" / "corpus"
    (folder / ".cache").mkdir(parents=True)
    shutil.copy(FIXTURES / "trade-desk-chip-tools.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "harbour-times-tram.txt", folder / ".cache" / "b.txt")
    report = ingest(tmp_path / "c.sqlite", folder)
    assert [Path(p).name for p in report.added] == ["a.txt"] and not report.skipped


def test_every_evidence_path_option_accepts_dot_dot(cwd_beside: Path, shared: Path) -> None:
    shutil.copytree(shared / "corpus", cwd_beside / "articles")
    scenario = cwd_beside / "scenario.yaml"
    scenario.write_text(
        (Path(__file__).parents[2] / "src/grandbargain/scenarios/us-china-2025.yaml").read_text()
    )
    args = ["corpus", "add", "../articles", "--db", "../c.sqlite", "--scenario", "../scenario.yaml"]
    assert runner.invoke(app, args).exit_code == 0
    assert len(_docs(cwd_beside / "c.sqlite")) == 5
    assert runner.invoke(app, ["corpus", "list", "--db", "../c.sqlite"]).exit_code == 0
    found = runner.invoke(app, ["search", "rare earth", "--db", "../c.sqlite"])
    assert found.exit_code == 0 and "rare" in found.stdout.lower()
    issue = ["evidence", "rare-earths", "--scenario", "../scenario.yaml", "--db", "../c.sqlite"]
    assert runner.invoke(app, issue).exit_code == 0
    assert (
        runner.invoke(app, ["cite", "check", "../scenario.yaml", "--db", "../c.sqlite"]).exit_code
        == 0
    )
    folder = runner.invoke(app, ["cite", "check", "../scenario.yaml", "--corpus", "../articles"])
    assert folder.exit_code == 0, folder.output


def test_named_paths_that_are_missing_are_exit_2_and_store_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    message = _exit2(["corpus", "add", str(FIXTURES), str(tmp_path / "nope"), "--db", str(db)])
    assert message.strip() == f"{tmp_path / 'nope'}: no such file or folder"
    assert not db.exists()


def test_a_named_folder_with_nothing_to_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(
        app, ["corpus", "add", str(tmp_path / "empty"), "--db", str(tmp_path / "c.sqlite")]
    )
    assert result.exit_code == 1
    assert "no text, Markdown or HTML files in this folder" in result.stdout


def test_db_mistakes_are_exit_2_with_one_line_naming_the_path(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not sqlite at all\n" * 50)
    before = garbage.read_bytes()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    missing = "no corpus database here"
    cases = {  # --db: (message when adding, message when reading)
        str(tmp_path): ("is a folder; give the corpus database file",) * 2,
        str(tmp_path / "no-folder" / "c.sqlite"): ("does not exist", missing),
        str(garbage): ("not a corpus database",) * 2,
        str(other): ("SQLite database of something else (tables accounts)",) * 2,
    }
    if Path("/proc/self").is_dir():
        cases["/proc/grandbargain.sqlite"] = ("cannot create or open the database", missing)
    for db, (adding, reading) in cases.items():
        for args, expected in (
            (["corpus", "add", str(FIXTURES), "--db", db], adding),
            (["corpus", "list", "--db", db], reading),
            (["search", "chips", "--db", db], reading),
        ):
            message = _exit2(args)
            assert message.count("\n") == 1 and message.startswith(f"{db}: --db: "), message
            assert expected in message, (args, message)
    assert garbage.read_bytes() == before
    with sqlite3.connect(other) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert names == ["accounts"]
    assert not (tmp_path / "no-folder").exists()


def test_a_named_database_that_does_not_exist_is_exit_2_for_reading(tmp_path: Path) -> None:
    db = tmp_path / "typo.sqlite"
    for args in (
        ["corpus", "list", "--db", str(db)],
        ["search", "chips", "--db", str(db)],
        ["evidence", "rare-earths", "--db", str(db)],
        ["cite", "check", "--db", str(db)],
    ):
        assert "no corpus database here" in _exit2(args)
    assert not db.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_database_is_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    ingest(db, FIXTURES / "trade-desk-chip-tools.txt")
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        message = _exit2(["corpus", "add", str(FIXTURES), "--db", str(db)])
        assert "read-only" in message
    finally:
        tmp_path.chmod(0o755)
    assert _docs(db) == ["trade-desk-chip-tools.txt"]


def _corpus_with_sources(tmp_path: Path, text: str, sub: bool = False) -> Path:
    top = tmp_path / "in"
    folder = top / "sub" if sub else top
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "trade-desk-chip-tools.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "harbour-times-tram.txt", top / "b.txt")
    (folder / "sources.yaml").write_text(text)
    return top


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sources: [\n  - file: a.txt\n", "sources.yaml:2:3: YAML syntax error"),
        ("sources:\n  file: a.txt\n", "sources.yaml:1:1: sources: expected a top-level"),
        ("- file: a.txt\n", "sources.yaml:1:1: sources: expected a top-level 'sources:' list"),
        ("sources:\n  - a.txt\n", "sources.yaml:2:5: sources[0]: expected a mapping"),
        ("sources:\n  - id: x\n", "sources.yaml:2:5: sources[0].file: each entry needs the file"),
        (
            "sources:\n  - file: a.txt\n    titel: T\n",
            "sources.yaml:3:5: sources[0].titel: unknown",
        ),
        ("sources:\n  - file: a.txt\n    title: [a]\n", "sources[0].title: expected a single"),
        ("sources:\n  - file: a.txt\n    published: July\n", "sources[0].published: 'July' is"),
        ("sources:\n  - file: a.txt\n    precision: week\n", "sources[0].precision: expected"),
        ("sources:\n  - file: a.txt\n  - file: a.txt\n", "sources[1].file: 'a.txt' is described"),
        ("sources:\n  - file: a.txt\nextra: 1\n", "sources.yaml:3:1: extra: unknown top-level"),
    ],
)
def test_a_malformed_sources_yaml_in_a_named_folder_is_exit_2(
    tmp_path: Path, text: str, expected: str
) -> None:
    top = _corpus_with_sources(tmp_path, text)
    db = tmp_path / "c.sqlite"
    message = _exit2(["corpus", "add", str(top), "--db", str(db)])
    assert expected in message and message.startswith(str(top / "sources.yaml")), message
    assert not db.exists()
    with pytest.raises(InputError):
        ingest(db, top / "a.txt")  # a named file whose sources.yaml is malformed


def test_a_malformed_sources_yaml_in_a_subfolder_skips_its_files_with_exit_1(
    tmp_path: Path,
) -> None:
    top = _corpus_with_sources(tmp_path, "sources:\n  - file: a.txt\n    titel: T\n", sub=True)
    db = tmp_path / "c.sqlite"
    result = runner.invoke(app, ["corpus", "add", str(top), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert f"skipped {top / 'sub' / 'a.txt'}: the sources.yaml of its folder has errors" in (
        result.stdout
    )
    assert f"{top / 'sub' / 'sources.yaml'}:3:5: sources[0].titel: unknown" in result.stdout
    assert _docs(db) == ["b.txt"]


def test_html_without_trafilatura_is_skipped_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now fails
    db = tmp_path / "c.sqlite"
    result = runner.invoke(
        app, ["corpus", "add", str(FIXTURES), "--db", str(db), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    assert '"added": 3' in result.stdout
    assert "policy-brief.html" in result.stdout
    assert "pip install 'grandbargain[html]'" in result.stdout
    assert "policy-brief.html" not in _docs(db)
