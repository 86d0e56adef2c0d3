"""The numba-compiled modules of ``grandbargain.solve``, for the tests that check them."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def compiled_modules(*names: str) -> tuple[ModuleType, ...]:
    """``grandbargain.solve.NAME`` for each name; where numba (the optional "fast" extra) is
    not installed, the calling test module is skipped - except under CI, which installs
    ".[test]" (it includes the extra), so there a missing numba fails the run."""
    try:
        return tuple(importlib.import_module(f"grandbargain.solve.{name}") for name in names)
    except ImportError as missing:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"numba is not installed: {missing}", allow_module_level=True)
