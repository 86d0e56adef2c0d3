"""Who is at the table and behind it: parties and their stances, the acceptance rule, and
stakeholders."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from grandbargain.model.schema.base import Frozen, FrozenMap, Id, PartyName, Text
from grandbargain.model.schema.evidence import EvidenceList


class Stance(Frozen):
    """A party's preferences on one issue."""

    weight: float = Field(ge=0, le=1e6, description="Importance; divided by the party's sum.")
    values: FrozenMap[Id, float] = Field(
        description="Value of every option on the scenario's value scale."
    )
    red_lines: tuple[Id, ...] = Field(default=(), description="Options the party never accepts.")
    evidence: EvidenceList


class Party(Frozen):
    """A side at the table."""

    name: PartyName = Field(description="Unique name; used to refer to the party.")
    description: Text | None = Field(default=None, description="Who the party is.")
    stances: FrozenMap[Id, Stance] = Field(description="One stance per issue, keyed by issue id.")
    reservation_value: float | None = Field(
        default=None,
        ge=-1e9,
        le=1e9,
        description="Utility of no deal (0..1 scale for normalised weights); omitted = utility "
        "of the status quo on the analysis date.",
    )
    discount: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="GENIUS-style discount factor d: in simulations utility and reservation "
        "value are multiplied by d^t (t = normalised time 0..1); omitted = no discounting.",
    )
    evidence: EvidenceList


class Acceptance(Frozen):
    """Who must agree: every party (unanimity) or a quota that includes every veto party."""

    rule: Literal["unanimity", "quota"] = Field(default="unanimity", description="The rule.")
    quota: int | None = Field(default=None, ge=1, description="Parties needed under `quota`.")
    veto: tuple[PartyName, ...] = Field(default=(), description="Parties that must agree.")

    @model_validator(mode="after")
    def _quota_given(self) -> Acceptance:
        if self.rule == "quota" and self.quota is None:
            raise ValueError("rule 'quota' needs a quota (number of parties that must accept)")
        if self.rule == "unanimity" and (self.quota is not None or self.veto):
            raise ValueError("quota and veto only apply to rule 'quota'")
        return self


class StakeholderStance(Frozen):
    """A stakeholder's view of one issue."""

    position: float = Field(ge=0, le=100, description="Preferred position, 0-100.")
    salience: float = Field(ge=0, le=1, description="How much the issue matters to it, 0-1.")
    clout: float = Field(gt=0, le=1e6, description="Its influence on the issue, > 0.")


class Stakeholder(Frozen):
    """An actor behind a party: a firm, agency, legislator, ally or leadership group."""

    id: Id
    name: Text = Field(min_length=1, description="Display name.")
    party: PartyName = Field(description="The party it stands behind.")
    kind: Literal[
        "leadership",
        "agency",
        "legislator",
        "firm",
        "industry",
        "ally",
        "interest-group",
        "other",
    ] = Field(description="What sort of actor it is.")
    stances: FrozenMap[Id, StakeholderStance] = Field(
        default_factory=dict, validate_default=True, description="Per issue id."
    )
    evidence: EvidenceList
