"""fair-division on points tables: a published Adjusted Winner example worked in raw points,
raw against normalised points, and the command's table and JSON (Brams and Taylor 1996, ch. 4)."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grandbargain import api
from grandbargain.cli import app
from grandbargain.model.errors import InputError

from ..conftest import ROOT

# Brams and Taylor's divorce of Bob and Carol (Fair Division, 1996, ch. 4; also their site
# pages.nyu.edu/adjustedwinner): each spreads 100 points over five assets.
BOB_AND_CAROL = (
    "issue,Carol,Bob\n"
    "retirement-account,50,40\n"
    "home,20,30\n"
    "summer-cottage,15,10\n"
    "investments,10,10\n"
    "other,5,10\n"
)


def test_brams_and_taylor_divorce_example_worked_in_raw_points(tmp_path: Path) -> None:
    # By hand: Carol wins the retirement account (50 > 40) and the cottage (15 > 10); Bob the
    # home (30 > 20) and "other" (10 > 5). Investments tie (10, 10): Bob has fewer points
    # (Carol 65 in table order so far, Bob 30), so Bob: Carol 65, Bob 50.
    # Carol's ratios: account 50/40 = 5/4, cottage 15/10 = 3/2; the account goes first, and
    # whole it would overshoot (Carol 15, Bob 90), so it is split. Carol keeps p with
    #   15 + 50p = 50 + 40(1 - p)  =>  90p = 75  =>  p = 5/6,
    # and each ends with 15 + 50 * 5/6 = 50 + 40/6 = 170/3 (56.67) of her or his own points,
    # as the published example says.
    path = tmp_path / "divorce.csv"
    path.write_text(BOB_AND_CAROL)
    result = api.fair_division(str(path))
    assert result.points == "raw" and result.total == 100
    assert result.split is not None and result.split.issue == "retirement-account"
    assert dict(result.split.fractions) == {"Carol": F(5, 6), "Bob": F(1, 6)}
    assert dict(result.scores) == {"Carol": F(170, 3), "Bob": F(170, 3)}
    assert dict(result.winners) == {
        "retirement-account": "Carol",
        "home": "Bob",
        "summer-cottage": "Carol",
        "investments": "Bob",
        "other": "Bob",
    }
    # The columns already sum to 100, so normalising changes nothing here.
    assert api.fair_division(str(path), points="normalised").scores == result.scores


def test_raw_points_keep_their_own_total(tmp_path: Path) -> None:
    # Both columns sum to 10. i1 -> A (6 > 2), i2 -> B (8 > 4): A 6, B 8. B's only issue,
    # i2, is split: B keeps p with 8p = 6 + 4(1 - p) => 12p = 10 => p = 5/6; each 20/3.
    path = tmp_path / "ten.csv"
    path.write_text("issue,A,B\ni1,6,2\ni2,4,8\n")
    raw = api.fair_division(str(path))
    assert (raw.points, raw.total) == ("raw", 10)
    assert dict(raw.scores) == {"A": F(20, 3), "B": F(20, 3)}
    normalised = api.fair_division(str(path), points="normalised")
    assert (normalised.points, normalised.total) == ("normalised", 100)
    assert dict(normalised.scores) == {"A": F(200, 3), "B": F(200, 3)}
    assert normalised.split == raw.split


def test_unequal_totals_need_normalising_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / "uneven.csv"
    path.write_text("issue,Ann,Bob\ni1,6,2\ni2,4,18\n")
    with pytest.raises(InputError, match="Ann's points sum to 10 and Bob's to 20"):
        api.fair_division(str(path))
    # Normalised: Ann (60, 40), Bob (10, 90). i1 -> Ann, i2 -> Bob: Ann 60, Bob 90. Split
    # i2: Bob keeps p with 90p = 60 + 40(1 - p) => p = 10/13; each 900/13.
    result = api.fair_division(str(path), points="normalised")
    assert result.split is not None
    assert dict(result.split.fractions) == {"Bob": F(10, 13), "Ann": F(3, 13)}
    assert dict(result.scores) == {"Ann": F(900, 13), "Bob": F(900, 13)}


def test_options_that_do_not_apply_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(BOB_AND_CAROL)
    with pytest.raises(InputError, match="always normalised"):
        api.fair_division(None, points="raw")
    with pytest.raises(InputError, match="expected raw or normalised"):
        api.fair_division(str(path), points="percent")
    with pytest.raises(InputError, match="header names the parties Carol,Bob"):
        api.fair_division(str(path), ("Ann", "Bob"))
    assert api.fair_division(str(path), ("Carol", "Bob")).points == "raw"
    scenario = api.fair_division(None)
    assert (scenario.points, scenario.total) == ("normalised", 100)


def _table_rows(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == 4 and cells[1] != "issue":
            rows[cells[1]] = cells[2]
    return rows


@pytest.mark.parametrize("extra", [[], ["--points", "normalised"]])
def test_the_table_shows_what_the_json_says(tmp_path: Path, extra: list[str]) -> None:
    path = tmp_path / "divorce.csv"
    path.write_text(BOB_AND_CAROL)
    runner = CliRunner()
    shown = runner.invoke(app, ["fair-division", str(path), *extra])
    data = json.loads(
        runner.invoke(app, ["fair-division", str(path), *extra, "--format", "json"]).stdout
    )
    assert shown.exit_code == 0, shown.output
    rows = _table_rows(shown.stdout)
    assert list(rows) == list(data["winners"])
    split = data["split"]
    for issue, party in data["winners"].items():
        if issue == split["issue"]:
            assert rows[issue].startswith("split: ")
            for name, fraction in split["fractions"].items():
                value = F(fraction)
                assert f"{name} {fraction} ({float(value):.6g})" in rows[issue]
        else:
            assert rows[issue] == party
    last = shown.stdout.strip().splitlines()[-1]
    scores = ", ".join(f"{p} {s} ({float(F(s)):.6g})" for p, s in data["scores"].items())
    assert last.startswith(f"Equal final scores: {scores} (")
    if data["points"] == "raw":
        assert "points as written; each party's total is 100" in last
    else:
        assert "rescaled to a total of 100" in last


def test_the_command_exits_2_on_unequal_raw_totals(tmp_path: Path) -> None:
    path = tmp_path / "uneven.csv"
    path.write_text("issue,Ann,Bob\ni1,6,2\ni2,4,18\n")
    result = CliRunner().invoke(app, ["fair-division", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"{path}:1:3: Bob: Ann's points sum to 10")
    assert "Traceback" not in result.output


def test_the_how_to_example_is_the_published_one(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "how-to" / "analyze-a-negotiation.md").read_text(encoding="utf-8")
    block = next(b for b in doc.split("```\n") if b.startswith("issue,Carol,Bob"))
    assert block == BOB_AND_CAROL
    assert "5/6 to Carol and 1/6 to Bob" in doc and "170/3 (56.67)" in doc
