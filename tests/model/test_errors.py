"""One test per class of bad input: the message names file, line, column and field."""

from __future__ import annotations

import pytest

import grandbargain as gb
from grandbargain.model.errors import InputError

from ..conftest import DATA

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")

# (case, text replaced, replacement, field path, message fragment, text on the reported line)
CASES = [
    (
        "unknown field",
        "    publisher: Test desk",
        "    publisher: Test desk\n    colour: red",
        "sources[0].colour",
        "unknown field 'colour'; expected one of: date",
        "colour: red",
    ),
    (
        "missing field",
        "    title: Tariff level\n",
        "",
        "issues[0].title",
        "missing required field",
        "- id: tariff",
    ),
    (
        "wrong type",
        "weight: 30",
        "weight: thirty",
        "parties[0].stances.tariff.weight",
        "valid number",
        "weight: thirty",
    ),
    (
        "negative weight",
        "weight: 30",
        "weight: -30",
        "parties[0].stances.tariff.weight",
        "greater than or equal to 0",
        "weight: -30",
    ),
    (
        "value outside scale",
        "values: {high: 0, low: 100}",
        "values: {high: 0, low: 130}",
        "parties[1].stances.tariff.values.low",
        "outside the value scale 0..100",
        "low: 130",
    ),
    (
        "missing option value",
        "values: {high: 0, low: 100}",
        "values: {high: 0}",
        "parties[1].stances.tariff.values",
        "no value for option(s) low",
        "values: {high: 0}",
    ),
    (
        "unknown option",
        "red_lines: [open]",
        "red_lines: [opn]",
        "parties[1].stances.access.red_lines[0]",
        "unknown option 'opn'",
        "red_lines: [opn]",
    ),
    (
        "red lines remove every option",
        "red_lines: [open]",
        "red_lines: [open, closed, partial]",
        "parties[1].stances.access.red_lines",
        "rule out every option",
        "red_lines: [open, closed, partial]",
    ),
    (
        "unknown issue in stance",
        "      access:\n        weight: 40",
        "      acess:\n        weight: 40",
        "parties[1].stances.acess",
        "unknown issue 'acess'",
        "acess:",
    ),
    (
        "unknown bucket",
        "    bucket: trade\n    search_terms",
        "    bucket: trad\n    search_terms",
        "issues[0].bucket",
        "unknown bucket 'trad'",
        "bucket: trad",
    ),
    (
        "unknown party",
        "advantage: Alpha",
        "advantage: Alfa",
        "buckets[0].advantage",
        "unknown party 'Alfa'",
        "advantage: Alfa",
    ),
    (
        "duplicate id",
        "  - id: access\n",
        "  - id: tariff\n",
        "issues[1].id",
        "duplicate id 'tariff'",
        "- id: tariff\n    title: Market",
    ),
    (
        "duplicate key",
        "    title: Tariff level\n",
        "    title: Tariff level\n    title: Again\n",
        "issues[0].title",
        "duplicate key",
        "title: Again",
    ),
    (
        "bad date",
        "date: 2025-05-12",
        "date: 2025-13-45",
        "events[0].date",
        "date",
        "date: 2025-13-45",
    ),
    (
        "undeclared source",
        "          - source: memo",
        "          - source: memx",
        "parties[0].stances.access.evidence[0].source",
        "unknown source 'memx'",
        "source: memx",
    ),
    (
        "quote over 40 words",
        "quote: Alpha wants access.\n            note",
        "quote: " + "word " * 41 + "\n            note",
        "parties[0].stances.access.evidence[0]",
        "at most 40 allowed",
        "- source: memo",
    ),
    (
        "impossible probability",
        "probability: 0.3\n    changes",
        "probability: 1.3\n    changes",
        "events[1].probability",
        "less than or equal to 1",
        "probability: 1.3",
    ),
    (
        "probabilities not summing to one",
        "probability: 0.7",
        "probability: 0.9",
        "conditions[0].states",
        "sum to 1.2",
        "states:",
    ),
    (
        "unknown linkage in condition",
        "activates: [swap]",
        "activates: [swop]",
        "conditions[0].states[1].activates[0]",
        "unknown linkage 'swop'",
        "activates: [swop]",
    ),
    (
        "unknown option in interaction",
        "when: {tariff: low, access: partial}",
        "when: {tariff: low, access: half}",
        "linkages.interactions[0].when.access",
        "unknown option 'half'",
        "access: half",
    ),
    (
        "wrong schema version",
        "schema_version: 1",
        "schema_version: 7",
        "schema_version",
        "input should be 1",
        "schema_version: 7",
    ),
    (
        "salience above one",
        "salience: 0.8",
        "salience: 8",
        "stakeholders[0].stances.access.salience",
        "less than or equal to 1",
        "salience: 8",
    ),
]


