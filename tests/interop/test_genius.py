"""GENIUS folders: counts, exact utilities against an independent parser, and bad input."""

from __future__ import annotations

import contextlib
import math
import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grandbargain.interop.genius import is_genius_folder, read_genius_folder
from grandbargain.model.errors import InputError
from grandbargain.model.schema import Scenario

from .conftest import GENIUS_COUNTS, GENIUS_READABLE

ID = r"^[a-z0-9][a-z0-9_.-]*$"


def _direct_tables(folder: Path) -> dict[str, dict[str, tuple[float, dict[str, float]]]]:
    """party -> issue name -> (weight, item value -> evaluation / max), straight from the XML.

    Written independently of the importer: ElementTree, weights looked up by index, items by
    value with later duplicates overwriting earlier ones (GENIUS's hash map), ``pareto.xml``
    and the domain file recognised by having no ``<weight>``.
    """
    tables: dict[str, dict[str, tuple[float, dict[str, float]]]] = {}
    for file in sorted(folder.glob("*.xml")):
        text = file.read_text(encoding="utf-8")
        if not text.lstrip().startswith("<"):
            continue
        root = ET.fromstring(text)
        weights = {w.get("index"): float(w.get("value", "nan")) for w in root.iter("weight")}
        if not weights:
            continue
        party: dict[str, tuple[float, dict[str, float]]] = {}
        for issue in root.iter("issue"):
            raw = {
                item.get("value", ""): float(item.get("evaluation", "nan"))
                for item in issue
                if item.tag == "item"
            }
            top = max(raw.values())
            party[issue.get("name", "")] = (
                weights[issue.get("index")],
                {value: e / top for value, e in raw.items()},
            )
        tables[file.stem] = party
    return tables


def _utility(scenario: Scenario, party: str, package: dict[str, str]) -> float:
    stances = scenario.party(party).stances
    return sum(stances[i].weight * stances[i].values[o] / 100 for i, o in package.items())


@pytest.mark.parametrize("name", list(GENIUS_COUNTS))
def test_counts_match_negmas(genius: Path, name: str) -> None:
    scenario = read_genius_folder(genius / name)
    parties, issues, outcomes = GENIUS_COUNTS[name]
    assert len(scenario.parties) == parties
    assert len(scenario.issues) == issues
    assert math.prod(len(issue.options) for issue in scenario.issues) == outcomes


@pytest.mark.parametrize("name", GENIUS_READABLE)
def test_utilities_equal_the_xml_formula(genius: Path, name: str) -> None:
    scenario = read_genius_folder(genius / name)
    direct = _direct_tables(genius / name)
    assert set(direct) == set(scenario.party_names)
    rng = random.Random(name)
    for _ in range(300):
        options = {issue.id: rng.choice(issue.options) for issue in scenario.issues}
        package = {issue_id: option.id for issue_id, option in options.items()}
        for party, table in direct.items():
            expected = sum(
                table[issue.title][0] * table[issue.title][1][options[issue.id].label]
                for issue in scenario.issues
            )
            assert abs(_utility(scenario, party, package) - expected) <= 1e-12


@pytest.mark.parametrize("name", GENIUS_READABLE)
def test_format_choices(genius: Path, name: str) -> None:
    scenario = read_genius_folder(genius / name)
    assert scenario.weight_mode == "as-written"
    assert (scenario.value_scale.min, scenario.value_scale.max) == (0, 100)
    assert scenario.acceptance.rule == "unanimity"
    assert [b.id for b in scenario.buckets] == ["domain"]
    assert scenario.title == name
    assert all(issue.status_quo is None and issue.bucket == "domain" for issue in scenario.issues)
    xml_stems = {p.stem for p in (genius / name).glob("*.xml")}
    assert set(scenario.party_names) <= xml_stems
    for issue in scenario.issues:
        assert len({o.id for o in issue.options}) == len(issue.options)
        for party in scenario.parties:
            assert max(party.stances[issue.id].values.values()) == pytest.approx(100)


def test_ids_are_slugs_and_names_are_kept(genius: Path) -> None:
    scenario = read_genius_folder(genius / "Laptop")
    assert scenario.id == "laptop"
    monitor = scenario.issue("external-monitor")
    assert monitor.title == "External Monitor"
    assert (monitor.options[0].id, monitor.options[0].label) == ("19-lcd", "19'' LCD")
    assert set(scenario.party_names) == {"laptop_buyer_utility", "laptop_seller_utility"}


