"""The command line: exit codes, one line per problem, no tracebacks, JSON that round-trips."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app

from .conftest import DATA

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grandbargain", *args], capture_output=True, text=True, timeout=120
    )


def test_show_prints_the_embedded_scenario() -> None:
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 0, result.output
    for word in ("us-china-2025", "United States", "China", "Events", "Stakeholders"):
        assert word in result.output


def test_show_json_round_trips(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(DATA / "small.yaml"), "--format", "json"])
    assert result.exit_code == 0
    out = tmp_path / "again.json"
    out.write_text(result.stdout)
    assert gb.load_scenario(out) == gb.load_scenario(DATA / "small.yaml")


def test_show_json_of_the_embedded_scenario_round_trips(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "--format", "json"])
    out = tmp_path / "us.json"
    out.write_text(result.stdout)
    assert gb.load_scenario(out) == gb.load_scenario("us-china-2025")


def test_validate_reports_every_problem_and_exits_2(tmp_path: Path) -> None:
    text = (DATA / "small.yaml").read_text().replace("weight: 30", "weight: -30")
    text = text.replace("advantage: Alpha", "advantage: Alfa")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1  # structural problems first; the bad advantage is then reported
    assert lines[0].startswith(f"{bad}:")
    assert "parties[0].stances.tariff.weight" in lines[0]
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text.replace("weight: -30", "weight: 30"))
    result = run("validate", str(fixed))
    assert result.returncode == 2
    assert "buckets[0].advantage: unknown party 'Alfa'" in result.stderr


def test_validate_ok_and_missing_file(tmp_path: Path) -> None:
    assert run("validate", str(DATA / "small.yaml")).returncode == 0
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: no such file"


def test_bad_options_exit_2_without_traceback() -> None:
    for args in (["show", "--as-of", "2025-02-30"], ["show", "--format", "xml"], ["nosuch"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_schema_is_a_json_schema_that_accepts_shipped_scenarios() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (DATA / "small.yaml",):
        data = yaml.safe_load(path.read_text())
        data = json.loads(json.dumps(data, default=str))
        assert not list(validator.iter_errors(data))
    shipped = json.loads(runner.invoke(app, ["show", "--format", "json"]).stdout)
    assert not list(validator.iter_errors(shipped))
    bad = dict(shipped, colour="red")
    assert list(validator.iter_errors(bad))


def test_committed_schema_file_matches_the_model() -> None:
    committed = Path(gb.__file__).parent / "schemas" / "scenario.schema.json"
    assert json.loads(committed.read_text()) == gb.scenario_json_schema(), (
        "regenerate with: grandbargain schema > src/grandbargain/schemas/scenario.schema.json"
    )


def test_scenarios_lists_the_embedded_one() -> None:
    result = runner.invoke(app, ["scenarios", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert "us-china-2025" in [s["name"] for s in data["scenarios"]]
    assert "us-china-2025" in runner.invoke(app, ["scenarios"]).stdout


def _schema(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((Path(gb.__file__).parent / "schemas" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_analyze_json_validates_against_its_schema() -> None:
    result = runner.invoke(
        app,
        ["analyze", "--as-of", "2025-07-20", "--condition", "allies=defect", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    _schema("analysis.schema.json").validate(data)
    assert data["conditions"] == {"allies": "defect"}
    assert data["as_of"] == "2025-07-20"


def test_analyze_tables_show_solutions_logrolls_and_linkage() -> None:
    result = runner.invoke(app, ["analyze"])
    assert result.exit_code == 0, result.output
    for text in ("Nash", "Kalai-Smorodinsky", "Logrolls", "Value of linkage", "feasible"):
        assert text in result.output


def test_analyze_bad_condition_and_event_exit_2() -> None:
    for args in (
        ["analyze", "--condition", "allies=maybe"],
        ["analyze", "--condition", "allies"],
        ["analyze", "--include-event", "no-such-event"],
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.strip()


def test_fair_division_json_validates(tmp_path: Path) -> None:
    points = tmp_path / "points.csv"
    points.write_text("issue,A,B\nx,50,20\ny,30,30\nz,20,50\n")
    result = runner.invoke(app, ["fair-division", str(points), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    _schema("fair-division.schema.json").validate(data)
    assert data["scores"] == {"A": "65/1", "B": "65/1"}
    scenario = runner.invoke(app, ["fair-division", "--format", "json"])
    _schema("fair-division.schema.json").validate(json.loads(scenario.stdout))
    bad = tmp_path / "bad.csv"
    bad.write_text("issue,A,B\nx,fifty,20\n")
    result = run("fair-division", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:2:")


def test_scenarios_json_validates() -> None:
    data = json.loads(runner.invoke(app, ["scenarios", "--format", "json"]).stdout)
    _schema("scenarios.schema.json").validate(data)
