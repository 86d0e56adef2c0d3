"""How a simulated negotiation ended: its final package and utilities, and the joint gain of
its agenda and of the agendas it is compared with (:func:`grandbargain.simulate.runner.
simulate` plays the talks; these measure them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from grandbargain.simulate.agenda import AGENDAS
from grandbargain.simulate.context import SimulationContext
from grandbargain.space import FloatArray, IntArray

if TYPE_CHECKING:
    from grandbargain.simulate.runner import Simulation, StageResult


class Outcome(NamedTuple):
    """The final utilities (discounted as played), undiscounted ones and the package."""

    final: FloatArray
    undiscounted: FloatArray
    agreed: bool
    package: dict[str, str] | None


def agenda_outcome(
    context: SimulationContext,
    agenda: str,
    results: list[StageResult],
    combined: IntArray | None,
    all_agreed: bool,
) -> Outcome:
    """The package agenda ends as its one session did (utilities discounted as played); a
    staged agenda ends at the combined package of its stages (undiscounted)."""
    space = context.space
    if agenda != "package":
        assert combined is not None
        final = np.array([p.utility(tuple(int(x) for x in combined)) for p in context.preferences])
        return Outcome(final, final, all_agreed, space.package_dict(combined))
    session = results[0].session
    final = np.array(session.utilities)
    if session.agreement is None:
        return Outcome(final, final, False, None)
    undiscounted = np.array([p.utility(session.agreement) for p in context.preferences])
    return Outcome(final, undiscounted, True, space.package_dict(session.agreement))


def joint_gain(context: SimulationContext, final: FloatArray) -> float:
    """The sum of the parties' gains over their reservation values in the first round."""
    return float(np.sum(final - context.round_reservations[0]))


def agenda_gains(
    context: SimulationContext,
    agenda: str,
    final: FloatArray,
    again: Callable[..., Simulation] | None,
) -> dict[str, float | None]:
    """The joint gain of this agenda and, when ``again`` replays the call under another
    agenda, of the others (None for a staged agenda without a status quo)."""
    joint: dict[str, float | None] = {agenda: joint_gain(context, final)}
    if again is None:
        return joint
    for other in AGENDAS:
        if other == agenda:
            continue
        if other != "package" and context.space.status_quo is None:
            joint[other] = None
        else:
            joint[other] = again(agenda=other).joint_gain
    return joint
