"""``grandbargain backtest``: the table says what the JSON says; bad input exits 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import grandbargain as gb

from ..backtest.tiny import OUTCOMES, SCENARIO
from .helpers import assert_clean_exit, invoke

SCHEMAS = Path(gb.__file__).parent / "schemas"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(SCENARIO)
    outcomes = tmp_path / "seen.yaml"
    outcomes.write_text(OUTCOMES)
    return scenario, outcomes


def _validate(data: dict[str, object]) -> None:
    schema = json.loads((SCHEMAS / "backtest.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def _rows(table: str, names: set[str]) -> dict[tuple[str, str], list[str]]:
    """(date, predictor) -> the cells of its row in the table output."""
    rows: dict[tuple[str, str], list[str]] = {}
    date = ""
    for line in table.splitlines():
        heading = re.search(r"Forecasts made as of (\d{4}-\d\d-\d\d)", line)
        if heading:
            date = heading.group(1)
            continue
        cells = line.split()
        if cells and cells[0] in names:
            rows[date, cells[0]] = cells
    return rows


def _expected_cells(p: dict[str, object]) -> list[str]:
    headline = p["headline"]
    assert isinstance(headline, dict)
    metric = "MAE" if headline["metric"] == "mae" else "Brier"
    digits = 2 if metric == "MAE" else 3

    def number(value: object, places: int) -> str:
        return "-" if value is None else f"{value:.{places}f}"

    return [
        str(p["name"]),
        str(p["kind"]),
        str(p["rank"]),
        metric,
        f"{headline['value']:.{digits}f}",
        number(p["mae"], 2),
        number(p["direction_hit_rate"], 2),
        number(p["brier"], 3),
        number(p["log_score"], 2),
        str(p["n"]),
        number(p["no_deal_share"], 2),
    ]


def test_the_table_shows_what_the_json_says(files: tuple[Path, Path]) -> None:
    scenario, outcomes = files
    args = ["backtest", str(scenario), str(outcomes), "--as-of", "2024-03-01"]
    args += ["--as-of", "2024-07-01"]
    table = invoke(args)
    assert_clean_exit(table, 0)
    result = invoke([*args, "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    _validate(data)
    names = {p["name"] for d in data["dates"] for p in d["predictors"]}
    rows = _rows(table.stdout, names)
    assert len(rows) == sum(len(d["predictors"]) for d in data["dates"]) == 24
    for item in data["dates"]:
        for p in item["predictors"]:
            cells = rows[item["as_of"], p["name"]]
            assert cells[:11] == _expected_cells(p), p["name"]
            verdict = " ".join(cells[11:])  # a long verdict wraps: its first line
            beats = (p["beats_no_change"], p["beats_uniform"])
            expected = {
                (None, None): "(baseline)",
                (True, True): "both",
                (True, False): "no-change only",
                (False, True): "uniform only",
                (False, False): "neither",
            }[beats]
            assert verdict.startswith(expected), (p["name"], verdict)
            assert ("WORSE" in verdict) == (p["name"] in item["lost_to_no_change"])
    assert "not scored" not in table.stdout.split("\n")[0]  # both issues scored
    assert "As of 2024-03-01: beat both baselines: " in table.stdout


def test_phase_one_with_its_shipped_outcomes() -> None:
    result = invoke(["backtest", "us-china-phase-one-2019", "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    _validate(data)
    assert data["outcomes"]["file"] == "us-china-phase-one-2019.outcomes.yaml"
    assert [d["as_of"] for d in data["dates"]] == ["2019-07-01"]  # the scenario's as_of
    assert data["settings"]["montecarlo"] and data["settings"]["draws"] == 1000
    assert {p["n"] for p in data["dates"][0]["predictors"]} == {10}
    assert data["outcomes"]["not_scored"] == [
        "china-retaliation",
        "legal-form",
        "huawei",
        "china-countermeasures",
    ]


def test_the_outcomes_beside_a_scenario_file_are_found(files: tuple[Path, Path]) -> None:
    scenario, outcomes = files
    missing = invoke(["backtest", str(scenario)])
    assert_clean_exit(missing, 2)
    assert "no outcomes file given, and the scenario ships none" in missing.stderr
    outcomes.rename(scenario.with_name("tiny.outcomes.yaml"))
    found = invoke(["backtest", str(scenario), "--format", "json"])
    assert_clean_exit(found, 0)
    assert json.loads(found.stdout)["outcomes"]["file"].endswith("tiny.outcomes.yaml")


def test_no_outcomes_says_how_to_write_them() -> None:
    result = invoke(["backtest"])
    assert_clean_exit(result, 2)
    assert result.stderr.startswith("us-china-2025: no outcomes file given")
    assert "docs/how-to/backtest-a-forecast.md" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--as-of", "2025-01-01"], ":3:1: date: the outcomes record 2024-12-31"),
        (["--as-of", "soon"], "--as-of: 'soon' is not a date"),
        (["--draws", "0"], "--draws"),
        (["--seed", "-1"], "--seed"),
    ],
)
def test_bad_options_exit_2(files: tuple[Path, Path], extra: list[str], expected: str) -> None:
    scenario, outcomes = files
    result = invoke(["backtest", str(scenario), str(outcomes), *extra])
    assert_clean_exit(result, 2)
    assert expected in result.stderr


def test_a_bad_outcomes_file_exits_2_with_its_line(files: tuple[Path, Path]) -> None:
    scenario, outcomes = files
    outcomes.write_text(OUTCOMES.replace("position: 40", "position: 400"))
    result = invoke(["backtest", str(scenario), str(outcomes)])
    assert_clean_exit(result, 2)
    assert result.stderr.startswith(f"{outcomes}:6:5: outcomes[0].position: ")


def test_schema_outcomes_prints_the_committed_schema() -> None:
    result = invoke(["schema", "--outcomes"])
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout) == json.loads((SCHEMAS / "outcomes.schema.json").read_text())
    assert json.loads(invoke(["schema"]).stdout)["$id"].endswith("scenario.schema.json")


def test_report_adds_a_backtest_section(files: tuple[Path, Path], tmp_path: Path) -> None:
    scenario, outcomes = files
    out = tmp_path / "report.html"
    result = invoke(
        ["report", str(scenario), "--outcomes", str(outcomes), "-o", str(out), "--no-outlook"]
    )
    assert_clean_exit(result, 0)
    html = out.read_text()
    assert '<section id="backtest">' in html and 'href="#backtest"' in html
    assert "Forecasts made as of 2024-03-01" in html
    plain = tmp_path / "plain.html"
    assert_clean_exit(invoke(["report", str(scenario), "-o", str(plain), "--no-outlook"]), 0)
    assert 'id="backtest"' not in plain.read_text()
    none = invoke(["report", "--backtest", "-o", str(tmp_path / "x.html")])
    assert_clean_exit(none, 2)
    assert "ships none" in none.stderr and not (tmp_path / "x.html").exists()
