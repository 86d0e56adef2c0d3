"""The whole scenario: its value scale, uncertain numbers and every block, validated together."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from grandbargain.model.schema.base import Frozen, FrozenMap, Id, Text
from grandbargain.model.schema.events import Calendar, Event, Expectation
from grandbargain.model.schema.evidence import Source
from grandbargain.model.schema.issues import Bucket, Issue
from grandbargain.model.schema.linkages import Condition, Linkages
from grandbargain.model.schema.parties import Acceptance, Party, Stakeholder
from grandbargain.model.schema.ratification import Ratification


class ValueScale(Frozen):
    """The scale option values are written on; mapped linearly to 0..1."""

    min: float = Field(default=0.0, description="Value mapped to utility 0.")
    max: float = Field(default=100.0, description="Value mapped to utility 1.")

    @model_validator(mode="after")
    def _ordered(self) -> ValueScale:
        if not self.min < self.max:
            raise ValueError("value_scale needs min < max")
        return self


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number or a word, not true/false")
    return value


Parameter = Annotated[str | float, BeforeValidator(_not_bool)]


class NumberDistribution(Frozen):
    """How one uncertain number varies: a dotted path to it and a distribution.

    Written directly under `distributions`, or collected there by the loader from numbers
    written inline as a mapping (`weight: {kind: triangular, low: 10, mode: 20, high: 30}`),
    the scenario then holds the nominal value in their place. Checked against the scenario when
    it is loaded (see docs/explanation/uncertainty.md for the kinds and their parameters).
    """

    path: str = Field(
        min_length=1,
        max_length=1000,
        description="Dotted path to the number, such as "
        "`parties.China.stances.rare-earths.weight`, or `parties.NAME.weights` for all of a "
        "party's weights jointly.",
    )
    distribution: FrozenMap[str, Parameter] = Field(
        description="`kind` (uniform, triangular, normal, beta, or dirichlet for a party's "
        "weights) and its parameters: low, high; low, mode, high; mean, sd, low, high; a, b, "
        "low, high; concentration."
    )


class Scenario(Frozen):
    """A whole negotiation: who is at the table, what is on it, and how sure we are.

    Immutable once loaded. Build one with :func:`grandbargain.load_scenario`.
    """

    schema_version: Literal[1] = Field(description="Version of this file format.")
    id: Id
    title: Text = Field(min_length=1, description="Title of the scenario.")
    description: Text | None = Field(default=None, description="What it models.")
    as_of: dt.date | None = Field(
        default=None, description="Default analysis date: events up to and including it apply."
    )
    value_scale: ValueScale = Field(default=ValueScale(), description="Scale of option values.")
    weight_mode: Literal["normalised", "as-written"] = Field(
        default="normalised",
        description="normalised: each party's weights are divided by their sum; as-written: "
        "weights are used as given (GENIUS profiles and imported point tables).",
    )
    calendar: Calendar | None = Field(
        default=None, description="Round-to-date mapping for simulations; omitted = none."
    )
    out_of_scope: tuple[Text, ...] = Field(default=(), description="What the model leaves out.")
    sources: tuple[Source, ...] = Field(default=(), description="Documents cited.")
    buckets: tuple[Bucket, ...] = Field(min_length=1, description="Groups of issues.")
    issues: tuple[Issue, ...] = Field(min_length=1, description="The bargaining chips.")
    parties: tuple[Party, ...] = Field(min_length=2, description="Sides at the table.")
    linkages: Linkages = Field(default=Linkages(), description="Cross-issue terms.")
    conditions: tuple[Condition, ...] = Field(default=(), description="Exogenous factors.")
    acceptance: Acceptance = Field(default=Acceptance(), description="Who must agree.")
    stakeholders: tuple[Stakeholder, ...] = Field(default=(), description="Actors behind.")
    ratification: tuple[Ratification, ...] = Field(
        default=(),
        description="How parties ratify a deal at home (used by `analyze --ratify`); at most "
        "one entry per party.",
    )
    events: tuple[Event, ...] = Field(default=(), description="Dated changes.")
    expectations: tuple[Expectation, ...] = Field(
        default=(), description="Forecasts published in the sources; never inputs."
    )
    distributions: tuple[NumberDistribution, ...] = Field(
        default=(),
        description="Uncertain numbers: how each varies in Monte Carlo and sensitivity runs. "
        "Numbers written inline as distributions are collected here; every other command uses "
        "the nominal values written in their place.",
    )

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id (KeyError if none)."""
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    def party(self, name: str) -> Party:
        """The party with this name (KeyError if none)."""
        for party in self.parties:
            if party.name == name:
                return party
        raise KeyError(name)

    @property
    def party_names(self) -> tuple[str, ...]:
        """Party names in declaration order."""
        return tuple(party.name for party in self.parties)
