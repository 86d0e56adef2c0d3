"""Tables a person reads: labels rather than ids, wrapping at 80 columns with every number on
its own label's row, the simulation's agreed package, one spelling of each solution concept,
and progress bars on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import grandbargain as gb
from grandbargain.api import number_name
from grandbargain.cli import app

from ..conftest import ROOT

SCENARIO = gb.load_scenario("us-china-2025")
TITLES = {issue.id: issue.title for issue in SCENARIO.issues}
LABELS = {(i.id, o.id): o.label for i in SCENARIO.issues for o in i.options}


def run(args: list[str], columns: int = 80) -> Result:
    result = CliRunner().invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result


def _table(text: str, title: str) -> list[str]:
    """The lines of the table whose title starts with ``title`` (title lines excluded)."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.strip().startswith(title))
    body = []
    for line in lines[start:]:
        if body and line.startswith("└"):
            break
        if line.startswith(("┏", "┃", "┡", "│", "├")):
            body.append(line)
    return body


def _rows(body: list[str]) -> list[list[str]]:
    """Rows of a rendered table whose first data cells are numbers: a line with any number
    starts a row; lines without numbers continue the cells of the row above."""
    rows: list[list[str]] = []
    for line in body:
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if any(re.fullmatch(r"[+-]\d+\.\d+", c) for c in cells[2:]):
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_tables_fit_80_columns_and_cut_no_word() -> None:
    for args in (
        ["analyze"],
        ["simulate", "--rounds", "6"],
        ["diff", "--from", "2025-06-08", "--to", "2025-07-20"],
    ):
        text = run(args).stdout
        assert max(len(line) for line in text.splitlines()) <= 80, args
        assert "…" not in text, args


def test_wrapped_trade_labels_keep_their_numbers_on_their_row() -> None:
    data = json.loads(run(["analyze", "--format", "json"]).stdout)
    text = run(["analyze"]).stdout
    rows = _rows(_table(text, "Logrolls: best"))
    expected = []
    for number, roll in enumerate(data["logrolls"][:10], start=1):
        for k, (issue, option) in enumerate(roll["moves"].items()):
            gains = roll["issue_gains"][issue]
            expected.append(
                [
                    str(number) if k == 0 else "",
                    f"{TITLES[issue]}: {LABELS[(issue, option)]}",
                    *(f"{gains[p]:+.3f}" for p in data["parties"]),
                    *(f"{roll['gains'][p]:+.3f}" if k == 0 else "" for p in data["parties"]),
                ]
            )
    assert len(rows) == len(expected)
    # at 80 columns the labels wrap: the proof that wrapping happened, and still lines up
    assert any(len(line) == 80 for line in text.splitlines())
    assert rows == expected


def test_the_solutions_table_names_issues_and_options_by_their_labels() -> None:
    data = json.loads(run(["analyze", "--format", "json"]).stdout)
    text = run(["analyze"], columns=400).stdout  # wide enough for no cell to wrap
    for issue, option in data["solutions"]["nash"]["package"].items():
        line = next(line for line in text.splitlines() if line.startswith(f"│ {TITLES[issue]} "))
        assert LABELS[(issue, option)] in line
    header = next(line for line in text.splitlines() if "Kalai-Smorodinsky" in line)
    assert [c.strip() for c in header.strip("┃").split("┃")][2:] == [
        "Nash",
        "Kalai-Smorodinsky",
        "utilitarian",
        "egalitarian",
    ]


def test_simulate_prints_the_agreed_package_in_labels() -> None:
    args = ["simulate", "--rounds", "12", "--seed", "3"]
    data = json.loads(run([*args, "--format", "json"]).stdout)
    text = run(args, columns=200).stdout
    outcome = data["outcome"]
    assert outcome["agreement"]  # the premise
    assert f"Agreement after {outcome['rounds_used']} rounds." in text
    body = _table(text, "Agreement after")
    shown = {}
    for line in body:
        cells = [c.strip() for c in line.strip("│").split("│")]
        if line.startswith("│"):
            shown[cells[0]] = (cells[1], cells[2])
    assert shown == {TITLES[i]: (LABELS[(i, o)], "agreed") for i, o in outcome["package"].items()}


