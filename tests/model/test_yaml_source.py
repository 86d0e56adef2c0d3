"""The YAML reader: every value a scenario cannot hold is one problem line at its real place.

Positions are worked out by hand from the texts below (lines end at \\n, columns count
characters from 1).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import grandbargain as gb
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.inline import nominal_value
from grandbargain.model.yaml_source import Lines, parse_yaml_text, read_yaml_file

from ..conftest import DATA

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")


def _only(text: str) -> Problem:
    with pytest.raises(InputError) as caught:
        parse_yaml_text(text, "f.yaml")
    assert len(caught.value.problems) == 1, caught.value.problems
    assert "\n" not in str(caught.value)
    return caught.value.problems[0]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        # values their tag cannot read: each crashed the loader with a non-input error
        ("a: 1\nb: !!bool maybe\n", (2, 4), "'maybe' is not a valid boolean (true or false)"),
        ("a: !!timestamp garbage\n", (1, 4), "'garbage' is not a valid date (YYYY-MM-DD)"),
        ("date: 2025-13-45\n", (1, 7), "'2025-13-45' is not a valid date (YYYY-MM-DD)"),
        ("n: !!int abc\n", (1, 4), "'abc' is not a valid whole number"),
        ("n: !!float abc\n", (1, 4), "'abc' is not a valid number"),
        # numbers no float can hold, and numbers that are not finite
        ("n: 1" + "0" * 400 + "\n", (1, 4), "is too large: at most about 1.8e308"),
        ("n: 1" + "0" * 5000 + "\n", (1, 4), "is too large: at most about 1.8e308"),
        ("n: -.inf\n", (1, 4), "'-.inf' is not a finite number"),
        ("x:\n  n: .NaN\n", (2, 6), "'.NaN' is not a finite number"),
        ("n: 1.0e+400\n", (1, 4), "'1.0e+400' is not a finite number"),
        # tags other than the standard scalar ones, on scalars and on collections
        ("t: !foo bar\n", (1, 4), "YAML tag !foo is not allowed; only !!str, !!int"),
        ("t: !!binary aGk=\n", (1, 4), "binary values are not allowed"),
        ("t: !!set {a}\n", (1, 4), "YAML tag !!set is not allowed; write a plain mapping"),
        ("t: !!omap [a: 1]\n", (1, 4), "YAML tag !!omap is not allowed; write a plain list"),
        ("t: !!python/name:os.system\n", (1, 4), "YAML tag !!python/name:os.system"),
        # reader errors: control characters, at their own line and column
        ("a: 1\nb: x\x07y\n", (2, 5), "character U+0007 is not allowed in YAML text"),
        ("a: 1\r\nb: \x1b\r\n", (2, 4), "character U+001B is not allowed in YAML text"),
        # syntax errors name the construct they interrupted and where it started
        ('a: 1\nb: "abc\n', (3, 1), "quoted scalar started at line 2, column 4"),
        ("a: 1\n  b: 2\n", (2, 4), "YAML syntax error: mapping values are not allowed here"),
        ("a: 1\n---\nb: 2\n", (3, 1), "expected one YAML document, found several"),
    ],
)
def test_each_bad_value_is_one_problem_at_its_place(
    text: str, where: tuple[int, int], message: str
) -> None:
    problem = _only(text)
    assert (problem.line, problem.column) == where, problem
    assert message in problem.message


def test_lines_end_only_at_newlines() -> None:
    # PyYAML also breaks lines at U+2028; editors and grep -n do not, and neither do we.
    problem = _only('a: "x\u2028y"\nb: !!bool maybe\n')
    assert (problem.line, problem.column) == (2, 4)
    lines = Lines("ab\ncd\n")
    assert [lines.place(k) for k in range(6)] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]


def test_problems_in_a_scenario_name_the_field() -> None:
    text = SMALL.replace("splittable: true", "splittable: !!bool maybe")
    line = SMALL.splitlines().index("    splittable: true") + 1
    with pytest.raises(InputError) as caught:
        gb.load_scenario_text(text, "s.yaml")
    assert str(caught.value) == (
        f"s.yaml:{line}:17: issues[0].splittable: 'maybe' is not a valid boolean (true or false)"
    )


def test_an_integer_beyond_the_float_range_has_no_nominal_value() -> None:
    # number() raised OverflowError on it, through the uncertainty layer's parameter check
    assert nominal_value({"kind": "uniform", "low": 10**400, "high": 2}) is None
    assert nominal_value({"kind": "uniform", "low": 1, "high": 3}) == 2.0


def test_a_huge_integer_in_an_inline_distribution_is_an_input_error() -> None:
    huge = "1" + "0" * 400
    text = SMALL.replace("weight: 30", f"weight: {{kind: uniform, low: {huge}, high: 2}}")
    with pytest.raises(InputError, match="too large") as caught:
        gb.load_scenario_text(text, "s.yaml")
    assert caught.value.problems[0].field == "parties[0].stances.tariff.weight.low"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_that_never_ends_is_read_only_up_to_the_limit() -> None:
    # stat says /dev/zero has 0 bytes; reading it whole would never finish.
    with pytest.raises(InputError, match="larger than the limit of 5,000,000 bytes"):
        read_yaml_file("/dev/zero")


def test_a_file_name_is_kept_in_read_errors(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"#" * 5_000_001)
    with pytest.raises(InputError) as caught:
        read_yaml_file(str(tmp_path / "big.yaml"), "shown.yaml")
    assert str(caught.value).startswith("shown.yaml: larger than the limit")
