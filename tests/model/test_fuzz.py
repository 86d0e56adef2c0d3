"""Property tests: whatever the input, only the documented InputError escapes the loader."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import grandbargain as gb
from grandbargain.api import scenario_to_dict
from grandbargain.model.errors import InputError

from ..conftest import DATA

SMALL_DATA = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["Alpha", "Beta", "tariff", "low", "2025-02-30", "memo", "", "-1e309"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


ALL_PATHS = [p for p in _paths(SMALL_DATA) if p]


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    result = copy.deepcopy(data)
    *parents, last = path
    node = result
    for part in parents:
        node = node[part]
    if action == "replace":
        node[last] = value
    elif action == "delete":
        del node[last]
    elif action == "duplicate" and isinstance(node, list):
        node.append(copy.deepcopy(node[last]))
    elif isinstance(node, dict):
        node[f"extra_{last}"] = value
    return result


def _load_or_input_error(text: str) -> None:
    try:
        gb.load_scenario_text(text, "fuzz.yaml")
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("fuzz.yaml")
            assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(ALL_PATHS),
    action=st.sampled_from(["replace", "delete", "duplicate", "add"]),
    value=json_values,
)
def test_mutated_scenarios_raise_only_input_errors(
    path: tuple[Any, ...], action: str, value: Any
) -> None:
    mutated = _mutate(SMALL_DATA, path, action, value)
    _load_or_input_error(yaml.safe_dump(mutated, allow_unicode=True))
    _load_or_input_error(json.dumps(mutated, default=str))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_raises_only_input_errors(text: str) -> None:
    _load_or_input_error(text)


yaml_alphabet = st.sampled_from(list("abc:-[]{}!&*|>'\"#%@`,?\n  \t0123456789.eE+_<="))


@settings(max_examples=300, deadline=None)
@given(st.lists(yaml_alphabet, max_size=200).map("".join))
def test_random_yaml_like_text_raises_only_input_errors(text: str) -> None:
    _load_or_input_error(text)


@settings(max_examples=50, deadline=None)
@given(weights=st.lists(st.floats(0, 1000, allow_nan=False), min_size=2, max_size=2))
def test_valid_variations_round_trip(weights: list[float]) -> None:
    data = copy.deepcopy(SMALL_DATA)
    data["parties"][0]["stances"]["tariff"]["weight"] = weights[0]
    data["parties"][0]["stances"]["access"]["weight"] = weights[1]
    text = yaml.safe_dump(data)
    if sum(weights) == 0:
        try:
            gb.load_scenario_text(text, "v.yaml")
        except InputError as error:
            assert "all weights are zero" in str(error)
            return
        raise AssertionError("all-zero weights accepted")
    s = gb.load_scenario_text(text, "v.yaml")
    assert gb.load_scenario_text(json.dumps(scenario_to_dict(s)), "v.json") == s
