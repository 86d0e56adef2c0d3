"""Forecast input readers: actor CSV, KTAB CSV and Decide CSV on the shared data, detection,
and tolerant reading (bad input: test_forecast_files_errors.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grandbargain.forecast.data import ForecastInput, weighted_mean, weighted_median
from grandbargain.interop.forecast_files import (
    detect_format,
    read_actor_csv,
    read_decide_csv,
    read_forecast_file,
    read_ktab_csv,
)
from grandbargain.model.errors import InputError, Problem

from ..conftest import ROOT

BDM_INPUTS = (
    "emission_standards_bdm1994.csv",
    "iran_election_2013.csv",
    "sultan_bdm1997.csv",
    "ww1_bdm.csv",
    "ww1_extended.csv",
)
KTAB_SHAPES = {  # file: (actors, dimensions), as line 1 of each file declares
    "SOE-Competitive.csv": (34, 1),
    "SOE-Pol-Comp.csv": (13, 2),
    "SOE-Policy.csv": (26, 1),
    "dummyData_3Dim.csv": (7, 3),
}
COP21_ISSUES = [
    "differentiation",
    "mrv",
    "legal",
    "adapt_legal",
    "adapt_inst",
    "finance_vol",
    "finance_who",
    "adapt_finance",
    "ld",
    "progress",
    "amb2050",
    "amb2100",
    "eaa",
]


@pytest.fixture
def data(shared: Path) -> Path:
    """The forecasting data in the shared folder."""
    return shared / "data" / "forecasting"


def _write(tmp_path: Path, text: str, name: str = "input.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, reader: object = read_forecast_file) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        reader(path)  # type: ignore[operator]
    for problem in caught.value.problems:
        assert problem.file == str(path)
    return caught.value.problems


def _only(path: Path, reader: object = read_forecast_file) -> Problem:
    (problem,) = _problems(path, reader)
    return problem


def _actors(found: ForecastInput) -> set[str]:
    return {actor.name for issue in found.issues for actor in issue.actors}


# --- shared data: actor CSV ---------------------------------------------------------------


@pytest.mark.parametrize("name", BDM_INPUTS)
def test_every_bdm_example_reads(data: Path, name: str) -> None:
    path = data / "bdm_examples" / name
    rows = [line for line in path.read_text().splitlines() if line.strip()][1:]
    found = read_actor_csv(path)
    (issue,) = found.issues
    assert len(issue.actors) == len(rows)
    assert [a.name for a in issue.actors] == [row.split(",")[0] for row in rows]
    assert found.salience_scale == "0-1"


def test_emission_standards_known_values(data: Path) -> None:
    found = read_actor_csv(data / "bdm_examples" / "emission_standards_bdm1994.csv")
    (issue,) = found.issues
    actors = {a.name: a for a in issue.actors}
    assert len(actors) == 10
    assert (actors["Netherlands"].capability, actors["Netherlands"].position) == (0.08, 4.0)
    assert actors["Netherlands"].salience == 0.8
    assert (actors["UK"].capability, actors["UK"].position, actors["UK"].salience) == (
        0.16,
        10.0,
        0.9,
    )
    assert actors["Denmark"].salience == 1.0
    assert issue.scale == (4.0, 10.0)
    assert found.salience_note.startswith("detected")
    # SOURCE.md: initial capability x salience weighted mean 7.39, weighted median 7.0
    positions = tuple(a.position for a in issue.actors)
    weights = tuple(a.capability * a.salience for a in issue.actors)
    assert weighted_mean(positions, weights) == pytest.approx(7.39, abs=0.005)
    assert weighted_median(positions, weights) == 7.0


def test_bdm_zero_to_one_positions_are_stated(data: Path) -> None:
    found = read_actor_csv(data / "bdm_examples" / "ww1_bdm.csv")
    assert found.issues[0].scale == (0.0, 1.0)
    assert "Positions detected as 0-1" in found.salience_note
    assert found.issues[0].actors[1].capability == 158  # capability has no fixed scale


def test_the_trace_table_is_not_an_input(data: Path) -> None:
    path = data / "bdm_examples" / "emission_standards_trace.csv"
    assert "unknown forecast input format" in _only(path, detect_format).message


# --- shared data: KTAB --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(KTAB_SHAPES))
def test_every_ktab_csv_reads(data: Path, name: str) -> None:
    found = read_ktab_csv(data / "ktab" / name)
    actors, dimensions = KTAB_SHAPES[name]
    assert len(found.issues) == dimensions
    assert all(len(issue.actors) == actors for issue in found.issues)
    assert all(issue.scale == (0.0, 100.0) for issue in found.issues)
    assert found.salience_scale == "0-100"
    assert found.salience_note.startswith("declared")


def _log_inputs(log: Path) -> tuple[list[str], dict[str, tuple[float, list[float], list[float]]]]:
    """Dimension names and each actor's (power, positions, saliences) echoed by a KTAB log."""
    text = log.read_text(encoding="utf-8")
    dims = re.findall(r"^Dimension \d+ : (.*?) *$", text, re.M)
    names = dict(re.findall(r"^Actor: (\d+) name: (.*?) *$", text, re.M))
    actors: dict[str, tuple[float, list[float], list[float]]] = {}
    for index, name in names.items():
        power = float(re.search(rf"^Actor: {index} power: +([\d.]+)", text, re.M).group(1))  # type: ignore[union-attr]
        pos = [float(v) for v in re.findall(rf"^pos\[{index}, \d+\] = +([\d.]+)", text, re.M)]
        sal = [float(v) for v in re.findall(rf"^sal\[{index}, \d+\] = +([\d.]+)", text, re.M)]
        actors[name] = (power, pos, sal)
    return dims, actors


