"""One-at-a-time sensitivity: a tornado table of each party's Nash utility.

Each uncertain number is set to its ``low`` and then its ``high`` with every other number at
its nominal value, conditions at their defaults and events by the more-likely-branch rule.
Joint ``dirichlet`` weights have no low and high and are left out; :func:`tornado_notes` says
so, and says why a tornado has no rows at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.plain import record_data
from grandbargain.solve.analysis import CONCEPTS
from grandbargain.uncertainty.batch import evaluate_batch
from grandbargain.uncertainty.result import FloatArray
from grandbargain.uncertainty.sampling import Draws, draw_layout, on_date
from grandbargain.uncertainty.spec import UncertaintySpec

CHUNK = 512
"""Draws analysed at once."""
PROGRESS_BLOCK = 32
"""Fewest draws analysed at once while a progress bar is shown."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: how many of the analyses are done."""


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
        return record_data(self)


def _nash_utilities(
    scenario: Scenario,
    spec: UncertaintySpec,
    numbers: FloatArray,
    progress: Progress | None = None,
) -> list[dict[str, float] | None]:
    """Each party's Nash utility for each row of ``numbers`` (one column per number of
    ``spec``), conditions at their defaults and events by the more-likely-branch rule;
    ``progress(done, total)`` is called after each block of rows."""
    layout = draw_layout(scenario, spec)
    nash = CONCEPTS.index("nash")
    found: list[dict[str, float] | None] = []
    # blocks small enough for a progress bar to move about 20 times, large enough to batch
    chunk = CHUNK if progress is None else min(CHUNK, max(PROGRESS_BLOCK, -(-len(numbers) // 20)))
    for start in range(0, len(numbers), chunk):
        block = numbers[start : start + chunk]
        none = np.zeros((len(block), 0), dtype=np.int64)
        table = evaluate_batch(scenario, layout, Draws(block, none, none.astype(bool)))
        for row in range(len(block)):
            picked = table.options[nash, row, 0] >= 0
            utilities = table.utilities[nash, row]
            found.append(
                dict(zip(scenario.party_names, map(float, utilities), strict=True))
                if picked
                else None
            )
        if progress is not None:
            progress(len(found), len(numbers))
    return found


def tornado(
    scenario: Scenario,
    spec: UncertaintySpec,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> tuple[TornadoRow, ...]:
    """Rows ordered by the largest absolute swing of any party, largest first.

    ``as_of`` analyses the scenario on that date (None: the scenario's own ``as_of``). Each
    row's two analyses are draws of the batch engine (:mod:`.batch`), every number but one
    at its nominal value. ``progress(done, total)`` is told how many of the analyses are done.
    """
    scenario = on_date(scenario, as_of)
    scalars = tuple(n for n in spec.numbers if n.distribution.kind != "dirichlet")
    if not scalars:
        return ()
    numbers = np.repeat(np.array([[n.nominal[0] for n in scalars]]), 2 * len(scalars), axis=0)
    for k, number in enumerate(scalars):
        numbers[2 * k, k] = number.distribution.low
        numbers[2 * k + 1, k] = number.distribution.high
    single = UncertaintySpec(scalars, conditions="default", events="likely")
    nash = _nash_utilities(scenario, single, numbers, progress)
    rows = [
        TornadoRow(
            number.names[0],
            number.distribution.low,
            number.distribution.high,
            nash[2 * k],
            nash[2 * k + 1],
        )
        for k, number in enumerate(scalars)
    ]

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
