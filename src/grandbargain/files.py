"""Reading and writing the files a command names, with every expected failure as an
:class:`~grandbargain.model.errors.InputError` that names the file.

Reading: at most a stated number of bytes, whatever ``stat`` says (``/dev/zero`` and pipes
too). Writing: the target is checked before any long work starts (:func:`check_output`);
the content goes to a temporary file beside the target and is renamed over it only when
complete (:func:`write_output`), so a failure never leaves a half-written or missing file.
A new file gets the usual permissions (0666 less the umask, as ``open`` would give); a
replaced file keeps its own. A symbolic link is written through, to the file it names.
Only regular files are written: a folder, a device such as ``/dev/null``, a pipe or a
socket is refused, never replaced.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from grandbargain.model.errors import InputError, Problem

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Default largest input file read (10 MiB)."""

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "is a folder; expected a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ELOOP: "too many levels of symbolic links",
}


def os_problem(name: str, field: str, error: OSError, doing: str = "") -> Problem:
    """One problem line for an operating-system error on ``name``."""
    reason = _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__
    return Problem(name, 0, 0, field, f"{doing}: {reason}" if doing else reason)


def _problem(name: str, field: str, message: str) -> InputError:
    return InputError([Problem(name, 0, 0, field, message)])


def read_input(
    path: str | os.PathLike[str], field: str = "", limit: int = MAX_INPUT_BYTES
) -> bytes:
    """The bytes of the file at ``path``, refusing folders and anything over ``limit`` bytes.

    The limit holds whatever the file system reports: at most ``limit + 1`` bytes are read.
    """
    name = os.fspath(path)
    try:
        if os.path.isdir(name):
            raise _problem(name, field, "is a folder; expected a file")
        with open(name, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InputError([os_problem(name, field, error, "cannot read")]) from None
    if len(raw) > limit:
        raise _problem(name, field, f"larger than the limit of {limit:,} bytes")
    return raw


def check_output(path: str | os.PathLike[str], field: str = "") -> Path:
    """The file that writing ``path`` will create or replace, checked now.

    Raises :class:`InputError` when the target exists and is not a regular file, or its
    folder is missing or not writable. Call it before long work, so nothing is computed in
    vain.
    """
    name = os.fspath(path)
    if not name:
        raise _problem("''", field, "give a file name")
    target = Path(os.path.realpath(name))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise InputError([os_problem(name, field, error, "cannot write")]) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _problem(name, field, f"is {kind}; give the name of a file to write")
    folder = target.parent
    if not folder.is_dir():
        raise _problem(name, field, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _problem(name, field, f"cannot write into the folder {folder}: permission denied")
    return target


def write_output(path: str | os.PathLike[str], content: str | bytes, field: str = "") -> Path:
    """Write ``content`` (text as UTF-8) to ``path`` atomically; see the module docstring."""
    data = content.encode("utf-8") if isinstance(content, str) else content

    def put(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            handle.write(data)

    return write_output_with(path, put, field)


def write_output_with(
    path: str | os.PathLike[str], writer: Callable[[Path], None], field: str = ""
) -> Path:
    """Let ``writer`` fill a temporary file beside ``path``, then rename it over ``path``.

    For libraries that write to a path themselves (Parquet). Any ``OSError`` becomes an
    :class:`InputError` naming ``path``; the temporary file never outlives the call.
    """
    name = os.fspath(path)
    target = check_output(path, field)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else None
        # created here so the umask applies, as it would to a file opened for writing
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        writer(temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        raise InputError([os_problem(name, field, error, "cannot write")]) from None
    finally:
        temporary.unlink(missing_ok=True)
    return target
