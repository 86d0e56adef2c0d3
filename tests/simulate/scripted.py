"""Scripted players (after Axelrod's ``mock_player.py``).

``Scripted`` plays a fixed list of moves, for hand-worked protocol tests. The others are
opponents for the strategy contract suite: they obey the protocol (valid packages) but not the
contract: the random one offers packages its counterpart's red lines and the public rules
forbid, to check that nobody accepts them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from grandbargain.simulate.base import Action, Observation, Offer, Package
from grandbargain.simulate.iso import OfferCurve, offer_curve


@dataclass
class Scripted:
    """Proposes from a list (repeating the last; None walks away); responds from a list
    (repeating the last). Every observation it is shown is kept in ``seen``."""

    proposals: Sequence[Package | None]
    responses: Sequence[Action] = (Action.REJECT,)
    seen: list[Observation] = field(default_factory=list)
    name: ClassVar[str] = "scripted"
    description: ClassVar[str] = "test double"

    def propose(self, observation: Observation) -> Package | None:
        self.seen.append(observation)
        made = len(observation.history.by(observation.party))
        return self.proposals[min(made, len(self.proposals) - 1)]

    def respond(self, observation: Observation, offer: Offer) -> Action:
        self.seen.append(observation)
        answered = sum(1 for o in self.seen if o.on_table is not None) - 1
        return self.responses[min(answered, len(self.responses) - 1)]


class _Scripted(ABC):
    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self._curve: OfferCurve | None = None

    def curve(self, observation: Observation) -> OfferCurve:
        if self._curve is None:
            self._curve = offer_curve(observation.preferences)
        return self._curve

    @abstractmethod
    def propose(self, observation: Observation) -> Package: ...

    @abstractmethod
    def respond(self, observation: Observation, offer: Offer) -> Action: ...


class AlwaysOwnBest(_Scripted):
    """Always proposes its own best package and rejects everything."""

    name: ClassVar[str] = "scripted-own-best"
    description: ClassVar[str] = "proposes its best package, rejects everything"

    def propose(self, observation: Observation) -> Package:
        curve = self.curve(observation)
        return curve.at_least(curve.best)

    def respond(self, observation: Observation, offer: Offer) -> Action:
        return Action.REJECT


class ConcedeLinearly(_Scripted):
    """Concedes linearly in own utility from its best to its worst curve package."""

    name: ClassVar[str] = "scripted-linear"
    description: ClassVar[str] = "concedes linearly to its worst curve package, ignoring rules"

    def _target(self, observation: Observation) -> float:
        curve = self.curve(observation)
        worst = float(curve.own[-1])
        return curve.best - observation.t * (curve.best - worst)

    def propose(self, observation: Observation) -> Package:
        return self.curve(observation).at_least(self._target(observation))

    def respond(self, observation: Observation, offer: Offer) -> Action:
        value = observation.preferences.utility(offer.package)
        return Action.ACCEPT if value >= self._target(observation) else Action.REJECT


class AcceptEverything(_Scripted):
    """Proposes its best package; accepts any offer."""

    name: ClassVar[str] = "scripted-accept-all"
    description: ClassVar[str] = "proposes its best package, accepts everything"

    def propose(self, observation: Observation) -> Package:
        curve = self.curve(observation)
        return curve.at_least(curve.best)

    def respond(self, observation: Observation, offer: Offer) -> Action:
        return Action.ACCEPT


class RandomAnything(_Scripted):
    """Proposes uniformly random packages over all options (rules ignored); answers at random."""

    name: ClassVar[str] = "scripted-random"
    description: ClassVar[str] = "random packages over all options, random answers"

    def propose(self, observation: Observation) -> Package:
        sizes = [len(options) for options in observation.preferences.option_ids]
        return tuple(int(self.rng.integers(0, size)) for size in sizes)

    def respond(self, observation: Observation, offer: Offer) -> Action:
        return Action.ACCEPT if self.rng.random() < 0.5 else Action.REJECT


SCRIPTED: dict[str, type[_Scripted]] = {
    cls.name: cls for cls in (AlwaysOwnBest, ConcedeLinearly, AcceptEverything, RandomAnything)
}
