"""Numbers written inline as distributions: nominal values, round trips, and bad input named
with file, line and field through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.api import scenario_to_dict
from grandbargain.cli import app
from grandbargain.interop import scenario_to_yaml
from grandbargain.model import loading
from grandbargain.model.errors import InputError
from grandbargain.model.inline import nominal_value

from ..conftest import DATA

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
runner = CliRunner()


def _inline(text: str = SMALL) -> str:
    """small.yaml with a distribution on a weight, a value, an interaction, a stakeholder's
    position and a party's weights jointly."""
    replacements = [
        (
            "        weight: 30\n",
            "        weight: {kind: triangular, low: 20, mode: 30, high: 40}\n",
        ),
        ("partial: 60,", "partial: {kind: uniform, low: 40, high: 70},"),
        (
            "utilities: {Alpha: 0.02, Beta: 0.02}",
            "utilities: {Alpha: {kind: normal, mean: 0.02, sd: 0.01, low: 0, high: 0.05}, "
            "Beta: 0.02}",
        ),
        ("  - name: Beta\n", "  - name: Beta\n    weights: {kind: dirichlet, concentration: 40}\n"),
        (
            "access: {position: 100, salience: 0.8, clout: 2}",
            "access: {position: {kind: beta, a: 8, b: 2, low: 50, high: 100}, salience: 0.8, "
            "clout: 2}",
        ),
    ]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


INLINE = _inline()


def test_inline_distributions_load_with_nominal_values_and_are_listed() -> None:
    s = gb.load_scenario_text(INLINE, "inline.yaml")
    plain = gb.load_scenario_text(SMALL, "small.yaml")
    assert s.party("Alpha").stances["tariff"].weight == 30
    assert s.party("Alpha").stances["access"].values["partial"] == 55  # uniform midpoint
    assert s.linkages.interactions[0].utilities["Alpha"] == 0.02
    assert s.stakeholders[0].stances["access"].position == pytest.approx(90)  # beta mean
    assert [d.path for d in s.distributions] == [
        "parties.Alpha.stances.tariff.weight",
        "parties.Alpha.stances.access.values.partial",
        "parties.Beta.weights",
        "linkages.interactions.swap.utilities.Alpha",
        "stakeholders.farmers.stances.access.position",
    ]
    assert dict(s.distributions[2].distribution) == {"kind": "dirichlet", "concentration": 40}
    assert s.model_copy(update={"distributions": ()}) != plain  # the value 55 differs
    assert plain.distributions == ()


def test_round_trip_through_json_and_yaml_keeps_scenario_and_distributions(
    tmp_path: Path,
) -> None:
    s = gb.load_scenario_text(INLINE, "inline.yaml")
    again = gb.load_scenario_text(json.dumps(scenario_to_dict(s)), "again.json")
    assert again == s and again.distributions == s.distributions
    assert scenario_to_dict(again) == scenario_to_dict(s)
    assert gb.load_scenario_text(scenario_to_yaml(s), "again.yaml") == s
    source = tmp_path / "inline.yaml"
    source.write_text(INLINE)
    shown = runner.invoke(app, ["show", str(source), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    exported = tmp_path / "exported.json"
    exported.write_text(shown.stdout)
    assert gb.load_scenario(exported) == gb.load_scenario(source)


@pytest.mark.parametrize(
    ("distribution", "nominal"),
    [
        ("{kind: triangular, low: 20, mode: 35, high: 40}", 35),
        ("{kind: uniform, low: 20, high: 50}", 35),
        ("{kind: normal, mean: 33, sd: 5, low: 20, high: 40}", 33),
        ("{kind: normal, mean: 60, sd: 5, low: 20, high: 40}", 40),  # clipped to the support
        ("{kind: truncated-normal, mean: 10, sd: 5, low: 20, high: 40}", 20),
        ("{kind: beta, a: 1, b: 3, low: 20, high: 40}", 25),  # mean a / (a + b)
        ("{kind: triangular, low: 20, mode: 35, high: 40, nominal: 22}", 22),
        ("{kind: uniform, low: 20, high: 50, nominal: 50}", 50),
    ],
)
def test_nominal_value_per_kind(distribution: str, nominal: float) -> None:
    text = SMALL.replace("        weight: 30\n", f"        weight: {distribution}\n", 1)
    s = gb.load_scenario_text(text, "one.yaml")
    assert s.party("Alpha").stances["tariff"].weight == pytest.approx(nominal)
    (entry,) = s.distributions
    assert entry.path == "parties.Alpha.stances.tariff.weight"
    assert "nominal" not in entry.distribution


def test_nominal_value_is_none_without_a_number() -> None:
    assert nominal_value({"kind": "dirichlet", "concentration": 3}) is None
    assert nominal_value({"kind": "uniform", "low": "a", "high": 2}) is None
    assert nominal_value({"kind": "gamma", "low": 1, "high": 2}) is None
    assert nominal_value({"kind": "beta", "a": 0, "b": 0, "low": 1, "high": 2}) is None


_numbers = st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_numbers, min_size=3, max_size=3).map(sorted))
def test_any_valid_triangular_loads_with_its_mode_as_nominal(points: list[float]) -> None:
    low, mode, high = points
    written = f"{{kind: triangular, low: {low!r}, mode: {mode!r}, high: {high!r}}}"
    text = SMALL.replace("        weight: 70\n", f"        weight: {written}\n", 1)
    s = gb.load_scenario_text(text, "t.yaml")
    assert s.party("Alpha").stances["access"].weight == mode
    (entry,) = s.distributions
    assert dict(entry.distribution) == {
        "kind": "triangular",
        "low": low,
        "mode": mode,
        "high": high,
    }
    assert gb.load_scenario_text(json.dumps(scenario_to_dict(s)), "t.json") == s


