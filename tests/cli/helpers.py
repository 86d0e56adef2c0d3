"""Running the command line in-process, and what a clean failure looks like."""

from __future__ import annotations

import os
from collections.abc import Sequence

from typer.testing import CliRunner, Result

from grandbargain.cli import app


def invoke(args: Sequence[str]) -> Result:
    """Run ``grandbargain ARGS`` in this process (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args))


def assert_clean_exit(result: Result, code: int, where: str = "") -> None:
    """Exit ``code`` with no traceback; a failure (code 2) says why on stderr."""
    label = f"{where}: " if where else ""
    escaped = result.exception
    if escaped is not None and not isinstance(escaped, SystemExit):
        raise AssertionError(f"{label}uncaught {type(escaped).__name__}: {escaped}") from escaped
    assert result.exit_code == code, f"{label}exit {result.exit_code}\n{result.output}"
    assert "Traceback" not in result.output, f"{label}{result.output}"
    if code == 2:
        assert result.stderr.strip(), f"{label}exit 2 without a message"


def new_file_mode() -> int:
    """The permissions ``open`` gives a new file here: 0666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
