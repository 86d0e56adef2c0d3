"""The timeline: dated events and what they change, published expectations, and the
simulation calendar."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from grandbargain.model.schema.base import (
    MAX_QUOTE_WORDS,
    DatePrecision,
    EventStatus,
    Frozen,
    Id,
    PartyName,
    Text,
)
from grandbargain.model.schema.evidence import EvidenceList


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
