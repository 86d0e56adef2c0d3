"""forecast through the API and command line, on the scenario and the three CSV formats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app

SCHEMA = json.loads((Path(gb.__file__).parent / "schemas" / "forecast.schema.json").read_text())
runner = CliRunner()


def _json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["forecast", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


def test_embedded_scenario_every_model() -> None:
    data = _json()
    issues = data["issues"]
    assert isinstance(issues, list) and len(issues) == 21
    for item in issues:
        models = item["models"]
        assert set(models) == {"compromise", "expected-utility"}
        assert models["compromise"]["prediction"] == models["compromise"]["mean"]
        assert models["expected-utility"]["prediction"] == models["expected-utility"]["median"]
        assert models["expected-utility"]["trajectory"][0]["round"] == 0
        assert models["compromise"]["nearest_option"] is not None


def test_model_rounds_and_date_options() -> None:
    data = _json("--model", "expected-utility", "--rounds", "3", "--as-of", "2025-07-20")
    for item in data["issues"]:  # type: ignore[union-attr]
        assert set(item["models"]) == {"expected-utility"}
        assert len(item["models"]["expected-utility"]["trajectory"]) <= 4


def test_emission_standards_csv_reproduces_the_published_forecast(shared: Path) -> None:
    path = shared / "data" / "forecasting" / "bdm_examples" / "emission_standards_bdm1994.csv"
    data = _json(str(path))
    (item,) = data["issues"]  # type: ignore[misc]
    trajectory = item["models"]["expected-utility"]["trajectory"]
    assert trajectory[0]["mean"] == pytest.approx(7.39, abs=0.01)
    assert item["models"]["expected-utility"]["median"] == pytest.approx(9.6, abs=0.15)


def test_ktab_and_decide_files(shared: Path) -> None:
    ktab = _json(str(shared / "data" / "forecasting" / "ktab" / "SOE-Pol-Comp.csv"))
    assert len(ktab["issues"]) == 2  # type: ignore[arg-type]
    paris = _json(
        str(shared / "data" / "forecasting" / "decide_exchange" / "cop21.csv"),
        "--model",
        "compromise",
    )
    assert len(paris["issues"]) == 13  # type: ignore[arg-type]
    assert "declared" in str(paris["salience_note"])


def test_bad_forecast_inputs_exit_2(tmp_path: Path) -> None:
    cases = {
        "missing.csv": None,
        "columns.csv": "Actor,Capability,Position\nA,1,2\nB,1,3\n",
        "negative.csv": "Actor,Capability,Position,Salience\nA,-1,2,0.5\nB,1,3,0.5\n",
        "single.csv": "Actor,Capability,Position,Salience\nA,1,2,0.5\n",
        "salience.csv": "Actor,Capability,Position,Salience\nA,1,2,150\nB,1,3,0.5\n",
        "unknown.csv": "hello,world\n1,2\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        result = runner.invoke(app, ["forecast", str(path)])
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output
        assert str(path) in result.output
    assert runner.invoke(app, ["forecast", "--model", "astrology"]).exit_code == 2
