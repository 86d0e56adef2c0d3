"""Bad input inside and around a folder, checked on hand-made folders: nothing inside a named
folder is passed over without a reason (a linked or unreadable subfolder included), and a named
path that cannot be read is exit 2 with one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grandbargain.cli import app
from grandbargain.evidence.store import ingest, list_documents

ARTICLE = (
    "Washington and Beijing resumed talks on export licences for rare earth magnets this week, "
    "officials on both sides said, after carmakers warned of factory stoppages.\n"
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "kept").mkdir(parents=True)
    (folder / "kept" / "a.txt").write_text(ARTICLE)
    return folder


def _skipped(out: str) -> dict[str, str]:
    lines = [line.removeprefix("skipped ") for line in out.splitlines()[1:]]
    return dict(line.split(": ", 1) for line in lines)


def test_a_linked_subfolder_is_skipped_with_its_reason(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(ARTICLE.replace("this week", "on Monday"))
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    db = tmp_path / "c.sqlite"
    out = CliRunner().invoke(app, ["corpus", "add", str(folder), "--db", str(db)])
    assert out.exit_code == 1, out.output
    assert out.stdout.startswith("1 added, 0 updated, 0 unchanged, 1 skipped")
    reason = _skipped(out.stdout)[str(folder / "linked")]
    assert "link to a folder" in reason
    assert [Path(d.path).name for d in list_documents(db)] == ["a.txt"]


def test_an_unreadable_subfolder_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(ARTICLE)
    real = os.scandir

    def scandir(path: str) -> object:  # what chmod 000 does for a user other than root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = ingest(tmp_path / "c.sqlite", folder)
    assert [Path(p).name for p in report.added] == ["a.txt"]
    assert report.skipped == ((str(locked), "cannot read the folder: permission denied"),)


def test_a_named_file_or_folder_that_cannot_be_read_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    page = folder / "kept" / "a.txt"
    real = os.access

    def access(path: str, mode: int, **kwargs: bool) -> bool:  # chmod 000, for a non-root user
        return real(path, mode, **kwargs) and Path(path) not in (page, folder)

    monkeypatch.setattr(os, "access", access)
    db = tmp_path / "c.sqlite"
    for named, what in ((page, "file"), (folder, "folder")):
        out = CliRunner().invoke(app, ["corpus", "add", str(named), "--db", str(db)])
        assert out.exit_code == 2, out.output
        assert out.output == f"{named}: cannot read the {what}: permission denied\n"
    assert not db.exists() or list_documents(db) == []


def test_utf16_text_is_skipped_as_utf16_not_as_binary(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    text = "Zölle auf Autos und Chips zwischen China und den USA.\n"
    (folder / "notepad.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    (folder / "no-bom.txt").write_bytes(text.encode("utf-16-be"))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    report = ingest(tmp_path / "c.sqlite", folder)
    reasons = {Path(path).name: reason for path, reason in report.skipped}
    assert reasons == {
        "notepad.txt": "UTF-16 text, not UTF-8: save it as UTF-8",
        "no-bom.txt": "UTF-16 text, not UTF-8: save it as UTF-8",
        "image.txt": "binary file (contains NUL bytes)",
    }


def test_a_sources_entry_naming_no_file_of_its_folder_is_reported_with_its_line(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    (folder / "kept" / "sources.yaml").write_text(
        "sources:\n"
        "  - file: a.txt\n"
        "    published: '2025-07-17'\n"
        "  - id: typo\n"
        "    file: b.txt\n"  # line 5: there is no b.txt
        "    published: '2025-07-18'\n"
    )
    db = tmp_path / "c.sqlite"
    out = CliRunner().invoke(app, ["corpus", "add", str(folder), "--db", str(db)])
    assert out.exit_code == 1, out.output
    assert out.stdout.startswith("1 added, 0 updated, 0 unchanged, 1 skipped")
    reason = _skipped(out.stdout)[f"{folder / 'kept' / 'sources.yaml'}:5"]
    assert "'b.txt'" in reason and "unused" in reason
    (stored,) = list_documents(db)
    assert (Path(stored.path).name, stored.date) == ("a.txt", "2025-07-17")


def test_an_entry_for_a_file_skipped_for_its_own_reason_is_not_reported_twice(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    (folder / "kept" / "c.pdf").write_bytes(b"%PDF-1.4")
    (folder / "kept" / "sources.yaml").write_text("sources:\n  - file: a.txt\n  - file: c.pdf\n")
    out = CliRunner().invoke(app, ["corpus", "add", str(folder), "--db", str(tmp_path / "d.db")])
    assert out.exit_code == 1, out.output
    assert list(_skipped(out.stdout)) == [str(folder / "kept" / "c.pdf")]