def test_distributions_may_be_written_directly() -> None:
    text = SMALL.replace(
        "id: small\n",
        "id: small\ndistributions:\n  - path: issues.access.options.partial.position\n"
        "    distribution: {kind: uniform, low: 40, high: 65}\n",
    )
    s = gb.load_scenario_text(text, "direct.yaml")
    assert s.issue("access").options[1].position == 50  # the written number is nominal
    assert [d.path for d in s.distributions] == ["issues.access.options.partial.position"]
    both = _inline(text)
    assert len(gb.load_scenario_text(both, "both.yaml").distributions) == 6


def test_the_file_schema_accepts_inline_distributions_and_rejects_them_on_ids() -> None:
    validator = jsonschema.Draft202012Validator(gb.scenario_json_schema())
    data = json.loads(json.dumps(yaml.safe_load(INLINE), default=str))
    assert not list(validator.iter_errors(data))
    bad = json.loads(json.dumps(yaml.safe_load(_bad("  - id: trade\n", ID)), default=str))
    assert list(validator.iter_errors(bad))


def test_the_model_layer_alone_still_reads_nominal_values() -> None:
    s = loading.load_scenario_text(INLINE, "inline.yaml")
    assert s == gb.load_scenario_text(INLINE, "inline.yaml")
    with pytest.raises(InputError) as caught:
        loading.load_scenario_text(INLINE.replace("kind: uniform", "kind: gamma"), "x.yaml")
    (problem,) = caught.value.problems
    assert problem.field == "parties[0].stances.access.values.partial"
    assert "nominal" in problem.message


# --- bad input through the command line --------------------------------------------------

ID = "  - id: {kind: uniform, low: 1, high: 2}\n"

