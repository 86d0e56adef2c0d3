"""Validation of the uncertainty side file: one test per class of mistake, with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from grandbargain.api import load_scenario_text
from grandbargain.model.errors import InputError
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import load_spec, spec_from_mapping

from ..conftest import DATA

HEADER = "schema_version: 1\nnumbers:\n"


def _problem(tmp_path: Path, scenario: Scenario, path: str, distribution: str) -> tuple[str, str]:
    """Write a one-entry spec (entry on line 3, distribution on line 4) and return its problem."""
    text = f"{HEADER}  - path: {path}\n    distribution: {distribution}\n"
    file = tmp_path / "uncertainty.yaml"
    file.write_text(text)
    with pytest.raises(InputError) as caught:
        load_spec(str(file), scenario)
    (problem,) = caught.value.problems
    assert problem.file == str(file)
    return f"{problem.line}:{problem.field}", problem.message


UNIFORM = "{kind: uniform, low: 10, high: 20}"
CASES = [
    ("unknown path", "parties.Nobody.weights", UNIFORM, "3:numbers[0].path", "names nothing"),
    ("not a number", "parties.China.name", UNIFORM, "3:numbers[0].path", "cannot"),
    ("an id", "issues.rare-earths.id", UNIFORM, "3:numbers[0].path", "cannot"),
    ("a date", "events.tariff-snapback.date", UNIFORM, "3:numbers[0].path", "cannot"),
    (
        "low above high",
        "parties.China.stances.rare-earths.weight",
        "{kind: uniform, low: 30, high: 20}",
        "4:numbers[0].distribution.low",
        "above high",
    ),
    (
        "sd not positive",
        "parties.China.stances.rare-earths.weight",
        "{kind: normal, mean: 20, sd: 0, low: 10, high: 30}",
        "4:numbers[0].distribution.sd",
        "> 0",
    ),
    (
        "mode outside",
        "parties.China.stances.rare-earths.weight",
        "{kind: triangular, low: 10, mode: 40, high: 30}",
        "4:numbers[0].distribution.mode",
        "outside",
    ),
    (
        "beta a not positive",
        "parties.China.stances.rare-earths.weight",
        "{kind: beta, a: 0, b: 2, low: 10, high: 30}",
        "4:numbers[0].distribution.a",
        "> 0",
    ),
    (
        "value off the scale",
        "parties.China.stances.rare-earths.values.steady",
        "{kind: uniform, low: 90, high: 120}",
        "4:numbers[0].distribution",
        "value scale",
    ),
    (
        "negative weight",
        "parties.China.stances.rare-earths.weight",
        "{kind: uniform, low: -5, high: 20}",
        "4:numbers[0].distribution",
        ">= 0",
    ),
    (
        "salience above 1",
        "stakeholders.white-house.stances.rare-earths.salience",
        "{kind: uniform, low: 0.5, high: 1.5}",
        "4:numbers[0].distribution",
        "0-1",
    ),
    (
        "probability above 1",
        "conditions.allies.states.aligned.probability",
        "{kind: uniform, low: 0.5, high: 1.2}",
        "4:numbers[0].distribution",
        "0-1",
    ),
    (
        "happened event",
        "events.geneva-truce.probability",
        "{kind: uniform, low: 0.5, high: 1}",
        "3:numbers[0].path",
        "not set to a number",
    ),
    (
        "dirichlet on one number",
        "parties.China.stances.rare-earths.weight",
        "{kind: dirichlet, concentration: 5}",
        "4:numbers[0].distribution.kind",
        "dirichlet is only",
    ),
    (
        "weights not dirichlet",
        "parties.China.weights",
        UNIFORM,
        "4:numbers[0].distribution.kind",
        "need kind dirichlet",
    ),
    (
        "unknown kind",
        "parties.China.stances.rare-earths.weight",
        "{kind: lognormal, low: 1, high: 2}",
        "4:numbers[0].distribution.kind",
        "unknown kind",
    ),
    (
        "missing parameter",
        "parties.China.stances.rare-earths.weight",
        "{kind: uniform, low: 1}",
        "4:numbers[0].distribution.high",
        "needs a finite number",
    ),
]


@pytest.mark.parametrize(
    ("label", "path", "dist", "where", "text"), CASES, ids=[c[0] for c in CASES]
)
def test_each_mistake_is_reported_with_line_and_field(
    tmp_path: Path, us_china: Scenario, label: str, path: str, dist: str, where: str, text: str
) -> None:
    found, message = _problem(tmp_path, us_china, path, dist)
    assert found == where, message
    assert text in message


def test_a_number_given_twice_is_reported(us_china: Scenario) -> None:
    entry = {
        "path": "parties.China.stances.rare-earths.weight",
        "distribution": {"kind": "uniform", "low": 10, "high": 20},
    }
    weights = {
        "path": "parties.China.weights",
        "distribution": {"kind": "dirichlet", "concentration": 9},
    }
    with pytest.raises(InputError, match="already uncertain"):
        spec_from_mapping({"schema_version": 1, "numbers": [entry, weights]}, us_china)


def test_top_level_mistakes(us_china: Scenario) -> None:
    with pytest.raises(InputError) as caught:
        spec_from_mapping(
            {"schema_version": 2, "numbers": [], "conditions": "maybe", "extra": 1}, us_china
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {"schema_version", "conditions", "extra"}


def test_a_valid_file_reads_back_from_its_dict(us_china: Scenario, tmp_path: Path) -> None:
    file = tmp_path / "u.yaml"
    file.write_text(
        HEADER
        + "  - path: parties.United States.stances.rare-earths.weight\n"
        + "    distribution: {kind: triangular, low: 10, mode: 20, high: 30}\n"
        + "  - path: parties.China.weights\n"
        + "    distribution: {kind: dirichlet, concentration: 50}\n"
        + "conditions: default\nevents: likely\n"
    )
    spec = load_spec(str(file), us_china)
    assert spec.conditions == "default" and spec.events == "likely"
    assert len(spec.columns) == 1 + len(us_china.issues)
    assert spec_from_mapping(spec.to_dict(), us_china) == spec


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # the YAML reader refuses numbers no float holds before any distribution check
        (str(10**400), "number 100000000000... is too large: at most about 1.8e308"),
        (f"-{10**400}", "number -10000000000... is too large: at most about 1.8e308"),
        (".inf", "'.inf' is not a finite number"),
        # a boolean reads fine as YAML; the distribution check refuses it
        ("true", "uniform needs a finite number high"),
    ],
)
def test_numbers_too_large_for_a_float_are_problems_inline_too(value: str, message: str) -> None:
    # the scenario loader checks inline distributions: the reader first, then this layer
    text = (DATA / "small.yaml").read_text("utf-8")
    bad = text.replace("weight: 30", f"weight: {{kind: uniform, low: 25, high: {value}}}", 1)
    with pytest.raises(InputError) as caught:
        load_scenario_text(bad, "inline.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == ("inline.yaml", "parties[0].stances.tariff.weight.high")
    assert problem.message == message


def test_shape_parameters_are_bounded(us_china: Scenario) -> None:
    entry = {
        "path": "parties.China.stances.rare-earths.weight",
        "distribution": {"kind": "normal", "mean": 20, "sd": 1e300, "low": 10, "high": 30},
    }
    with pytest.raises(InputError, match="sd: must be between -1e"):
        spec_from_mapping({"schema_version": 1, "numbers": [entry]}, us_china)
    entry["distribution"] = {"kind": "dirichlet", "concentration": 1e13}
    entry["path"] = "parties.China.weights"
    with pytest.raises(InputError, match="concentration: must be between"):
        spec_from_mapping({"schema_version": 1, "numbers": [entry]}, us_china)
