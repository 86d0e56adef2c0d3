"""The analysis as a whole: JSON schema, dates, conditions, epsilon fallback, properties."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.model.schema import Scenario
from grandbargain.solve.frontier import pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import build_space

from ..builders import random_additive

SCHEMAS = Path(gb.__file__).parent / "schemas"
US = gb.load_scenario("us-china-2025")


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_analysis_json_matches_its_schema_and_round_trips_through_json() -> None:
    data = gb.analyze(US, as_of="2025-07-20").to_dict()
    _validator("analysis.schema.json").validate(data)
    assert json.loads(json.dumps(data)) == data


def test_solutions_are_individually_rational_and_on_the_frontier() -> None:
    a = gb.analyze(US)
    frontier = {tuple(np.round(u, 9)) for u in a.frontier.utilities}
    for concept in ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian"):
        solution = getattr(a.solutions, concept)
        assert solution is not None
        assert all(g >= -1e-9 for g in solution.gains.values())
        assert tuple(round(solution.utilities[p], 9) for p in a.parties) in frontier
    assert all(g > 0 for g in a.solutions.nash.gains.values())  # type: ignore[union-attr]


def test_as_of_moves_the_status_quo_and_reservation_values() -> None:
    june = gb.analyze(US, as_of="2025-06-08")
    july = gb.analyze(US, as_of="2025-07-20")
    assert june.status_quo is not None and july.status_quo is not None
    assert june.status_quo["h20-exports"] != july.status_quo["h20-exports"]
    assert june.reservation != july.reservation


def test_snapback_lowers_chinas_reservation_value() -> None:
    snapback = next(e.id for e in US.events if "snapback" in e.id)
    base = gb.analyze(US, as_of="2025-09-01")
    forced = gb.analyze(US, as_of="2025-09-01", include_events=frozenset({snapback}))
    assert forced.reservation["China"] < base.reservation["China"]


def test_condition_switches_linkages() -> None:
    aligned = gb.analyze(US, conditions={"allies": "aligned"})
    defect = gb.analyze(US, conditions={"allies": "defect"})
    assert aligned.conditions["allies"] == "aligned"
    assert defect.conditions["allies"] == "defect"
    assert aligned.to_dict()["pareto"] != defect.to_dict()["pareto"]
    with pytest.raises(gb.InputError):
        gb.analyze(US, conditions={"allies": "maybe"})


def _distributive(n_issues: int) -> Scenario:
    return Scenario.model_validate(
        {
            "schema_version": 1,
            "id": "d",
            "title": "d",
            "buckets": [{"id": "b", "title": "b"}],
            "issues": [
                {
                    "id": f"i{i}",
                    "title": "i",
                    "bucket": "b",
                    "status_quo": "o1",
                    "options": [{"id": f"o{k}", "label": "o"} for k in range(3)],
                }
                for i in range(n_issues)
            ],
            "parties": [
                {
                    "name": "A",
                    "stances": {
                        f"i{i}": {"weight": i + 1, "values": {"o0": 0, "o1": 37, "o2": 100}}
                        for i in range(n_issues)
                    },
                },
                {
                    "name": "B",
                    "stances": {
                        f"i{i}": {"weight": i + 1, "values": {"o0": 100, "o1": 63, "o2": 0}}
                        for i in range(n_issues)
                    },
                },
            ],
        }
    )


def test_epsilon_frontier_covers_the_exact_one_within_epsilon() -> None:
    space = build_space(_distributive(9))
    units = build_units(space)
    exact = pareto_frontier(units, space.n_issues, space.n_parties)
    thinned = pareto_frontier(units, space.n_issues, space.n_parties, cap=50)
    assert exact.exact and not thinned.exact
    assert len(thinned) <= 50 < len(exact)
    for point in exact.utilities:
        gap = np.max(point - thinned.utilities, axis=1).min()
        assert gap <= thinned.epsilon + 1e-9
    result = gb.analyze(_distributive(9), frontier_cap=50)
    assert result.epsilon == thinned.epsilon
    assert result.to_dict()["epsilon"] > 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_same_input_same_output(seed: int) -> None:
    data = random_additive(seed, 4, 3, integer=True)
    s = Scenario.model_validate(data)
    assert gb.analyze(s).to_dict() == gb.analyze(s).to_dict()


def test_no_status_quo_and_no_reservation_is_an_input_error() -> None:
    text = """
schema_version: 1
id: nosq
title: t
buckets: [{id: b, title: b}]
issues: [{id: x, title: x, bucket: b, options: [{id: a, label: a}, {id: c, label: c}]}]
parties:
  - {name: A, stances: {x: {weight: 1, values: {a: 0, c: 100}}}}
  - {name: B, stances: {x: {weight: 1, values: {a: 100, c: 0}}}, reservation_value: 0.2}
"""
    with pytest.raises(gb.InputError, match="'A' has no reservation value"):
        gb.analyze(gb.load_scenario_text(text, "nosq.yaml"))


def test_thinning_never_loses_the_status_quo() -> None:
    # every package sums to the same total, so only packages worth exactly the status quo to
    # both parties are acceptable; thinning must not leave the solutions empty
    exact = gb.analyze(_distributive(9))
    thinned = gb.analyze(_distributive(9), frontier_cap=50)
    assert exact.solutions.utilitarian is not None
    assert thinned.solutions.utilitarian is not None
    assert thinned.epsilon > 0
    for party, gain in thinned.solutions.utilitarian.gains.items():
        assert abs(gain - exact.solutions.utilitarian.gains[party]) <= thinned.epsilon + 1e-9
