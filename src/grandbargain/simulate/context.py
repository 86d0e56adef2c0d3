"""What a simulation needs from a scenario, built once and shared by every session.

Per party: its own preferences (with its red lines and, under ratification, its domestic
rules: :mod:`grandbargain.simulate.ratify`), discount factor, and, for each round, its
reservation value - which moves when calendar dates pass dated events (the 12 August 2025
snapback, for example). Spaces are rebuilt only when the set of applied events changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Calendar, Scenario
from grandbargain.model.timeline import state_as_of
from grandbargain.simulate.base import OwnPreferences, Package, own_preferences
from grandbargain.simulate.ratify import ratified_preferences
from grandbargain.space import BoolArray, FloatArray, UtilitySpace, build_space


@dataclass(frozen=True, eq=False)
class SimulationContext:
    """A scenario prepared for simulation on a given analysis date and condition states."""

    scenario: Scenario
    space: UtilitySpace
    preferences: tuple[OwnPreferences, ...]
    discounts: tuple[float | None, ...]
    round_dates: tuple[dt.date, ...] | None
    round_reservations: FloatArray
    ratify: bool = False
    """Whether the parties with ratification rules bargain under them."""
    unratifiable: tuple[int, ...] = ()
    """Under ratification, the parties left without any ratifiable offer: no session can
    reach a deal (each ends at once, ``no-ratifiable-offer``)."""

    @cached_property
    def n_parties(self) -> int:
        """Number of parties."""
        return self.space.n_parties

    def curve_rows(self, party: int) -> tuple[Package, ...]:
        """The packages on ``party``'s neutral offer curve, as tuples."""
        return self.preferences[party].curve.rows

    def curve_utilities(self, party: int) -> FloatArray:
        """``party``'s exact utility of each package on its own neutral offer curve."""
        return self._cross(party, party)[0]

    def cross_utilities(self, party: int) -> tuple[FloatArray, BoolArray]:
        """``party``'s utility of, and permission for, each package on the other's curve."""
        return self._cross(party, 1 - party)

    def _cross(self, party: int, owner: int) -> tuple[FloatArray, BoolArray]:
        key = (party, owner)
        cache = self._cross_cache
        if key not in cache:
            prefs = self.preferences[party]
            rows = self.curve_rows(owner)
            allowed = np.array([prefs.permits(row) for row in rows], dtype=bool)
            if prefs.domestic is not None and len(rows):
                allowed &= prefs.domestic.passes(self.preferences[owner].curve.packages)
            cache[key] = (np.array([prefs.utility(row) for row in rows]), allowed)
        return cache[key]

    @cached_property
    def _cross_cache(self) -> dict[tuple[int, int], tuple[FloatArray, BoolArray]]:
        return {}

    @cached_property
    def reservation_table(self) -> tuple[tuple[float, ...], ...]:
        """Reservation values by round and party, as Python floats (hot path)."""
        return tuple(tuple(float(x) for x in row) for row in self.round_reservations)

    @cached_property
    def option_counts(self) -> tuple[int, ...]:
        """Number of options per issue."""
        return tuple(len(options) for options in self.space.option_ids)

    def restricted(
        self, fixed: Mapping[int, int], reservation: FloatArray | None = None
    ) -> SimulationContext:
        """The same context with some issues fixed to one option (an agenda stage)."""
        preferences = tuple(_fix(p, fixed) for p in self.preferences)
        reservations = self.round_reservations
        if reservation is not None:
            reservations = np.repeat(reservation[None, :], len(reservations), axis=0)
        return SimulationContext(
            self.scenario,
            self.space,
            preferences,
            self.discounts,
            self.round_dates,
            reservations,
            self.ratify,
            _without_offer(preferences) if self.ratify else (),
        )


def _own_masks(scenario: Scenario, space: UtilitySpace, party: int) -> list[BoolArray]:
    stance_party = scenario.parties[party]
    masks = []
    for i, issue_id in enumerate(space.issue_ids):
        mask = np.ones(len(space.option_ids[i]), dtype=bool)
        for option_id in stance_party.stances[issue_id].red_lines:
            mask[space.option_ids[i].index(option_id)] = False
        for unavailable_issue, option_id in space.state.unavailable:
            if unavailable_issue == issue_id:
                mask[space.option_ids[i].index(option_id)] = False
        mask.flags.writeable = False
        masks.append(mask)
    return masks


