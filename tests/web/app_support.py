"""Helpers for the web API tests: request bodies, independent truths, error checks."""

from __future__ import annotations

import json
from typing import Any

import httpx

import grandbargain as gb

US = "us-china-2025"
SHIPPED = {"id": US}


def edited(scenario: gb.Scenario, edit: Any) -> gb.Scenario:
    """The scenario after ``edit(data)`` on its plain data, loaded again: the truth a what-if
    answer is checked against (independent of ``apply_changes``)."""
    data = gb.scenario_to_dict(scenario)
    edit(data)
    return gb.load_scenario_text(json.dumps(data), f"{scenario.id}.json")


def party_data(data: dict[str, Any], name: str) -> dict[str, Any]:
    party: dict[str, Any] = next(p for p in data["parties"] if p["name"] == name)
    return party


def solutions(analysis: gb.Analysis) -> dict[str, dict[str, str] | None]:
    """Each concept's package."""
    result = {}
    for concept in ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian"):
        solution = getattr(analysis.solutions, concept)
        result[concept] = None if solution is None else dict(solution.package)
    return result


def answered(response: httpx.Response) -> dict[str, dict[str, str] | None]:
    """The packages of a what-if answer, by concept."""
    assert response.status_code == 200, response.text
    return {row["concept"]: row["package"] for row in response.json()["solutions"]}


def assert_clean_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """A JSON error with the given status, ``error``, ``problems`` and no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text and 'File "' not in response.text
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str)
    for problem in body["problems"]:
        assert set(problem) >= {"file", "line", "column", "field", "message"}
    return body