def test_one_spelling_of_each_solution_concept_in_tables() -> None:
    outputs = [
        run(["analyze"], columns=200).stdout,
        run(["montecarlo", "--draws", "8"], columns=200).stdout,
        run(["diff", "--from", "2025-06-08", "--to", "2025-07-20"], columns=200).stdout,
        run(["outlook", "--draws", "0"], columns=200).stdout,
        run(["brief", "--draws", "0"], columns=200).stdout,
    ]
    for text in outputs:
        assert "Kalai-Smorodinsky" in text
        # the strategy nash-seeker is another name, not the concept
        assert not re.search(r"kalai[_-]smorodinsky|\bKS\b|\bnash\b(?!-seeker)", text)


def _on_a_terminal(args: list[str], timeout: float = 600) -> tuple[str, str]:
    """Run the CLI with stderr on a pseudo-terminal: (stdout, what the terminal showed).
    stdout goes to a file, so a long JSON document never blocks the command."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100", "TERM": "xterm"}
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "grandbargain", *args],
            stdout=stdout,
            stderr=follower,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        os.close(follower)
        seen = bytearray()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # every writer has closed the terminal: the command is done
                break
            if not chunk:
                break
            seen += chunk
        os.close(leader)
        assert process.wait(timeout=60) == 0
        stdout.seek(0)
        return stdout.read().decode(), seen.decode(errors="replace")


TOURNAMENT = ["tournament", "--strategies", "boulware,conceder", "--repeats", "1", "--rounds", "5"]


@pytest.mark.parametrize(
    ("args", "label"),
    [(["sensitivity"], "tornado analyses"), (TOURNAMENT, "tournament")],
    ids=["sensitivity", "tournament"],
)
def test_progress_bars_show_on_a_terminal_and_not_with_json(args: list[str], label: str) -> None:
    stdout, terminal = _on_a_terminal(args)
    assert label in terminal and "━" in terminal  # the bar, on stderr
    assert label not in stdout  # the table stays clean
    stdout, terminal = _on_a_terminal([*args, "--format", "json"])
    assert terminal == ""
    data: Any = json.loads(stdout)
    assert data["schema_version"] == 1


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "grandbargain", "sensitivity"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    assert result.stderr == "" and "Tornado" in result.stdout


def test_the_winsets_table_shows_titles_and_labels_not_ids() -> None:
    """Every issue title and every option label of the win-set JSON appears in the table;
    the JSON keeps the ids."""
    import json

    from typer.testing import CliRunner

    import grandbargain as gb
    from grandbargain.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "3000"}  # wide enough that no cell wraps
    data = json.loads(runner.invoke(app, ["winsets", "--format", "json"], env=env).stdout)
    table = " ".join(runner.invoke(app, ["winsets"], env=env).stdout.split())
    scenario = gb.load_scenario("us-china-2025")
    titles = {i.id: i.title for i in scenario.issues}
    labels = {(i.id, o.id): o.label for i in scenario.issues for o in i.options}
    for item in data["winsets"]:
        assert " ".join(titles[item["issue"]].split()) in table
        for option in item["inside"]:
            assert " ".join(labels[(item["issue"], option)].split()) in table


def _model_rows(body: list[str]) -> list[list[str]]:
    """Rows of the forecast table: a line with a model name starts a row; lines without
    one continue the wrapped cells of the row above (the issue's title, the label)."""
    rows: list[list[str]] = []
    for line in body:
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[1]:
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_the_forecast_table_shows_titles_and_labels_with_numbers_on_their_row() -> None:
    """At 80 columns titles and labels wrap, nothing is cut, and every model's numbers sit
    on its own row beside the label of its nearest option; the JSON keeps the ids."""
    data = json.loads(run(["forecast", "--format", "json"]).stdout)
    text = run(["forecast"]).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    rows = _model_rows(_table(text, "Forecasts on each issue"))
    expected = []
    for item in data["issues"]:
        for k, (model, result) in enumerate(item["models"].items()):
            expected.append(
                [
                    f"{TITLES[item['id']]} ({len(item['actors'])} actors)" if k == 0 else "",
                    model,
                    f"{result['mean']:.1f}",
                    f"{result['median']:.1f}",
                    LABELS[(item["id"], result["nearest_option"])],
                ]
            )
    # a title that wraps continues on the lines of the issue's later rows
    joined: list[list[str]] = []
    titled: list[str] | None = None  # the row holding the title being read
    for row in rows:
        if row[0] and titled is not None and not titled[0].endswith("actors)"):
            titled[0] = f"{titled[0]} {row[0]}"
            row = ["", *row[1:]]
        elif row[0]:
            titled = row
        joined.append(row)
    assert [[" ".join(c.split()) for c in row] for row in joined] == [
        [" ".join(c.split()) for c in row] for row in expected
    ]
    assert data["issues"][0]["id"] == SCENARIO.issues[0].id  # JSON: ids


def test_forecast_of_an_actor_file_shows_its_own_names(tmp_path: Path) -> None:
    """Without a scenario there are no labels: the table shows the file's issue and the
    nearest option as the file gives them (no scenario is loaded)."""
    path = tmp_path / "actors.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,20,0.5\nB,3,80,0.9\n")
    data = json.loads(run(["forecast", str(path), "--format", "json"]).stdout)
    text = run(["forecast", str(path)], columns=200).stdout
    rows = _model_rows(_table(text, "Forecasts on each issue"))
    assert [row[2] for row in rows] == [
        f"{r['mean']:.1f}" for item in data["issues"] for r in item["models"].values()
    ]
    for item in data["issues"]:
        name = item.get("title") or item["id"]
        assert rows[0][0] == f"{name} ({len(item['actors'])} actors)"


