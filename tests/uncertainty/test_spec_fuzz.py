"""Fuzzing the --spec reader: valid spec files, mutated (characters flipped, lines dropped,
duplicated or swapped, YAML tags, anchors, huge integers, NaN and infinities, wrong types,
unknown paths). Only the documented InputError may ever escape ``api.load_spec``, every
problem names the file on one line, and the command line exits 0 or 2, never with a traceback.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from grandbargain import api
from grandbargain.cli import app
from grandbargain.model.schema import Scenario

from ..conftest import DATA

SMALL_FILE = DATA / "small.yaml"
SPEC = """\
schema_version: 1
numbers:
  - path: parties.Alpha.stances.tariff.weight
    distribution: {kind: triangular, low: 20, mode: 30, high: 40}
  - path: parties.Beta.weights
    distribution: {kind: dirichlet, concentration: 50}
  - path: parties.Alpha.stances.access.values.partial
    distribution:
      kind: truncated-normal
      mean: 60
      sd: 10.5
      low: 40
      high: 80
  - path: conditions.allies.states.aligned.probability
    distribution: {kind: beta, a: 2, b: 5, low: 0, high: 1}
  - path: linkages.interactions.swap.utilities.Alpha
    distribution: {kind: uniform, low: -0.1, high: 0.1}
  - path: events.snapback.probability
    distribution: {kind: uniform, low: 0.1, high: 0.5}
conditions: draw
events: likely
"""
SPEC_JSON = json.dumps(
    {
        "schema_version": 1,
        "numbers": [
            {
                "path": "parties.Beta.stances.tariff.values.low",
                "distribution": {"kind": "uniform", "low": 80, "high": 100},
            },
            {
                "path": "stakeholders.farmers.stances.access.salience",
                "distribution": {"kind": "normal", "mean": 0.8, "sd": 0.1, "low": 0, "high": 1},
            },
        ],
    },
    indent=1,
)
HUGE = str(10**400)
VALUES = [
    HUGE,
    "-" + HUGE,
    "9" * 5000,
    "1e999",
    "-1e999",
    ".nan",
    ".inf",
    "-.inf",
    "1e-320",
    "0x1F",
    "0o17",
    "1_000",
    "true",
    "no",
    "null",
    "~",
    "''",
    '"12"',
    "[1, 2]",
    "{a: 1}",
    "2025-02-30",
    "2025-01-01",
    "!!bool maybe",
    "!!timestamp garbage",
    "!!python/object:os.system x",
    "!!python/name:os.system ''",
    "!!int +",
    "!!float .",
    "!!binary ~~~",
    "!!str 5",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "*nowhere",
    "&anchor 5",
    "parties.Nobody.weight",
    "parties.\u00b2",
    "parties.Alpha.stances.tariff.weight",
    "parties.Alpha.name",
    "events.truce.probability",
    "dirichlet",
    "lognormal",
]
PIECES = [
    *VALUES,
    "\n",
    "\t",
    " ",
    ":",
    ": ",
    "- ",
    "? ",
    "#",
    "{",
    "}",
    "[",
    "]",
    ",",
    '"',
    "'",
    "&a ",
    "*a",
    "<<: *a\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\ufeff",
    "\u2028",
    "\x00",
    "\udcff",
    "é",
    "kind: uniform",
    "unknown: 1\n",
    "  - path: parties.Alpha.weights\n    distribution: {kind: dirichlet, concentration: 5}\n",
]
NUMBER = re.compile(r"-?\d+(\.\d+)?")
Mutation = Callable[[str], str]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """One change to a spec file's text."""
    kind = draw(st.sampled_from(["flip", "insert", "number", "drop", "duplicate", "swap"]))
    where = draw(st.floats(0, 1, exclude_max=True))
    piece = draw(st.sampled_from(PIECES))
    char = draw(st.characters(codec="utf-8") | st.sampled_from(list(":-{}[],#&*!|>'\"\n ")))

    def apply(text: str) -> str:
        at = int(where * (len(text) + 1))
        lines = text.splitlines(keepends=True)
        k = int(where * len(lines)) if lines else 0
        if kind == "flip":
            return text[:at] + char + text[at + 1 :]
        if kind == "insert":
            return text[:at] + piece + text[at:]
        if kind == "number":
            found = list(NUMBER.finditer(text))
            if not found:
                return text
            hit = found[int(where * len(found))]
            return text[: hit.start()] + piece + text[hit.end() :]
        if not lines:
            return text
        if kind == "drop":
            return "".join(lines[:k] + lines[k + 1 :])
        if kind == "duplicate":
            return "".join(lines[: k + 1] + lines[k:])
        swapped = lines[:]
        j = min(k + 1, len(lines) - 1)
        swapped[k], swapped[j] = swapped[j], swapped[k]
        return "".join(swapped)

    return apply


