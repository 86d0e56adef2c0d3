"""The web app's latency figures in the README prose, the README's load table and the how-to
are one measurement, written once each: they must agree."""

from __future__ import annotations

import re

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HOW_TO = (ROOT / "docs" / "how-to" / "what-if-in-the-browser.md").read_text(encoding="utf-8")


def _unloaded_row() -> tuple[int, int]:
    header = next(line for line in README.splitlines() if line.startswith("| clients |"))
    row = next(line for line in README.splitlines() if line.startswith("| 1 (unloaded) |"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == len(names)
    figures = dict(zip(names, cells, strict=True))
    return int(figures["p50 ms"]), int(figures["p95 ms"])


def _quoted(text: str) -> list[tuple[int, int]]:
    flat = " ".join(text.split())
    return [(int(p50), int(p95)) for p50, p95 in re.findall(r"p50 (\d+) ms, p95 (\d+) ms", flat)]


def test_the_readme_prose_quotes_its_own_table() -> None:
    assert _quoted(README) == [_unloaded_row()]


def test_the_how_to_quotes_the_readme_table() -> None:
    assert _quoted(HOW_TO) == [_unloaded_row()]


def test_the_quoted_range_holds_the_median_and_the_95th_percentile() -> None:
    p50, p95 = _unloaded_row()
    for text in (README, HOW_TO):
        [(low, high)] = re.findall(r"about (\d+)-(\d+) ms", " ".join(text.split()))
        assert int(low) <= p50 <= p95 <= int(high)