def test_the_tornado_names_each_number_and_keeps_its_swings_on_its_row() -> None:
    """At 80 columns every row of the tornado says what the number is (a party's weight of
    an issue by its title, an option's value by its label, a stakeholder by name), wraps
    without cutting, and holds the JSON's range and swings; the JSON keeps the paths."""
    data = json.loads(run(["sensitivity", "--format", "json"]).stdout)
    text = run(["sensitivity"]).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    rows: list[list[str]] = []
    for line in _table(text, "Tornado"):
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[1]:
            rows.append(cells)
        else:
            rows[-1][0] = f"{rows[-1][0]} {cells[0]}"
    parties = list(SCENARIO.party_names)
    expected = [
        [
            number_name(SCENARIO, row["path"]),
            f"{row['low']:g}..{row['high']:g}",
            *("-" if row["swing"][p] is None else f"{row['swing'][p]:+.4f}" for p in parties),
        ]
        for row in data["rows"]
    ]
    assert rows == expected
    # the names are names: no path of the JSON is shown as it is, and every kind is read
    shown = {row[0] for row in rows}
    assert not shown & {row["path"] for row in data["rows"]}
    weight = next(r for r in data["rows"] if r["path"].endswith(".weight"))
    party, _, rest = weight["path"].removeprefix("parties.").partition(".stances.")
    issue = rest.removesuffix(".weight")
    assert f"{party}: weight of {TITLES[issue]}" in shown
    actor = next(r for r in data["rows"] if r["path"].startswith("stakeholders."))
    stakeholder = actor["path"].split(".")[1]
    assert any(
        row[0].startswith(s.name + ":")
        for row in rows
        for s in SCENARIO.stakeholders
        if s.id == stakeholder
    )
