"""A scenario's ratification rules as arrays (two-level games: Putnam 1988; Iida 1993).

Three kinds of rule, each party's own (docs/explanation/ratification.md):

- **win-sets**: on each issue only the options inside the party's domestic win-set
  (:func:`grandbargain.forecast.two_level.domestic_winsets`, threshold per issue) are
  allowed - a per-issue filter, so exact and linear;
- **veto players**: stakeholder ``s`` must not lose against the status quo,
  ``U_s(package) >= U_s(status quo)``, where
  ``U_s = sum_i sal_s,i * (100 - |pos_s,i - pos(o_i)|) / 100 / sum_i sal_s,i`` over the
  issues where ``s`` has a stance (and every option has a position). ``U_s`` is additive over
  issues, so a veto player is one more utility dimension that must accept and does not
  bargain (Tsebelis 2002);
- **package vote**: the party's stakeholders who weakly prefer the package to the status quo
  hold at least ``threshold`` of the party's weight ``sum_s sum_i clout_s,i * sal_s,i``.

Stakeholder numbers are the nominal ones the scenario holds; the status quo is the one of the
analysis date (events, conditions and forced events applied), as for the parties.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np

from grandbargain.forecast.two_level import WinSet, domestic_winsets
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Ratification, Scenario, Stakeholder
from grandbargain.space import TOLERANCE, BoolArray, FloatArray, IntArray, UtilitySpace

SHARE_TOLERANCE = 1e-12
"""Shares of weight within this of a threshold meet it (as in ``grandbargain winsets``)."""


class RuleKind(StrEnum):
    """The three kinds of ratification rule."""

    WINSETS = "winsets"
    VETO = "veto"
    PACKAGE = "package"


@dataclass(frozen=True)
class Rule:
    """One rule that can block a deal: a party's win-sets, one veto player, a party's vote."""

    kind: RuleKind
    party: str
    stakeholder: str | None = None

    @property
    def label(self) -> str:
        """How the rule is named in tables."""
        if self.kind is RuleKind.WINSETS:
            return f"{self.party}'s domestic win-sets"
        if self.kind is RuleKind.VETO:
            return f"veto player {self.stakeholder} ({self.party})"
        return f"{self.party}'s package vote"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"rule": self.kind.value, "party": self.party, "stakeholder": self.stakeholder}


@dataclass(frozen=True)
class PartyRules:
    """The rules a scenario states for one party, as written."""

    party: str
    winsets: float | None
    winset_issues: Mapping[str, float]
    veto_players: tuple[str, ...]
    package: float | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "party": self.party,
            "winsets": None
            if self.winsets is None
            else {"threshold": self.winsets, "issues": dict(self.winset_issues)},
            "veto_players": list(self.veto_players),
            "package": None if self.package is None else {"threshold": self.package},
        }


@dataclass(frozen=True)
class PackageVote:
    """A party's package vote: its stakeholders' columns, their weights and the threshold."""

    rule: Rule
    members: IntArray
    weights: FloatArray
    threshold: float


@dataclass(frozen=True)
class Rules:
    """Every ratification rule of a scenario on one date, ready for the engines.

    ``tables[i]`` has shape (options of issue i, stakeholders) with each stakeholder's share
    of ``U_s`` from issue i; ``status_quo`` is each stakeholder's ``U_s`` of the status quo.
    Only veto players and the stakeholders of parties with a package vote get a column.
    """

    stated: tuple[PartyRules, ...]
    winsets: tuple[tuple[Rule, tuple[BoolArray, ...]], ...]
    holders: tuple[str, ...]
    tables: tuple[FloatArray, ...]
    status_quo: FloatArray
    veto: tuple[tuple[Rule, int], ...]
    votes: tuple[PackageVote, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule in force, win-sets first, then veto players, then votes."""
        return (
            *(rule for rule, _ in self.winsets),
            *(rule for rule, _ in self.veto),
            *(vote.rule for vote in self.votes),
        )

    @property
    def linear(self) -> bool:
        """Whether no package vote applies (every rule is a filter or a dimension)."""
        return not self.votes

    def without(self, dropped: Rule) -> Rules:
        """The same rules with ``dropped`` left out."""
        return dataclasses.replace(
            self,
            winsets=tuple(w for w in self.winsets if w[0] != dropped),
            veto=tuple(v for v in self.veto if v[0] != dropped),
            votes=tuple(v for v in self.votes if v.rule != dropped),
        )

    def compact(self) -> Rules:
        """The same rules with a column only for the stakeholders they still use."""
        used = sorted({c for _, c in self.veto} | {int(m) for v in self.votes for m in v.members})
        if len(used) == len(self.holders):
            return self
        where = {old: new for new, old in enumerate(used)}
        return dataclasses.replace(
            self,
            holders=tuple(self.holders[c] for c in used),
            tables=tuple(t[:, used] for t in self.tables),
            status_quo=self.status_quo[used],
            veto=tuple((rule, where[c]) for rule, c in self.veto),
            votes=tuple(
                dataclasses.replace(
                    v, members=np.array([where[int(m)] for m in v.members], dtype=np.int64)
                )
                for v in self.votes
            ),
        )

    @classmethod
    def none_of(cls, rules: Rules) -> Rules:
        """``rules`` with every rule left out (the stated rules kept for reporting)."""
        return dataclasses.replace(rules, winsets=(), veto=(), votes=())

    def allowed(self, space: UtilitySpace) -> tuple[BoolArray, ...]:
        """Per issue, the options inside every party's win-set."""
        masks = [np.ones(len(options), dtype=bool) for options in space.option_ids]
        for _, party_masks in self.winsets:
            for mask, inside in zip(masks, party_masks, strict=True):
                mask &= inside
        return tuple(masks)

    def values(self, packages: IntArray) -> FloatArray:
        """Each stakeholder's ``U_s`` of ``packages`` (option indices): (packages, holders)."""
        total = np.zeros((len(packages), len(self.holders)))
        for i, table in enumerate(self.tables):
            total += table[packages[:, i]]
        return total

    def accepted(self, values: FloatArray) -> BoolArray:
        """Which packages (their stakeholder values) every veto player and vote accepts.

        Rules are checked one after the other on the packages still in, cheapest first."""
        live = np.arange(len(values))
        for _, column in self.veto:
            live = live[values[live, column] >= self.status_quo[column] - TOLERANCE]
        for vote in self.votes:
            total = float(vote.weights.sum())
            if total <= 0 or not len(live):
                continue
            share = np.zeros(len(live))
            for member, weight in zip(vote.members, vote.weights, strict=True):
                share += np.where(
                    values[live, member] >= self.status_quo[member] - TOLERANCE, weight, 0.0
                )
            live = live[share / total >= vote.threshold - SHARE_TOLERANCE]
        ok = np.zeros(len(values), dtype=bool)
        ok[live] = True
        return ok

    def ratifiable(self, space: UtilitySpace, packages: IntArray) -> BoolArray:
        """Which ``packages`` every rule lets through (win-sets included)."""
        ok = np.ones(len(packages), dtype=bool)
        for i, mask in enumerate(self.allowed(space)):
            ok &= mask[packages[:, i]]
        return ok & self.accepted(self.values(packages))


