"""One negotiation session under the stacked alternating offers or the voting protocol.

Stacked alternating offers (SAOP; Aydogan et al. 2017), for unanimity scenarios: parties take
turns in order. On its turn a party facing another's offer accepts it, rejects it and makes a
counter-offer, or walks away; an offer passes when every other party has accepted it in turn.
The first party opens. Quota scenarios use a voting protocol: each round one proposer (rotating)
offers, every other party votes, and the offer passes when the acceptance rule is met (the
proposer counts as accepting; a party that walked away counts as rejecting from then on).

Who ended the talks: under SAOP, the one party that walked away. Under voting a party may walk
away without ending the talks; the talks end at the first walk-away, in transcript order,
after which the parties still at the table can no longer meet the rule (a veto party has gone,
or fewer than ``quota`` remain). That party is ``SessionResult.walked_away``; its walk-away is
the last step of the transcript (nobody votes after it), and every exit is listed in order in
``SessionResult.walk_aways``.

Ratification (a context built with ``ratify``): the engine holds every party to its own
domestic rules whatever its strategy does. An offer they block is replaced by the ratifiable
offer on the party's offer curve worth at least as much to it (its best ratifiable one if
none is); an acceptance they block counts as a rejection. The built-in strategies never
trigger either (their curves and ``allows`` already respect the rules). A party left without
any ratifiable offer ends the session at once: ``no-ratifiable-offer``, no deal.

Time: ``rounds`` rounds; under SAOP a round is one turn per party, under voting one proposal.
Normalised time t = turn / total turns. With a party's discount factor d, its utility of an
agreement and its reservation value are multiplied by d^t (GENIUS). Without agreement by the
deadline the talks break down and each party gets its reservation value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from grandbargain.simulate.base import (
    Action,
    HistoryView,
    Observation,
    Offer,
    Package,
    Strategy,
)
from grandbargain.simulate.context import SimulationContext

NO_RATIFIABLE_OFFER = "no-ratifiable-offer"
"""How a session ends when a party's ratification rules leave it nothing to offer."""


class StrategyError(RuntimeError):
    """A strategy broke the protocol (an invalid package); a bug in the strategy."""


class Step(NamedTuple):
    """One move: an offer, a response, or walking away."""

    turn: int
    round: int
    date: dt.date | None
    party: int
    action: str
    package: Package | None


@dataclass(frozen=True)
class SessionResult:
    """How a session ended, with every move."""

    steps: Sequence[Step]
    agreement: Package | None
    ended: str
    turns_used: int
    rounds_used: int
    utilities: tuple[float, ...]
    walked_away: int | None  # the party whose walk-away ended the talks (module docstring)
    walk_aways: tuple[int, ...] = ()  # every party that walked away, in transcript order
    unratifiable: tuple[int, ...] = ()  # parties without a ratifiable offer (module docstring)


def _check(context: SimulationContext, package: Package, party: int) -> Package:
    sizes = context.option_counts
    if type(package) is tuple and len(package) == len(sizes):
        try:
            if all(0 <= o < k for o, k in zip(package, sizes)):  # noqa: B905 - lengths checked
                return package
        except TypeError:
            pass
    valid = len(package) == len(sizes) and all(
        isinstance(o, int) and 0 <= o < k for o, k in zip(package, sizes, strict=False)
    )
    if not valid:
        raise StrategyError(f"{context.space.parties[party]} offered an invalid package {package}")
    return tuple(int(o) for o in package)


def _ratified_offer(context: SimulationContext, party: int, package: Package) -> Package:
    """``package``, or the party's ratifiable stand-in when its domestic rules block it."""
    prefs = context.preferences[party]
    if prefs.domestic is None or prefs.allows(package):
        return package
    return prefs.curve.at_least(prefs.utility(package))


def _ratified_action(
    context: SimulationContext, party: int, action: Action, package: Package
) -> Action:
    """The party's ``action`` on ``package``, an acceptance its domestic rules block made a
    rejection."""
    prefs = context.preferences[party]
    if action is Action.ACCEPT and prefs.domestic is not None and not prefs.allows(package):
        return Action.REJECT
    return action


