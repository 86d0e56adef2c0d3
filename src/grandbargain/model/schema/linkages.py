"""Cross-issue interaction terms and constraints, and the exogenous conditions that switch
them on."""

from __future__ import annotations

from pydantic import Field, model_validator

from grandbargain.model.schema.base import Frozen, FrozenMap, Id, PartyName, Text
from grandbargain.model.schema.evidence import EvidenceList


class Interaction(Frozen):
    """Utility added for parties when a combination of options is chosen together."""

    id: Id
    description: Text | None = Field(default=None, description="Why the combination matters.")
    when: FrozenMap[Id, Id] = Field(
        min_length=2, description="issue id -> option id, all required."
    )
    utilities: FrozenMap[PartyName, float] = Field(
        min_length=1, description="Utility added per party (0..1 scale, may be negative)."
    )
    evidence: EvidenceList

    @model_validator(mode="after")
    def _finite_utilities(self) -> Interaction:
        for party, value in self.utilities.items():
            if not -1.0 <= value <= 1.0:
                raise ValueError(f"utility for {party!r} is {value}; expected -1..1")
        return self


class Constraint(Frozen):
    """`when` these options are chosen, each issue in `requires` must take one of its options."""

    id: Id
    description: Text | None = Field(default=None, description="Why the rule holds.")
    when: FrozenMap[Id, Id] = Field(min_length=1, description="issue id -> option id.")
    requires: FrozenMap[Id, tuple[Id, ...]] = Field(
        min_length=1, description="issue id -> allowed option ids."
    )
    evidence: EvidenceList


class Linkages(Frozen):
    """Cross-issue interaction terms and constraints."""

    interactions: tuple[Interaction, ...] = Field(default=(), description="Interaction terms.")
    constraints: tuple[Constraint, ...] = Field(default=(), description="Constraints.")


class ConditionState(Frozen):
    """One state of an exogenous condition."""

    id: Id
    label: Text = Field(min_length=1, description="Short description of the state.")
    probability: float | None = Field(default=None, ge=0, le=1, description="Chance of state.")
    activates: tuple[Id, ...] = Field(
        default=(), description="Interaction or constraint ids in force only in this state."
    )
    evidence: EvidenceList


class Condition(Frozen):
    """A factor neither party concedes, such as allied export-control alignment."""

    id: Id
    title: Text = Field(min_length=1, description="Short name of the condition.")
    description: Text | None = Field(default=None, description="What the condition is.")
    states: tuple[ConditionState, ...] = Field(min_length=2, description="Its states.")
    default: Id = Field(description="State used when none is chosen.")
    evidence: EvidenceList