def _fix(preferences: OwnPreferences, fixed: Mapping[int, int]) -> OwnPreferences:
    masks = list(preferences.admissible)
    for issue, option in fixed.items():
        mask = np.zeros(len(masks[issue]), dtype=bool)
        mask[option] = True
        mask.flags.writeable = False
        masks[issue] = mask
    return OwnPreferences(
        preferences.party,
        preferences.name,
        preferences.issue_ids,
        preferences.option_ids,
        preferences.tables,
        preferences.interactions,
        tuple(masks),
        preferences.constraints,
        preferences.domestic,
    )


def _without_offer(preferences: Sequence[OwnPreferences]) -> tuple[int, ...]:
    """The parties whose offer curve is empty (building each curve once, then shared by
    every session)."""
    empty = []
    for prefs in preferences:
        try:
            prefs.curve  # noqa: B018 - built once here, then shared by every session
        except ValueError:
            empty.append(prefs.party)
    return tuple(empty)


def _check_offerable(
    plain: Sequence[OwnPreferences], preferences: Sequence[OwnPreferences]
) -> tuple[int, ...]:
    """An input error for a party with nothing to offer even without ratification; else the
    parties that ratification leaves without an offer (``preferences`` are the ratified
    ones, or ``plain`` itself)."""
    empty = _without_offer(preferences)
    problems = [
        Problem(
            plain[party].name,
            0,
            0,
            "red_lines",
            "the party's red lines and the scenario's constraints leave it no "
            "package to offer; nothing can be simulated",
        )
        for party in empty
        if preferences[party] is plain[party] or _without_offer([plain[party]])
    ]
    if problems:
        raise InputError(problems)
    return empty


def build_context(
    scenario: Scenario,
    rounds: int,
    as_of: dt.date | None = None,
    conditions: Mapping[str, str] | None = None,
    discounts: Sequence[float | None] | None = None,
    calendar: Calendar | None = None,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
    ratify: bool = False,
) -> SimulationContext:
    """Prepare ``scenario`` for ``rounds`` rounds of talks (under each party's ratification
    rules with ``ratify``: :mod:`grandbargain.simulate.ratify`).

        With a ``calendar`` in the scenario, round k happens on ``start + k * days_per_round``
        and events dated up to that day apply (the calendar's start overrides ``as_of``). Only
    reservation values follow the calendar; options withdrawn later stay on offer (documented).
    """
    calendar = calendar if calendar is not None else scenario.calendar
    start = calendar.start if calendar is not None else as_of
    space = build_space(scenario, start, conditions, include_events, exclude_events)
    plain = tuple(
        own_preferences(space, p, _own_masks(scenario, space, p)) for p in range(space.n_parties)
    )
    preferences = ratified_preferences(scenario, space, plain) if ratify else plain
    unratifiable = _check_offerable(plain, preferences)
    party_discounts = tuple(
        discounts[p] if discounts is not None else party.discount
        for p, party in enumerate(scenario.parties)
    )
    dates = None
    reservations = np.repeat(space.reservation[None, :], rounds, axis=0)
    if calendar is not None:
        dates = tuple(
            calendar.start + dt.timedelta(days=k * calendar.days_per_round) for k in range(rounds)
        )
        cache: dict[tuple[str, ...], FloatArray] = {space.state.applied_events: space.reservation}
        for k, date in enumerate(dates):
            key = state_as_of(
                scenario, date, conditions, include_events, exclude_events
            ).applied_events
            if key not in cache:
                cache[key] = build_space(
                    scenario, date, conditions, include_events, exclude_events
                ).reservation
            reservations[k] = cache[key]
    reservations.flags.writeable = False
    return SimulationContext(
        scenario, space, preferences, party_discounts, dates, reservations, ratify, unratifiable
    )