def final_utilities(
    context: SimulationContext, agreement: Package | None, turn: int, total: int, round_index: int
) -> tuple[float, ...]:
    t = turn / total if total else 1.0
    values = []
    for p, prefs in enumerate(context.preferences):
        value = (
            prefs.utility(agreement)
            if agreement is not None
            else float(
                context.round_reservations[min(round_index, len(context.round_reservations) - 1), p]
            )
        )
        d = context.discounts[p]
        values.append(value * d**t if d is not None else value)
    return tuple(values)


def walked_away(
    context: SimulationContext,
    steps: Sequence[Step],
    party: int,
    turn: int,
    total: int,
    round_index: int,
) -> SessionResult:
    """The result of ``party`` walking away at ``turn``: everyone gets its reservation value."""
    return SessionResult(
        steps if not isinstance(steps, list) else tuple(steps),
        None,
        "walk-away",
        turn + 1,
        round_index + 1,
        final_utilities(context, None, turn, total, round_index),
        party,
        (party,),
    )


def out_of_time(context: SimulationContext, steps: Sequence[Step], rounds: int) -> SessionResult:
    """The result of ``rounds`` rounds of alternating offers (``steps``) ending without
    agreement or walk-away: everyone gets its reservation value of the last round."""
    total = rounds * context.n_parties
    return SessionResult(
        steps if not isinstance(steps, list) else tuple(steps),
        None,
        "deadline",
        total,
        rounds,
        final_utilities(context, None, total, total, rounds - 1),
        None,
    )


def run_session(
    context: SimulationContext, strategies: Sequence[Strategy], rounds: int, fast: bool = True
) -> SessionResult:
    """Run one session; the protocol follows the scenario's acceptance rule.

    With ``fast`` (default), two memoryless strategies under unanimity are played by the
    array-based :mod:`grandbargain.simulate.fast`, which gives the same transcript."""
    if len(strategies) != context.n_parties:
        raise ValueError(f"need {context.n_parties} strategies, got {len(strategies)}")
    if context.unratifiable:
        utilities = final_utilities(context, None, 0, 1, 0)
        return SessionResult(
            (), None, NO_RATIFIABLE_OFFER, 0, 0, utilities, None, (), context.unratifiable
        )
    if context.space.quota < context.n_parties or context.space.veto:
        return _voting(context, strategies, rounds)
    if fast:
        from grandbargain.simulate import fast as fast_path

        if fast_path.applies(context, strategies):
            return fast_path.run_memoryless(context, strategies, rounds)
    return _alternating(context, strategies, rounds)


def _observation(
    context: SimulationContext,
    party: int,
    turn: int,
    round_index: int,
    total: int,
    log: list[Offer],
    on_table: Offer | None,
) -> Observation:
    t = turn / total
    reservation = context.reservation_table[round_index][party]
    d = context.discounts[party]
    return Observation(
        party,
        context.n_parties,
        context.preferences[party],
        reservation * d**t if d is not None else reservation,
        d,
        turn,
        round_index,
        total,
        t,
        HistoryView(log, len(log)),
        on_table,
    )


def _date(context: SimulationContext, round_index: int) -> dt.date | None:
    return None if context.round_dates is None else context.round_dates[round_index]


