"""How each party ratifies a deal at home (two-level games: Putnam 1988; Tsebelis 2002).

A party may name up to three rules, each optional: per-issue domestic win-sets, veto players
(stakeholders who must not lose against the status quo) and a package-level vote of its
stakeholders. A scenario that names none keeps today's analysis; see
docs/explanation/ratification.md.
"""

from __future__ import annotations

from pydantic import Field

from grandbargain.model.schema.base import Frozen, FrozenMap, Id, PartyName
from grandbargain.model.schema.evidence import EvidenceList


class WinsetRule(Frozen):
    """Per-issue domestic win-sets: an option is allowed only when the party's stakeholders
    who prefer it to the status quo hold at least ``threshold`` of their clout x salience on
    the issue (the rule of ``grandbargain winsets``; the status quo is always inside)."""

    threshold: float = Field(
        default=0.5, ge=0, le=1, description="Share of clout x salience needed, 0..1."
    )
    issues: FrozenMap[Id, float] = Field(
        default_factory=dict,
        validate_default=True,
        description="Per-issue thresholds (0..1) that replace `threshold` on those issues.",
    )


class PackageRule(Frozen):
    """A package-level vote: the party's stakeholders who weakly prefer the package to the
    status quo must hold at least ``threshold`` of the party's weight (each stakeholder's
    clout x salience summed over its issues)."""

    threshold: float = Field(default=0.5, ge=0, le=1, description="Share of weight, 0..1.")


class Ratification(Frozen):
    """How one party ratifies: any of per-issue win-sets, veto players and a package vote."""

    party: PartyName = Field(description="The party these rules apply to.")
    winsets: WinsetRule | None = Field(
        default=None, description="Per-issue domestic win-sets; omitted = not applied."
    )
    veto_players: tuple[Id, ...] = Field(
        default=(),
        description="Ids of this party's stakeholders whose utility of a package must not "
        "fall below their utility of the status quo.",
    )
    package: PackageRule | None = Field(
        default=None, description="Package-level vote of the stakeholders; omitted = none."
    )
    evidence: EvidenceList
