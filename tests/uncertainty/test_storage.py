"""Saved draws: every kind of bad file is an input error naming it; --save checks its target
and its extra before any draw is computed; saving is atomic."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from grandbargain import api
from grandbargain.cli import app
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import MonteCarloResult, UncertaintySpec, monte_carlo
from grandbargain.uncertainty.storage import METADATA_KEY, load_results, save_results

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
runner = CliRunner()


@pytest.fixture(scope="module")
def saved(us_china: Scenario, small_spec: UncertaintySpec, tmp_path_factory: Any) -> Path:
    file = tmp_path_factory.mktemp("saved") / "draws.parquet"
    save_results(file, monte_carlo(us_china, small_spec, 6, seed=3))
    return file


def _rewrite(saved: Path, target: Path, change: Callable[[Any], Any]) -> Path:
    """A copy of the saved file with its Arrow table changed."""
    pq.write_table(change(pq.read_table(saved)), target)
    return target


def _meta(table: Any) -> dict[str, Any]:
    return dict(json.loads(table.schema.metadata[METADATA_KEY]))


def _with_meta(table: Any, **changes: Any) -> Any:
    meta = {**_meta(table), **changes}
    return table.replace_schema_metadata({METADATA_KEY: json.dumps(meta).encode()})


def _set_column(table: Any, name: str, values: Any) -> Any:
    return table.set_column(table.schema.get_field_index(name), name, values)


def _write(target: Path, content: bytes) -> Path:
    target.write_bytes(content)
    return target


def _foreign(target: Path) -> Path:
    """A valid Parquet file that pyarrow wrote, but not ours."""
    pq.write_table(pa.table({"draw": [0, 1], "x": [1.5, 2.5]}), target)
    return target


BAD_FILES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated": (
        lambda saved, t: _write(t, saved.read_bytes()[: saved.stat().st_size // 2]),
        "not a readable Parquet file",
    ),
    "random bytes": (
        lambda saved, t: _write(t, bytes(range(256)) * 40),
        "not a readable Parquet file",
    ),
    "empty": (lambda saved, t: _write(t, b""), "not a readable Parquet file"),
    "someone else's parquet": (
        lambda saved, t: _foreign(t),
        "holds no grandbargain uncertainty results",
    ),
    "our metadata removed": (
        lambda saved, t: _rewrite(saved, t, lambda tb: tb.replace_schema_metadata({})),
        "holds no grandbargain uncertainty results",
    ),
    "metadata not JSON": (
        lambda saved, t: _rewrite(
            saved, t, lambda tb: tb.replace_schema_metadata({METADATA_KEY: b"{not json"})
        ),
        "not valid JSON",
    ),
    "newer schema_version": (
        lambda saved, t: _rewrite(saved, t, lambda tb: _with_meta(tb, schema_version=2)),
        "results schema_version 2; this version of grandbargain reads 1",
    ),
    "negative seed": (
        lambda saved, t: _rewrite(saved, t, lambda tb: _with_meta(tb, seed=-4)),
        "missing or malformed seed",
    ),
    "scenario not valid": (
        lambda saved, t: _rewrite(saved, t, lambda tb: _with_meta(tb, scenario={"id": 3})),
        "holds no valid scenario",
    ),
    "column missing": (
        lambda saved, t: _rewrite(saved, t, lambda tb: tb.drop_columns(["feasible"])),
        "missing column feasible",
    ),
    "column of the wrong type": (
        lambda saved, t: _rewrite(
            saved, t, lambda tb: _set_column(tb, "feasible", pa.array(["yes"] * tb.num_rows))
        ),
        "column feasible holds string; expected bool",
    ),
    "unknown option": (
        lambda saved, t: _rewrite(
            saved,
            t,
            lambda tb: _set_column(
                tb, "nash:option:rare-earths", pa.array(["plenty"] * tb.num_rows)
            ),
        ),
        "column nash:option:rare-earths holds 'plenty'",
    ),
    "rows shuffled": (
        lambda saved, t: _rewrite(saved, t, lambda tb: tb.take([1, 0, *range(2, tb.num_rows)])),
        "column draw does not count the draws",
    ),
    "no rows": (
        lambda saved, t: _rewrite(saved, t, lambda tb: tb.slice(0, 0)),
        "it holds no draws",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_every_bad_file_is_one_input_error_naming_it(
    saved: Path, tmp_path: Path, kind: str
) -> None:
    make, message = BAD_FILES[kind]
    file = make(saved, tmp_path / "bad.parquet")
    with pytest.raises(api.InputError) as caught:
        load_results(file)
    (problem,) = caught.value.problems
    assert problem.file == str(file) and message in problem.message
    result = runner.invoke(app, ["montecarlo", "--load", str(file)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"{problem}\n" and "Traceback" not in result.output


def test_a_folder_or_missing_file_is_refused(saved: Path, tmp_path: Path) -> None:
    for path, message in ((tmp_path, "not a regular file"), (tmp_path / "no", "no such file")):
        with pytest.raises(api.InputError, match=message):
            load_results(path)
    assert load_results(saved).draws == 6  # the good file still loads


def test_save_onto_a_bad_target_fails_before_any_draw(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_run(*args: Any, **kwargs: Any) -> MonteCarloResult:
        raise AssertionError("the run started")

    monkeypatch.setattr(api, "monte_carlo", no_run)
    for target, message in (
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "draws.parquet", "does not exist"),
        (Path("/dev/null"), "not a regular file"),
    ):
        started = time.perf_counter()
        result = runner.invoke(app, ["montecarlo", "--draws", "100000", "--save", str(target)])
        assert result.exit_code == 2, result.output
        assert message in result.stderr and str(target) in result.stderr
        assert time.perf_counter() - started < 5


def test_missing_extras_are_named_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the run started")

    monkeypatch.setattr(api, "monte_carlo", no_run)
    monkeypatch.setattr(api, "scenario_sobol", no_run)
    for module in ("pyarrow", "SALib", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # import now fails
    cases = [
        (["montecarlo", "--save", str(tmp_path / "d.parquet")], "grandbargain[uncertainty]"),
        (["montecarlo", "--load", str(tmp_path / "d.parquet")], "grandbargain[uncertainty]"),
        (["sensitivity", "--sobol", "4"], "grandbargain[uncertainty]"),
    ]
    for args, extra in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and extra in result.stderr, result.output
    monkeypatch.undo()
    monkeypatch.setitem(sys.modules, "distributed", None)
    s = api.load_scenario("us-china-2025")
    with pytest.raises(api.InputError, match=r"grandbargain\[dask\]"):
        monte_carlo(s, UncertaintySpec(numbers=()), 2, seed=0, scheduler="tcp://127.0.0.1:1")


def test_results_are_shown_when_saving_fails_after_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def lost(path: Any, result: Any) -> None:
        raise api.InputError([api.Problem(str(path), 0, 0, "--save", "disk full")])

    monkeypatch.setattr(api, "save_results", lost)
    target = tmp_path / "draws.parquet"
    result = runner.invoke(
        app, ["montecarlo", "--draws", "2", "--save", str(target), "--format", "json"]
    )
    assert result.exit_code == 2 and "disk full" in result.stderr
    assert json.loads(result.stdout)["draws"] == 2


def test_saving_replaces_a_file_whole(
    us_china: Scenario, small_spec: UncertaintySpec, tmp_path: Path
) -> None:
    target = tmp_path / "draws.parquet"
    target.write_text("an older file")
    result = monte_carlo(us_china, small_spec, 3, seed=1)
    save_results(target, result)
    assert load_results(target).to_dict() == result.to_dict()
    assert [p.name for p in tmp_path.iterdir()] == ["draws.parquet"]  # no temporary left
