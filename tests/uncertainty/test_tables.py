"""The default table output of montecarlo (with --simulate and --forecast) and sensitivity
(tornado and Sobol) shows the numbers of their JSON output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

import grandbargain as gb
import grandbargain.cli.common as common
import grandbargain.cli.uncertainty as shell
from grandbargain.api import number_name
from grandbargain.cli import app

runner = CliRunner()
US_CHINA = gb.load_scenario("us-china-2025")
TITLES = {issue.id: issue.title for issue in US_CHINA.issues}
LABELS = {(i.id, o.id): o.label for i in US_CHINA.issues for o in i.options}
SPEC = """\
schema_version: 1
numbers:
  - path: parties.United States.stances.rare-earths.weight
    distribution: {kind: triangular, low: 10, mode: 20, high: 30}
  - path: parties.China.stances.sme-controls.values.eased-mature
    distribution: {kind: uniform, low: 40, high: 70}
  - path: parties.United States.stances.purchase-commitments.values.moderate
    distribution: {kind: normal, mean: 60, sd: 10, low: 40, high: 80}
  - path: parties.China.weights
    distribution: {kind: dirichlet, concentration: 50}
"""


def _tables(output: str) -> list[tuple[str, list[list[str]]]]:
    """(text before the table, its title included, words joined by single spaces; rows of
    stripped cells) for every rich table in ``output``."""
    found: list[tuple[str, list[list[str]]]] = []
    text: list[str] = []
    rows: list[list[str]] | None = None
    for line in output.splitlines():
        if line.startswith("┏"):
            rows = []
        elif line.startswith("└") and rows is not None:
            found.append((" ".join(" ".join(text).split()), rows))
            text, rows = [], None
        elif rows is not None and line.startswith("│"):
            rows.append([cell.strip() for cell in line.split("│")[1:-1]])
        elif rows is None:
            text.append(line)
    return found


def _table(tables: list[tuple[str, list[list[str]]]], title: str) -> dict[str, list[str]]:
    (rows,) = [rows for text, rows in tables if title in text]
    return {row[0]: row[1:] for row in rows}


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A console wide enough that no cell folds onto a second line, so rows can be read back;
    at the usual width cells fold (checked in :func:`test_narrow_tables_cut_nothing`)."""

    def make_console(stderr: bool = False) -> Console:
        return Console(width=400, stderr=stderr, markup=False, emoji=False, highlight=False)

    monkeypatch.setattr(shell, "make_console", make_console)  # the warnings
    monkeypatch.setattr(common, "make_console", make_console)  # the tables (common.emit)


def _run(*args: str) -> tuple[dict[str, Any], str, str]:
    """JSON data, table output and table warnings of one command."""
    data = runner.invoke(app, [*args, "--format", "json"])
    table = runner.invoke(app, list(args))
    assert data.exit_code == 0 and table.exit_code == 0, data.output + table.output
    return json.loads(data.stdout), table.stdout, table.stderr


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> str:
    file = tmp_path_factory.mktemp("tables") / "spec.yaml"
    file.write_text(SPEC)
    return str(file)


def _quantiles(stats: dict[str, Any], digits: int) -> list[str]:
    return [f"{stats[k]:.{digits}f}" for k in ("q05", "q50", "q95")]


