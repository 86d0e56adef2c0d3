"""The web package renders only: it imports grandbargain.api, the report package's public
names and itself, nothing else of grandbargain."""

from __future__ import annotations

import ast

import grandbargain.report as report

from ..conftest import ROOT

WEB = ROOT / "src" / "grandbargain" / "web"


def _imports(tree: ast.AST) -> list[tuple[str, tuple[str, ...]]]:
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = tuple(alias.name for alias in node.names)
            if node.module == "grandbargain":
                found += [(f"grandbargain.{name}", ()) for name in names]
            else:
                found.append((node.module, names))
        elif isinstance(node, ast.ImportFrom):
            raise AssertionError("relative import in the web package")
    return found


def test_web_imports_only_the_public_api_the_report_package_and_itself() -> None:
    modules = sorted(WEB.rglob("*.py"))
    assert len(modules) >= 5
    seen = set()
    for path in modules:
        for module, names in _imports(ast.parse(path.read_text())):
            if not module.startswith("grandbargain"):
                continue
            seen.add(module)
            where = f"{path.relative_to(ROOT)} imports {module}"
            if module == "grandbargain.report":
                assert set(names) <= set(report.__all__), where
                continue
            assert module == "grandbargain.api" or module.startswith("grandbargain.web"), where
    assert {"grandbargain.api", "grandbargain.report"} <= seen


def test_the_checker_sees_forbidden_imports() -> None:
    bad = ast.parse(
        "from grandbargain.solve.analysis import analyze\n"
        "from grandbargain import space\n"
        "import grandbargain.model.schema\n"
    )
    found = [module for module, _ in _imports(bad)]
    assert found == [
        "grandbargain.solve.analysis",
        "grandbargain.space",
        "grandbargain.model.schema",
    ]
