"""The project's own checks run as tests: types, lint, layout, and CI running the README."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SRC = ROOT / "src" / "grandbargain"


def test_mypy_strict_passes_on_the_package() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(SRC)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed; install the test extra")
    result = subprocess.run(
        [ruff, "check", "src", "tests"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```\n(.*?)\n```", readme.split("## Quick start")[1], re.S)
    commands = [b.strip() for b in blocks[:2]]
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci.splitlines()


# Imports flow one way: model -> engines -> api -> cli/report/web.
LAYERS = {
    "model": 0,
    "files": 0,
    "optional": 0,
    "evidence": 1,
    "interop": 1,
    "space": 2,
    "solve": 3,
    "simulate": 3,
    "forecast": 3,
    "uncertainty": 4,
    "api": 5,
    "cli": 6,
    "report": 6,
    "web": 6,
}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "grandbargain" or len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def test_imports_flow_one_way() -> None:
    for path in SRC.rglob("*.py"):
        module = "grandbargain." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        own = _layer(module)
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = _layer(node.module)
                if target is not None:
                    assert target <= own, f"{module} imports {node.module}"


def test_modules_stay_small() -> None:
    for path in SRC.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 800, path


def test_no_third_party_corpus_text_ships_in_the_package() -> None:
    banned = {".txt", ".xml", ".csv"}
    assert not [p for p in SRC.rglob("*") if p.suffix in banned]
