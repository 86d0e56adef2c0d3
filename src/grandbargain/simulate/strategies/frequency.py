"""A frequency model of the other parties' preferences (HardHeaded, van Krimpen et al. 2013).

Learnt from the offers the others make, as the ANAC 2011 winner HardHeaded does:

- **issue weights** start equal (``1/n``); each time a party's offer keeps the option of its
  previous offer on an issue, that issue's weight gains ``learning_rate / n`` and the weights
  are renormalised - a party that rarely moves on an issue is taken to care about it;
- **option values** count how often each option was offered (every count starts at 1, so
  options never offered keep a small positive value); an option's value is its count over the
  issue's largest count.

The model table of issue ``i`` for one party is ``weight[i] * value[i]``: non-negative, same
shape as the own tables, so usable by :func:`~grandbargain.simulate.iso.offer_curve`. With
several other parties the model is the mean of their tables (the curve needs one "other"
utility). Only offers in ``observation.history`` are learnt, each exactly once.

van Krimpen, T., Looije, D. and Hajizadeh, S. (2013). HardHeaded. In Complex Automated
Negotiations, SCI 435, 223-227.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from grandbargain.simulate.base import Observation, Package
from grandbargain.space import FloatArray

DEFAULT_LEARNING_RATE = 0.2
"""HardHeaded's learning coefficient for issue weights."""


@dataclass
class _PartyModel:
    weights: FloatArray
    counts: list[FloatArray]
    last: Package | None = None

    def learn(self, package: Package, learning_rate: float) -> None:
        n_issues = len(self.weights)
        if self.last is not None:
            same = np.array([a == b for a, b in zip(package, self.last, strict=True)])
            self.weights = self.weights + same * (learning_rate / n_issues)
            self.weights = self.weights / self.weights.sum()
        for counts, option in zip(self.counts, package, strict=True):
            counts[option] += 1.0
        self.last = package

    def tables(self) -> tuple[FloatArray, ...]:
        return tuple(w * c / c.max() for w, c in zip(self.weights, self.counts, strict=True))


@dataclass
class FrequencyModel:
    """HardHeaded-style frequency model of every other party, learnt incrementally."""

    learning_rate: float = DEFAULT_LEARNING_RATE
    _parties: dict[int, _PartyModel] = field(default_factory=dict)
    _seen: int = 0
    _tables: tuple[FloatArray, ...] | None = None  # kept until the next offer is learnt

    def update(self, observation: Observation) -> None:
        """Learn from the offers in the history not seen yet (the party's own are skipped)."""
        history = observation.history
        sizes = [len(options) for options in observation.preferences.option_ids]
        for index in range(self._seen, len(history)):
            offer = history[index]
            if offer.proposer == observation.party:
                continue
            model = self._parties.get(offer.proposer)
            if model is None:
                model = _PartyModel(
                    np.full(len(sizes), 1.0 / len(sizes)), [np.ones(size) for size in sizes]
                )
                self._parties[offer.proposer] = model
            model.learn(offer.package, self.learning_rate)
            self._tables = None
        self._seen = len(history)

    @property
    def observed(self) -> bool:
        """Whether any other party's offer has been learnt."""
        return bool(self._parties)

    def weights(self, party: int) -> FloatArray:
        """The learnt issue weights of ``party`` (sum 1)."""
        return self._parties[party].weights.copy()

    def tables(self) -> tuple[FloatArray, ...] | None:
        """Mean model tables over the other parties (None before any offer); the same object
        until another offer is learnt."""
        if not self._parties:
            return None
        if self._tables is None:
            per_party = [model.tables() for model in self._parties.values()]
            self._tables = (
                per_party[0]  # the mean of one party's tables is those tables
                if len(per_party) == 1
                else tuple(
                    np.mean(np.stack(issue), axis=0) for issue in zip(*per_party, strict=True)
                )
            )
        return self._tables
