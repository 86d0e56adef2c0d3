"""A tiny two-party alternating-offers loop that checks the strategy contract as it goes.

Independent of the engine on purpose: the contract suite should not depend on the protocol
implementation it is meant to feed. Party 0 opens; on its turn a party facing the other's
offer responds to it and, if it rejects, counter-offers; the talks end on acceptance, walking
away, or at ``turns_total`` turns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import (
    Action,
    HistoryView,
    Observation,
    Offer,
    OwnPreferences,
    Package,
    Strategy,
    own_preferences,
)
from grandbargain.simulate.iso import offer_curve
from grandbargain.space import TOLERANCE, BoolArray, UtilitySpace, build_space


@dataclass(frozen=True)
class Seat:
    """One party at the table: what it knows and its undiscounted reservation value."""

    preferences: OwnPreferences
    reservation: float
    discount: float | None

    @property
    def hopeless(self) -> bool:
        """Whether no package the party allows is worth its reservation value."""
        try:
            best = offer_curve(self.preferences).best
        except ValueError:
            return True
        return best < self.reservation - TOLERANCE


@dataclass
class Transcript:
    """Every move (turn, party, action, package) and how the talks ended."""

    moves: list[tuple[int, int, str, Package | None]] = field(default_factory=list)
    ended: str = "deadline"
    violations: list[str] = field(default_factory=list)


def red_line_masks(scenario: Scenario, space: UtilitySpace, party: int) -> list[BoolArray]:
    """The party's own red lines as per-issue masks of the options it may offer or accept."""
    masks = []
    for i, issue_id in enumerate(space.issue_ids):
        mask = np.ones(len(space.option_ids[i]), dtype=bool)
        for option_id in scenario.parties[party].stances[issue_id].red_lines:
            mask[space.option_ids[i].index(option_id)] = False
        mask.flags.writeable = False
        masks.append(mask)
    return masks


def seats(
    scenario: Scenario,
    discounts: Sequence[float | None] = (None, None),
    reservations: Sequence[float] | None = None,
    **space_options: Any,
) -> tuple[Seat, Seat]:
    """The two parties of ``scenario`` (reservation values from the space unless given)."""
    space = build_space(scenario, **space_options)
    values = space.reservation if reservations is None else reservations
    made = [
        Seat(
            own_preferences(space, p, red_line_masks(scenario, space, p)),
            float(values[p]),
            discounts[p],
        )
        for p in range(2)
    ]
    return made[0], made[1]


def observe(
    seat: Seat,
    party: int,
    turn: int,
    turns_total: int,
    log: list[Offer],
    on_table: Offer | None = None,
) -> Observation:
    """What ``party`` sees at ``turn``."""
    t = turn / turns_total
    reservation = seat.reservation
    if seat.discount is not None:
        reservation *= seat.discount**t
    return Observation(
        party=party,
        n_parties=2,
        preferences=seat.preferences,
        reservation=reservation,
        discount=seat.discount,
        turn=turn,
        round=turn // 2,
        turns_total=turns_total,
        t=t,
        history=HistoryView(log, len(log)),
        on_table=on_table,
    )


def _worth(seat: Seat, observation: Observation, package: Package) -> bool:
    value = observation.discounted(seat.preferences.utility(package))
    return value >= observation.reservation - TOLERANCE


def _valid(seat: Seat, package: object) -> bool:
    sizes = [len(options) for options in seat.preferences.option_ids]
    return (
        isinstance(package, tuple)
        and len(package) == len(sizes)
        and all(isinstance(o, int) and 0 <= o < n for o, n in zip(package, sizes, strict=False))
    )


def play(
    strategies: Sequence[Strategy],
    table: Sequence[Seat],
    turns_total: int,
    checked: Sequence[int] = (0, 1),
) -> Transcript:
    """Run the talks; record contract breaches by the ``checked`` parties."""
    transcript = Transcript()
    hopeless = [seat.hopeless for seat in table]
    log: list[Offer] = []
    on_table: Offer | None = None
    for turn in range(turns_total):
        party = turn % 2
        seat = table[party]
        observation = observe(seat, party, turn, turns_total, log, on_table)
        audit = party in checked
        if on_table is not None:
            action = strategies[party].respond(observation, on_table)
            transcript.moves.append((turn, party, action.value, on_table.package))
            if audit and hopeless[party] and action is not Action.WALK_AWAY:
                transcript.violations.append(f"turn {turn}: {action} with nothing worth it")
            if action is Action.ACCEPT:
                if audit and not seat.preferences.allows(on_table.package):
                    transcript.violations.append(f"turn {turn}: accepted a disallowed package")
                if audit and not _worth(seat, observation, on_table.package):
                    transcript.violations.append(f"turn {turn}: accepted below reservation")
                transcript.ended = "agreement"
                return transcript
            if action is Action.WALK_AWAY:
                transcript.ended = "walk-away"
                return transcript
        package = strategies[party].propose(observation)
        if package is None:  # walking away instead of offering: only when nothing is worth it
            transcript.moves.append((turn, party, "walk-away", None))
            if audit and not hopeless[party]:
                transcript.violations.append(f"turn {turn}: walked away with offers worth it")
            transcript.ended = "walk-away"
            return transcript
        transcript.moves.append((turn, party, "offer", package))
        if not _valid(seat, package):
            transcript.violations.append(f"turn {turn}: invalid package {package!r}")
            transcript.ended = "error"
            return transcript
        if audit and not hopeless[party]:
            if not seat.preferences.allows(package):
                transcript.violations.append(f"turn {turn}: offered a disallowed package")
            if not _worth(seat, observation, package):
                transcript.violations.append(f"turn {turn}: offered below reservation")
        on_table = Offer(turn, turn // 2, party, package)
        log.append(on_table)
    return transcript


def others_dropped(s: Scenario, party: str) -> frozenset[Any]:
    """The veto players and package votes of every other party (win-sets are kept: they
    narrow everyone's agenda): the rules the ratification oracle leaves out when it judges
    ``party``'s own offers."""
    dropped: set[Any] = set()
    for entry in s.ratification:
        if entry.party == party:
            continue
        dropped |= {("veto", entry.party, holder) for holder in entry.veto_players}
        dropped.add(("package", entry.party))
    return frozenset(dropped)
