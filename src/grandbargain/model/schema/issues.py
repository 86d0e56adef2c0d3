"""Issues, their options and the buckets that group them."""

from __future__ import annotations

from pydantic import Field

from grandbargain.model.schema.base import Frozen, Id, PartyName, Text
from grandbargain.model.schema.evidence import EvidenceList


class TradeEffect(Frozen):
    """Change in the US-China bilateral balances if this option is chosen, $bn a year.

    Positive means the balance moves in the first party's favour (for us-china-2025: the US
    deficit shrinks).
    """

    goods: float = Field(default=0.0, ge=-1e5, le=1e5, description="Goods balance, $bn/yr.")
    services: float = Field(default=0.0, ge=-1e5, le=1e5, description="Services, $bn/yr.")


class Option(Frozen):
    """One way an issue can be settled."""

    id: Id
    label: Text = Field(min_length=1, description="Short name shown in tables.")
    description: Text | None = Field(default=None, description="What the option means.")
    position: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Policy position on the issue's 0-100 scale (used by forecasting).",
    )
    trade_effects: TradeEffect | None = Field(
        default=None, description="Trade balance effect of the option, $bn/yr."
    )
    evidence: EvidenceList


class Issue(Frozen):
    """A bargaining chip: one question the negotiation settles by choosing one option."""

    id: Id
    title: Text = Field(min_length=1, description="Short name of the issue.")
    bucket: Id = Field(description="Id of the bucket the issue belongs to.")
    description: Text | None = Field(default=None, description="What is at stake.")
    search_terms: tuple[str, ...] = Field(default=(), description="Words to find evidence by.")
    options: tuple[Option, ...] = Field(min_length=2, description="Ordered options.")
    status_quo: Id | None = Field(
        default=None, description="Option in force before any event; none = no status quo."
    )
    position_scale: str | None = Field(
        default=None, description="What 0 and 100 mean on this issue's position scale."
    )
    splittable: bool = Field(default=False, description="May be split in fair division.")
    evidence: EvidenceList


class Bucket(Frozen):
    """A named group of issues."""

    id: Id
    title: Text = Field(min_length=1, description="Name of the bucket.")
    advantage: PartyName | None = Field(
        default=None, description="The party holding the advantage in this bucket, if any."
    )
    description: Text | None = Field(default=None, description="What the bucket holds.")
    evidence: EvidenceList
