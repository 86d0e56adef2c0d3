"""``grandbargain backtest``: the table says what the JSON says; bad input exits 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain import api
from grandbargain.cli import app

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


def _rows(table: str) -> dict[tuple[str, str, str], list[str]]:
    """(date, kind, predictor as shown) -> the cells of its row in the table output. A line
    with a rank starts a row; lines with an empty rank continue its wrapped cells."""
    rows: list[tuple[str, str, list[str]]] = []
    heading: tuple[str, str] = ("", "")
    current: list[str] | None = None
    for line in table.splitlines():
        found = re.match(r"(Point|Probabilistic) forecasts made as of (\d{4}-\d\d-\d\d)", line)
        if found:
            heading, current = (found.group(2), found.group(1).lower()), None
            continue
        cells = [c.strip() for c in line.split("│")]
        if len(cells) != 9 or cells[0] == "predictor":
            current = None
        elif cells[1]:
            current = cells
            rows.append((*heading, current))
        elif current is not None:
            for k, cell in enumerate(cells):  # a word broken after a hyphen joins up again
                gap = "" if current[k].endswith("-") else " "
                current[k] = f"{current[k]}{gap}{cell}".strip()
    return {(date, kind, cells[0]): cells for date, kind, cells in rows}


def _expected_cells(p: dict[str, object]) -> list[str]:
    def number(value: object, places: int) -> str:
        return "-" if value is None else f"{value:.{places}f}"

    return [
        api.predictor_name(str(p["name"])),
        str(p["rank"]),
        number(p["mae"], 2),
        number(p["direction_hit_rate"], 2),
        number(p["brier"], 3),
        number(p["log_score"], 2),
        str(p["n"]),
        number(p["no_deal_share"], 2),
    ]


def test_the_table_shows_what_the_json_says_at_80_columns(files: tuple[Path, Path]) -> None:
    """Every predictor's row holds its JSON numbers beside its display name, in a table of
    its kind, each line within 80 columns and nothing cut short."""
    scenario, outcomes = files
    args = ["backtest", str(scenario), str(outcomes), "--as-of", "2024-03-01"]
    args += ["--as-of", "2024-07-01"]
    table = CliRunner().invoke(app, args, env={"COLUMNS": "80"})
    assert_clean_exit(table, 0)
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "…" not in table.stdout
    result = invoke([*args, "--format", "json"])
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    _validate(data)
    rows = _rows(table.stdout)
    assert len(rows) == sum(len(d["predictors"]) for d in data["dates"]) == 24
    for item in data["dates"]:
        for p in item["predictors"]:
            cells = rows[item["as_of"], p["kind"], api.predictor_name(p["name"])]
            assert cells[:8] == _expected_cells(p), p["name"]
            assert p["headline"]["value"] == p["mae" if p["kind"] == "point" else "brier"]
            verdict = cells[8]
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
    rows_text = "\n".join(line for line in table.stdout.splitlines() if "│" in line)
    assert not re.search(r"kalai-smorodinsky|\bnash\b", rows_text)  # one spelling


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
