"""Optional dependencies (the extras in ``pyproject.toml``), imported where they are used.

A missing one is bad input for the command that needs it, not a crash: the message names
the package and the extra that installs it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from grandbargain.model.errors import InputError, Problem

EXTRAS = {
    "pyarrow": "uncertainty",
    "SALib": "uncertainty",
    "trafilatura": "html",
    "distributed": "dask",
}
"""Which extra installs each optional package; ``all`` installs every one."""


def require(module: str, purpose: str, field: str = "") -> ModuleType:
    """Import ``module`` or raise :class:`InputError` saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        extra = EXTRAS.get(top, "all")
        message = (
            f"{purpose} needs the optional package {top}; install it with "
            f"pip install 'grandbargain[{extra}]' (or 'grandbargain[all]' for every extra)"
        )
        raise InputError([Problem("", 0, 0, field, message)]) from None


def available(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it twice)."""
    return importlib.util.find_spec(module) is not None
