"""``report -o`` and ``convert``: one checked, atomic output path; relative paths with ``..``."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

from grandbargain import api

from ..conftest import DATA
from .helpers import assert_clean_exit, invoke, new_file_mode


@pytest.fixture
def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the command starts the analysis (a bad target must stop it first)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis ran before the output target was checked")

    monkeypatch.setattr(api, "analyze", refuse)


@pytest.fixture
def laptop(shared: Path) -> Path:
    return shared / "data" / "genius-domains" / "Laptop"


def test_report_writes_one_offline_file_with_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke(["report", str(DATA / "small.yaml"), "-o", str(out), "--draws", "0"])
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "tariff" in text
    assert stat.S_IMODE(out.stat().st_mode) == new_file_mode()
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_report_replaces_a_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert_clean_exit(
        invoke(["report", str(DATA / "small.yaml"), "-o", str(out), "--draws", "0"]), 0
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.usefixtures("no_analysis")
def test_report_refuses_a_folder_before_the_analysis(tmp_path: Path) -> None:
    result = invoke(["report", "-o", str(tmp_path)])
    assert_clean_exit(result, 2)
    assert result.stderr.strip() == (
        f"{tmp_path}: --output: is a folder; give the name of a file to write"
    )
    assert list(tmp_path.iterdir()) == []


def special_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A socket file and, where this process may make one, a character device like /dev/null,
    both in ``folder``: a regression replaces these, never the system's own devices. (Not a
    named pipe: opening one to write waits for a reader for ever.)"""
    monkeypatch.chdir(folder)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket")  # relative: socket addresses are short
    made = [folder / "socket"]
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        made.append(folder / "null")
    except OSError:
        pass  # no CAP_MKNOD: the socket alone stands for files that are not regular
    return made


@pytest.mark.skipif(os.name != "posix", reason="socket files and device nodes are POSIX")
@pytest.mark.usefixtures("no_analysis")
def test_report_refuses_devices_and_sockets_and_leaves_them_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for special in special_files(tmp_path, monkeypatch):
        kind = stat.S_IFMT(special.lstat().st_mode)
        result = invoke(["report", "-o", str(special)])
        assert_clean_exit(result, 2, special.name)
        assert result.stderr.strip() == (
            f"{special}: --output: is not a regular file; give the name of a file to write"
        )
        assert stat.S_IFMT(special.lstat().st_mode) == kind


@pytest.mark.usefixtures("no_analysis")
def test_report_refuses_a_missing_folder_before_the_analysis(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.html"
    result = invoke(["report", "-o", str(target)])
    assert_clean_exit(result, 2)
    assert result.stderr.startswith(f"{target}: --output: the folder")
    assert not target.parent.exists()


def test_a_failed_write_keeps_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = invoke(["report", str(DATA / "small.yaml"), "-o", str(out), "--draws", "0"])
    assert_clean_exit(result, 2)
    assert result.stderr.strip() == f"{out}: --output: cannot write: no space left on the device"
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_output_relative_to_a_parent_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DATA / "small.yaml", tmp_path / "x.yaml")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert_clean_exit(invoke(["report", "../x.yaml", "-o", "../out.html", "--draws", "0"]), 0)
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_convert_prints_yaml_that_loads_back_equal(laptop: Path) -> None:
    result = invoke(["convert", str(laptop)])
    assert_clean_exit(result, 0)
    again = api.load_scenario_text(result.stdout, "stdout.yaml")
    assert again == api.load_scenario(laptop)


def test_convert_writes_a_file_that_loads_back_equal(laptop: Path, tmp_path: Path) -> None:
    out = tmp_path / "laptop.yaml"
    result = invoke(["convert", str(laptop), "-o", str(out)])
    assert_clean_exit(result, 0)
    assert result.stdout.strip() == f"wrote {out}"
    assert api.load_scenario(out) == api.load_scenario(laptop)
    assert stat.S_IMODE(out.stat().st_mode) == new_file_mode() != 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["laptop.yaml"]  # no stray *.tmp


def test_convert_with_parent_relative_paths(
    laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(laptop, tmp_path / "Laptop")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert_clean_exit(invoke(["convert", "../Laptop", "-o", "../game.yaml"]), 0)
    assert api.load_scenario(tmp_path / "game.yaml") == api.load_scenario(laptop)


def test_convert_refuses_bad_targets_before_converting(
    laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(folder: object) -> str:
        raise AssertionError("converted before the output target was checked")

    monkeypatch.setattr(api, "convert_folder", refuse)
    for target, reason in (
        (tmp_path, "is a folder; give the name of a file to write"),
        (tmp_path / "no" / "x.yaml", f"the folder {tmp_path / 'no'} does not exist"),
    ):
        result = invoke(["convert", str(laptop), "-o", str(target)])
        assert_clean_exit(result, 2, str(target))
        assert result.stderr.strip() == f"{target}: --output: {reason}"
    assert list(tmp_path.iterdir()) == []


def test_convert_names_a_bad_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")
    for folder in (tmp_path / "empty", tmp_path / "file.txt", tmp_path / "missing"):
        result = invoke(["convert", str(folder), "-o", str(tmp_path / "out.yaml")])
        assert_clean_exit(result, 2, str(folder))
        assert result.stderr.startswith(f"{folder}:")
    assert not (tmp_path / "out.yaml").exists()


def test_validate_and_analyze_read_parent_relative_paths(
    laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DATA / "small.yaml", tmp_path / "x.yaml")
    shutil.copytree(laptop, tmp_path / "Laptop")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    result = invoke(["validate", "../x.yaml", "../Laptop"])
    assert_clean_exit(result, 0)
    assert result.stdout.startswith("ok: ../x.yaml (2 parties, 2 issues, 5 options)")
    assert "ok: ../Laptop" in result.stdout
    analysed = invoke(["analyze", "../Laptop", "--format", "json"])
    assert_clean_exit(analysed, 0)
    direct = invoke(["analyze", str(laptop), "--format", "json"])
    assert analysed.stdout == direct.stdout