@pytest.mark.parametrize(
    ("csv", "log"),
    [
        ("SOE-Pol-Comp.csv", "20170530_ref-SOE-Pol-Comp.txt"),
        ("dummyData_3Dim.csv", "20170530_ref-dummyData_3Dim.txt"),
    ],
)
def test_ktab_inputs_match_the_reference_log(data: Path, csv: str, log: str) -> None:
    found = read_ktab_csv(data / "ktab" / csv)
    dims, logged = _log_inputs(data / "ktab" / log)
    assert [issue.title for issue in found.issues] == dims
    assert len(logged) == len(found.issues[0].actors)
    for d, issue in enumerate(found.issues):
        for actor in issue.actors:
            power, positions, saliences = logged[actor.name]
            assert actor.capability == pytest.approx(power, abs=0.05)  # printed %5.1f
            assert actor.position == pytest.approx(positions[d], abs=5e-4)
            assert actor.salience * 100 == pytest.approx(saliences[d], abs=5e-4)


def test_ktab_xi_jinping_against_the_log(data: Path) -> None:
    # 20170530_ref-SOE-Pol-Comp.txt: "Actor: 0 name: XJ", power 100.0, pos 30/20, sal 24/48
    policy, competitive = read_ktab_csv(data / "ktab" / "SOE-Pol-Comp.csv").issues
    xj = policy.actors[0]
    assert (xj.name, xj.capability, xj.position, xj.salience) == ("XJ", 100.0, 30.0, 0.24)
    assert (competitive.actors[0].position, competitive.actors[0].salience) == (20.0, 0.48)
    assert (policy.id, policy.title) == ("policy-position", "Policy Position")


# --- shared data: Decide ------------------------------------------------------------------


def test_cop21_is_15_groups_by_13_issues(data: Path) -> None:
    found = read_decide_csv(data / "decide_exchange" / "cop21.csv")
    assert [issue.id for issue in found.issues] == COP21_ISSUES
    assert len(_actors(found)) == 15
    assert {len(issue.actors) for issue in found.issues} == {15, 8}  # amb2050/2100: 8 coded
    differentiation = found.issues[0]
    african = differentiation.actors[0]
    assert (african.name, african.position, african.salience, african.capability) == (
        "African_grp",
        70.0,
        0.75,
        0.25,
    )
    assert differentiation.scale == (0.0, 100.0)
    assert differentiation.options == ()  # the #M rows carry no descriptions
    assert found.salience_scale == "0-1" and found.salience_note.startswith("declared")


