"""The spec a scenario carries itself: its own distributions, then its assumption ranges; a
spec file on top wins for the numbers it names."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import grandbargain as gb
from grandbargain import api
from grandbargain.cli import app
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty.assumptions import spec_for_scenario, spec_from_assumptions
from grandbargain.uncertainty.spec import merge_specs, spec_from_mapping

from ..conftest import DATA
from .specs import spec_data, uncertain

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
runner = CliRunner()

# Alpha's tariff weight has an assumption range [20, 40]; here it also gets its own
# distribution, and an option value and an interaction term get one too.
INLINE = (
    SMALL.replace("        weight: 30\n", "        weight: {kind: uniform, low: 25, high: 35}\n", 1)
    .replace("partial: 60,", "partial: {kind: triangular, low: 45, mode: 60, high: 75},", 1)
    .replace("utilities: {Alpha: 0.02,", "utilities: {Alpha: {kind: uniform, low: 0, high: 0.04},")
)


def _scenario(text: str = INLINE) -> Scenario:
    return gb.load_scenario_text(text, "inline.yaml")


def _kinds(spec: api.UncertaintySpec) -> dict[str, str]:
    return {n.path: n.distribution.kind for n in spec.numbers}


def test_spec_for_scenario_is_own_distributions_plus_assumption_ranges() -> None:
    plain = gb.load_scenario_text(SMALL, "small.yaml")
    assert (
        _kinds(spec_for_scenario(plain))
        == _kinds(spec_from_assumptions(plain))
        == {"parties.Alpha.stances.tariff.weight": "triangular"}
    )
    spec = spec_for_scenario(_scenario())
    assert _kinds(spec) == {
        "parties.Alpha.stances.tariff.weight": "uniform",  # its own, not the assumption's
        "parties.Alpha.stances.access.values.partial": "triangular",
        "linkages.interactions.swap.utilities.Alpha": "uniform",
    }
    assert spec.conditions == "draw" and spec.events == "draw"
    assert len(spec.columns) == len(set(spec.columns))


def test_joint_weights_of_the_scenario_replace_the_single_assumption_ranges() -> None:
    text = SMALL.replace(
        "  - name: Alpha\n", "  - name: Alpha\n    weights: {kind: dirichlet, concentration: 9}\n"
    )
    spec = spec_for_scenario(_scenario(text))
    assert _kinds(spec) == {"parties.Alpha.weights": "dirichlet"}
    assert set(spec.columns) == {
        "parties.Alpha.stances.tariff.weight",
        "parties.Alpha.stances.access.weight",
    }


def test_a_spec_file_overrides_the_scenario_for_the_same_number() -> None:
    s = _scenario()
    given = spec_from_mapping(
        spec_data(
            uncertain("parties.Alpha.stances.access.values.partial", "uniform", low=50, high=70),
            uncertain("parties.Beta.weights", "dirichlet", concentration=5),
            conditions="default",
        ),
        s,
    )
    merged = merge_specs(spec_for_scenario(s), given)
    assert _kinds(merged) == {
        "parties.Alpha.stances.tariff.weight": "uniform",
        "linkages.interactions.swap.utilities.Alpha": "uniform",
        "parties.Alpha.stances.access.values.partial": "uniform",
        "parties.Beta.weights": "dirichlet",
    }
    assert merged.conditions == "default"  # the file's settings win too
    joint = spec_from_mapping(spec_data(given.to_dict()["numbers"][1]), s)
    alpha = spec_from_mapping(
        spec_data(uncertain("parties.Alpha.weights", "dirichlet", concentration=5)), s
    )
    assert "parties.Alpha.stances.tariff.weight" not in _kinds(
        merge_specs(spec_for_scenario(s), alpha)
    )
    assert len(merge_specs(joint, joint).numbers) == 1


def test_montecarlo_and_sensitivity_use_the_scenario_distributions_by_default(
    tmp_path: Path,
) -> None:
    source = tmp_path / "inline.yaml"
    source.write_text(INLINE)
    result = runner.invoke(
        app, ["montecarlo", str(source), "--draws", "4", "--seed", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["spec"] == spec_for_scenario(_scenario()).to_dict()
    saved = tmp_path / "draws.parquet"
    again = runner.invoke(
        app, ["montecarlo", str(source), "--draws", "4", "--seed", "1", "--save", str(saved)]
    )
    assert again.exit_code == 0, again.output
    drawn = api.load_results(saved).to_dict()
    assert drawn["spec"]["numbers"][-1]["path"] == "linkages.interactions.swap.utilities.Alpha"
    tornado = runner.invoke(app, ["sensitivity", str(source), "--format", "json"])
    assert tornado.exit_code == 0, tornado.output
    rows = {row["path"]: row for row in json.loads(tornado.stdout)["rows"]}
    assert (
        rows["parties.Alpha.stances.access.values.partial"]["low"],
        rows["parties.Alpha.stances.access.values.partial"]["high"],
    ) == (45, 75)


def test_spec_file_on_the_command_line_overrides_or_replaces(tmp_path: Path) -> None:
    source = tmp_path / "inline.yaml"
    source.write_text(INLINE)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "schema_version: 1\nnumbers:\n"
        "  - path: parties.Alpha.stances.access.values.partial\n"
        "    distribution: {kind: uniform, low: 50, high: 70}\n"
    )
    base = ["montecarlo", str(source), "--draws", "2", "--spec", str(spec), "--format", "json"]
    over = json.loads(runner.invoke(app, base).stdout)["spec"]["numbers"]
    assert {n["path"]: n["distribution"]["kind"] for n in over} == {
        "parties.Alpha.stances.tariff.weight": "uniform",
        "linkages.interactions.swap.utilities.Alpha": "uniform",
        "parties.Alpha.stances.access.values.partial": "uniform",
    }
    only = json.loads(runner.invoke(app, [*base, "--spec-only"]).stdout)["spec"]["numbers"]
    assert [n["path"] for n in only] == ["parties.Alpha.stances.access.values.partial"]
    alone = runner.invoke(app, ["montecarlo", str(source), "--draws", "2", "--spec-only"])
    assert alone.exit_code == 2 and "needs --spec" in alone.output


def test_spec_for_scenario_is_exported() -> None:
    assert api.spec_for_scenario is spec_for_scenario
    assert "spec_for_scenario" in api.__all__ and "merge_specs" in api.__all__
