"""The scenario file format: frozen pydantic models, one per YAML block.

These models check the *shape* of a scenario file (fields, types, ranges). Checks that need
the whole scenario (ids that must exist, red lines that leave no option, quotes that cite an
undeclared source) live in :mod:`grandbargain.model.checks`. Every field's meaning and unit is
in its ``description``, which flows into the JSON Schema (``grandbargain schema``) and into
``docs/reference/scenario-format.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    WrapSerializer,
    model_validator,
)

SCHEMA_VERSION = 1
MAX_QUOTE_WORDS = 40

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[a-z0-9][a-z0-9_.-]*$",
        description="Identifier: lower-case letters, digits, '-', '_' or '.'.",
    ),
]
PartyName = Annotated[
    str,
    Field(min_length=1, max_length=80, description="A party's name, as declared under `parties`."),
]
Text = Annotated[str, Field(max_length=4000)]

K = TypeVar("K")
V = TypeVar("V")


def _freeze(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


def _thaw(mapping: Mapping[Any, Any], handler: SerializerFunctionWrapHandler) -> Any:
    return handler(dict(mapping))


FrozenMap = Annotated[Mapping[K, V], AfterValidator(_freeze), WrapSerializer(_thaw)]
"""A read-only mapping: validated like a dict, stored as a ``MappingProxyType``."""


class Frozen(BaseModel):
    """Base for every scenario block: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DatePrecision(StrEnum):
    """How exactly a date is known."""

    DAY = "day"
    MONTH = "month"
    APPROXIMATE = "approximate"


class EventStatus(StrEnum):
    """Whether an event has happened, is scheduled, or only possible."""

    HAPPENED = "happened"
    SCHEDULED = "scheduled"
    POSSIBLE = "possible"


# --- evidence -------------------------------------------------------------------------------


class Assumption(Frozen):
    """The analyst's judgement behind a number, with a plausible range where one can be given."""

    reasoning: Text = Field(min_length=1, description="Why the number is what it is.")
    range: tuple[float, float] | None = Field(
        default=None,
        description="Plausible [low, high] for the number(s) this backs, on their own scale.",
    )

    @model_validator(mode="after")
    def _ordered_range(self) -> Assumption:
        if self.range is not None and self.range[0] > self.range[1]:
            raise ValueError("range must be [low, high] with low <= high")
        return self


class Evidence(Frozen):
    """One item of support: a verbatim quote from a declared source, or an assumption.

    ``backs`` names the numbers the item supports, relative to the entity that carries it
    (for a party's stance on an issue: ``weight``, ``values`` or ``values.OPTION``,
    ``red_lines``); omitted, the item backs every number of that entity.
    """

    source: Id | None = Field(default=None, description="Id of a declared source.")
    quote: Text | None = Field(
        default=None,
        description=f"Verbatim passage of the source, at most {MAX_QUOTE_WORDS} words.",
    )
    note: Text | None = Field(default=None, description="How the quote supports the number.")
    assumption: Assumption | None = Field(default=None, description="The analyst's judgement.")
    backs: tuple[str, ...] | None = Field(
        default=None, description="Field names this item supports; omitted = all of them."
    )

    @model_validator(mode="after")
    def _citation_or_assumption(self) -> Evidence:
        cited = self.source is not None or self.quote is not None
        if cited and self.assumption is not None:
            raise ValueError("give either source+quote or assumption, not both")
        if not cited and self.assumption is None:
            raise ValueError("give source and quote, or an assumption")
        if cited and (self.source is None or self.quote is None):
            raise ValueError("a citation needs both source and quote")
        if self.quote is not None and len(self.quote.split()) > MAX_QUOTE_WORDS:
            raise ValueError(
                f"quote has {len(self.quote.split())} words; at most {MAX_QUOTE_WORDS} allowed"
            )
        return self


EvidenceList = Annotated[tuple[Evidence, ...], Field(default=(), description="Support.")]


class Source(Frozen):
    """A document the scenario's numbers and quotes come from."""

    id: Id
    title: Text = Field(min_length=1, description="Title of the document.")
    publisher: Text = Field(min_length=1, description="Who published it (and author).")
    date: dt.date = Field(description="Publication date, ISO YYYY-MM-DD.")
    precision: DatePrecision = Field(default=DatePrecision.DAY, description="How exact `date` is.")
    url: str | None = Field(default=None, description="Where the document was published.")
    kind: Literal[
        "analysis",
        "news",
        "news-reprint",
        "news-translation",
        "summary",
        "official",
        "data",
        "other",
    ] = Field(description="What sort of document it is.")
    file: str | None = Field(
        default=None,
        description="File name of a local copy, looked up in the corpus folder by `cite check`.",
    )
    language: str = Field(default="en", description="Language of the text the quotes come from.")
    notes: Text | None = Field(default=None, description="Remarks on the source.")