def _alternating(
    context: SimulationContext, strategies: Sequence[Strategy], rounds: int
) -> SessionResult:
    n = context.n_parties
    total = rounds * n
    log: list[Offer] = []
    steps: list[Step] = []
    on_table: Offer | None = None
    accepted: set[int] = set()
    for turn in range(total):
        party = turn % n
        round_index = turn // n
        date = _date(context, round_index)
        observation = _observation(context, party, turn, round_index, total, log, on_table)
        if on_table is not None:
            action = strategies[party].respond(observation, on_table)
            action = _ratified_action(context, party, action, on_table.package)
            if action is Action.WALK_AWAY:
                steps.append(Step(turn, round_index, date, party, action.value, None))
                return walked_away(context, steps, party, turn, total, round_index)
            if action is Action.ACCEPT:
                steps.append(Step(turn, round_index, date, party, action.value, on_table.package))
                accepted.add(party)
                if len(accepted) == n - 1:
                    return SessionResult(
                        tuple(steps),
                        on_table.package,
                        "agreement",
                        turn + 1,
                        round_index + 1,
                        final_utilities(context, on_table.package, turn, total, round_index),
                        None,
                    )
                continue
            steps.append(Step(turn, round_index, date, party, action.value, None))
        proposal = strategies[party].propose(observation)
        if proposal is None:  # nothing it could offer is worth its reservation value
            steps.append(Step(turn, round_index, date, party, Action.WALK_AWAY.value, None))
            return walked_away(context, steps, party, turn, total, round_index)
        package = _ratified_offer(context, party, _check(context, proposal, party))
        on_table = Offer(turn, round_index, party, package)
        log.append(on_table)
        accepted = set()
        steps.append(Step(turn, round_index, date, party, "offer", package))
    return out_of_time(context, steps, rounds)


def _rule_broken(context: SimulationContext, gone: Sequence[int]) -> bool:
    """Whether the parties still at the table can no longer meet the acceptance rule."""
    space = context.space
    return any(v in gone for v in space.veto) or context.n_parties - len(gone) < space.quota


def _voting(
    context: SimulationContext, strategies: Sequence[Strategy], rounds: int
) -> SessionResult:
    space = context.space
    log: list[Offer] = []
    steps: list[Step] = []
    gone: list[int] = []  # in the order they walked away
    for round_index in range(rounds):
        date = _date(context, round_index)
        proposer = round_index % context.n_parties
        while proposer in gone:
            proposer = (proposer + 1) % context.n_parties
        observation = _observation(context, proposer, round_index, round_index, rounds, log, None)
        proposal = strategies[proposer].propose(observation)
        if proposal is None:
            steps.append(Step(round_index, round_index, date, proposer, "walk-away", None))
            gone.append(proposer)
        else:
            package = _ratified_offer(context, proposer, _check(context, proposal, proposer))
            offer = Offer(round_index, round_index, proposer, package)
            log.append(offer)
            steps.append(Step(round_index, round_index, date, proposer, "offer", package))
            yes = _votes(context, strategies, offer, rounds, date, log, steps, gone)
            if len(yes) >= space.quota and all(v in yes for v in space.veto):
                utilities = final_utilities(context, package, round_index, rounds, round_index)
                n = round_index + 1
                return SessionResult(
                    tuple(steps), package, "agreement", n, n, utilities, None, tuple(gone)
                )
        if _rule_broken(context, gone):
            utilities = final_utilities(context, None, round_index, rounds, round_index)
            n = round_index + 1
            return SessionResult(
                tuple(steps), None, "walk-away", n, n, utilities, gone[-1], tuple(gone)
            )
    utilities = final_utilities(context, None, rounds, rounds, rounds - 1)
    return SessionResult(
        tuple(steps), None, "deadline", rounds, rounds, utilities, None, tuple(gone)
    )


def _votes(
    context: SimulationContext,
    strategies: Sequence[Strategy],
    offer: Offer,
    rounds: int,
    date: dt.date | None,
    log: list[Offer],
    steps: list[Step],
    gone: list[int],
) -> set[int]:
    """Every party still at the table votes on ``offer``, in party order; the proposer counts
    as a yes. Voting stops at a walk-away that leaves the rule unmeetable (the talks are over).
    """
    round_index = offer.round
    yes = {offer.proposer}
    for party in range(context.n_parties):
        if party == offer.proposer or party in gone:
            continue
        seen = _observation(context, party, round_index, round_index, rounds, log, offer)
        action = strategies[party].respond(seen, offer)
        action = _ratified_action(context, party, action, offer.package)
        accepted = action is Action.ACCEPT
        package = offer.package if accepted else None
        steps.append(Step(round_index, round_index, date, party, action.value, package))
        if accepted:
            yes.add(party)
        elif action is Action.WALK_AWAY:
            gone.append(party)
            if _rule_broken(context, gone):
                break
    return yes