def stakeholder_tables(
    scenario: Scenario, holders: tuple[Stakeholder, ...]
) -> tuple[FloatArray, ...]:
    """Per issue, each stakeholder's share of ``U_s`` for each option (module docstring)."""
    tables = [np.zeros((len(issue.options), len(holders))) for issue in scenario.issues]
    for column, holder in enumerate(holders):
        used = {
            i: holder.stances[issue.id]
            for i, issue in enumerate(scenario.issues)
            if issue.id in holder.stances and all(o.position is not None for o in issue.options)
        }
        total = sum(stance.salience for stance in used.values())
        if total <= 0:
            continue  # indifferent to every package: it always accepts
        for i, stance in used.items():
            for k, option in enumerate(scenario.issues[i].options):
                distance = abs(stance.position - float(option.position or 0.0))
                tables[i][k, column] = stance.salience * (100.0 - distance) / 100.0 / total
    for table in tables:
        table.flags.writeable = False
    return tuple(tables)


def _winset_masks(
    space: UtilitySpace, entry: Ratification, found: Mapping[tuple[str, str], WinSet]
) -> tuple[BoolArray, ...]:
    assert entry.winsets is not None
    masks = []
    for i, issue in enumerate(space.issue_ids):
        inside = np.ones(len(space.option_ids[i]), dtype=bool)
        winset = found[(entry.party, issue)]
        if winset.derived:
            threshold = entry.winsets.issues.get(issue, entry.winsets.threshold)
            for k, option in enumerate(winset.options):
                at_sq = option.option == winset.status_quo
                inside[k] = at_sq or option.support >= threshold - SHARE_TOLERANCE
        inside.flags.writeable = False
        masks.append(inside)
    return tuple(masks)


