"""Folder dispatch, the YAML writer's round trip, and the id helpers."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from grandbargain.interop import read_folder, scenario_to_yaml
from grandbargain.interop._common import UniqueIds, slugify
from grandbargain.model.errors import InputError
from grandbargain.model.loading import load_scenario, load_scenario_text
from grandbargain.space import build_space, package_utilities

from .conftest import GAMES, GENIUS_READABLE

ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _folders(genius: Path, games: Path) -> list[Path]:
    return [genius / name for name in GENIUS_READABLE] + [games / game for game in GAMES]


def test_every_folder_reads_and_round_trips_through_yaml(genius: Path, games: Path) -> None:
    for folder in _folders(genius, games):
        scenario = read_folder(folder)
        text = scenario_to_yaml(scenario)
        assert load_scenario_text(text, f"{folder.name}.yaml") == scenario, folder
        ids = [scenario.id] + [i.id for i in scenario.issues]
        ids += [o.id for i in scenario.issues for o in i.options]
        assert all(ID.match(x) and len(x) <= 80 for x in ids), folder


def test_round_trip_of_a_shipped_scenario() -> None:
    scenario = load_scenario()
    assert load_scenario_text(scenario_to_yaml(scenario)) == scenario


def test_dispatch_picks_the_format(genius: Path, games: Path) -> None:
    assert read_folder(genius / "Laptop").weight_mode == "as-written"
    assert read_folder(games / "base").acceptance.rule == "quota"
    with pytest.raises(InputError, match="nonlinear"):
        read_folder(genius / "10issues")


def test_other_folders_are_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError) as caught:
        read_folder(tmp_path)
    assert "folder is neither a GENIUS domain nor an LLM-Deliberation game: expected" in str(
        caught.value
    )
    with pytest.raises(InputError, match="no such folder"):
        read_folder(tmp_path / "missing")
    with pytest.raises(InputError, match="expected a folder"):
        read_folder(tmp_path / "notes.txt")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("External Monitor", "external-monitor"),
        ("19'' LCD", "19-lcd"),
        ("Café  Crème", "cafe-creme"),
        ("--Lead", "lead"),
        ("under_score.dot", "under_score.dot"),
        ("€€€", "x"),
        ("a" * 200, "a" * 70),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_unique_ids_number_clashes() -> None:
    ids = UniqueIds()
    assert [ids.add(n) for n in ("Yes", "yes", "YES!", "")] == ["yes", "yes-2", "yes-3", "x"]


def test_the_analysis_engine_reads_imports_as_intended(genius: Path, games: Path) -> None:
    """build_space turns imported tables into GENIUS utilities and benchmark points."""
    laptop = read_folder(genius / "Laptop")
    space = build_space(laptop)
    packages = np.array(list(itertools.product(*(range(len(i.options)) for i in laptop.issues))))
    utilities = package_utilities(space, packages)
    buyer = laptop.party_names.index("laptop_buyer_utility")
    # Dell, 60 Gb, 19'' LCD for the buyer: 0.445*12/30 + 0.378*30/30 + 0.177*30/30
    expected = 0.4452125771655631 * 12 / 30 + 0.37808251708013424 + 0.1767567099260568
    assert abs(utilities[0, buyer] - expected) <= 1e-12
    base = read_folder(games / "base")
    space = build_space(base)
    assert list(space.reservation) == [p.reservation_value for p in base.parties]
    deal = np.array([[0, 0, 3, 0, 4]])  # A1,B1,C4,D1,E5, p1's opening deal
    points = [14 + 12 + 0 + 40 + 10, 0 + 0 + 0 + 0 + 0, 15 + 0 + 0 + 30 + 0]  # mayor, others, union
    assert list(package_utilities(space, deal)[0][:3]) == pytest.approx(points, abs=1e-9)
