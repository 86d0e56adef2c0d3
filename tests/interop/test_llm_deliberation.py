"""LLM-Deliberation games: shapes, points as utilities, the benchmark's acceptance rule."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from grandbargain.interop.llm_deliberation import (
    is_llm_deliberation_folder,
    read_initial_deal,
    read_llm_deliberation_folder,
)
from grandbargain.model.errors import InputError
from grandbargain.model.schema import Scenario

from .conftest import GAMES

SIZES = {  # game: (parties, issues)
    "base": (6, 5),
    "base_7players": (7, 6),
    "base_rewritten": (6, 5),
    "game1": (6, 5),
    "game2": (6, 5),
    "game3": (6, 5),
}


def _config(folder: Path) -> list[list[str]]:
    lines = (folder / "config.txt").read_text(encoding="utf-8").splitlines()
    return [[part.strip() for part in line.split(",")] for line in lines if line.strip()]


def _scores(folder: Path, file: str) -> tuple[list[list[int]], int]:
    text = (folder / "scores_files" / f"{file}.txt").read_text(encoding="utf-8")
    rows = [[int(x) for x in line.split(",")] for line in text.splitlines() if line.strip()]
    return rows[:-1], rows[-1][0]


def _utility(scenario: Scenario, party: str, package: dict[str, str]) -> float:
    low, high = scenario.value_scale.min, scenario.value_scale.max
    stances = scenario.party(party).stances
    return sum(
        stances[i].weight * (stances[i].values[o] - low) / (high - low) for i, o in package.items()
    )


def _packages(scenario: Scenario) -> list[dict[str, str]]:
    ids = [[o.id for o in issue.options] for issue in scenario.issues]
    keys = [issue.id for issue in scenario.issues]
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*ids)]


@pytest.mark.parametrize("game", GAMES)
def test_shape_and_rule(games: Path, game: str) -> None:
    folder = games / game
    scenario = read_llm_deliberation_folder(folder)
    config = _config(folder)
    assert (len(scenario.parties), len(scenario.issues)) == SIZES[game]
    assert list(scenario.party_names) == [row[0] for row in config]
    roles = {row[2]: row[0] for row in config}
    assert scenario.acceptance.rule == "quota"
    assert scenario.acceptance.quota == len(config) - 1
    assert list(scenario.acceptance.veto) == [roles["p1"], roles["p2"]]
    assert scenario.weight_mode == "as-written"
    assert scenario.value_scale.min == 0  # no shipped game has a negative score
    assert all(issue.status_quo is None for issue in scenario.issues)
    assert [issue.id for issue in scenario.issues] == list("abcdef"[: len(scenario.issues)])
    for name, file, *_ in config:
        table, threshold = _scores(folder, file)
        assert [len(issue.options) for issue in scenario.issues] == [len(r) for r in table]
        assert sum(max(row) for row in table) == 100  # per SOURCE.md
        assert scenario.party(name).reservation_value == threshold
    assert any("adversarial" in item.lower() for item in scenario.out_of_scope)
    assert any("bonus" in item.lower() for item in scenario.out_of_scope)


@pytest.mark.parametrize("game", GAMES)
def test_utility_is_points_and_deals_pass(games: Path, game: str) -> None:
    folder = games / game
    scenario = read_llm_deliberation_folder(folder)
    tables = {name: _scores(folder, file) for name, file, *_ in _config(folder)}
    vetoes = set(scenario.acceptance.veto)
    passing = 0
    for package in _packages(scenario):
        picks = [int(option[1:]) - 1 for option in package.values()]
        accepting = set()
        for name, (table, threshold) in tables.items():
            points = sum(row[pick] for row, pick in zip(table, picks, strict=True))
            assert abs(_utility(scenario, name, package) - points) <= 1e-9
            if points >= threshold:
                accepting.add(name)
        passing += len(accepting) >= len(tables) - 1 and vetoes <= accepting
    assert passing > 0


@pytest.mark.parametrize("game", GAMES)
def test_initial_deal_is_a_valid_package(games: Path, game: str) -> None:
    scenario = read_llm_deliberation_folder(games / game)
    deal = read_initial_deal(games / game)
    assert deal is not None
    text = (games / game / "initial_deal.txt").read_text().strip()
    assert ",".join(deal.values()).upper() == text
    assert list(deal) == [issue.id for issue in scenario.issues]
    for issue in scenario.issues:
        assert deal[issue.id] in {o.id for o in issue.options}
    assert text in (scenario.description or "")


def test_titles_and_labels_from_the_instructions(games: Path) -> None:
    scenario = read_llm_deliberation_folder(games / "base")
    assert scenario.issue("a").title == "Infrastructure Mix"
    assert [o.label for o in scenario.issue("a").options] == [
        "water-based",
        "water/land-based",
        "land-based",
    ]
    assert scenario.issue("d").options[0].label == "$3 billion"
    rewritten = read_llm_deliberation_folder(games / "base_rewritten")
    assert rewritten.issue("d").title == 'Compensation to "neighbouring cities"'
    game3 = read_llm_deliberation_folder(games / "game3")  # headings miscount the options
    assert [len(i.options) for i in game3.issues] == [4, 3, 4, 5, 3]
    assert game3.issue("b").options[0].label == "High impact"


# --- variants and bad input -----------------------------------------------------------------


def _copy(games: Path, tmp_path: Path, game: str = "base") -> Path:
    folder = tmp_path / game
    shutil.copytree(games / game, folder)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def test_without_instructions_codes_are_used(games: Path, tmp_path: Path) -> None:
    folder = _copy(games, tmp_path)
    (folder / "global_instructions.txt").unlink()
    scenario = read_llm_deliberation_folder(folder)
    assert scenario.issue("a").title == "Issue A"
    assert [o.label for o in scenario.issue("c").options] == ["C1", "C2", "C3", "C4"]
    assert "codes" in (scenario.description or "")


def test_negative_scores_shift_utility_and_reservation(games: Path, tmp_path: Path) -> None:
    folder = _copy(games, tmp_path)
    (folder / "scores_files" / "mayor.txt").write_text(
        "14, 8, -6\n12, 8, 0\n24, 18, 12, 0\n40, 30, 23, 0\n0, 2, 4, 7, 10\n30"
    )
    scenario = read_llm_deliberation_folder(folder)
    assert scenario.value_scale.min == -6
    tables = {name: _scores(folder, file) for name, file, *_ in _config(folder)}
    shift = 6 * len(scenario.issues)
    for name, (_, threshold) in tables.items():
        assert scenario.party(name).reservation_value == threshold + shift
    for package in _packages(scenario)[::7]:
        picks = [int(option[1:]) - 1 for option in package.values()]
        for name, (table, threshold) in tables.items():
            points = sum(row[pick] for row, pick in zip(table, picks, strict=True))
            utility = _utility(scenario, name, package)
            assert abs(utility - (points + shift)) <= 1e-9
            reservation = scenario.party(name).reservation_value or 0.0
            assert (utility >= reservation - 1e-9) == (points >= threshold)


@pytest.mark.parametrize(
    ("file", "text", "fragment"),
    [
        ("config.txt", "Mayor,mayor,boss,cooperative,x\n", "unknown role 'boss'"),
        ("config.txt", "Mayor,mayor,p1,x,y\nDoT,DoT,player,x,y\n", "role p2, found 0"),
        ("config.txt", "Mayor,../mayor,p1\nDoT,DoT,p2\n", "not a plain name"),
        ("config.txt", "Mayor,ghost,p1\nDoT,DoT,p2\n", "no scores file ghost.txt"),
        ("scores_files/mayor.txt", "14, 8, x\n30", "expected comma-separated numbers"),
        ("scores_files/mayor.txt", "14, 8, 0\n30, 2", "the last line must be one number"),
        ("scores_files/mayor.txt", "14, 8, 0\n1, 2\n30", "the other parties' files have"),
        ("initial_deal.txt", "A1,B1,C9,D1,E5", "issue C has 4 options"),
        ("initial_deal.txt", "A1,B1", "names 2 of the 5 issues"),
        ("initial_deal.txt", "A1,Z1,C1,D1,E1", "'Z1' is not an option code"),
    ],
)
def test_bad_files_are_named(
    games: Path, tmp_path: Path, file: str, text: str, fragment: str
) -> None:
    folder = _copy(games, tmp_path)
    (folder / file).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_llm_deliberation_folder(folder)
    assert fragment in str(caught.value)
    named = {Path(p.file).name for p in caught.value.problems}
    assert named <= {Path(file).name, "config.txt"}, caught.value


def test_detection_and_missing_folder(games: Path, tmp_path: Path) -> None:
    assert all(is_llm_deliberation_folder(games / game) for game in GAMES)
    assert not is_llm_deliberation_folder(games)
    with pytest.raises(InputError, match="no such folder"):
        read_llm_deliberation_folder(tmp_path / "missing")
    with pytest.raises(InputError, match=r"expected config\.txt and scores_files"):
        read_llm_deliberation_folder(tmp_path)
