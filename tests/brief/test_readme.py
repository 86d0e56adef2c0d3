"""The README's briefing excerpt is the start of what its command prints today.

The block under "## The answer first: the briefing" opens with the command (``$ grandbargain
brief ...``), then the first lines of its output as written, then one line saying how many
lines follow. The test runs the command in-process with the same options and compares. It
runs the outlook's default 2000 draws (about 45 s of CPU time), hence ``slow``. To refresh
the excerpt after the outlook changes:

    PYTHONPATH=src python -m tests.brief.test_readme
"""

from __future__ import annotations

import re
import shlex
import sys

import pytest

import grandbargain as gb
from grandbargain import api

from ..conftest import ROOT

README = ROOT / "README.md"
HEADING = "## The answer first: the briefing"
SHOWN = "WHAT BLOCKS A FREER DEAL, AND WHO"
"""The excerpt ends with this section and the first sentence of the next one."""
MORE = re.compile(r"^\[\.\.\. (\d+) more lines: .*\]$")


def _block() -> tuple[str, list[str]]:
    section = README.read_text(encoding="utf-8").split(HEADING, 1)[1]
    found = re.search(r"```text\n(.*?)\n```", section, re.S)
    assert found is not None, f"no text block under {HEADING!r}"
    command, *lines = found.group(1).splitlines()
    return command, lines


def _options(command: str) -> dict[str, str]:
    words = shlex.split(command)
    assert words[:3] == ["$", "grandbargain", "brief"], command
    pairs = dict(zip(words[3::2], words[4::2], strict=True))
    assert set(pairs) <= {"--as-of", "--since", "--draws", "--seed"}, command
    return pairs


def _output(options: dict[str, str]) -> list[str]:
    briefing = gb.brief(
        gb.load_scenario("us-china-2025"),
        options.get("--as-of"),
        options.get("--since"),
        draws=int(options.get("--draws", api.OUTLOOK_DRAWS)),
        seed=int(options.get("--seed", 0)),
    )
    return briefing.to_text().splitlines()


def excerpt(lines: list[str]) -> list[str]:
    """The lines the README shows: up to the section after :data:`SHOWN` and its first
    sentence, then how many more lines there are."""
    start = lines.index(SHOWN)
    after = next(k for k in range(start + 1, len(lines)) if lines[k].isupper())
    end = next(k for k in range(after + 2, len(lines)) if lines[k].startswith("- "))
    rest = len(lines) - end
    more = (
        f"[... {rest} more lines: each issue's probability and confidence word, the "
        "assumptions of the tool, the evidence behind every number and the sources]"
    )
    return [*lines[:end], more]


@pytest.mark.slow
def test_the_readme_shows_the_start_of_the_briefing_as_printed_today() -> None:
    command, shown = _block()
    assert "--as-of 2025-07-20" in command
    assert MORE.match(shown[-1])
    assert shown == excerpt(_output(_options(command))), (
        "refresh: PYTHONPATH=src python -m tests.brief.test_readme"
    )


def _refresh() -> None:
    command, shown = _block()
    text = README.read_text(encoding="utf-8")
    old = "\n".join([command, *shown])
    new = "\n".join([command, *excerpt(_output(_options(command)))])
    README.write_text(text.replace(old, new, 1), encoding="utf-8")


if __name__ == "__main__":
    _refresh()
    sys.exit(0)
