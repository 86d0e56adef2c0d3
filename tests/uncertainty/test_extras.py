"""A simulated session and a forecast in every draw: equal to running them on the draw."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app
from grandbargain.forecast.runner import run_forecast, scenario_forecast_input
from grandbargain.model.schema import Scenario
from grandbargain.simulate.runner import simulate_session
from grandbargain.uncertainty import UncertaintySpec, load_results, monte_carlo, save_results
from grandbargain.uncertainty.extras import DrawExtras, forecast_issues
from grandbargain.uncertainty.sampling import draw_batch, draw_layout, sampled_scenario

SCHEMAS = Path(gb.__file__).parent / "schemas"
EXTRAS = DrawExtras(strategies=("boulware", "conceder"), rounds=30, forecast="compromise")
runner = CliRunner()


def _schema(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text()))


def test_extras_equal_running_each_engine_on_the_draw(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    result = monte_carlo(us_china, small_spec, 5, seed=4, extras=EXTRAS)
    seeds = np.random.SeedSequence(4).spawn(5)
    layout = draw_layout(us_china, small_spec)
    draws = draw_batch(layout, seeds)
    column = {name: k for k, name in enumerate(result.extra_columns)}
    for d in range(5):
        sampled = sampled_scenario(us_china, layout, draws, d)
        session = simulate_session(
            sampled.scenario,
            {"United States": "boulware", "China": "conceder"},
            30,
            seed=int(seeds[d].generate_state(1)[0]),
            conditions=sampled.conditions,
            include_events=sampled.include_events,
            exclude_events=sampled.exclude_events,
        )
        row = result.table.extras[d]
        assert row[column["simulation:agreement"]] == float(session.agreement is not None)
        assert row[column["simulation:rounds"]] == session.rounds_used
        for party, utility in zip(us_china.party_names, session.utilities, strict=True):
            assert row[column[f"simulation:utility:{party}"]] == utility
        forecast = run_forecast(scenario_forecast_input(sampled.scenario), ("compromise",))
        for item in forecast.issues:
            expected = item.models["compromise"].prediction
            assert row[column[f"forecast:compromise:{item.issue.id}"]] == expected
    assert len(forecast_issues(us_china)) == len(forecast.issues)


def test_extras_do_not_depend_on_workers_and_survive_parquet(
    us_china: Scenario, small_spec: UncertaintySpec, tmp_path: Path
) -> None:
    one = monte_carlo(us_china, small_spec, 6, seed=8, extras=EXTRAS)
    two = monte_carlo(us_china, small_spec, 6, seed=8, workers=2, extras=EXTRAS)
    assert one.table.same_as(two.table)
    file = tmp_path / "draws.parquet"
    save_results(file, one)
    loaded = load_results(file)
    assert loaded.table.same_as(one.table) and loaded.to_dict() == one.to_dict()
    data = one.to_dict()
    _schema("montecarlo.schema.json").validate(data)
    assert 0 <= data["simulation"]["agreement_probability"] <= 1
    assert set(data["forecast"]["issues"]) == set(forecast_issues(us_china))


def test_montecarlo_and_sensitivity_json_match_their_schemas() -> None:
    plain = runner.invoke(app, ["montecarlo", "--draws", "3", "--format", "json"])
    assert plain.exit_code == 0, plain.output
    _schema("montecarlo.schema.json").validate(json.loads(plain.stdout))
    tornado = runner.invoke(app, ["sensitivity", "--format", "json"])
    assert tornado.exit_code == 0, tornado.output
    _schema("sensitivity.schema.json").validate(json.loads(tornado.stdout))
    sobol = runner.invoke(app, ["sensitivity", "--sobol", "2", "--format", "json"])
    assert sobol.exit_code == 0, sobol.output
    _schema("sensitivity.schema.json").validate(json.loads(sobol.stdout))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--simulate", "no-such-strategy"], "no-such-strategy: unknown strategy"),
        (["--simulate", "boulware,conceder,linear"], "one strategy per party"),
        (["--forecast", "tea-leaves"], "tea-leaves: unknown model"),
    ],
)
def test_bad_extras_are_input_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["montecarlo", "--draws", "2", *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
