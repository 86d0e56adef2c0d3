"""Every command of the README's tour runs, read from the README itself, as a user runs it.

The commands run in a subprocess from the project's folder (so ``../shared/...`` paths work as
written), through the installed ``grandbargain`` script, in README order (``search`` needs the
corpus that ``corpus add`` built), with ``HOME`` and ``XDG_DATA_HOME`` in a temporary folder so
the corpus database is a temporary one. The README's placeholders are replaced by the test
files of :data:`SUBSTITUTIONS`, the files a command writes go to a temporary folder
(:data:`OUTPUTS`), and ``serve`` gets a free loopback port, answers one page and is stopped.
Any other path-like word on a tour line must exist in the project, or the test fails: a new
placeholder needs its fixture here.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..conftest import ROOT, SHARED

SUBSTITUTIONS = {
    "my.yaml": "tests/model/data/small.yaml",
    "points.csv": "tests/cli/data/points.csv",
    "actors.csv": "../shared/data/forecasting/bdm_examples/emission_standards_bdm1994.csv",
    "path/to/genius-domain-folder": "../shared/data/genius-domains/Laptop",
    "path/to/llm-deliberation-game": "../shared/data/benchmarks/llm-deliberation/"
    "games_descriptions/base",
}
"""README placeholder -> the test file used in its place (relative to the project folder)."""

OUTPUTS = ("scenario.schema.json", "game.yaml", "draws.parquet", "report.html")
"""Files the tour writes; written into a temporary folder, and each must then exist."""

EXIT_CODES: dict[str, int] = {}
"""Tour commands documented to end with another exit code than 0 (none today)."""

SHOWS = {
    "corpus add": r"^[1-9]\d* added",  # the shared articles go in
    "search": r"\n│ \S",  # at least one passage found
    "evidence": r"\n│ \S",
    "cite check": r"quotes and \d+ numbers checked; 0 problem",
}
"""What a command's output must show, beyond exiting cleanly."""

PATH_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".parquet", ".html", ".xml", ".txt")


def tour_lines() -> list[str]:
    """The command lines of the code block under "## A short tour" in README.md."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## A short tour", 1)[1]
    block = re.search(r"```\n(.*?)\n```", section, re.S)
    assert block is not None, "no code block under '## A short tour'"
    return [line for line in block.group(1).splitlines() if line.strip()]


def _words(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    assert words[0] == "grandbargain", line
    return words[1:]


def _command(words: list[str]) -> str:
    """The command's name: its first word, two for a group (``corpus add``)."""
    return " ".join(words[:2]) if words[0] in ("corpus", "cite") else words[0]


def _looks_like_a_path(word: str) -> bool:
    return not word.startswith("-") and ("/" in word or word.endswith(PATH_SUFFIXES))


def _local(path: str, outputs: Path) -> str:
    """A README path as the test uses it: as written (relative to the project folder) where
    it exists, else its fixture or its place in the output folder."""
    if path in SUBSTITUTIONS:
        path = SUBSTITUTIONS[path]
    elif path in OUTPUTS:
        return str(outputs / path)
    if path.startswith("../shared/") and not (ROOT / path).exists():
        return str(SHARED / path.removeprefix("../shared/"))  # GRANDBARGAIN_SHARED elsewhere
    assert (ROOT / path).exists(), (
        f"the README tour uses {path!r}: add a fixture for it to SUBSTITUTIONS or, if the "
        "tour writes it, to OUTPUTS (tests/cli/test_tour.py)"
    )
    return path


def arguments(line: str, outputs: Path) -> tuple[list[str], Path | None]:
    """The command line's arguments with placeholders replaced, and where stdout goes."""
    words = _words(line)
    redirect = None
    if ">" in words:
        at = words.index(">")
        redirect = Path(_local(words[at + 1], outputs))
        words = words[:at]
    return [_local(w, outputs) if _looks_like_a_path(w) else w for w in words], redirect


def _script() -> list[str]:
    installed = Path(sys.executable).parent / "grandbargain"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "grandbargain"]


LINES = tour_lines()


def test_the_tables_know_every_placeholder_and_each_entry_is_used() -> None:
    words = [w for line in LINES for w in _words(line) if _looks_like_a_path(w)]
    for word in words:  # a new placeholder fails here
        _local(word, Path("/nonexistent-outputs"))
    assert set(SUBSTITUTIONS) <= set(words) and set(OUTPUTS) <= set(words)
    assert all(
        (ROOT / target).exists() or target.startswith("../shared/")
        for target in SUBSTITUTIONS.values()
    )
    commands = {_command(_words(line)) for line in LINES}
    assert set(SHOWS) <= commands and set(EXIT_CODES) <= commands


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """The environment of a README user with a private data folder, and the output folder."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the shared folder {SHARED} is missing")
        pytest.skip(f"shared folder {SHARED} not present")
    home = tmp_path_factory.mktemp("home")
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env, tmp_path_factory.mktemp("outputs")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(args: list[str], env: dict[str, str]) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [*_script(), *args, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = ""
        deadline = time.monotonic() + 60
        while not page and server.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, "serve stopped by itself"
        assert "<html" in page.lower(), "serve did not answer with its page"
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C, as the command says
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("line", LINES, ids=[" ".join(_words(line)[:3]) for line in LINES])
def test_the_tour_command_runs(line: str, user: tuple[dict[str, str], Path]) -> None:
    env, outputs = user
    args, redirect = arguments(line, outputs)
    if args[0] == "serve":
        _serve(args, env)
        return
    done = subprocess.run(
        [*_script(), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    expected = EXIT_CODES.get(_command(args), 0)
    assert done.returncode == expected, f"{line}\n{done.stdout[-2000:]}\n{done.stderr}"
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    if redirect is not None:
        redirect.write_text(done.stdout, encoding="utf-8")
    for word in args:
        if word.startswith(str(outputs)):
            assert Path(word).stat().st_size > 0, f"{line}: wrote nothing to {word}"
    shows = SHOWS.get(_command(args))
    if shows is not None:
        assert re.search(shows, done.stdout), f"{line}\n{done.stdout[-3000:]}"
