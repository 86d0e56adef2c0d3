"""The layering rules of the package, and a reader of imports that resolves every form.

Architecture: ``scenario file -> Scenario -> utility tables -> engines -> results -> api ->
CLI / report / web``. Engines import one way along :data:`LAYERS`; the shells (the CLI, the
report and the web app) import only the public API, their own package, and the public names
(``__all__``) of the shells they build on (:data:`SHELL_PEERS`).

Every import form counts: ``import a.b``, ``from a import b`` (a submodule ``b`` resolves to
``a.b``), relative imports resolved against the importing module, imports inside functions,
and ``importlib.import_module("...")`` with a literal name. A computed name that starts with
a literal package of grandbargain (``f"grandbargain.cli.{name}"``) counts as an import of some
module of that package (``grandbargain.cli.?``, never only its public names); any other
computed name is reported as the module ``"?"``, which no shell may use.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

SRC = ROOT / "src" / "grandbargain"

LAYERS = {
    "model": 0,
    "files": 0,
    "optional": 0,
    "plain": 0,
    "lazy": 0,
    "names": 0,
    "evidence": 1,
    "interop": 1,
    "space": 2,
    "solve": 3,
    "simulate": 3,
    "forecast": 3,
    "uncertainty": 4,
    "outlook": 5,
    "backtest": 6,  # scores every predictor, the outlook included
    "brief": 6,  # the outlook told in sentences
    "api": 7,
    "": 7,  # the package itself: it re-exports the api
    "cli": 8,
    "report": 8,
    "web": 8,
    "__main__": 9,
}
"""Layer of each top-level module or package of grandbargain: imports never go up a layer."""

SHELL_PEERS = {"cli": ("report", "web"), "report": (), "web": ("report",)}
"""The shells whose public names (``__all__``) each shell may import besides the api. The CLI
starts the web app (``serve``) and writes the report; the api cannot hand them over, being a
layer below."""

DYNAMIC = "?"


@dataclass(frozen=True)
class Imported:
    """One module an import statement reaches, and the names taken from it."""

    module: str
    names: tuple[str, ...]
    line: int


def module_name(path: Path) -> str:
    """The dotted name of a source file under ``src/grandbargain``."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    """Whether ``name`` is a module or package of grandbargain (in this source tree)."""
    parts = name.split(".")
    if parts[0] != "grandbargain":
        return False
    where = SRC.parent.joinpath(*parts)
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def _relative_base(module: str, package: bool, level: int, target: str | None) -> str:
    parts = module.split(".") if package else module.split(".")[:-1]
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, target] if target else base)


def _from_import(node: ast.ImportFrom, module: str, package: bool) -> Iterator[Imported]:
    base = (
        _relative_base(module, package, node.level, node.module)
        if node.level
        else node.module or ""
    )
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        if alias.name != "*" and is_module(submodule):
            yield Imported(submodule, (), node.lineno)
        else:
            yield Imported(base, (alias.name,), node.lineno)


def _absolute(target: str, module: str, package: bool) -> str:
    if not target.startswith("."):
        return target
    level = len(target) - len(target.lstrip("."))
    return _relative_base(module, package, level, target.lstrip(".") or None)


def _fixed_package(name: ast.JoinedStr, module: str, package: bool) -> str | None:
    """The package a computed module name stays inside: its literal start up to the last
    dot (``f"grandbargain.cli.{name}"`` stays in ``grandbargain.cli``), when that is at
    least one part of grandbargain below the package itself; else None."""
    first = name.values[0] if name.values else None
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    prefix, dot, _ = first.value.rpartition(".")
    if not dot:
        return None
    fixed = _absolute(prefix + dot, module, package).rstrip(".")
    return fixed if len(fixed.split(".")) >= 2 and is_module(fixed) else None


def _dynamic_import(node: ast.Call, module: str, package: bool) -> Imported | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.JoinedStr):
        fixed = _fixed_package(first, module, package)
        return Imported(DYNAMIC if fixed is None else f"{fixed}.{DYNAMIC}", (), node.lineno)
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return Imported(DYNAMIC, (), node.lineno)
    return Imported(_absolute(first.value, module, package), (), node.lineno)


def imports_of(source: str, module: str, package: bool = False) -> list[Imported]:
    """Every module the code ``source`` of ``module`` imports, wherever the import stands."""
    found: list[Imported] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Imported(alias.name, (), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found += _from_import(node, module, package)
        elif isinstance(node, ast.Call):
            dynamic = _dynamic_import(node, module, package)
            if dynamic is not None:
                found.append(dynamic)
    return found


def top_level(module: str) -> str | None:
    """The top-level part of grandbargain a module belongs to ("" for the package itself)."""
    parts = module.split(".")
    if parts[0] != "grandbargain":
        return None
    return parts[1] if len(parts) > 1 else ""


def _public(package: str) -> set[str]:
    return set(importlib.import_module(f"grandbargain.{package}").__all__)


def violation(importer: str, imported: Imported) -> str | None:
    """Why ``importer`` may not import ``imported``; None when it may."""
    own = top_level(importer)
    target = top_level(imported.module) if imported.module != DYNAMIC else DYNAMIC
    if own is None or target is None or target == own:
        return None
    if own in SHELL_PEERS:
        allowed = ("api", *SHELL_PEERS[own])
        public = target in allowed and imported.module == f"grandbargain.{target}"
        if public and set(imported.names) <= _public(target):
            return None
        return "a shell imports only the api and the public names of " + ", ".join(allowed)
    if target == DYNAMIC:
        return None  # engines may load their own parts lazily
    if target not in LAYERS:
        return f"{imported.module} has no layer"
    if LAYERS[target] > LAYERS[own]:
        return f"layer {LAYERS[own]} ({own}) imports layer {LAYERS[target]} ({target})"
    return None


def violations_in(path: Path) -> list[str]:
    """Every forbidden import in one source file, as ``file:line: module: why``."""
    module = module_name(path)
    package = path.name == "__init__.py"
    found = []
    for imported in imports_of(path.read_text(encoding="utf-8"), module, package):
        why = violation(module, imported)
        if why is not None:
            where = f"{path.relative_to(ROOT)}:{imported.line}"
            names = f" ({', '.join(imported.names)})" if imported.names else ""
            found.append(f"{where}: {imported.module}{names}: {why}")
    return found
