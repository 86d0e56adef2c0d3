"""No silent nonsense: a run where nothing varies says so, and what counts as varying."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain import api
from grandbargain.cli import app
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import monte_carlo
from grandbargain.uncertainty.variation import ANALYSIS_FIXED, NOTHING_VARIES, variation

from ..conftest import DATA

runner = CliRunner()
SCHEMAS = Path(gb.__file__).parent / "schemas"


def _small(change: Any = None) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "small.yaml").read_text("utf-8"))
    if change is not None:
        change(data)
    return data


def _fixed(data: dict[str, Any]) -> None:
    """No assumption range, no condition: nothing uncertain before the snapback's date."""
    data["parties"][0]["stances"]["tariff"]["evidence"] = [
        {"assumption": {"reasoning": "Alpha collects the tariff."}}
    ]
    del data["conditions"]


def _load(data: dict[str, Any]) -> Scenario:
    return api.load_scenario_text(yaml.safe_dump(data, sort_keys=False), "s.yaml")


@pytest.fixture()
def fixed_file(tmp_path: Path) -> Path:
    file = tmp_path / "fixed.yaml"
    file.write_text(yaml.safe_dump(_small(_fixed), sort_keys=False))
    return file


def test_a_run_where_nothing_varies_says_so(fixed_file: Path) -> None:
    table = runner.invoke(app, ["montecarlo", str(fixed_file), "--draws", "50"])
    assert table.exit_code == 0, table.output
    assert table.stderr == f"warning: {NOTHING_VARIES}\n"
    result = runner.invoke(
        app, ["montecarlo", str(fixed_file), "--draws", "50", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert data["notes"] == [NOTHING_VARIES] and result.stderr == ""
    jsonschema.validate(data, json.loads((SCHEMAS / "montecarlo.schema.json").read_text()))
    for shares in data["option_probabilities"]["utilitarian"].values():
        assert sorted(shares.values())[-1] == 1.0  # what the warning warns about


def test_conditions_and_events_with_chances_count_as_uncertain() -> None:
    spec = api.UncertaintySpec(numbers=())
    data = _small(_fixed)
    data["conditions"] = _small()["conditions"]  # aligned 0.7, defect 0.3
    with_condition = _load(data)
    found = variation(with_condition, spec)
    assert found.conditions == ("allies",) and not found.numbers and not found.notes()
    fixed = _load(_small(_fixed))
    assert variation(fixed, spec).notes() == (NOTHING_VARIES,)
    later = fixed.model_copy(update={"as_of": dt.date(2025, 9, 1)})  # snapback is open
    assert variation(later, spec).events == ("snapback",) and not variation(later, spec).notes()
    certain = _small(_fixed)
    certain["events"][1]["probability"] = 1.0  # open, but happens in every draw
    on_date = _load(certain).model_copy(update={"as_of": dt.date(2025, 9, 1)})
    assert variation(on_date, spec).notes() == (NOTHING_VARIES,)
    assert monte_carlo(fixed, spec, 4, seed=0, as_of=dt.date(2025, 9, 1)).notes == ()


def test_numbers_the_analysis_does_not_read_are_named() -> None:
    fixed = _load(_small(_fixed))
    distribution = {"kind": "uniform", "low": 0.5, "high": 0.9}
    salience = {
        "path": "stakeholders.farmers.stances.access.salience",
        "distribution": distribution,
    }
    spec = api.spec_from_mapping({"schema_version": 1, "numbers": [salience]}, fixed)
    assert variation(fixed, spec).notes() == (ANALYSIS_FIXED.format(count=1),)
    degenerate = {
        "path": "parties.Alpha.stances.tariff.weight",
        "distribution": {"kind": "uniform", "low": 30, "high": 30},
    }
    spec = api.spec_from_mapping({"schema_version": 1, "numbers": [degenerate]}, fixed)
    assert variation(fixed, spec).notes() == (NOTHING_VARIES,)
    weight = {**degenerate, "distribution": {"kind": "uniform", "low": 20, "high": 40}}
    spec = api.spec_from_mapping({"schema_version": 1, "numbers": [weight]}, fixed)
    assert variation(fixed, spec).analysed == ("parties.Alpha.stances.tariff.weight",)
    assert variation(fixed, spec).notes() == ()


def test_notes_survive_saving(fixed_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    saved = tmp_path / "draws.parquet"
    run = runner.invoke(app, ["montecarlo", str(fixed_file), "--draws", "3", "--save", str(saved)])
    assert run.exit_code == 0, run.output
    again = runner.invoke(app, ["montecarlo", "--load", str(saved), "--format", "json"])
    assert json.loads(again.stdout)["notes"] == [NOTHING_VARIES]


def test_sensitivity_says_why_there_is_no_table(fixed_file: Path) -> None:
    table = runner.invoke(app, ["sensitivity", str(fixed_file)])
    assert table.exit_code == 0 and table.stdout == ""
    assert table.stderr.startswith("warning: no uncertain numbers to vary")
    data = json.loads(
        runner.invoke(app, ["sensitivity", str(fixed_file), "--format", "json"]).stdout
    )
    assert data["rows"] == [] and data["notes"][0].startswith("no uncertain numbers to vary")
    jsonschema.validate(data, json.loads((SCHEMAS / "sensitivity.schema.json").read_text()))
    sobol = runner.invoke(app, ["sensitivity", str(fixed_file), "--sobol", "4"])
    assert sobol.exit_code == 2 and "--sobol: no single uncertain numbers" in sobol.stderr
