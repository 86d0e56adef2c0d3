"""What a strategy sees and says: frozen observations, offers, actions, own preferences.

Strategies see only their own utility function, the public rules (constraints, withdrawn
options), the shared offer history and the clock - never the engine or another party's
utilities (STYLE rule 9).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Protocol, overload

import numpy as np

from grandbargain.space import BoolArray, ConstraintTerm, FloatArray, IntArray, UtilitySpace

if TYPE_CHECKING:
    from grandbargain.simulate.iso import OfferCurve
    from grandbargain.simulate.ratify import DomesticRules

Package = tuple[int, ...]
"""One option index per issue, in the scenario's issue order."""


class Action(StrEnum):
    """A response to an offer on the table."""

    ACCEPT = "accept"
    REJECT = "reject"
    WALK_AWAY = "walk-away"


class Offer(NamedTuple):
    """A package put on the table by ``proposer`` at ``turn`` (0-based) of ``round``.

    (A named tuple rather than a frozen dataclass: one is made every turn, and tuples are
    immutable and cheap.)"""

    turn: int
    round: int
    proposer: int
    package: Package


class HistoryView(Sequence[Offer]):
    """A read-only view of the first ``length`` offers of a shared, growing log (O(1) to make)."""

    __slots__ = ("_length", "_log")

    def __init__(self, log: list[Offer], length: int) -> None:
        self._log = log
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Offer: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Offer]: ...

    def __getitem__(self, index: int | slice) -> Offer | Sequence[Offer]:
        if isinstance(index, slice):
            return tuple(self._log[: self._length][index])
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return self._log[index]

    def __iter__(self) -> Iterator[Offer]:
        for index in range(self._length):
            yield self._log[index]

    def by(self, party: int) -> tuple[Offer, ...]:
        """The offers ``party`` made, oldest first."""
        return tuple(offer for offer in self if offer.proposer == party)


@dataclass(frozen=True, eq=False)
class OwnPreferences:
    """One party's utility function and the options it may offer or accept.

    ``admissible[i]`` masks the options the party can put forward on issue ``i``: its own red
    lines and options withdrawn by events are off; other parties' red lines are private and
    not known to it. ``constraints`` are public rules of the scenario. ``domestic``, in talks
    under ratification, is the party's own veto players and package vote (its win-sets are
    already in ``admissible``): :meth:`allows` and its offer curves respect them.
    """

    party: int
    name: str
    issue_ids: tuple[str, ...]
    option_ids: tuple[tuple[str, ...], ...]
    tables: tuple[FloatArray, ...]
    interactions: tuple[tuple[tuple[int, ...], tuple[int, ...], float], ...]
    admissible: tuple[BoolArray, ...]
    constraints: tuple[ConstraintTerm, ...]
    domestic: DomesticRules | None = None

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.tables)

    @cached_property
    def curve(self) -> OfferCurve:
        """The offer curve against the neutral (opposed) model, built once and shared by
        every session that uses these preferences."""
        from grandbargain.simulate.iso import offer_curve

        return offer_curve(self)

    @cached_property
    def ratifiable_rows(self) -> IntArray | None:
        """Under ratification, every package the party may offer or accept, when few enough
        to list (:func:`grandbargain.simulate.iso.ratifiable_rows`); else None."""
        from grandbargain.simulate.iso import ratifiable_rows

        return ratifiable_rows(self)

    @cached_property
    def _scalar_tables(self) -> tuple[tuple[float, ...], ...]:
        # Python floats for fast scalar lookups on the per-turn hot path
        return tuple(tuple(float(x) for x in table) for table in self.tables)

    @cached_property
    def _unrestricted(self) -> bool:
        return not self.constraints and all(bool(mask.all()) for mask in self.admissible)

    @cached_property
    def allowed_options(self) -> tuple[IntArray, ...]:
        """Per issue, the indices of the options the party may offer or accept."""
        return tuple(np.flatnonzero(mask) for mask in self.admissible)

    @cached_property
    def _masks(self) -> tuple[tuple[bool, ...], ...]:
        return tuple(tuple(bool(x) for x in mask) for mask in self.admissible)

    def utility(self, package: Sequence[int]) -> float:
        """Utility of one package (undiscounted)."""
        tables = self._scalar_tables
        total = 0.0
        for issue, option in enumerate(package):
            total += tables[issue][option]
        for issues, options, value in self.interactions:
            if all(package[i] == o for i, o in zip(issues, options, strict=True)):
                total += value
        return total

    def utilities(self, packages: IntArray) -> FloatArray:
        """Utilities of many packages (rows of option indices)."""
        total = np.zeros(len(packages))
        for i, table in enumerate(self.tables):
            total += table[packages[:, i]]
        for issues, options, value in self.interactions:
            hit = np.ones(len(packages), dtype=bool)
            for i, o in zip(issues, options, strict=True):
                hit &= packages[:, i] == o
            total[hit] += value
        return total

    def allows(self, package: Sequence[int]) -> bool:
        """Whether the party may offer or accept ``package`` (own red lines, public rules and,
        under ratification, its domestic rules)."""
        domestic = self.domestic
        if domestic is None:
            return self.permits(package)
        return self.permits(package) and domestic.passes_one(tuple(package))

    def permits(self, package: Sequence[int]) -> bool:
        """:meth:`allows` without the domestic rules (red lines, win-sets, public rules)."""
        if self._unrestricted:
            return True
        if not all(mask[o] for mask, o in zip(self._masks, package, strict=True)):
            return False
        for rule in self.constraints:
            if all(package[i] == o for i, o in zip(rule.issues, rule.options, strict=True)):
                if any(package[i] not in allowed for i, allowed in rule.requires):
                    return False
        return True