def test_montecarlo_tables_with_simulation_and_forecast(spec: str) -> None:
    args = ["montecarlo", "--spec", spec, "--spec-only", "--draws", "8", "--seed", "4"]
    data, output, _ = _run(*args, "--simulate", "boulware,conceder", "--forecast", "compromise")
    tables = _tables(output)
    assert f"a feasible package exists in {100 * data['feasible_probability']:.1f}%" in output
    options = _table(tables, "Most likely option per issue")
    assert set(options) == {TITLES[i] for i in data["option_probabilities"]["nash"]}
    for issue in data["option_probabilities"]["nash"]:
        cells = options[TITLES[issue]]
        for concept, cell in zip(data["option_probabilities"], cells, strict=True):
            shares = data["option_probabilities"][concept][issue]
            best = max(shares.values())
            by_label = {LABELS[(issue, o)]: share for o, share in shares.items()}
            assert cell.endswith(f"({best:.2f})") and by_label[cell.rsplit(" (", 1)[0]] == best
    nash = _table(tables, "Utility under Nash")
    assert nash == {p: _quantiles(q, 3) for p, q in data["utilities"]["nash"].items() if q["n"]}
    (rolls,) = [rows for text, rows in tables if "Logrolls that hold in most draws" in text]
    expected = []
    for key, share in list(data["logrolls"].items())[:10]:  # one line per move
        for k, move in enumerate(key.split("+")):
            issue, option = move.split("=")
            line = f"{TITLES[issue]}: {LABELS[(issue, option)]}"
            expected.append([line, f"{share:.2f}" if k == 0 else ""])
    assert rolls == expected
    sim = data["simulation"]
    title = f"Simulated talks: agreement in {100 * sim['agreement_probability']:.1f}% of draws"
    simulated = _table(tables, title)
    assert simulated == {p: _quantiles(q, 3) for p, q in sim["utilities"].items() if q["n"]}
    forecast = _table(tables, "Forecast (compromise): 5%, median, 95% position")
    issues = data["forecast"]["issues"]
    assert forecast == {TITLES[issue]: _quantiles(q, 1) for issue, q in issues.items()}
    assert len(forecast) > 3 and len(simulated) == 2 and len(nash) == 2


def test_tornado_table(spec: str) -> None:
    data, output, warnings = _run("sensitivity", "--spec", spec, "--spec-only")
    rows = _tables(output)[0][1]
    parties = ["United States", "China"]
    expected = [
        [
            number_name(US_CHINA, row["path"]),  # what the number is, from its path
            f"{row['low']:g}..{row['high']:g}",
            *("-" if row["swing"][p] is None else f"{row['swing'][p]:+.4f}" for p in parties),
        ]
        for row in data["rows"]
    ]
    assert rows == expected and len(rows) == 3
    assert any(cell not in ("-", "+0.0000") for row in rows for cell in row[2:])
    (note,) = data["notes"]
    assert note.startswith("left out: parties.China.weights")
    assert warnings == f"warning: {note}\n"


def test_sobol_tables(spec: str) -> None:
    data, output, _ = _run("sensitivity", "--spec", spec, "--spec-only", "--sobol", "4")
    tables = _tables(output)
    nash = [item for item in data["outputs"] if item["output"].startswith("nash:")]
    assert len(tables) == len(nash) == 2
    for item in nash:
        rows = _table(tables, f"Total and first-order indices of {item['output']}")
        assert rows == {
            name: [
                f"{item['total'][name]:.3f} +- {item['total_conf'][name]:.3f}",
                f"{item['first'][name]:.3f} +- {item['first_conf'][name]:.3f}",
            ]
            for name in data["inputs"]
        }
    for note in data["notes"]:
        assert f"note: {note}" in output
    assert f"{data['model_runs']} model runs" in output


def test_narrow_tables_cut_nothing(spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the usual 120 columns
    args = ["montecarlo", "--spec", spec, "--spec-only", "--draws", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120
    # the issue column, read down, spells every issue title in full and in order (a title
    # wraps at its spaces)
    (_, rows), *_ = _tables(result.stdout)
    issues = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    expected = "".join(TITLES[i] for i in issues["option_probabilities"]["nash"])
    assert "".join(row[0] for row in rows).replace(" ", "") == expected.replace(" ", "")
    assert len(rows) > len(issues["option_probabilities"]["nash"])  # some cells folded


def test_tables_parse() -> None:
    """The parser itself: two tables with wrapped titles and the text before them."""
    output = (
        "summary line\n  A long\n  title\n┏━┓\n┃ h ┃\n┡━┩\n│ a │ 1 │\n└─┘\n"
        "Second\n┏━┓\n│ b │ 2 │\n└─┘\n"
    )
    assert _tables(output) == [
        ("summary line A long title", [["a", "1"]]),
        ("Second", [["b", "2"]]),
    ]
