"""Shared fixtures: paths to test data and to the read-only shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "model" / "data"
SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def small_yaml() -> str:
    """Text of the small scenario that uses every block of the format."""
    return (DATA / "small.yaml").read_text(encoding="utf-8")


@pytest.fixture
def shared() -> Path:
    """The shared data folder; skipped where absent, except on CI where it must exist."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the shared folder {SHARED} is missing")
        pytest.skip(f"shared folder {SHARED} not present")
    return SHARED
