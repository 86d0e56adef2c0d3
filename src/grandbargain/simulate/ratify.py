"""Ratification-constrained talks: each party offers and accepts only what it can ratify.

A government can only sign what it can carry home (Putnam 1988). With ``ratify`` on, the
parties bargain under the scenario's ``ratification`` blocks, with exactly the semantics of
:mod:`grandbargain.solve.ratification.rules` (the same
:class:`~grandbargain.solve.ratification.rules.Rules`):

- **win-sets** narrow the agenda: an option outside some party's win-set on an issue can never
  be ratified by that party, so it is taken off the table for everyone (and-ed into every
  party's :attr:`OwnPreferences.admissible`, as options withdrawn by events are). An exact
  filter of options; each offer curve is built on what is left;
- a party's **veto players and package vote** are its own, private, and checked on whole
  packages: :class:`DomesticRules` is part of that party's preferences (a government knows
  its domestic politics), so ``allows`` rejects a package they block and its offer curves
  keep only packages they let through (:func:`grandbargain.simulate.iso.offer_curve`).

Under unanimity an agreement is proposed by one party and accepted by every other, so it
passes every party's rules (docs/explanation/simulation.md, "Ratification").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import OwnPreferences, Package
from grandbargain.solve.ratification.rules import Rules, build_rules
from grandbargain.space import BoolArray, IntArray, UtilitySpace


@dataclass(frozen=True, eq=False)
class DomesticRules:
    """One party's veto players and package vote (its win-sets are applied as a filter).

    ``status_quo`` is the status quo package when the party may put it forward: it passes
    every rule by construction, so it is always a candidate offer (``None`` when the party's
    red lines or the public constraints exclude it).
    """

    party: str
    rules: Rules
    status_quo: Package | None
    _seen: dict[Package, bool] = field(default_factory=dict, repr=False)

    @cached_property
    def checks(self) -> bool:
        """Whether any veto player or package vote applies (else every package passes)."""
        return bool(self.rules.veto or self.rules.votes)

    def passes(self, packages: IntArray) -> BoolArray:
        """Which ``packages`` (rows of option indices) the veto players and vote let through."""
        if not self.checks or not len(packages):
            return np.ones(len(packages), dtype=bool)
        return self.rules.accepted(self.rules.values(packages))

    def passes_one(self, package: Package) -> bool:
        """:meth:`passes` for one package (remembered: sessions offer the same ones often)."""
        known = self._seen.get(package)
        if known is None:
            known = bool(self.passes(np.array([package], dtype=np.int64))[0])
            self._seen[package] = known
        return known


def party_rules(rules: Rules, party: str) -> Rules:
    """``rules`` kept to the ones of ``party`` (with columns only for its stakeholders)."""
    kept = rules
    for rule in rules.rules:
        if rule.party != party:
            kept = kept.without(rule)
    return kept.compact()


def and_masks(first: Sequence[BoolArray], second: Sequence[BoolArray]) -> tuple[BoolArray, ...]:
    """Issue by issue, the options both masks allow (read-only arrays)."""
    masks = []
    for a, b in zip(first, second, strict=True):
        mask = a & b
        mask.flags.writeable = False
        masks.append(mask)
    return tuple(masks)


def ratified_preferences(
    scenario: Scenario, space: UtilitySpace, plain: Sequence[OwnPreferences]
) -> tuple[OwnPreferences, ...]:
    """Every party's preferences on the agenda narrowed to the options inside every party's
    win-sets, with its own veto players and package vote (unchanged without any rule)."""
    if not scenario.ratification:
        return tuple(plain)
    rules = build_rules(scenario, space)
    table = rules.allowed(space)
    status_quo = None if space.status_quo is None else tuple(int(o) for o in space.status_quo)
    stated = {entry.party for entry in rules.stated}
    result = []
    for prefs in plain:
        narrowed = dataclasses.replace(prefs, admissible=and_masks(prefs.admissible, table))
        if prefs.name not in stated:
            result.append(narrowed)
            continue
        offered = status_quo if status_quo is not None and narrowed.permits(status_quo) else None
        domestic = DomesticRules(prefs.name, party_rules(rules, prefs.name), offered)
        result.append(dataclasses.replace(narrowed, domestic=domestic))
    return tuple(result)


@dataclass(frozen=True)
class RatificationNote:
    """How ratification bore on a simulation run with ``ratify``.

    ``parties``: the parties that bargained under their own rules (those with a
    ``ratification`` block); ``no_ratifiable_offer``: those its rules left nothing to offer (in
    some stage), so no deal was possible; ``caused_no_deal``: for a run without agreement,
    whether the same run without the rules (same strategies and seed) reaches one - None for
    an agreement, or when not replayed (a language-model seat).
    """

    parties: tuple[str, ...]
    no_ratifiable_offer: tuple[str, ...]
    caused_no_deal: bool | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "applied": True,
            "parties": list(self.parties),
            "no_ratifiable_offer": list(self.no_ratifiable_offer),
            "caused_no_deal": self.caused_no_deal,
        }


def ratification_note(
    preferences: Sequence[OwnPreferences], blocked: Collection[int], agreed_without: bool | None
) -> RatificationNote:
    """The note of a run with ``ratify``: ``blocked``, the parties left without a ratifiable
    offer; ``agreed_without``, whether the run without the rules agreed (None: not run)."""
    return RatificationNote(
        tuple(p.name for p in preferences if p.domestic is not None),
        tuple(preferences[p].name for p in sorted(blocked)),
        agreed_without,
    )
