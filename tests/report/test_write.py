"""write_report replaces the target atomically and leaves nothing behind on error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grandbargain.report import write_report


def test_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert write_report(target, "<p>é</p>") == target
    assert target.read_text(encoding="utf-8") == "<p>é</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_error_while_writing_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with pytest.raises(TypeError):
        write_report(target, 42)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_error_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_report(target, "new " * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions_are_not_those_of_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_report(target, "a")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    write_report(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640


def test_report_command_writes_one_offline_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from grandbargain.cli import app

    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "-o", str(out), "--parties", "China,United States"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<html" in text.lower() and "rare-earths" in text
    bad = CliRunner().invoke(app, ["report", "-o", str(out), "--parties", "China,Mars"])
    assert bad.exit_code == 2
    missing = CliRunner().invoke(app, ["report", "-o", str(tmp_path / "no" / "r.html")])
    assert missing.exit_code == 2
