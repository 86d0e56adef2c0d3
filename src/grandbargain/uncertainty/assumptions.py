"""The uncertainty spec a scenario carries itself: its distributions and its assumptions.

:func:`spec_for_scenario` - the default of ``grandbargain montecarlo`` and ``sensitivity`` -
takes the scenario's own ``distributions`` (written inline or under ``distributions``) and,
for the parties' numbers that have none, :func:`spec_from_assumptions`: every number marked as
an assumption with a plausible ``range`` narrower than the number's whole scale becomes a
triangular distribution from the range's low to its high, with its mode at the stated number
(numbers outside their own range are left fixed). Conditions and uncertain events are drawn
with their probabilities. The analyst's own stated ranges, nothing invented.
"""

from __future__ import annotations

from typing import Any

from grandbargain.model.provenance import scenario_numbers
from grandbargain.model.schema import Scenario
from grandbargain.uncertainty.spec import UncertaintySpec, merge_specs, spec_from_mapping

# numbers whose assumption ranges we turn into distributions, with their whole scale
_FIELDS = {"weight": None, "values": (0.0, 100.0), "reservation_value": None}


def _path(entity: str, field: str) -> str:
    return f"{entity}.{field}"


def spec_from_assumptions(scenario: Scenario) -> UncertaintySpec:
    """Triangular distributions over the assumption ranges of the parties' numbers."""
    scale = (scenario.value_scale.min, scenario.value_scale.max)
    numbers: list[dict[str, Any]] = []
    for number in scenario_numbers(scenario):
        if not number.entity.startswith("parties."):
            continue
        head = number.field.split(".")[0]
        if head not in _FIELDS:
            continue
        ranges = [
            item.assumption.range
            for item in number.evidence
            if item.assumption is not None and item.assumption.range is not None
        ]
        if len(ranges) != 1:
            continue
        low, high = ranges[0]
        if head == "values" and (low, high) == scale:
            continue  # the whole scale: the range says nothing about this number
        if not low <= number.value <= high or low == high:
            continue
        numbers.append(
            {
                "path": _path(number.entity, number.field),
                "distribution": {
                    "kind": "triangular",
                    "low": low,
                    "mode": number.value,
                    "high": high,
                },
            }
        )
    data = {"schema_version": 1, "numbers": numbers, "conditions": "draw", "events": "draw"}
    return spec_from_mapping(data, scenario)


def spec_for_scenario(scenario: Scenario) -> UncertaintySpec:
    """The scenario's own distributions, plus triangular distributions from its assumption
    ranges (:func:`spec_from_assumptions`) for the numbers that have no distribution."""
    own = spec_from_mapping(
        {
            "schema_version": 1,
            "numbers": [entry.model_dump(mode="json") for entry in scenario.distributions],
            "conditions": "draw",
            "events": "draw",
        },
        scenario,
        file=f"{scenario.id} (distributions)",
    )
    return merge_specs(spec_from_assumptions(scenario), own)
