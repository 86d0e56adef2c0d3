"""What varies from one draw to the next, and the plain warning a run gives when nothing does.

A draw can differ from the scenario in three ways, each counted only where it really can:

* an uncertain number whose distribution has a spread (``low < high``; a Dirichlet over at
  least two positive weights);
* a condition drawn (``conditions: draw``) with at least two states that have a chance, or a
  state whose chance is itself uncertain;
* an open event drawn (``events: draw``: not happened, dated on or before the analysis date)
  whose chance lies strictly between 0 and 1, or is itself uncertain.

Conditions and events count: a draw in which an ally defects or a tariff snaps back is a
different scenario, even when every number is fixed. Of the numbers, only weights, option
values, reservation values, interaction utilities, the values events set and the chances of
drawn conditions and events enter the exact analysis; positions, saliences and clout feed
``--forecast`` only, discounts ``--simulate`` only, trade effects neither.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty.paths import Pattern, pattern_of
from grandbargain.uncertainty.sampling import draw_layout, normalised_chances
from grandbargain.uncertainty.spec import UncertainNumber, UncertaintySpec

ANALYSED: frozenset[Pattern] = frozenset(
    {
        ("parties", "*", "stances", "*", "weight"),
        ("parties", "*", "stances", "*", "values", "*"),
        ("parties", "*", "reservation_value"),
        ("linkages", "interactions", "*", "utilities", "*"),
        ("events", "*", "changes", "*", "value"),
    }
)
"""Patterns of the numbers the exact analysis reads (besides drawn chances)."""
_CONDITION_CHANCE: Pattern = ("conditions", "*", "states", "*", "probability")
_EVENT_CHANCE: Pattern = ("events", "*", "probability")

NOTHING_VARIES = (
    "nothing varies between draws: no uncertain number has a spread, no drawn condition has "
    "two possible states and no open event has a chance between 0 and 1, so every draw is "
    "the same scenario and every share is 0 or 1; give distributions inline in the scenario "
    "or in a --spec file (see docs/explanation/uncertainty.md)"
)
ANALYSIS_FIXED = (
    "none of the {count} uncertain numbers enters the exact analysis (weights, option "
    "values, reservation values, interaction utilities, event values and the chances of "
    "drawn conditions and events do), and no condition or event is drawn, so the solutions, "
    "shares and utilities are the same in every draw"
)


@dataclass(frozen=True)
class Variation:
    """What varies between draws: canonical paths of the uncertain numbers with a spread
    (``numbers``; ``analysed`` those the exact analysis reads), and the ids of the drawn
    conditions and open events that can come out either way."""

    numbers: tuple[str, ...]
    analysed: tuple[str, ...]
    conditions: tuple[str, ...]
    events: tuple[str, ...]

    def notes(self) -> tuple[str, ...]:
        """Plain warnings for a run: empty when the exact analysis can vary."""
        if self.analysed or self.conditions or self.events:
            return ()
        if not self.numbers:
            return (NOTHING_VARIES,)
        return (ANALYSIS_FIXED.format(count=len(self.numbers)),)


def _spread(number: UncertainNumber) -> bool:
    if number.distribution.kind == "dirichlet":
        return sum(1 for w in number.nominal if w > 0) >= 2
    return number.distribution.low < number.distribution.high


def variation(scenario: Scenario, spec: UncertaintySpec) -> Variation:
    """What varies between the draws of ``spec`` on ``scenario`` (on its ``as_of``)."""
    layout = draw_layout(scenario, spec)
    varying = [number for number in spec.numbers if _spread(number)]
    names = tuple(name for number in varying for name in number.names)
    drawn = set(names)
    chances = {_CONDITION_CHANCE: spec.conditions == "draw", _EVENT_CHANCE: spec.events == "draw"}
    analysed = tuple(
        name
        for number in varying
        for name, steps in zip(number.names, number.targets, strict=True)
        if pattern_of(steps) in ANALYSED or chances.get(pattern_of(steps), False)
    )
    conditions = tuple(
        condition.id
        for condition in layout.conditions
        if any(column >= 0 and layout.columns[column] in drawn for column in condition.columns)
        or int(np.count_nonzero(normalised_chances(np.array([condition.given]))[0] > 0)) >= 2
    )
    events = tuple(
        event
        for event, chance, column in layout.events
        if 0 < chance < 1 or (column >= 0 and layout.columns[column] in drawn)
    )
    return Variation(names, analysed, conditions, events)
