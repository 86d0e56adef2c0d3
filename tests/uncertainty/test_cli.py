"""montecarlo and sensitivity from the command line; the spec read off the assumptions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app
from grandbargain.uncertainty.assumptions import spec_from_assumptions

runner = CliRunner()


def test_spec_from_assumptions_uses_only_stated_ranges() -> None:
    s = gb.load_scenario("us-china-2025")
    spec = spec_from_assumptions(s)
    assert spec.numbers
    for number in spec.numbers:
        params = dict(number.distribution.params)
        assert number.distribution.kind == "triangular"
        assert params["low"] <= params["mode"] <= params["high"]
        assert (params["low"], params["high"]) != (0.0, 100.0) or number.path.endswith("weight")


def test_montecarlo_runs_saves_and_reloads(tmp_path: Path) -> None:
    saved = tmp_path / "draws.parquet"
    first = runner.invoke(
        app,
        ["montecarlo", "--draws", "12", "--seed", "3", "--save", str(saved), "--format", "json"],
    )
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["schema_version"] == 1 and data["draws"] == 12
    for issues in data["option_probabilities"].values():
        for options in issues.values():
            assert abs(sum(options.values()) - 1.0) < 1e-9
    again = json.loads(
        runner.invoke(app, ["montecarlo", "--load", str(saved), "--format", "json"]).stdout
    )
    assert again == data
    same = json.loads(
        runner.invoke(
            app, ["montecarlo", "--draws", "12", "--seed", "3", "--format", "json"]
        ).stdout
    )
    assert same == data


def test_bad_uncertainty_inputs_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["montecarlo", "--load", str(tmp_path / "no.parquet")]).exit_code == 2
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "schema_version: 1\nnumbers:\n  - path: parties.Mars.weight\n"
        "    distribution: {kind: uniform, low: 0, high: 1}\n"
    )
    result = runner.invoke(app, ["montecarlo", "--spec", str(spec), "--draws", "2"])
    assert result.exit_code == 2 and str(spec) in result.output


def test_sensitivity_tornado() -> None:
    result = runner.invoke(app, ["sensitivity", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"] and "tornado" in data["method"]


def test_sensitivity_sobol_command(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "schema_version: 1\nnumbers:\n"
        "  - path: parties.China.stances.rare-earths.weight\n"
        "    distribution: {kind: uniform, low: 25, high: 60}\n"
    )
    result = runner.invoke(
        app,
        ["sensitivity", "--spec", str(spec), "--spec-only", "--sobol", "4", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sample_size"] == 4 and data["model_runs"] == 4 * 3