def _stated(entry: Ratification) -> PartyRules:
    return PartyRules(
        party=entry.party,
        winsets=None if entry.winsets is None else entry.winsets.threshold,
        winset_issues=MappingProxyType({} if entry.winsets is None else dict(entry.winsets.issues)),
        veto_players=entry.veto_players,
        package=None if entry.package is None else entry.package.threshold,
    )


def build_rules(scenario: Scenario, space: UtilitySpace) -> Rules:
    """The scenario's ratification rules on the space's date (no rules: an empty set)."""
    entries = scenario.ratification
    voting = {e.party for e in entries if e.package is not None}
    vetoes = {holder for e in entries for holder in e.veto_players}
    holders = tuple(
        h for h in scenario.stakeholders if h.id in vetoes or (h.party in voting and h.stances)
    )
    column = {h.id: k for k, h in enumerate(holders)}
    tables = stakeholder_tables(scenario, holders)
    status_quo = np.zeros(len(holders))
    if holders:
        if space.status_quo is None:
            raise InputError([_no_status_quo(scenario)])
        sq = np.array([space.status_quo], dtype=np.int64)
        status_quo = sum((t[sq[:, i]][0] for i, t in enumerate(tables)), np.zeros(len(holders)))
    status_quo.flags.writeable = False
    found: dict[tuple[str, str], WinSet] = {}
    if any(e.winsets is not None for e in entries):
        derived = domestic_winsets(scenario, state=space.state).winsets
        found = {(w.party, w.issue): w for w in derived}
    winsets = tuple(
        (Rule(RuleKind.WINSETS, e.party), _winset_masks(space, e, found))
        for e in entries
        if e.winsets is not None
    )
    veto = tuple(
        (Rule(RuleKind.VETO, e.party, holder), column[holder])
        for e in entries
        for holder in e.veto_players
    )
    votes = tuple(_vote(e, holders, column) for e in entries if e.package is not None)
    return Rules(
        tuple(_stated(e) for e in entries), winsets, tuple(column), tables, status_quo, veto, votes
    )


def _vote(
    entry: Ratification, holders: tuple[Stakeholder, ...], column: Mapping[str, int]
) -> PackageVote:
    assert entry.package is not None
    members = [h for h in holders if h.party == entry.party]
    weights = np.array(
        [sum(s.clout * s.salience for s in h.stances.values()) for h in members], dtype=float
    )
    return PackageVote(
        Rule(RuleKind.PACKAGE, entry.party),
        np.array([column[h.id] for h in members], dtype=np.int64),
        weights,
        entry.package.threshold,
    )


def _no_status_quo(scenario: Scenario) -> Problem:
    return Problem(
        scenario.id,
        0,
        0,
        "ratification",
        "veto players and package votes compare a package with the status quo; give every "
        "issue a status quo (on the analysis date)",
    )