# --- issues ---------------------------------------------------------------------------------


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


# --- parties --------------------------------------------------------------------------------


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


# --- linkages and conditions ----------------------------------------------------------------


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


# --- stakeholders, events, expectations -----------------------------------------------------


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


class Change(Frozen):
    """What an event changes. `kind` says which of the other fields apply."""

    kind: Literal["status_quo", "reservation_value", "availability", "condition"] = Field(
        description="status_quo: issue+option; reservation_value: party+value; "
        "availability: issue+option+available; condition: condition+state."
    )
    issue: Id | None = Field(default=None, description="Issue id (status_quo, availability).")
    option: Id | None = Field(default=None, description="Option id of that issue.")
    party: PartyName | None = Field(default=None, description="Party (reservation_value).")
    value: float | None = Field(
        default=None, ge=-1e9, le=1e9, description="New reservation value, on the utility scale."
    )
    available: bool | None = Field(default=None, description="Whether the option is on offer.")
    condition: Id | None = Field(default=None, description="Condition id (condition).")
    state: Id | None = Field(default=None, description="The condition's new state.")

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Change:
        needed = {
            "status_quo": ("issue", "option"),
            "reservation_value": ("party", "value"),
            "availability": ("issue", "option", "available"),
            "condition": ("condition", "state"),
        }[self.kind]
        allowed = set(needed) | {"kind"}
        missing = [name for name in needed if getattr(self, name) is None]
        extra = [
            name
            for name in ("issue", "option", "party", "value", "available", "condition", "state")
            if name not in allowed and getattr(self, name) is not None
        ]
        if missing:
            raise ValueError(f"a {self.kind!r} change needs {', '.join(missing)}")
        if extra:
            raise ValueError(f"a {self.kind!r} change takes no {', '.join(extra)}")
        return self


class Event(Frozen):
    """A dated happening that changes the status quo, a reservation value, an option or a
    condition on and after its date."""

    id: Id
    title: Text = Field(min_length=1, description="What happened or may happen.")
    date: dt.date = Field(description="ISO YYYY-MM-DD; applies on and after this date.")
    precision: DatePrecision = Field(default=DatePrecision.DAY, description="How exact.")
    status: EventStatus = Field(default=EventStatus.HAPPENED, description="Event status.")
    probability: float | None = Field(
        default=None, ge=0, le=1, description="Chance it happens (default 1 unless possible)."
    )
    description: Text | None = Field(default=None, description="Details.")
    changes: tuple[Change, ...] = Field(default=(), description="What it changes.")
    evidence: EvidenceList

    @model_validator(mode="after")
    def _probability_fits_status(self) -> Event:
        if self.status is EventStatus.POSSIBLE and self.probability is None:
            raise ValueError("a 'possible' event needs a probability")
        if self.status is EventStatus.HAPPENED and self.probability not in (None, 1.0):
            raise ValueError("a 'happened' event has probability 1 (or none)")
        return self


class Expectation(Frozen):
    """A forecast published in a source; recorded for comparison, never used as an input."""

    issue: Id = Field(description="The issue the forecast is about.")
    option: Id | None = Field(default=None, description="The option expected, or ...")
    direction: Literal["status-quo", "toward-higher", "toward-lower"] | None = Field(
        default=None, description="... the direction of movement on the position scale."
    )
    likelihood: Text = Field(min_length=1, description="In the author's words.")
    source: Id
    quote: Text = Field(min_length=1, description="Verbatim passage, at most 40 words.")

    @model_validator(mode="after")
    def _option_or_direction(self) -> Expectation:
        if (self.option is None) == (self.direction is None):
            raise ValueError("give exactly one of option or direction")
        if len(self.quote.split()) > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has more than {MAX_QUOTE_WORDS} words")
        return self


class Calendar(Frozen):
    """Maps simulation rounds onto dates, so dated events take effect during the talks."""

    start: dt.date = Field(description="Date of round 0.")
    days_per_round: float = Field(gt=0, le=3660, description="Calendar days one round takes.")


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
