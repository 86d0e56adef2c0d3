"""A fast path for two-party alternating offers between memoryless strategies.

Time-dependent strategies without an opponent model decide from the clock and their
reservation value alone, so a whole session can be computed with array operations instead of
one Python call per turn. The result is identical to the general protocol in
:mod:`grandbargain.simulate.session` (a property test checks transcripts match); the general
protocol is used whenever any strategy is not memoryless, for more than two parties, or under
a quota rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np

from grandbargain.simulate.base import Action
from grandbargain.simulate.context import SimulationContext
from grandbargain.simulate.session import (
    SessionResult,
    Step,
    final_utilities,
    out_of_time,
    walked_away,
)
from grandbargain.space import TOLERANCE


def applies(context: SimulationContext, strategies: Sequence[Any]) -> bool:
    """Whether the fast path reproduces the general protocol for these strategies."""
    space = context.space
    return (
        context.n_parties == 2
        and space.quota >= 2
        and not space.veto
        and all(getattr(s, "memoryless", False) for s in strategies)
    )


def run_memoryless(
    context: SimulationContext, strategies: Sequence[Any], rounds: int
) -> SessionResult:
    """The session the general protocol would produce, computed turn-vectorised."""
    total = rounds * 2
    turns = np.arange(total)
    t = turns / total
    party = turns % 2
    floor = _floors(context, turns, t)
    rows, own_next, walk = _offers(context, strategies, t, floor)
    # the responder at turn k faces the offer made at turn k - 1 by the other party
    value = np.full(total, -np.inf)
    allowed = np.zeros(total, dtype=bool)
    for p in (0, 1):
        # party p responds at turns 2 - p, 4 - p, ... (turns alternate, party 0 opens)
        mine = slice(2 - p, None, 2)
        values, allows = context.cross_utilities(p)
        faced = rows[1 - p : total - 1 : 2]
        value[mine] = values[faced]
        allowed[mine] = allows[faced]
    deadline = np.array([getattr(strategies[p], "accepts_at_deadline", False) for p in (0, 1)])
    accept = (
        (turns > 0)
        & allowed
        & (value >= floor - TOLERANCE)
        & ((value >= own_next - TOLERANCE) | (deadline[party] & (turns + 2 >= total)))
    )
    return _result(context, rounds, rows, walk, accept)


def _floors(
    context: SimulationContext, turns: np.ndarray[Any, Any], t: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Each turn's mover's reservation value, as the general protocol's strategies see it."""
    party = turns % 2
    # round_reservations holds the same float64 values as reservation_table, without a copy
    reservations = np.asarray(context.round_reservations, dtype=float)[turns // 2, party]
    floor: np.ndarray[Any, Any] = reservations.copy()
    for p in (0, 1):
        d = context.discounts[p]
        if d is not None:
            mine = slice(p, None, 2)  # party p moves at turns p, p + 2, ...
            # the same arithmetic as reservation_level(): (r * d**t) / d**t
            floor[mine] = (reservations[mine] * d ** t[mine]) / d ** t[mine]
    return floor


def _offers(
    context: SimulationContext,
    strategies: Sequence[Any],
    t: np.ndarray[Any, Any],
    floor: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Per turn: the mover's offer (a row of its offer curve), its own utility of it, and
    whether it walks away (nothing it may offer is worth its reservation value)."""
    total = len(t)
    rows = np.zeros(total, dtype=np.int64)
    own_next = np.zeros(total)
    walk = np.zeros(total, dtype=bool)
    for p in (0, 1):
        mine = slice(p, None, 2)  # party p moves at turns p, p + 2, ...
        curve = context.preferences[p].curve
        exact = context.curve_utilities(p)
        targets = strategies[p].targets(t[mine], floor[mine], curve.best)
        count = np.searchsorted(-curve.own, -targets, side="right")
        rows[mine] = np.maximum(count - 1, 0)
        own_next[mine] = exact[rows[mine]]
        walk[mine] = curve.best < floor[mine] - TOLERANCE
    return rows, own_next, walk


def _result(
    context: SimulationContext,
    rounds: int,
    rows: np.ndarray[Any, Any],
    walk: np.ndarray[Any, Any],
    accept: np.ndarray[Any, Any],
) -> SessionResult:
    """The session ends at the first walk-away or acceptance, or at the deadline."""
    total = rounds * 2
    events = np.flatnonzero(walk | accept)
    end = int(events[0]) if len(events) else total
    if end == total:
        return out_of_time(context, LazySteps(context, rows, end, ()), rounds)
    who = end % 2
    date = None if context.round_dates is None else context.round_dates[end // 2]
    if walk[end]:
        tail = (Step(end, end // 2, date, who, Action.WALK_AWAY.value, None),)
        return walked_away(context, LazySteps(context, rows, end, tail), who, end, total, end // 2)
    package = context.curve_rows(1 - who)[int(rows[end - 1])]
    tail = (Step(end, end // 2, date, who, Action.ACCEPT.value, package),)
    return SessionResult(
        LazySteps(context, rows, end, tail),
        package,
        "agreement",
        end + 1,
        end // 2 + 1,
        final_utilities(context, package, end, total, end // 2),
        None,
    )


class LazySteps(Sequence[Step]):
    """The transcript of a fast session, built only when someone reads it.

    Behaves as the tuple of steps (indexing, iteration, ``len``, equality with a tuple).
    """

    def __init__(
        self,
        context: SimulationContext,
        rows: np.ndarray[Any, Any],
        end: int,
        tail: tuple[Step, ...],
    ) -> None:
        self._context = context
        self._rows = rows
        self._end = end
        self._tail = tail
        self._built: tuple[Step, ...] | None = None

    def _all(self) -> tuple[Step, ...]:
        if self._built is None:
            self._built = tuple(_steps(self._context, self._rows, self._end)) + self._tail
        return self._built

    def __len__(self) -> int:
        return max(2 * self._end - 1, 0) + len(self._tail)

    def __iter__(self) -> Iterator[Step]:
        # Sequence's own __iter__ would index one step at a time
        return iter(self._all())

    @overload
    def __getitem__(self, index: int) -> Step: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Step]: ...

    def __getitem__(self, index: int | slice) -> Step | Sequence[Step]:
        return self._all()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazySteps):
            other = other._all()
        return isinstance(other, tuple) and self._all() == other

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


def _steps(context: SimulationContext, rows: np.ndarray[Any, Any], end: int) -> list[Step]:
    # the hot spot of a fast session: build the step tuples with as little per-step work as
    # possible (Step is a named tuple, so tuple.__new__ makes one directly)
    make = tuple.__new__
    dates = context.round_dates
    curve_rows = (context.curve_rows(0), context.curve_rows(1))
    chosen = rows[:end].tolist()
    steps: list[Step] = []
    append = steps.append
    for k in range(end):
        p = k & 1
        date = None if dates is None else dates[k >> 1]
        if k:
            append(make(Step, (k, k >> 1, date, p, "reject", None)))
        append(make(Step, (k, k >> 1, date, p, "offer", curve_rows[p][chosen[k]])))
    return steps
