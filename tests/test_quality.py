"""The project's own checks run as tests: types, lint, layout, and CI running the README."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT
from .layering import LAYERS, SRC, imports_of, module_name, top_level, violation, violations_in


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


def test_imports_flow_one_way_and_shells_use_the_public_api() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 50
    problems = [line for path in modules for line in violations_in(path)]
    assert not problems, "\n".join(problems)


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {top_level(module_name(path)) for path in SRC.rglob("*.py")}
    assert parts <= set(LAYERS), f"give these a layer in tests/layering.py: {parts - set(LAYERS)}"


FORBIDDEN_IN_THE_CLI = {
    "import": "import grandbargain.space\n",
    "import as": "import grandbargain.model.schema as schema\n",
    "from the package": "from grandbargain import space\n",
    "from a module": "from grandbargain.model.errors import Problem\n",
    "relative, a sibling package": "from ..model.errors import Problem\n",
    "relative, from the package": "from .. import space\n",
    "inside a function": "def f() -> None:\n    from grandbargain.solve import cloud\n",
    "importlib": "import importlib\nimportlib.import_module('grandbargain.space')\n",
    "relative importlib": "import importlib\nimportlib.import_module('..space', 'x')\n",
    "computed importlib": "import importlib\nimportlib.import_module(NAME)\n",
    "computed, the root": "import importlib\nimportlib.import_module(f'grandbargain.{N}')\n",
    "computed, an engine": "import importlib\nimportlib.import_module(f'grandbargain.solve.{N}')\n",
    "computed, web": "import importlib\nimportlib.import_module(f'grandbargain.web.{N}')\n",
    "a report module": "from grandbargain.report import charts\n",
    "a report internal": "from grandbargain.report.output import hover_text\n",
    "a private api name": "from grandbargain.api import loading\n",
    "a web internal": "from grandbargain.web.app import create_app\n",
    "the root package": "import grandbargain\n",
}
ALLOWED_IN_THE_CLI = (
    "import typer\nimport numpy as np\n"
    "from grandbargain import api\n"
    "from grandbargain.api import InputError, Problem\n"
    "from . import common\n"
    "from .common import fail\n"
    "from grandbargain.cli.failures import fail as f\n"
    "from grandbargain.report import build_report, pareto_figure\n"
    "def serve() -> None:\n    from grandbargain.web import create_app\n"
    "from importlib import import_module\n"
    "import_module(f'grandbargain.cli.{name}')\n"
    "import_module(f'.{name}', __package__)\n"
)


def _violations(source: str, module: str) -> list[str]:
    found = imports_of(source, module)
    return [why for item in found if (why := violation(module, item)) is not None]


@pytest.mark.parametrize("form", sorted(FORBIDDEN_IN_THE_CLI))
def test_the_checker_sees_each_forbidden_form(form: str) -> None:
    assert _violations(FORBIDDEN_IN_THE_CLI[form], "grandbargain.cli.analysis"), form
    if not form.startswith("a report"):  # the report's own modules are its own business
        assert _violations(FORBIDDEN_IN_THE_CLI[form], "grandbargain.report.charts"), form


def test_the_checker_allows_the_public_api_and_own_package() -> None:
    assert _violations(ALLOWED_IN_THE_CLI, "grandbargain.cli.analysis") == []
    assert [m.module for m in imports_of("from . import common", "grandbargain.cli", True)] == [
        "grandbargain.cli.common"
    ]
    assert [m.module for m in imports_of("from .. import api", "grandbargain.cli.web")] == [
        "grandbargain.api"
    ]


def test_the_checker_sees_an_engine_import_going_up() -> None:
    up = "def f() -> None:\n    from grandbargain import api\n"
    assert _violations(up, "grandbargain.solve.cloud")
    assert _violations("from .simulate import runner\n", "grandbargain.space")
    assert _violations("from grandbargain.report import build_report\n", "grandbargain.model.x")
    assert _violations("import_module(f'grandbargain.cli.{name}')\n", "grandbargain.api.simulation")
    assert not _violations("from ..model.errors import Problem\n", "grandbargain.solve.cloud")
    assert not _violations("from .units import build_units\n", "grandbargain.solve.cloud")


def test_modules_stay_small() -> None:
    for path in SRC.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 800, path


def test_no_third_party_corpus_text_ships_in_the_package() -> None:
    banned = {".txt", ".xml", ".csv"}
    assert not [p for p in SRC.rglob("*") if p.suffix in banned]


def test_the_all_extra_installs_every_optional_package_and_test_includes_it() -> None:
    from grandbargain.optional import EXTRAS

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    named = {name for name in extras if name not in ("all", "test")}
    assert extras["all"] == [f"grandbargain[{','.join(sorted(named, key=list(extras).index))}]"]
    assert "grandbargain[all]" in extras["test"]
    assert set(EXTRAS.values()) <= named  # every extra a missing-package message names
    for package, extra in EXTRAS.items():
        assert any(package.lower() in spec.lower() for spec in extras[extra]), package
