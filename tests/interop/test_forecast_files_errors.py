"""Forecast input readers on bad input: one test per class, each naming file, line, column
and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from grandbargain.interop.forecast_files import (
    MAX_FILE_BYTES,
    read_actor_csv,
    read_decide_csv,
    read_ktab_csv,
)

from .support import assert_located, located_cases, only, problems_in, write

ACTOR = "Actor,Capability,Position,Salience\n"
KTAB = "s,d,2,1\nActor,Description,Power,"
DECIDE = "#A\ta\ta\n#A\tb\tb\n#P\ti\ti\n"
"""The start of a small file of each format: the header, and for Decide two actors and an
issue."""


def test_missing_file(tmp_path: Path) -> None:
    problem = only(tmp_path / "nowhere.csv")
    assert (problem.line, problem.message) == (0, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    assert only(write(tmp_path, " \n\n")).message == "empty file"


def test_missing_columns(tmp_path: Path) -> None:
    problem = only(write(tmp_path, "Actor,Capability,Position\na,1,2\n"), read_actor_csv)
    assert (problem.line, problem.field) == (1, "Salience")
    assert "missing column" in problem.message


def test_ktab_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "s,d,2,2\nActor,Description,Power,P1,S1\na,x,1,1,1\nb,y,1,1,1\n")
    problems = problems_in(path, read_ktab_csv)
    assert [(p.line, p.column, p.field) for p in problems] == [
        (2, 6, "dimension 2 position"),
        (2, 7, "dimension 2 salience"),
    ]


# (case, file text, every problem as "line:column: field: message", in order)
EVERY_PROBLEM = [
    ("actor cells that are not numbers", ACTOR + "a,1,high,0.5\nb,x,3,\n",
     ["2:3: Position: not a number: 'high'", "3:2: Capability: not a number: 'x'",
      "3:4: Salience: empty cell; expected a number"]),
    ("actor saliences outside 0-100", ACTOR + "a,1,2,150\nb,1,3,-5\n",
     ["2:4: Salience: salience 150 is above 100; saliences are 0-1 or 0-100",
      "3:4: Salience: salience -5 is below 0; saliences are 0-1 or 0-100"]),
    ("decide unknown tag, actor and issue",
     DECIDE + "#X\tz\n#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\t15\t0.5\t1\n#D\tc\ti\t15\t0.5\t1\n"
     "#D\ta\tk\t1\t0.5\t1\n",
     ["4:1: tag: unknown row tag '#X'; expected #A, #P, #M or #D",
      "7:2: actor key: unknown actor 'c'; declare it in an #A row",
      "8:3: issue key: unknown issue 'k'; declare it in a #P row"]),
    # a non-numeric #M row used to cascade into scale errors for the whole issue
    ("decide rows that are not numbers",
     "#A\ta\ta\n#A\tb\tb\n#A\tc\tc\n#P\ti\ti\n#M\ti\t0\n#M\ti\tten\n"
     "#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\tfive\thalf\t1\n#D\tc\ti\t7\t0.5\t1\n",
     ["6:3: position: not a number: 'ten'", "8:4: position: not a number: 'five'",
      "8:5: salience: not a number: 'half'"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "text", "expected"), EVERY_PROBLEM, ids=[c[0] for c in EVERY_PROBLEM]
)
def test_every_problem_is_reported_at_its_place(
    tmp_path: Path, case: str, text: str, expected: list[str]
) -> None:
    path = write(tmp_path, text)
    assert [str(problem) for problem in problems_in(path)] == [f"{path}:{e}" for e in expected]


# the file's only problem (support.LOCATED_FIELDS)
ONE_PROBLEM = [
    ("ktab position off the scale", KTAB + "Tax,Tax S\na,,1,120,10\nb,,1,5,10\n", "3:4", "Tax",
     "off the declared scale 0-100"),
    ("decide position off the scale",
     DECIDE + "#M\ti\t0\n#M\ti\t10\n#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\t15\t0.5\t1\n", "7:4",
     "position", "off the declared scale 0-10"),
    ("ktab salience off the scale", KTAB + "Tax,Tax S\na,,1,1,101\nb,,1,5,9\n", "3:5", "Tax S",
     "outside 0-100"),
    ("decide salience off the scale", DECIDE + "#D\ta\ti\t5\t1.5\t1\n#D\tb\ti\t15\t0.5\t1\n",
     "4:5", "salience", "outside 0-1"),
    ("ktab saliences summing above 100",
     "s,d,2,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,10,60,20,50\nb,,1,10,10,20,10\n",
     "3:7", "S2", "sum to 110"),
    ("actor single actor", ACTOR + "a,1,2,0.5\n", "2:1", "input", "only one actor"),
    ("decide single actor on an issue",
     DECIDE + "#P\tj\tj\n#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\t15\t0.5\t1\n#D\tb\tj\t15\t0.5\t1\n",
     "7:1", "j", "only one actor"),
    ("actor duplicate actor", ACTOR + "a,1,2,0.5\nb,1,3,1\nA,1,4,1\n", "4:1", "Actor",
     "duplicate actor 'A' (first on line 2)"),
    ("decide duplicate actor",
     DECIDE + "#D\ta\ti\t5\t0.5\t1\n#D\tb\ti\t15\t0.5\t1\n#D\ta\ti\t7\t0.5\t1\n", "6:2",
     "actor key", "duplicate actor 'a' on issue 'i'"),
    ("ktab duplicate actor", KTAB + "P,S\na,,1,1,1\na,,1,5,9\n", "4:1", "Actor",
     "duplicate actor 'a' (first on line 3)"),
    ("ktab actor count", "s,d,3,1\nActor,Description,Power,P,S\na,,1,1,1\nb,,1,5,9\n", "1:3",
     "number of actors", "declares 3 actors but 2 actor rows follow"),
]  # fmt: skip


@located_cases(ONE_PROBLEM)
def test_one_problem_names_line_column_and_field(
    tmp_path: Path, case: str, text: str, where: str, field: str, fragment: str
) -> None:
    path = write(tmp_path, text)
    assert_located(only(path), path, where, field, fragment)


def test_negative_capability(tmp_path: Path) -> None:
    problem = only(write(tmp_path, ACTOR + "a,-1,2,0.5\nb,1,3,0.5\n"))
    assert (problem.line, problem.column, problem.field) == (2, 2, "Capability")
    assert problem.message == "capability -1 is negative"


def test_unknown_format(tmp_path: Path) -> None:
    problem = only(write(tmp_path, "hello, world\n1,2\n"))
    assert problem.line == 0
    assert problem.message.startswith("unknown forecast input format: expected an actor CSV")


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"Actor,Capability,Position,Salience\n" + b"a" * MAX_FILE_BYTES)
    assert "larger than the limit of 5,000,000 bytes" in only(path).message


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Actor,Capability\x00\x01\x02")
    assert "binary file" in only(binary).message
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Actor,Capability,Position,Salience\nCôte,1,2,3\n".encode("latin-1"))
    assert "not UTF-8" in only(latin).message


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
    problems = problems_in(write(tmp_path, text))
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
    path = write(tmp_path, start + '"' + "x" * 140_000 + "\n")
    reader = {"A": read_actor_csv, "#": read_decide_csv, "s": read_ktab_csv}[start[0]]
    problem = only(path, reader)
    assert problem.line == start.count("\n") + 1 and problem.column == 1
    assert "longer than 131,072 characters" in problem.message
