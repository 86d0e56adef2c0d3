"""Table output: the forecast table carries the JSON's numbers and labels; user text prints
literally."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import grandbargain as gb

from ..conftest import DATA
from ..hostile import renamed
from .helpers import assert_clean_exit, invoke

MARKUP = "[/red][link=http://x]:100:"
"""Rich markup (a stray closing tag, a link) and an emoji code: must print as written."""
OTHER = "[bold]:smile:[/]"


def _forecast_rows(table_text: str) -> list[list[str]]:
    """The first table's rows (issue, model, mean, median, nearest option): a line with a
    model starts a row, other lines continue the wrapped cells of the row above."""
    rows: list[list[str]] = []
    for line in table_text.split("\n\n")[0].splitlines():
        if not line.startswith("│"):
            if rows and line.startswith("└"):
                break
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[1]:
            rows.append(cells)
        elif rows:  # a wrapped row: its cells continue here
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_the_forecast_table_shows_the_numbers_of_the_json() -> None:
    table = invoke(["forecast"])
    data = json.loads(invoke(["forecast", "--format", "json"]).stdout)
    assert_clean_exit(table, 0)
    scenario = gb.load_scenario("us-china-2025")
    labels = {(i.id, o.id): o.label for i in scenario.issues for o in i.options}
    rows = _forecast_rows(table.stdout)
    expected = [
        (model, result, labels[(item["id"], result["nearest_option"])])
        for item in data["issues"]
        for model, result in item["models"].items()
    ]
    assert len(rows) == len(expected)
    for cells, (model, result, label) in zip(rows, expected, strict=True):
        assert cells[1] == model
        assert float(cells[2]) == pytest.approx(result["mean"], abs=0.051), model
        assert float(cells[3]) == pytest.approx(result["median"], abs=0.051), model
        # the label of the option nearest the model's headline, beside its numbers
        assert " ".join(cells[4].split()) == " ".join(label.split())


def _printed(text: str) -> str:
    """All the output with whitespace removed and each table read column by column, so that
    a cell's text reads whole however the table wrapped or folded it."""
    pieces: list[str] = []
    columns: list[str] = []
    for line in text.splitlines():
        if line.startswith("│"):
            cells = line.strip("│").split("│")
            columns = columns or [""] * len(cells)
            columns = [c + re.sub(r"\s", "", cell) for c, cell in zip(columns, cells, strict=True)]
        else:
            pieces += [*columns, re.sub(r"\s", "", line)]
            columns = []
    return "\n".join([*pieces, *columns])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``small.yaml`` with rich markup and emoji codes in party names and every title."""
    small = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))
    data = renamed(small, {"Alpha": f"Alpha {MARKUP}", "Beta": f"Beta {OTHER}"})
    data["title"] = f"Title {MARKUP}"
    for issue in data["issues"]:
        issue["title"] = f"{issue['title']} {OTHER}"
        for option in issue["options"]:
            option["label"] = f"{option['label']} {MARKUP}"
    data["events"][0]["title"] = f"Truce {MARKUP}"
    data["stakeholders"][0]["name"] = f"Farmers {OTHER}"
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["show", "--as-of", "2025-06-01"],
        ["analyze"],
        ["simulate", "--rounds", "6"],
        ["forecast"],
        ["winsets"],
        ["timeline"],
        ["diff", "--from", "2025-05-01", "--to", "2025-09-01"],
        ["fair-division"],
        ["validate"],
    ],
    ids=lambda c: " ".join(c),
)
def test_markup_in_user_text_prints_literally(command: list[str], hostile: Path) -> None:
    result = invoke([command[0], str(hostile), *command[1:]])
    assert_clean_exit(result, 0, command[0])
    printed = _printed(result.stdout)
    if command[0] not in ("timeline", "validate", "forecast"):
        assert f"Alpha{MARKUP}" in printed, result.stdout
    if command[0] in ("show", "analyze", "simulate", "winsets", "fair-division"):
        assert f"Beta{OTHER}".replace(" ", "") in printed, result.stdout
    if command[0] in ("timeline", "show"):
        assert f"Truce{MARKUP}" in printed, result.stdout
    assert "💯" not in result.stdout and "😄" not in result.stdout  # no emoji substitution


def test_the_hostile_names_reach_the_json_unchanged(hostile: Path) -> None:
    data = json.loads(invoke(["analyze", str(hostile), "--format", "json"]).stdout)
    assert f"Alpha {MARKUP}" in data["parties"] and f"Beta {OTHER}" in data["parties"]
