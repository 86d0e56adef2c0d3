"""montecarlo and sensitivity from the command line; the spec read off the assumptions."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app
from grandbargain.uncertainty.assumptions import spec_from_assumptions

runner = CliRunner()


def test_spec_from_assumptions_uses_only_stated_ranges() -> None:
    s = gb.load_scenario("us-china-2025")
    spec = spec_from_assumptions(s)
    assert spec.numbers
    for number in spec.numbers:
        params = dict(number.distribution.params)
        assert number.distribution.kind == "triangular"
        assert params["low"] <= params["mode"] <= params["high"]
        assert (params["low"], params["high"]) != (0.0, 100.0) or number.path.endswith("weight")


def test_montecarlo_runs_saves_and_reloads(tmp_path: Path) -> None:
    saved = tmp_path / "draws.parquet"
    first = runner.invoke(
        app,
        ["montecarlo", "--draws", "12", "--seed", "3", "--save", str(saved), "--format", "json"],
    )
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["schema_version"] == 1 and data["draws"] == 12
    for issues in data["option_probabilities"].values():
        for options in issues.values():
            assert abs(sum(options.values()) - 1.0) < 1e-9
    again = json.loads(
        runner.invoke(app, ["montecarlo", "--load", str(saved), "--format", "json"]).stdout
    )
    assert again == data
    same = json.loads(
        runner.invoke(
            app, ["montecarlo", "--draws", "12", "--seed", "3", "--format", "json"]
        ).stdout
    )
    assert same == data


def test_bad_uncertainty_inputs_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["montecarlo", "--load", str(tmp_path / "no.parquet")]).exit_code == 2
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "schema_version: 1\nnumbers:\n  - path: parties.Mars.weight\n"
        "    distribution: {kind: uniform, low: 0, high: 1}\n"
    )
    result = runner.invoke(app, ["montecarlo", "--spec", str(spec), "--draws", "2"])
    assert result.exit_code == 2 and str(spec) in result.output


def test_sensitivity_tornado() -> None:
    result = runner.invoke(app, ["sensitivity", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"] and "tornado" in data["method"]


def test_sensitivity_sobol_command(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "schema_version: 1\nnumbers:\n"
        "  - path: parties.China.stances.rare-earths.weight\n"
        "    distribution: {kind: uniform, low: 25, high: 60}\n"
    )
    result = runner.invoke(
        app,
        ["sensitivity", "--spec", str(spec), "--spec-only", "--sobol", "4", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sample_size"] == 4 and data["model_runs"] == 4 * 3


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["montecarlo", "--seed", "-1"], "--seed"),
        (["sensitivity", "--seed", "-1"], "--seed"),
        (["montecarlo", "--as-of", "2025-13-01"], "--as-of: '2025-13-01' is not a date"),
        (["sensitivity", "--as-of", "soon"], "--as-of: 'soon' is not a date"),
        (["montecarlo", "--scheduler", "not a url"], "--scheduler: 'not a url' is not a"),
        (["montecarlo", "--scheduler", "http://host:8786"], "the scheme must be one of"),
        (["montecarlo", "--scheduler", "tcp://host"], "needs a port number"),
        (["montecarlo", "--scheduler", "tcp://host:99999"], "needs a port number"),
        (["montecarlo", "--scheduler", "tcp://:8786"], "needs a host name"),
        (["montecarlo", "--load", "x.parquet", "--as-of", "2025-01-01"], "takes no --as-of"),
        (["montecarlo", "--load", "x.parquet", "--spec", "s.yaml"], "takes no --spec"),
    ],
)
def test_bad_options_exit_2_without_a_traceback(args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--draws", "2"] if args[0] == "montecarlo" else args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_a_refused_connection_is_reported_at_once() -> None:
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.perf_counter()
    result = runner.invoke(app, ["montecarlo", "--draws", "2", "--scheduler", address])
    assert result.exit_code == 2 and f"--scheduler: cannot reach {address}" in result.stderr
    assert time.perf_counter() - started < 5  # not Dask's own ten-second time-out


def test_montecarlo_as_of_moves_the_analysis() -> None:
    runs = {
        when: json.loads(
            runner.invoke(
                app, ["montecarlo", "--draws", "4", "--as-of", when, "--format", "json"]
            ).stdout
        )
        for when in ("2025-05-01", "2025-07-20")
    }
    assert [data["as_of"] for data in runs.values()] == list(runs)
    assert runs["2025-05-01"]["utilities"] != runs["2025-07-20"]["utilities"]
    default = runner.invoke(app, ["montecarlo", "--draws", "4", "--format", "json"])
    assert json.loads(default.stdout) == runs["2025-07-20"]  # the scenario's own as_of
