"""Start-up: importing the package and building the CLI load no heavy dependency (issue 17).

Behaviour, not timing: each check runs a fresh interpreter and reads ``sys.modules``.
``benchmarks/startup.py`` measures the times.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grandbargain.lazy import lazy_exports

from .builders import random_additive
from .conftest import ROOT

HEAVY = (
    "numpy",
    "scipy",
    "pandas",
    "pyarrow",
    "pydantic",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "plotly",
    "SALib",
    "dask",
    "trafilatura",
    "py3langid",
    "numba",
)
"""Packages that cost tens of milliseconds or more to import."""

LAZY_PACKAGES = (
    "grandbargain",
    "grandbargain.api",
    "grandbargain.model",
    "grandbargain.backtest",
    "grandbargain.uncertainty",
)


def _loaded_after(code: str) -> set[str]:
    """Top-level packages in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    report = "import sys, json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_importing_the_package_loads_no_heavy_dependency() -> None:
    loaded = _loaded_after("import grandbargain")
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    assert loaded.isdisjoint({"typer", "rich", "click", "yaml"})  # the CLI's, not the package's


def test_the_cli_help_loads_no_heavy_dependency() -> None:
    code = (
        "from grandbargain.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit as stop:\n    assert stop.code == 0\n"
    )
    loaded = _loaded_after(code)
    assert "typer" in loaded  # the help really was built
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_using_a_name_loads_its_engine() -> None:
    """The other side: the lazy names are real, and using one imports what it needs."""
    loaded = _loaded_after("import grandbargain\ngrandbargain.analyze")
    assert {"numpy", "pydantic"} <= loaded
    assert "scipy" not in loaded  # analyze needs no scipy; Monte Carlo does


def test_analyzing_a_small_many_party_game_loads_no_numba() -> None:
    """The compiled frontier kernel (and numba's import) is for large frontiers only: a
    six-party game with a few thousand packages is filtered by numpy."""
    data = random_additive(5, 5, 5, n_parties=6)
    code = (
        "import grandbargain, json\n"
        f"scenario = grandbargain.Scenario.model_validate(json.loads({json.dumps(data)!r}))\n"
        "assert len(grandbargain.analyze(scenario).frontier) > 100\n"
    )
    loaded = _loaded_after(code)
    assert "numpy" in loaded
    assert "numba" not in loaded


def test_functions_named_like_subpackages_stay_functions() -> None:
    """``backtest``, ``forecast``, ``outlook`` and ``simulate`` are functions and subpackages:
    importing the subpackages after the package must not rebind the functions."""
    code = (
        "import grandbargain as gb\n"
        "import grandbargain.backtest.run, grandbargain.forecast.runner\n"
        "import grandbargain.simulate.runner, grandbargain.outlook.assemble\n"
        "import grandbargain.brief.run\n"
        "functions = (gb.backtest, gb.brief, gb.forecast, gb.outlook, gb.simulate)\n"
        "assert all(callable(f) for f in functions)\n"
    )
    _loaded_after(code)


def _declared(package: str) -> dict[str, tuple[str, str]]:
    """Name -> (module, name there) of the imports a package writes under TYPE_CHECKING."""
    module = importlib.import_module(package)
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str]] = {}
    blocks = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    for statement in (statement for block in blocks for statement in block.body):
        if isinstance(statement, ast.ImportFrom) and statement.module:
            for alias in statement.names:
                found[alias.asname or alias.name] = (statement.module, alias.name)
    return found


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_lazy_names_are_the_objects_their_type_checking_imports_name(package: str) -> None:
    declared = _declared(package)
    assert declared, f"{package} declares no TYPE_CHECKING imports"
    module = importlib.import_module(package)
    for name, (source, original) in declared.items():
        expected = getattr(importlib.import_module(source), original)
        assert getattr(module, name) is expected, f"{package}.{name}"
    public = set(module.__all__)
    assert public <= set(dir(module))
    assert all(getattr(module, name) is not None for name in public)


def test_lazy_exports_import_on_first_use_and_refuse_unknown_names() -> None:
    namespace = {"__name__": "demo"}
    getattr_, dir_ = lazy_exports(namespace, {"json": "loads decode=loads"})
    assert namespace == {"__name__": "demo"}  # nothing taken before it is asked for
    assert getattr_("decode") is json.loads
    assert namespace["decode"] is json.loads
    assert "loads" in dir_() and "decode" in dir_()
    with pytest.raises(AttributeError, match="'demo' has no attribute 'dumps'"):
        getattr_("dumps")


def test_a_json_command_builds_only_itself_and_loads_no_table_library() -> None:
    """``main`` builds only the command named on the command line (not the web server's or
    the simulator's shells), and JSON output needs no rich (issue 17: the whole process)."""
    code = (
        "import sys\n"
        "from grandbargain.cli import main\n"
        "sys.argv = ['grandbargain', 'analyze', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code\n"
        "cli = sorted(m for m in sys.modules if m.startswith('grandbargain.cli.'))\n"
        "print(cli)\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    report = "import json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", f"{code}{report}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    loaded, cli = set(json.loads(out[-1])), ast.literal_eval(out[-2])
    assert "rich" not in loaded
    assert "grandbargain.cli.analysis" in cli
    assert not {"grandbargain.cli.web", "grandbargain.cli.simulate"} & set(cli), cli
