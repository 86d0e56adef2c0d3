"""Forecast input readers on bad input: one test per class, each naming file, line, column
and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from grandbargain.interop.forecast_files import (
    MAX_FILE_BYTES,
    read_actor_csv,
    read_decide_csv,
    read_forecast_file,
    read_ktab_csv,
)
from grandbargain.model.errors import InputError, Problem


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


def test_missing_file(tmp_path: Path) -> None:
    problem = _only(tmp_path / "nowhere.csv")
    assert (problem.line, problem.message) == (0, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    assert _only(_write(tmp_path, " \n\n")).message == "empty file"


def test_missing_columns(tmp_path: Path) -> None:
    problem = _only(_write(tmp_path, "Actor,Capability,Position\na,1,2\n"), read_actor_csv)
    assert (problem.line, problem.field) == (1, "Salience")
    assert "missing column" in problem.message


def test_ktab_missing_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "s,d,2,2\nActor,Description,Power,P1,S1\na,x,1,1,1\nb,y,1,1,1\n")
    problems = _problems(path, read_ktab_csv)
    assert [(p.line, p.column, p.field) for p in problems] == [
        (2, 6, "dimension 2 position"),
        (2, 7, "dimension 2 salience"),
    ]


def test_non_numeric_cells_are_all_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "Actor,Capability,Position,Salience\na,1,high,0.5\nb,x,3,\n")
    problems = _problems(path)
    assert [(p.line, p.column, p.field) for p in problems] == [
        (2, 3, "Position"),
        (3, 2, "Capability"),
        (3, 4, "Salience"),
    ]
    assert problems[0].message == "not a number: 'high'"
    assert str(problems[0]).startswith(f"{path}:2:3: Position: ")


def test_positions_off_the_declared_scale(tmp_path: Path) -> None:
    ktab = _write(tmp_path, "s,d,2,1\nActor,Description,Power,Tax,Tax S\na,,1,120,10\nb,,1,5,10\n")
    problem = _only(ktab)
    assert (problem.line, problem.column, problem.field) == (3, 4, "Tax")
    assert "off the declared scale 0-100" in problem.message
    decide = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#M\ti\t0\n#M\ti\t10\n"
        "#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\t15\t0.5\t1\n",
        "decide.csv",
    )
    problem = _only(decide)
    assert (problem.line, problem.column, problem.field) == (7, 4, "position")
    assert "off the declared scale 0-10" in problem.message


def test_negative_capability(tmp_path: Path) -> None:
    path = _write(tmp_path, "Actor,Capability,Position,Salience\na,-1,2,0.5\nb,1,3,0.5\n")
    problem = _only(path)
    assert (problem.line, problem.column, problem.field) == (2, 2, "Capability")
    assert problem.message == "capability -1 is negative"


def test_saliences_outside_the_scale(tmp_path: Path) -> None:
    path = _write(tmp_path, "Actor,Capability,Position,Salience\na,1,2,150\nb,1,3,-5\n")
    problems = _problems(path)
    assert [(p.line, p.column, p.field) for p in problems] == [
        (2, 4, "Salience"),
        (3, 4, "Salience"),
    ]
    assert "above 100" in problems[0].message and "below 0" in problems[1].message
    ktab = _write(tmp_path, "s,d,2,1\nActor,Description,Power,Tax,Tax S\na,,1,1,101\nb,,1,5,9\n")
    problem = _only(ktab)
    assert (problem.line, problem.column, problem.field) == (3, 5, "Tax S")
    assert "outside 0-100" in problem.message
    decide = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#D\ta\ti\t5\t1.5\t1\n#D\tb\ti\t15\t0.5\t1\n",
        "decide.csv",
    )
    problem = _only(decide)
    assert (problem.line, problem.column, problem.field) == (4, 5, "salience")
    assert "outside 0-1" in problem.message


def test_ktab_total_salience_above_100(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "s,d,2,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,10,60,20,50\nb,,1,10,10,20,10\n",
    )
    problem = _only(path)
    assert (problem.line, problem.column, problem.field) == (3, 7, "S2")
    assert "sum to 110" in problem.message


def test_single_actor_on_an_issue(tmp_path: Path) -> None:
    problem = _only(_write(tmp_path, "Actor,Capability,Position,Salience\na,1,2,0.5\n"))
    assert (problem.line, problem.field) == (2, "input")
    assert "only one actor" in problem.message
    decide = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#P\tj\tj\n#D\ta\ti\t5\t0.5\t1\n"
        "#D\tb\ti\t15\t0.5\t1\n#D\tb\tj\t15\t0.5\t1\n",
        "decide.csv",
    )
    problem = _only(decide)
    assert (problem.line, problem.field) == (7, "j")
    assert "only one actor" in problem.message


def test_duplicate_actors(tmp_path: Path) -> None:
    path = _write(tmp_path, "Actor,Capability,Position,Salience\na,1,2,0.5\nb,1,3,1\nA,1,4,1\n")
    problem = _only(path)
    assert (problem.line, problem.column, problem.field) == (4, 1, "Actor")
    assert "duplicate actor 'A' (first on line 2)" in problem.message
    decide = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#D\ta\ti\t5\t0.5\t1\n"
        "#D\tb\ti\t15\t0.5\t1\n#D\ta\ti\t7\t0.5\t1\n",
        "decide.csv",
    )
    problem = _only(decide)
    assert (problem.line, problem.column, problem.field) == (6, 2, "actor key")
    assert "duplicate actor 'a' on issue 'i'" in problem.message
    ktab = _write(tmp_path, "s,d,2,1\nActor,Description,Power,P,S\na,,1,1,1\na,,1,5,9\n", "k.csv")
    assert "duplicate actor 'a'" in _only(ktab).message


def test_decide_unknown_references_and_tags(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#X\tz\n#D\ta\ti\t5\t0.5\t1\n"
        "#D\tb\ti\t15\t0.5\t1\n#D\tc\ti\t15\t0.5\t1\n#D\ta\tk\t1\t0.5\t1\n",
    )
    problems = _problems(path)
    assert [(p.line, p.column, p.field) for p in problems] == [
        (4, 1, "tag"),
        (7, 2, "actor key"),
        (8, 3, "issue key"),
    ]


def test_unknown_format(tmp_path: Path) -> None:
    problem = _only(_write(tmp_path, "hello, world\n1,2\n"))
    assert problem.line == 0
    assert problem.message.startswith("unknown forecast input format: expected an actor CSV")


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"Actor,Capability,Position,Salience\n" + b"a" * MAX_FILE_BYTES)
    assert "larger than the limit of 5,000,000 bytes" in _only(path).message


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Actor,Capability\x00\x01\x02")
    assert "binary file" in _only(binary).message
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Actor,Capability,Position,Salience\nCôte,1,2,3\n".encode("latin-1"))
    assert "not UTF-8" in _only(latin).message


def test_ktab_actor_count_must_match(tmp_path: Path) -> None:
    path = _write(tmp_path, "s,d,3,1\nActor,Description,Power,P,S\na,,1,1,1\nb,,1,5,9\n")
    problem = _only(path)
    assert (problem.line, problem.column, problem.field) == (1, 3, "number of actors")
    assert "declares 3 actors but 2 actor rows follow" in problem.message


def test_a_non_numeric_decide_row_is_reported_at_its_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "#A\ta\ta\n#A\tb\tb\n#A\tc\tc\n#P\ti\ti\n#M\ti\t0\n#M\ti\tten\n"
        "#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\tfive\thalf\t1\n#D\tc\ti\t7\t0.5\t1\n",
    )
    problems = _problems(path)
    assert [(p.line, p.column, p.field, p.message) for p in problems] == [
        (6, 3, "position", "not a number: 'ten'"),
        (8, 4, "position", "not a number: 'five'"),
        (8, 5, "salience", "not a number: 'half'"),
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # a missing closing quote swallowed every later row into one cell: the issue then
        # seemed to have too few actors, and the rows were never mentioned
        ('#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n#D\ta\ti\t5\t0.5\t1\t"note\n#D\tb\ti\t9\t0.5\t1\n', (4, 7)),
        ('Actor,Capability,Position,Salience\na,1,"2,0.5\nb,1,3,1\nc,1,4,1\n', (2, 3)),
        ('s,d,2,1\nActor,Description,Power,P,S\na,"x,1,1,1\nb,,1,5,9\n', (3, 2)),
    ],
)
def test_a_missing_closing_quote_is_named(
    tmp_path: Path, text: str, where: tuple[int, int]
) -> None:
    problems = _problems(_write(tmp_path, text))
    first = problems[0]
    assert (first.line, first.column) == where
    assert 'is a closing quote (") missing?' in first.message
    last = text.count("\n")
    assert f"from line {where[0]} to line {last}" in first.message


@pytest.mark.parametrize(
    "start",
    ["Actor,Capability,Position,Salience\na,1,", "#A\ta\t", "s,d,2,1\nActor,Description,Power,"],
)
def test_a_cell_over_the_csv_limit_is_an_input_error(tmp_path: Path, start: str) -> None:
    # csv.Error ("field larger than field limit") escaped as a traceback
    path = _write(tmp_path, start + '"' + "x" * 140_000 + "\n")
    reader = {"A": read_actor_csv, "#": read_decide_csv, "s": read_ktab_csv}[start[0]]
    problem = _only(path, reader)
    assert problem.line == start.count("\n") + 1 and problem.column == 1
    assert "longer than 131,072 characters" in problem.message