def test_weights_are_as_written(genius: Path) -> None:
    scenario = read_genius_folder(genius / "Laptop")
    buyer = scenario.party("laptop_buyer_utility")
    assert buyer.stances["laptop"].weight == 0.4452125771655631
    assert buyer.stances["laptop"].values == {"dell": 40.0, "macintosh": 100 * 20 / 30, "hp": 100}


def test_reservation_and_discount(genius: Path) -> None:
    laptop = read_genius_folder(genius / "Laptop")
    assert all(p.reservation_value == 0 for p in laptop.parties)
    assert "0.42441" in (laptop.description or "")
    nice = read_genius_folder(genius / "NiceOrDie")  # no <reservation>: 0
    assert all(p.reservation_value == 0 for p in nice.parties)
    assert "0 assumed" in (nice.description or "")


def test_reservation_value_is_read(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    _edit(
        folder / "laptop_buyer_utility.xml",
        '<reservation value="0" />',
        '<reservation value="0.35"/>',
    )
    assert read_genius_folder(folder).party("laptop_buyer_utility").reservation_value == 0.35


def test_ampo_duplicate_item_last_occurrence_wins(genius: Path) -> None:
    scenario = read_genius_folder(genius / "AMPOvsCity")
    assert len(scenario.issues) == 10
    salaries = scenario.issue("increase-in-starting-salaries")
    assert [o.label for o in salaries.options] == ["0", "200", "400", "600", "800", "1000"]
    ampo = scenario.party("ampo_vs_city_ampo_space")
    assert ampo.stances[salaries.id].values["0"] == 8.0  # evaluations 0 then 8: 8 of max 100
    # Items are matched by value, not position: AMPO lists Keep before Fire.
    daniels = scenario.issue("commisioner-daniels")
    assert [o.label for o in daniels.options] == ["Fire", "Keep"]
    assert ampo.stances[daniels.id].values == {"fire": 100.0, "keep": 0.0}


def test_nonlinear_domain_is_refused_naming_the_file(genius: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_genius_folder(genius / "10issues")
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"profile-1.xml", "profile-2.xml"}
    assert "nonlinear (hyper-rectangle) utility spaces are not supported" in str(caught.value)
    assert all(p.line > 0 for p in caught.value.problems)


def test_detection(genius: Path, tmp_path: Path) -> None:
    assert all(is_genius_folder(genius / name) for name in GENIUS_READABLE)
    assert is_genius_folder(genius / "10issues")
    assert not is_genius_folder(tmp_path)
    assert not is_genius_folder(tmp_path / "missing")
    assert not is_genius_folder(genius / "SOURCE.md")


# --- bad input ------------------------------------------------------------------------------


def _copy(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    for file in folder.iterdir():
        file.chmod(0o644)
    return folder


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_genius_folder(folder)
    return caught.value


BUYER = "laptop_buyer_utility.xml"


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("</issue>", "</isue>", "malformed XML: mismatched tag"),
        ('<issue index="3"', '<issue index="9"', "not in the domain file"),
        ('name="Harddisk"', 'name="Hard disk"', "the domain file names issue 2 'Harddisk'"),
        ('evaluation="12"', 'evaluation="-12"', "evaluation is negative"),
        ('evaluation="12"', 'evaluation="twelve"', "evaluation 'twelve' is not a number"),
        ('evaluation="12"', 'evaluation="inf"', "evaluation 'inf' is not a finite number"),
        ('evaluation="12"', 'evaluation=""', "evaluation is empty"),
        ('<reservation value="0" />', '<reservation value="1e999" />', "'1e999' is not a finite"),
        (
            "<utility_space>",
            '<?xml version="1.0" encoding="x-nope"?>\n<utility_space>',
            "unknown encoding 'x-nope' in the XML declaration; use UTF-8",
        ),
        ('value="Dell"', 'value="Acer"', "item 'Acer' is not an item of this issue"),
        ('<weight index="1" value="0.4452125771655631">', '<weight index="1" value="-1">', "neg"),
        ('<weight index="2"', '<weight index="7"', "weight for unknown issue 7"),
        ("<utility_space>", '<utility_space type="constraint">', "'constraint' is not supported"),
        ("<utility_space>", '<!DOCTYPE x [<!ENTITY a "b">]>\n<utility_space>', "refused"),
    ],
)
def test_bad_profile_names_the_file(
    genius: Path, tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    _edit(folder / BUYER, old, new)
    error = _error(folder)
    assert fragment in str(error)
    assert all(Path(p.file).name == BUYER and p.line > 0 for p in error.problems), error


def test_a_weight_that_is_not_a_number_is_reported_as_such(genius: Path, tmp_path: Path) -> None:
    # It was reported twice: once as not finite, once as a missing <weight> for the issue.
    folder = _copy(genius / "Laptop", tmp_path)
    _edit(folder / BUYER, 'value="0.4452125771655631"', 'value="abc"')
    line = (folder / BUYER).read_text().splitlines().index('<weight index="1" value="abc">') + 1
    (problem,) = _error(folder).problems
    assert (Path(problem.file).name, problem.line, problem.column) == (BUYER, line, 1)
    assert problem.field == '<weight index="1" value="abc">'
    assert problem.message == "<weight> value 'abc' is not a number"


def test_all_zero_evaluations(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "NiceOrDie", tmp_path)
    for value in ("1000", "160", "299"):
        _edit(folder / "NiceOrDie1.xml", f'evaluation="{value}"', 'evaluation="0"')
    error = _error(folder)
    assert "every evaluation is zero" in str(error)
    assert Path(error.problems[0].file).name == "NiceOrDie1.xml"


def test_missing_evaluation_and_weight(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    _edit(folder / BUYER, 'evaluation="12"', "")
    _edit(folder / BUYER, '<weight index="3" value="0.1767567099260568">', "<ignored>")
    _edit(folder / BUYER, "</weight>\n</objective>", "</ignored>\n</objective>")
    text = str(_error(folder))
    assert "no evaluation for item(s) 'Dell'" in text
    assert "no <weight> for this issue" in text


def test_integer_issues_are_refused(tmp_path: Path) -> None:
    (tmp_path / "domain.xml").write_text(
        '<negotiation_template><utility_space><objective index="0" name="root">'
        '<issue index="1" name="n" etype="integer" lowerbound="0" upperbound="9"/>'
        "</objective></utility_space></negotiation_template>"
    )
    (tmp_path / "a.xml").write_text(
        '<utility_space><objective index="0" name="root"><weight index="1" value="1"/>'
        '<issue index="1" name="n" type="integer"><evaluator ftype="linear"/></issue>'
        "</objective></utility_space>"
    )
    error = _error(tmp_path)
    assert "integer issues are not supported" in str(error)
    assert Path(error.problems[0].file).name == "domain.xml"


def test_folder_problems(genius: Path, tmp_path: Path) -> None:
    assert "no such folder" in str(_error(tmp_path / "missing"))
    assert "no XML files" in str(_error(tmp_path))
    (tmp_path / "notes.xml").write_text("0.5, 0.7\n")  # like pareto.xml: skipped
    assert "no XML file holds a <utility_space>" in str(_error(tmp_path))
    shutil.copy(genius / "Laptop" / "laptop_domain.xml", tmp_path)
    assert "no utility profiles" in str(_error(tmp_path))


def test_domain_only_profiles_without_domain(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    (folder / "laptop_domain.xml").unlink()
    assert "no domain file" in str(_error(folder))


def test_garbage_never_escapes_as_another_error(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    original = (folder / BUYER).read_bytes()
    rng = random.Random(7)
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        (folder / BUYER).write_bytes(bytes(data))
        with contextlib.suppress(InputError):
            read_genius_folder(folder)


def test_problems_of_every_profile_are_reported_together(genius: Path, tmp_path: Path) -> None:
    folder = _copy(genius / "Laptop", tmp_path)
    _edit(folder / BUYER, 'evaluation="12"', 'evaluation="-1"')
    _edit(folder / "laptop_seller_utility.xml", 'evaluation="12"', 'evaluation="-1"')
    files = {Path(p.file).name for p in _error(folder).problems}
    assert files == {BUYER, "laptop_seller_utility.xml"}