def own_preferences(
    space: UtilitySpace, party: int, red_lines: Sequence[BoolArray]
) -> OwnPreferences:
    """The part of ``space`` that ``party`` knows: its column of each table, its red lines."""
    tables = []
    for table in space.tables:
        column = np.ascontiguousarray(table[:, party])
        column.flags.writeable = False
        tables.append(column)
    return OwnPreferences(
        party=party,
        name=space.parties[party],
        issue_ids=space.issue_ids,
        option_ids=space.option_ids,
        tables=tuple(tables),
        interactions=tuple(
            (term.issues, term.options, float(term.utilities[party]))
            for term in space.interactions
            if term.utilities[party] != 0.0
        ),
        admissible=tuple(red_lines),
        constraints=space.constraints,
    )


class Observation(NamedTuple):
    """Everything a strategy may know when it acts.

    ``t`` is normalised time in [0, 1] (turn / total turns). ``reservation`` is the party's
    reservation value now (events on the calendar may have changed it), already multiplied by
    ``discount ** t`` when discounting is on; ``discount`` is None when it is off.
    """

    party: int
    n_parties: int
    preferences: OwnPreferences
    reservation: float
    discount: float | None
    turn: int
    round: int
    turns_total: int
    t: float
    history: HistoryView
    on_table: Offer | None

    def discounted(self, utility: float, t: float | None = None) -> float:
        """``utility * discount ** t`` (at the current time unless ``t`` is given)."""
        if self.discount is None:
            return utility
        return float(utility * self.discount ** (self.t if t is None else t))


class Strategy(Protocol):
    """A negotiation strategy: proposes packages and responds to offers.

    Implementations take ``rng`` (a numpy Generator) and their parameters in ``__init__`` and
    keep any learning in their own state; they never see the engine.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def propose(self, observation: Observation) -> Package | None:
        """The package to offer now, or None to walk away (nothing is worth offering)."""
        ...

    def respond(self, observation: Observation, offer: Offer) -> Action:
        """Accept, reject (and counter-offer on its turn) or walk away."""
        ...
