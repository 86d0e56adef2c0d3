"""Reading and writing named files: limits, atomic replacement, refusals, permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from grandbargain.files import check_output, read_input, write_output, write_output_with
from grandbargain.model.errors import InputError
from grandbargain.optional import require


def _message(error: pytest.ExceptionInfo[InputError]) -> str:
    return str(error.value.problems[0])


def test_read_input_stops_at_the_limit_whatever_stat_says() -> None:
    # /dev/zero reports size 0 and never ends; a limited read refuses it quickly
    with pytest.raises(InputError) as error:
        read_input("/dev/zero", "--spec", limit=1000)
    assert "larger than the limit of 1,000 bytes" in _message(error)
    assert _message(error).startswith("/dev/zero: --spec: ")


def test_read_input_reads_a_file_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    assert read_input(path, limit=10) == b"x" * 10
    with pytest.raises(InputError):
        read_input(path, limit=9)


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_read_input_names_missing_files_and_folders(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(InputError) as error:
        read_input(path, "FILE")
    text = _message(error)
    assert str(path) in text and ("folder" in text or "no such file" in text)


def test_write_output_replaces_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old")
    target.chmod(0o640)
    write_output(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_a_new_file_gets_the_umask_permissions_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        written = write_output(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "draws.parquet"
    target.write_bytes(b"old")

    def broken(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError) as error:
        write_output_with(target, broken, "--save")
    assert "no space left on the device" in _message(error)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["draws.parquet"]


def test_folders_devices_and_missing_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        check_output(tmp_path, "-o")
    with pytest.raises(InputError, match="not a regular file"):
        check_output("/dev/null", "-o")
    with pytest.raises(InputError, match="does not exist"):
        check_output(tmp_path / "nowhere" / "x.html", "-o")


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    with pytest.raises(InputError, match="not a regular file"):
        write_output(link, "x")
    assert link.is_symlink()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError, match="permission denied"):
            check_output(folder / "x.html", "-o")
    finally:
        folder.chmod(0o755)


def test_require_names_the_extra_that_installs_a_missing_package() -> None:
    with pytest.raises(InputError) as error:
        require("no_such_module_for_grandbargain", "Saving draws")
    assert "pip install 'grandbargain[all]'" in _message(error)
    assert require("json", "Reading JSON").dumps([1]) == "[1]"