def test_copenhagen_reads(data: Path) -> None:
    found = read_decide_csv(data / "decide_exchange" / "copenhagen.csv")
    assert len(found.issues) == 7
    assert len(_actors(found)) == 11
    assert "EU (incl Norway)" in _actors(found)


# --- detection ----------------------------------------------------------------------------


def test_detection_picks_the_reader_for_each_shared_file(data: Path) -> None:
    expected = {f"bdm_examples/{name}": "actor-csv" for name in BDM_INPUTS}
    expected |= {f"ktab/{name}": "ktab-csv" for name in KTAB_SHAPES}
    expected |= {"decide_exchange/cop21.csv": "decide-csv"}
    expected |= {"decide_exchange/copenhagen.csv": "decide-csv"}
    for name, format_name in expected.items():
        assert detect_format(data / name) == format_name, name
        assert read_forecast_file(data / name).issues
    for name in ("ktab/smpExample.xml", "ktab/20170530_ref-smpExample.txt", "deu3/deu3.csv"):
        assert "unknown forecast input format" in _only(data / name, detect_format).message


def test_detection_ignores_the_extension(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "#A\ta\tA\n#A\tb\tB\n#P\ti\tI\n#D\ta\ti\t10\t0.5\t1\n#D\tb\ti\t90\t0.5\t1\n",
        "talks.txt",
    )
    assert detect_format(path) == "decide-csv"
    actor = _write(tmp_path, "Actor,Capability,Position,Salience\na,1,0,50\nb,1,100,80\n", "x.dat")
    assert detect_format(actor) == "actor-csv"


# --- tolerant reading ---------------------------------------------------------------------


def test_actor_header_is_case_insensitive_and_saliences_0_100_are_detected(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path, " actor , CAPABILITY,Position  ,salience , note\na,1,20,50,x\n\nb,2,80,100,\n"
    )
    found = read_actor_csv(path)
    assert [a.salience for a in found.issues[0].actors] == [0.5, 1.0]
    assert found.salience_scale == "0-100"
    assert "largest salience is 100" in found.salience_note
    assert found.issues[0].scale == (20.0, 80.0)


def test_decide_semicolons_decimal_commas_and_options(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        (
            "#O;Town council\n#A;w;Mayor W\n#A;g;Greens\n#A;v;Liberals\n"
            "#P;toll;Toll road;\n#M;toll;0;no toll\n#M;toll;10;toll all day\n"
            "#/;actor;issue;position;salience;power\n"
            "#D;w;toll;7,5;0,9;1\n#D;g;toll;10;0,8;0,4\n#D;v;toll;0;0,7;0,5\n"
        ),
    )
    (issue,) = read_forecast_file(path).issues
    assert issue.scale == (0.0, 10.0)
    assert issue.options == (("no toll", 0.0), ("toll all day", 10.0))
    first = issue.actors[0]
    assert (first.name, first.position, first.salience) == ("Mayor W", 7.5, 0.9)


def test_the_how_to_examples_read_as_documented(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "how-to" / "forecast-from-csv.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", doc, re.S | re.M)
    starts = {"actor-csv": "Actor,", "ktab-csv": "Harbour expansion", "decide-csv": "#A"}
    read: dict[str, ForecastInput] = {}
    for name, start in starts.items():
        path = _write(tmp_path, next(b for b in blocks if b.startswith(start)), f"{name}.txt")
        assert detect_format(path) == name
        read[name] = read_forecast_file(path)
    assert read["actor-csv"].issues[0].scale == (0.0, 80.0)
    assert read["actor-csv"].salience_scale == "0-1"
    assert [i.title for i in read["ktab-csv"].issues] == ["Size Position", "Cost Position"]
    decide = read["decide-csv"]
    assert [(i.id, len(i.actors)) for i in decide.issues] == [("size", 3), ("fee", 2)]
    assert decide.issues[0].options == (("no new quay", 0.0), ("full expansion", 100.0))
