"""The array path through a batch of draws equals one validated Scenario per draw, exactly.

The reference is :func:`evaluate` on :func:`sampled_scenario`: the drawn numbers written into
the scenario's JSON, validated, and analysed as ``grandbargain analyze`` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty import MonteCarloResult, UncertaintySpec, spec_from_mapping
from grandbargain.uncertainty.batch import evaluate_batch
from grandbargain.uncertainty.montecarlo import evaluate
from grandbargain.uncertainty.sampling import draw_batch, draw_layout, sampled_scenario
from tests.builders import scenario_data


def _compare(scenario: Scenario, spec: UncertaintySpec, draws: int, seed: int) -> None:
    layout = draw_layout(scenario, spec)
    drawn = draw_batch(layout, np.random.SeedSequence(seed).spawn(draws))
    table = evaluate_batch(scenario, layout, drawn)
    result = MonteCarloResult(
        scenario=scenario.model_dump(mode="json"),
        spec=spec.to_dict(),
        seed=seed,
        table=table,
        numbers=layout.columns,
        conditions=tuple((c.id, c.states) for c in layout.conditions),
        events=tuple(e for e, _, _ in layout.events),
    )
    for d in range(draws):
        fast = result.outcome(d)
        slow = evaluate(sampled_scenario(scenario, layout, drawn, d))
        assert fast == slow, f"draw {d} differs"


TRIANGLE = {"kind": "triangular", "low": 0, "mode": 50, "high": 100}


@st.composite
def uncertain_scenarios(draw: st.DrawFn) -> tuple[Scenario, dict[str, Any]]:
    data = draw(scenario_data(quota=draw(st.booleans())))
    parties = data["parties"]
    numbers: list[dict[str, Any]] = []
    for party in parties:
        if draw(st.booleans()):
            party["reservation_value"] = draw(st.sampled_from([0.2, 0.4, 0.5]))
            if draw(st.booleans()):
                numbers.append(
                    {
                        "path": f"parties.{party['name']}.reservation_value",
                        "distribution": {"kind": "uniform", "low": 0.0, "high": 0.6},
                    }
                )
        if draw(st.booleans()):
            numbers.append(
                {
                    "path": f"parties.{party['name']}.weights",
                    "distribution": {"kind": "dirichlet", "concentration": 5},
                }
            )
        for issue, stance in party["stances"].items():
            for option in stance["values"]:
                if draw(st.integers(0, 3)) == 0:
                    numbers.append(
                        {
                            "path": f"parties.{party['name']}.stances.{issue}.values.{option}",
                            "distribution": TRIANGLE,
                        }
                    )
    for term in data.get("linkages", {}).get("interactions", []):
        for name in term["utilities"]:
            if draw(st.booleans()):
                numbers.append(
                    {
                        "path": f"linkages.interactions.{term['id']}.utilities.{name}",
                        "distribution": {"kind": "uniform", "low": -0.1, "high": 0.1},
                    }
                )
    scenario = Scenario.model_validate(data)
    return scenario, {"schema_version": 1, "numbers": numbers}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uncertain_scenarios(), st.integers(0, 2**32 - 1))
def test_batch_equals_one_scenario_per_draw(
    case: tuple[Scenario, dict[str, Any]], seed: int
) -> None:
    scenario, spec = case
    _compare(scenario, spec_from_mapping(spec, scenario), draws=6, seed=seed)


def test_batch_equals_one_scenario_per_draw_on_us_china(
    us_china: Scenario, small_spec: UncertaintySpec
) -> None:
    # a later date leaves three events open: status quo changes and snapback drawn per draw
    later = us_china.model_copy(update={"as_of": dt.date(2025, 12, 31)})
    spec = spec_from_mapping(small_spec.to_dict(), later)
    _compare(later, spec, draws=24, seed=11)
