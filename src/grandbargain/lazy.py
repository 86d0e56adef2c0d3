"""Lazy exports: a package's public names, each imported from its module on first use.

``import grandbargain`` and ``grandbargain --help`` then load no engine, numpy, scipy or
pydantic model, and each command imports only what it uses (see issue 17: start-up time).
A package using this writes the same names as ordinary imports under ``if TYPE_CHECKING:``
for type checkers and readers; ``tests/test_startup.py`` checks that both name the same
objects.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    namespace: dict[str, Any], sources: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for the module whose ``globals()`` is ``namespace``
    (PEP 562).

    ``sources`` maps a module to the names it gives, separated by white space;
    ``NAME=ORIGINAL`` gives that module's ``ORIGINAL`` under the name ``NAME``. A name is
    imported the first time it is asked for and then kept in ``namespace``.

    >>> namespace = {"__name__": "demo"}
    >>> getattr_, dir_ = lazy_exports(namespace, {"json": "dumps to_json=dumps"})
    >>> getattr_("to_json")([1])
    '[1]'
    >>> sorted(namespace), dir_()
    (['__name__', 'to_json'], ['__name__', 'dumps', 'to_json'])
    """
    where: dict[str, tuple[str, str]] = {}
    for module, names in sources.items():
        for item in names.split():
            name, _, original = item.partition("=")
            where[name] = (module, original or name)
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, original = where[name]
        value = getattr(importlib.import_module(module), original)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *where})

    return __getattr__, __dir__
