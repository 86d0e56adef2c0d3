"""What ratification changes: the moves it blocks, and the rules that leave only no deal.

**Blockers.** On each issue where the unconstrained Nash package picks another option than
the ratified Nash package (or, with no ratified agreement, than the status quo), the move is
attributed to the rules whose removal lets it through: the Nash package re-solved without a
rule (every other rule kept) picks the unconstrained option on that issue. When no single
rule does so, the rules block the move together, and the report gives an irreducible set of
them (removing all of the set lets the move through; keeping any one of them back does not),
found by deletion filtering (Chinneck and Dravnieks 1991, for irreducible infeasible sets).

**Only no deal.** When no ratifiable package that meets the acceptance rule changes any
party's utility from the status quo, the binding rules are found the same way: those whose
removal alone makes an agreement possible, else an irreducible set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import Frontier
from grandbargain.solve.ratification.frontier import (
    affordable,
    ratified_frontier,
    within_winsets,
)
from grandbargain.solve.ratification.rules import PartyRules, Rule, RuleKind, Rules
from grandbargain.space import (
    TOLERANCE,
    IntArray,
    UtilitySpace,
    acceptance_counts,
    package_utilities,
)


@dataclass(frozen=True)
class Blocker:
    """One move of the unconstrained Nash package that ratification blocks."""

    issue: str
    unconstrained: str
    ratified: str
    blocked_by: tuple[Rule, ...]
    jointly: bool
    minimal: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "issue": self.issue,
            "unconstrained": self.unconstrained,
            "ratified": self.ratified,
            "blocked_by": [rule.to_dict() for rule in self.blocked_by],
            "jointly": self.jointly,
            "minimal": self.minimal,
        }


@dataclass(frozen=True)
class RatificationReport:
    """The ratification part of an analysis (``Analysis.ratification``)."""

    rules: tuple[PartyRules, ...]
    method: str
    within_winsets: int
    only_no_deal: bool
    binding: tuple[Rule, ...]
    unconstrained_nash: Mapping[str, str] | None
    blockers: tuple[Blocker, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "rules": [r.to_dict() for r in self.rules],
            "method": self.method,
            "within_winsets": self.within_winsets,
            "only_no_deal": self.only_no_deal,
            "binding": [rule.to_dict() for rule in self.binding],
            "unconstrained_nash": None
            if self.unconstrained_nash is None
            else dict(self.unconstrained_nash),
            "blockers": [b.to_dict() for b in self.blockers],
        }


class Resolver:
    """Frontiers and Nash packages re-solved with some rules dropped, each solved once."""

    def __init__(self, space: UtilitySpace, rules: Rules, cap: int) -> None:
        self.space, self.rules, self.cap = space, rules, cap
        self._frontiers: dict[frozenset[Rule], Frontier] = {}

    def frontier(self, dropped: frozenset[Rule]) -> Frontier:
        """The frontier over packages ratifiable without the ``dropped`` rules that meet the
        acceptance rule (all the solution concepts and :func:`has_agreement` look at)."""
        if dropped not in self._frontiers:
            kept = self.kept(dropped)
            filtered = within_winsets(self.space, kept)
            found = ratified_frontier(filtered, kept, cap=self.cap, feasible_only=True).frontier
            self._frontiers[dropped] = found
        return self._frontiers[dropped]

    def kept(self, dropped: frozenset[Rule]) -> Rules:
        """The rules left when ``dropped`` are removed."""
        kept = self.rules
        for rule in dropped:
            kept = kept.without(rule)
        return kept

    def affordable(self, dropped: frozenset[Rule]) -> bool:
        """Whether re-solving without ``dropped`` is exact and fast (see
        :func:`grandbargain.solve.ratification.frontier.affordable`)."""
        return affordable(self.space, self.kept(dropped))

    def seed(self, dropped: frozenset[Rule], frontier: Frontier) -> None:
        """Record a frontier already found (the analysis's own, with no rule dropped)."""
        self._frontiers[dropped] = frontier

    def nash(self, dropped: frozenset[Rule]) -> IntArray | None:
        """The Nash package without the ``dropped`` rules (None if there is none)."""
        frontier = self.frontier(dropped)
        choice = choose(frontier, self.space.reservation).nash
        return None if choice is None else frontier.package(choice.row)

    def agreement(self, dropped: frozenset[Rule]) -> bool:
        """Whether some ratifiable package meeting the acceptance rule changes a party's
        utility from the status quo (or, with no status quo, any such package exists)."""
        return has_agreement(self.space, self.frontier(dropped))


def has_agreement(space: UtilitySpace, frontier: Frontier) -> bool:
    """See :meth:`Resolver.agreement`."""
    feasible = acceptance_counts(space, frontier.utilities)[1]
    if space.status_quo is None:
        return bool(feasible.any())
    base = package_utilities(space, np.array([space.status_quo], dtype=np.int64))[0]
    moved = np.any(np.abs(frontier.utilities - base) > TOLERANCE, axis=1)
    return bool(np.any(feasible & moved))


@dataclass(frozen=True)
class Culprits:
    """The rules to remove to free something: ``jointly`` when no single one does it;
    ``minimal`` unless some smaller set could not be tried (see :func:`culprits`)."""

    rules: tuple[Rule, ...]
    jointly: bool
    minimal: bool


def culprits(
    rules: tuple[Rule, ...],
    freed: Callable[[frozenset[Rule]], bool],
    affordable: Callable[[frozenset[Rule]], bool],
) -> Culprits:
    """The rules whose removal alone ``freed`` accepts; else an irreducible set (deletion
    filter from all the rules, win-sets tried first as they shrink the space most), flagged
    as joint. Empty when even all of them do not. Re-solves that ``affordable`` rejects (a
    package vote over more than ten million packages) are not tried: a rule that could only
    be tested that way stays in the set, which then still frees the move but may not be
    irreducible (``minimal`` False)."""
    skipped = False
    single = []
    for rule in rules:
        alone = frozenset({rule})
        if not affordable(alone):
            skipped = True
        elif freed(alone):
            single.append(rule)
    if single:
        return Culprits(tuple(single), False, True)
    if not freed(frozenset(rules)):
        return Culprits((), True, True)
    needed = list(rules)
    for rule in sorted(rules, key=lambda r: list(RuleKind).index(r.kind)):
        trial = frozenset(r for r in needed if r != rule)
        if not affordable(trial):
            skipped = True
        elif freed(trial):
            needed = [r for r in needed if r != rule]
    return Culprits(tuple(needed), True, not skipped)


def blockers(
    space: UtilitySpace, resolver: Resolver, ratified: IntArray | None
) -> tuple[tuple[Blocker, ...], IntArray | None]:
    """The blocked moves of the unconstrained Nash package, and that package."""
    everything = frozenset(resolver.rules.rules)
    free = resolver.nash(everything)
    reference = ratified
    if reference is None and space.status_quo is not None:
        reference = np.array(space.status_quo, dtype=np.int64)
    if free is None or reference is None:
        return (), free
    found = []
    for i in np.flatnonzero(free != reference):
        wanted = int(free[i])

        def makes_move(dropped: frozenset[Rule], i: int = int(i), wanted: int = wanted) -> bool:
            package = resolver.nash(dropped)
            return package is not None and int(package[i]) == wanted

        by = culprits(resolver.rules.rules, makes_move, resolver.affordable)
        found.append(
            Blocker(
                space.issue_ids[i],
                space.option_ids[i][wanted],
                space.option_ids[i][int(reference[i])],
                by.rules,
                by.jointly,
                by.minimal,
            )
        )
    return tuple(found), free


def ratification_report(
    full: UtilitySpace,
    rules: Rules,
    frontier: Frontier,
    nash: IntArray | None,
    cap: int,
    method: str,
    explain: bool = True,
) -> RatificationReport:
    """The ratification part of an analysis: ``full`` is the space without any rule,
    ``frontier`` and ``nash`` what the analysis found over ratifiable packages. Without
    ``explain`` (a quick analysis) no rule is re-solved: no blockers, no binding rules and
    no unconstrained Nash package."""
    resolver = Resolver(full, rules, cap)
    resolver.seed(frozenset(), frontier)
    only_no_deal = not has_agreement(full, frontier)
    binding: tuple[Rule, ...] = ()
    found: tuple[Blocker, ...] = ()
    free = None
    if explain and only_no_deal:
        binding = culprits(rules.rules, resolver.agreement, resolver.affordable).rules
    if explain:
        found, free = blockers(full, resolver, nash)
    inside = 1
    for allowed, mask in zip(rules.allowed(full), full.admissible, strict=True):
        inside *= int((allowed & mask).sum())
    return RatificationReport(
        rules=rules.stated,
        method=method,
        within_winsets=inside,
        only_no_deal=only_no_deal,
        binding=binding,
        unconstrained_nash=None if free is None else full.package_dict(free),
        blockers=found,
    )
