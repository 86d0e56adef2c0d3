"""The Adjusted Winner points table reader: exact decimals as written, every problem located."""

from __future__ import annotations

import re
from fractions import Fraction as F
from pathlib import Path

import pytest

from grandbargain.interop.points_csv import PointsTable, read_points_csv
from grandbargain.model.errors import InputError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "points.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_is_read_exactly_and_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, "issue,Ann,Bob\n\ni1, 0.1 ,1\ni2,0.3,1e0\ni3,0,2\n")
    table = read_points_csv(path)
    assert table.parties == ("Ann", "Bob")
    # 0.1 and 0.3 are not exact binary floats; as decimals they are exactly 1/10 and 3/10
    assert dict(table.points) == {
        "i1": (F(1, 10), F(1)),
        "i2": (F(3, 10), F(1)),
        "i3": (F(0), F(2)),
    }
    assert table.totals == (F(2, 5), F(4))
    assert (table.file, table.header_line) == (str(path), 1)


def test_unequal_totals_are_named_with_both_sums(tmp_path: Path) -> None:
    table = read_points_csv(write(tmp_path, "issue,Ann,Bob\ni1,6,2\ni2,4,18\n"))
    with pytest.raises(InputError) as caught:
        table.check_equal_totals()
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.field) == (1, 3, "Bob")
    assert "Ann's points sum to 10 and Bob's to 20" in problem.message
    assert "--points normalised" in problem.message
    PointsTable("t", ("A", "B"), {"x": (F(3), F(1)), "y": (F(0), F(2))}, 1).check_equal_totals()


# (case, file text, "line:column", field, message fragment)
CSV_ERRORS = [
    ("empty", "", "1:1", "header", "empty file"),
    ("wrong header", "item,Ann,Bob\ni1,1,2\n", "1:1", "header", "expected issue,<A>,<B>"),
    ("header column count", "issue,Ann\ni1,1\n", "1:1", "header", "expected issue,<A>,<B>"),
    ("row column count", "issue,Ann,Bob\ni1,1,2\ni2,1\n", "3:1", "issue", "2 columns"),
    ("non-numeric", "issue,Ann,Bob\ni1,1,2\ni2,lots,2\n", "3:2", "Ann", "'lots' is not a number"),
    ("not decimal", "issue,Ann,Bob\ni1,1,nan\n", "2:3", "Bob", "'nan' is not a number"),
    ("negative", "issue,Ann,Bob\ni1,1,-2\ni2,1,3\n", "2:3", "Bob", "negative"),
    ("duplicate issue", "issue,Ann,Bob\ni1,1,2\ni2,1,1\ni1,3,4\n", "4:1", "issue", "duplicate"),
    ("same party names", "issue,Ann,Ann\ni1,1,2\n", "1:3", "Ann", "same name"),
    ("all-zero party", "issue,Ann,Bob\ni1,0,2\ni2,0,1\n", "1:2", "Ann", "every point is 0"),
    ("no issues", "issue,Ann,Bob\n", "1:1", "issue", "no issues"),
    ("empty issue id", "issue,Ann,Bob\n,1,2\n", "2:1", "issue", "issue id is empty"),
    ("too many rows", "issue,A,B\n" + "".join(f"i{k},1,1\n" for k in range(10_001)), "10002:1",
     "issue", "more than 10000 issues"),
    # a 5,000-digit integer raised ValueError from int() (Python's 4,300-digit limit)
    ("5000 digits", "issue,Ann,Bob\ni1,1" + "0" * 5000 + ",1\n", "2:2", "Ann", "too many digits"),
    ("long decimals", "issue,Ann,Bob\ni1,1,0." + "3" * 31 + "\n", "2:3", "Bob", "too many digits"),
    ("huge exponent", "issue,Ann,Bob\ni1,1e999,1\n", "2:2", "Ann", "too many digits"),
    ("unclosed quote", 'issue,Ann,Bob\ni1,"1,2\n', "2:2", "", "has no closing quote"),
    ("quote swallows rows", 'issue,Ann,Bob\ni1,"1,2\ni2,3,4\n', "2:2", "", "from line 2 to line 3"),
    ("long cell", 'issue,Ann,Bob\ni1,"' + "x" * 140_000 + '",2\n', "2:1", "", "131,072"),
    ("line after U+2028", "issue,Ann,Bob\ni0,1,1\u2028\ni1,x,1\n", "3:2", "Ann", "'x' is not"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "text", "where", "field", "fragment"), CSV_ERRORS, ids=[c[0] for c in CSV_ERRORS]
)
def test_csv_errors_name_file_line_column_and_field(
    tmp_path: Path, case: str, text: str, where: str, field: str, fragment: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_points_csv(path)
    problem = caught.value.problems[0]
    prefix = f"{path}:{where}: {field}: " if field else f"{path}:{where}: "
    assert str(problem).startswith(prefix), str(problem)
    assert fragment in problem.message
    assert problem.file == str(path) and problem.field == field
    assert len(str(problem)) < 400


def test_the_largest_allowed_cells_still_compute(tmp_path: Path) -> None:
    big = "9" * 30 + "." + "9" * 30 + "e99"
    path = write(tmp_path, f"issue,Ann,Bob\ni1,{big},1e-99\ni2,1e-99,{big}\n")
    table = read_points_csv(path)
    assert table.totals[0] == table.totals[1] == F(big) + F("1e-99")


def test_csv_reports_every_cell_problem_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "issue,Ann,Bob\ni1,x,2\ni2,1,-1\n")
    with pytest.raises(InputError) as caught:
        read_points_csv(path)
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [
        (2, 2, "Ann"),
        (3, 3, "Bob"),
    ]


def test_csv_file_level_errors_name_the_file(tmp_path: Path) -> None:
    # Problems with the file as a whole carry line 0, as the scenario loader's do.
    missing = tmp_path / "absent.csv"
    with pytest.raises(InputError, match=f"^{re.escape(str(missing))}: no such file$"):
        read_points_csv(missing)
    with pytest.raises(InputError, match="is a folder"):
        read_points_csv(tmp_path)
    big = write(tmp_path, "issue,Ann,Bob\n" + "x" * 1_000_000)
    with pytest.raises(InputError, match=r"points\.csv: larger than the limit of 1,000,000"):
        read_points_csv(big)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"issue,Ann,Bob\n\xff\xfe,1,2\n")
    with pytest.raises(InputError, match=r"binary\.csv:2:1: not UTF-8"):
        read_points_csv(binary)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"issue,Ann,Bob\ni1,1,2\n\x00\n")
    with pytest.raises(InputError, match=r"nul\.csv:3:1: binary file"):
        read_points_csv(nul)