# (case, text replaced in INLINE, replacement, field, message fragment, text on the line)
BAD: list[tuple[str, str, str, str, str, str]] = [
    (
        "mode outside [low, high]",
        "mode: 30, high: 40}",
        "mode: 50, high: 40}",
        "parties[0].stances.tariff.weight.mode",
        "mode 50.0 is outside [20.0, 40.0]",
        "mode: 50",
    ),
    (
        "unknown kind",
        "{kind: uniform, low: 40",
        "{kind: gamma, low: 40",
        "parties[0].stances.access.values.partial.kind",
        "unknown kind 'gamma'",
        "kind: gamma",
    ),
    (
        "mapping without a kind where a number goes",
        "weight: {kind: triangular, low: 20, mode: 30, high: 40}",
        "weight: {low: 20, high: 40}",
        "parties[0].stances.tariff.weight.kind",
        "unknown kind None",
        "weight: {low: 20",
    ),
    (
        "missing parameter",
        "mode: 30, high: 40}",
        "high: 40}",
        "parties[0].stances.tariff.weight.mode",
        "triangular needs a finite number mode",
        "weight: {kind: triangular",
    ),
    (
        "unknown parameter",
        "mode: 30, high: 40}",
        "mode: 30, high: 40, peak: 3}",
        "parties[0].stances.tariff.weight.peak",
        "triangular takes no peak",
        "peak: 3",
    ),
    (
        "impossible sd",
        "sd: 0.01",
        "sd: -1",
        "linkages.interactions[0].utilities.Alpha.sd",
        "must be > 0",
        "sd: -1",
    ),
    (
        "dirichlet on a single number",
        "{kind: uniform, low: 40, high: 70}",
        "{kind: dirichlet, concentration: 3}",
        "parties[0].stances.access.values.partial.kind",
        "dirichlet is only for parties.NAME.weights",
        "partial: {kind: dirichlet",
    ),
    (
        "weights jointly need dirichlet",
        "weights: {kind: dirichlet, concentration: 40}",
        "weights: {kind: uniform, low: 1, high: 2}",
        "parties[1].weights.kind",
        "a party's weights need kind dirichlet",
        "weights: {kind: uniform",
    ),
    (
        "distribution on an id",
        "  - id: trade\n",
        ID,
        "buckets[0].id",
        "not a number that can vary",
        "- id: {kind: uniform",
    ),
    (
        "distribution on a date",
        "as_of: 2025-07-20",
        "as_of: {kind: uniform, low: 1, high: 2}",
        "as_of",
        "not a number that can vary",
        "as_of: {kind",
    ),
    (
        "distribution on a name",
        "  - name: Alpha\n",
        "  - name: {kind: uniform, low: 1, high: 2}\n",
        "parties[0].name",
        "not a number that can vary",
        "- name: {kind",
    ),
    (
        "distribution on a fixed setting",
        "id: small\n",
        "id: small\ncalendar: {start: 2025-07-20, days_per_round: {kind: uniform, low: 1, "
        "high: 2}}\n",
        "calendar.days_per_round",
        "not a number that can vary",
        "days_per_round: {kind",
    ),
    (
        "support leaves the value scale",
        "{kind: uniform, low: 40, high: 70}",
        "{kind: uniform, low: 40, high: 170}",
        "parties[0].stances.access.values.partial",
        "[40.0, 170.0] leaves the field's range [0.0, 100.0]",
        "partial: {kind: uniform, low: 40, high: 170}",
    ),
    (
        "support leaves salience's range",
        "salience: 0.8, clout: 2}",
        "salience: {kind: uniform, low: 0.5, high: 1.5}, clout: 2}",
        "stakeholders[0].stances.access.salience",
        "saliences are 0-1",
        "salience: {kind",
    ),
    (
        "support reaches zero clout",
        "salience: 0.8, clout: 2}",
        "salience: 0.8, clout: {kind: uniform, low: 0, high: 4}}",
        "stakeholders[0].stances.access.clout",
        "clout is > 0",
        "clout: {kind",
    ),
    (
        "nominal outside the support",
        "{kind: uniform, low: 40, high: 70}",
        "{kind: uniform, low: 40, high: 70, nominal: 80}",
        "parties[0].stances.access.values.partial.nominal",
        "must be a number in [low, high]",
        "nominal: 80",
    ),
    (
        "number given twice",
        "id: small\n",
        "id: small\ndistributions:\n  - path: parties.Alpha.stances.tariff.weight\n"
        "    distribution: {kind: uniform, low: 25, high: 35}\n",
        "parties[0].stances.tariff.weight",
        "is already uncertain (line",
        "weight: {kind: triangular",
    ),
    (
        "written number outside its own distribution",
        "id: small\n",
        "id: small\ndistributions:\n  - path: parties.Beta.stances.access.weight\n"
        "    distribution: {kind: uniform, low: 10, high: 20}\n",
        "distributions[0].distribution",
        "the scenario's value 40 is outside the support [10, 20]",
        "distribution: {kind: uniform, low: 10",
    ),
    (
        "written path to nothing",
        "id: small\n",
        "id: small\ndistributions:\n  - path: parties.Gamma.stances.access.weight\n"
        "    distribution: {kind: uniform, low: 10, high: 20}\n",
        "distributions[0].path",
        "names nothing",
        "- path: parties.Gamma",
    ),
]


def _bad(old: str, new: str) -> str:
    assert old in INLINE, old
    return INLINE.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


@pytest.mark.parametrize(
    ("case", "old", "new", "field", "fragment", "marker"), BAD, ids=[c[0] for c in BAD]
)
def test_bad_inline_distribution_exits_2_naming_file_line_and_field(
    tmp_path: Path, case: str, old: str, new: str, field: str, fragment: str, marker: str
) -> None:
    text = _bad(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = _line_of(text, marker)
    expected = [
        row
        for row in result.output.splitlines()
        if row.startswith(f"{path}:{line}:") and f": {field}: " in row and fragment in row
    ]
    assert expected, (case, line, result.output)


@pytest.mark.parametrize(
    "command",
    [["show"], ["analyze"], ["forecast"], ["montecarlo", "--draws", "2"], ["sensitivity"]],
)
def test_every_command_that_loads_a_scenario_rejects_a_bad_distribution(
    tmp_path: Path, command: list[str]
) -> None:
    text = _bad("mode: 30, high: 40}", "mode: 50, high: 40}")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = runner.invoke(app, [command[0], str(path), *command[1:]])
    assert result.exit_code == 2, result.output
    line = _line_of(text, "mode: 50")
    assert f"{path}:{line}:" in result.output
    assert "parties[0].stances.tariff.weight.mode" in result.output


def test_all_problems_of_inline_distributions_are_reported_together() -> None:
    text = _bad("mode: 30, high: 40}", "mode: 50, high: 40}").replace(
        "{kind: uniform, low: 40", "{kind: gamma, low: 40"
    )
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "two.yaml")
    fields: set[Any] = {p.field for p in caught.value.problems}
    assert fields == {
        "parties[0].stances.tariff.weight.mode",
        "parties[0].stances.access.values.partial.kind",
    }