def _mutated(base: str, changes: list[Mutation]) -> str:
    text = base
    for change in changes:
        text = change(text)
    return text


@pytest.fixture(scope="module")
def small() -> Scenario:
    return api.load_scenario(str(SMALL_FILE))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check(file: Path, text: str, scenario: Scenario) -> api.UncertaintySpec | None:
    """Load ``text`` as a spec; the one allowed failure is an InputError naming the file."""
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        spec = api.load_spec(str(file), scenario)
    except api.InputError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == str(file), problem
            assert "\n" not in str(problem) and problem.message, problem
        return None
    assert api.spec_from_mapping(spec.to_dict(), scenario) == spec
    return spec


def test_the_unmutated_files_are_valid(folder: Path, small: Scenario) -> None:
    assert _check(folder / "spec.yaml", SPEC, small) is not None
    assert _check(folder / "spec.json", SPEC_JSON, small) is not None


FUZZ = settings(
    max_examples=1000,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(changes=st.lists(mutations(), min_size=1, max_size=4))
def test_mutated_yaml_specs_give_input_errors_only(
    folder: Path, small: Scenario, changes: list[Mutation]
) -> None:
    _check(folder / "fuzz.yaml", _mutated(SPEC, changes), small)


@settings(FUZZ, max_examples=500)
@given(changes=st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_json_specs_give_input_errors_only(
    folder: Path, small: Scenario, changes: list[Mutation]
) -> None:
    _check(folder / "fuzz.json", _mutated(SPEC_JSON, changes), small)


@settings(FUZZ, max_examples=400)
@given(
    name=st.sampled_from(["kind", "low", "high", "mode", "mean", "sd", "a", "b", "path"]),
    value=st.sampled_from(VALUES)
    | st.integers().map(str)
    | st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
def test_any_value_of_any_field(folder: Path, small: Scenario, name: str, value: str) -> None:
    text = re.sub(rf"\b{name}: [^,}}\n]+", f"{name}: {value}", SPEC)
    _check(folder / "field.yaml", text, small)


def test_the_size_limit_holds(folder: Path, small: Scenario) -> None:
    big = folder / "big.yaml"
    big.write_bytes(SPEC.encode() + b"#" * 6_000_000)
    with pytest.raises(api.InputError, match="larger than the limit"):
        api.load_spec(str(big), small)


def _cli_sample(count: int) -> list[str]:
    """Mutated files for the command line, the same on every run."""
    rng = random.Random(12)
    texts = []
    for _ in range(count):
        text = SPEC
        for _ in range(rng.randint(1, 3)):
            piece = rng.choice(PIECES)
            at = rng.randrange(len(text) + 1)
            text = text[:at] + piece + text[at:]
        texts.append(text)
    hostile = [SPEC.replace("low: 20", f"low: {v}", 1) for v in (HUGE, ".nan", "!!bool maybe")]
    return [SPEC, *hostile, *texts]


def test_the_command_line_exits_0_or_2_on_a_sample(folder: Path) -> None:
    runner = CliRunner()
    codes = set()
    for k, text in enumerate(_cli_sample(24)):
        file = folder / f"cli-{k}.yaml"
        file.write_bytes(text.encode("utf-8", "surrogatepass"))
        for command in (["montecarlo", "--draws", "3"], ["sensitivity"]):
            args: list[Any] = [*command, str(SMALL_FILE), "--spec", str(file), "--spec-only"]
            result = runner.invoke(app, args)
            assert result.exit_code in (0, 2), (text, result.output)
            assert "Traceback" not in result.output
            if result.exit_code == 2:
                assert result.stderr.startswith(str(file)), result.stderr
            codes.add(result.exit_code)
    assert codes == {0, 2}