def _line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize(
    ("case", "old", "new", "field", "fragment", "marker"), CASES, ids=[c[0] for c in CASES]
)
def test_each_error_class_is_named_with_file_line_and_field(
    case: str, old: str, new: str, field: str, fragment: str, marker: str
) -> None:
    assert old in SMALL, case
    text = SMALL.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "my.yaml")
    problems = [p for p in caught.value.problems if p.field == field]
    assert problems, [str(p) for p in caught.value.problems]
    problem = problems[0]
    assert fragment in problem.message
    assert problem.file == "my.yaml"
    last_line = _line_of(text, marker) + marker.count("\n")
    assert _line_of(text, marker) <= problem.line <= last_line, str(problem)
    assert str(problem).startswith(f"my.yaml:{problem.line}:{problem.column}: {field}: ")


def test_all_zero_weights_are_rejected() -> None:
    text = SMALL.replace("weight: 60", "weight: 0").replace("weight: 40", "weight: 0")
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "my.yaml")
    (problem,) = caught.value.problems
    assert problem.field == "parties[1].stances"
    assert "all weights are zero" in problem.message
    assert problem.line == _line_of(text, "- name: Beta") + 1


def test_all_problems_are_reported_at_once() -> None:
    text = (
        SMALL.replace("    publisher: Test desk", "    publisher: Test desk\n    colour: red")
        .replace("values: {high: 0, low: 100}", "values: {high: 0, low: 130}")
        .replace("advantage: Alpha", "advantage: Alfa")
    )
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "my.yaml")
    fields = {p.field for p in caught.value.problems}
    assert {
        "sources[0].colour",
        "parties[1].stances.tariff.values.low",
        "buckets[0].advantage",
    } <= fields
    several = SMALL.replace("weight: 30", "weight: -1").replace("salience: 0.8", "salience: 3")
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(several, "my.yaml")
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- 1\n- 2\n", "top level is a list"),
        ("just words\n", "top level is a str"),
        ("a: [1,\n", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "one YAML document"),
        ("a: &x [*x]\n", ""),
        ("<<: {a: 1}\n", "merge keys"),
        ("!!python/object:os.system {}\n", ""),
    ],
)
def test_malformed_files(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "my.yaml")
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("my.yaml:")


def test_missing_binary_oversized_and_folder_inputs(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    with pytest.raises(InputError, match="no such file"):
        gb.load_scenario(folder / "absent.yaml")
    with pytest.raises(InputError, match="no such file or shipped scenario"):
        gb.load_scenario("us-china-2052")
    (folder / "bin.yaml").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary file"):
        gb.load_scenario(folder / "bin.yaml")
    (folder / "latin.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        gb.load_scenario(folder / "latin.yaml")
    (folder / "big.yaml").write_bytes(b"#" * 5_000_001)
    with pytest.raises(InputError, match="larger than the limit of 5,000,000 bytes"):
        gb.load_scenario(folder / "big.yaml")
    with pytest.raises(InputError, match="folder is neither a GENIUS domain"):
        gb.load_scenario(folder)


def test_aliases_that_expand_to_billions_of_values_are_refused_quickly(tmp_path: object) -> None:
    import time
    from pathlib import Path

    from typer.testing import CliRunner

    from grandbargain.cli import app

    text = "schema_version: 1\nl0: &l0 [" + ", ".join(['"lol"'] * 9) + "]\n"
    for level in range(1, 9):  # 9**9 = 387 million strings once expanded
        text += f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]\n"
    file = Path(str(tmp_path)) / "laughs.yaml"
    file.write_text(text)
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["validate", str(file)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "laughs.yaml:" in result.output and "aliases" in result.output
    assert time.perf_counter() - started < 10
