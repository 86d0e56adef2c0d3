"""Evidence blocks: a verbatim quote from a declared source, or an analyst's assumption."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from grandbargain.model.schema.base import MAX_QUOTE_WORDS, DatePrecision, Frozen, Id, Text


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
