"""One-at-a-time sensitivity: a tornado table of each party's Nash utility.

Each uncertain number is set to its ``low`` and then its ``high`` with every other number at
its nominal value, conditions at their defaults and events by the more-likely-branch rule.
Joint ``dirichlet`` weights have no low and high and are left out; :func:`tornado_notes` says
so, and says why a tornado has no rows at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty.montecarlo import evaluate
from grandbargain.uncertainty.paths import put
from grandbargain.uncertainty.sampling import SampledScenario, on_date
from grandbargain.uncertainty.spec import UncertaintySpec


@dataclass(frozen=True)
class TornadoRow:
    """Nash utilities with one number at its low and at its high (None: no Nash package)."""

    path: str
    low: float
    high: float
    at_low: dict[str, float] | None
    at_high: dict[str, float] | None

    def swing(self, party: str) -> float | None:
        """Utility at high minus utility at low for ``party``."""
        if self.at_low is None or self.at_high is None:
            return None
        return self.at_high[party] - self.at_low[party]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "path": self.path,
            "low": self.low,
            "high": self.high,
            "at_low": self.at_low,
            "at_high": self.at_high,
        }


def _nash(scenario: Scenario, steps: tuple[Any, ...], value: float) -> dict[str, float] | None:
    data = scenario.model_dump(mode="json")
    put(data, steps, value)
    sampled = SampledScenario(Scenario.model_validate(data), {}, {}, frozenset(), frozenset())
    return evaluate(sampled).utilities["nash"]


def tornado(
    scenario: Scenario, spec: UncertaintySpec, as_of: dt.date | None = None
) -> tuple[TornadoRow, ...]:
    """Rows ordered by the largest absolute swing of any party, largest first.

    ``as_of`` analyses the scenario on that date (None: the scenario's own ``as_of``).
    """
    scenario = on_date(scenario, as_of)
    rows = []
    for number in spec.numbers:
        if number.distribution.kind == "dirichlet":
            continue
        low, high = number.distribution.low, number.distribution.high
        (steps,) = number.targets
        rows.append(
            TornadoRow(
                number.names[0],
                low,
                high,
                _nash(scenario, steps, low),
                _nash(scenario, steps, high),
            )
        )

    def size(row: TornadoRow) -> float:
        swings = [row.swing(p) for p in scenario.party_names]
        return max((abs(s) for s in swings if s is not None), default=float("inf"))

    return tuple(sorted(rows, key=lambda r: -size(r)))


NO_NUMBERS = (
    "no uncertain numbers to vary: the scenario has no distributions and no assumption "
    "ranges, and no --spec file gives any; give distributions inline in the scenario or in "
    "a --spec file (see docs/explanation/uncertainty.md)"
)
ONLY_JOINT = (
    "the only uncertain numbers are jointly drawn weights ({paths}), which have no low and "
    "high to set one at a time; give single numbers in a --spec file, or use montecarlo"
)
JOINT_LEFT_OUT = "left out: {paths} (jointly drawn weights have no low and high)"


def tornado_notes(spec: UncertaintySpec) -> tuple[str, ...]:
    """Why numbers of ``spec`` have no tornado row, and why there may be no rows at all."""
    joint = [n.path for n in spec.numbers if n.distribution.kind == "dirichlet"]
    if not spec.numbers:
        return (NO_NUMBERS,)
    if len(joint) == len(spec.numbers):
        return (ONLY_JOINT.format(paths=", ".join(joint)),)
    return (JOINT_LEFT_OUT.format(paths=", ".join(joint)),) if joint else ()
