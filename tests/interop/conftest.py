"""Fixtures for the importer tests: the shared GENIUS and LLM-Deliberation folders."""

from __future__ import annotations

from pathlib import Path

import pytest

GENIUS_COUNTS = {
    # folder: (parties, issues, outcomes), as read by NegMAS 0.16 (shared SOURCE.md)
    "EnglandZimbabwe": (2, 5, 576),
    "ItexvsCypress": (2, 4, 180),
    "Travel": (2, 7, 188_160),
    "Laptop": (2, 3, 27),
    "Grocery": (2, 5, 1_600),
    "NiceOrDie": (2, 1, 3),
    "Politics": (3, 8, 23_040),
    "Party": (9, 6, 3_072),
}
GENIUS_READABLE = [*GENIUS_COUNTS, "AMPOvsCity"]
GAMES = ["base", "base_7players", "base_rewritten", "game1", "game2", "game3"]


@pytest.fixture
def genius(shared: Path) -> Path:
    """The shared folder of GENIUS domains."""
    return shared / "data" / "genius-domains"


@pytest.fixture
def games(shared: Path) -> Path:
    """The shared folder of LLM-Deliberation games."""
    return shared / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions"
