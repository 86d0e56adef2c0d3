"""What every scenario block shares: identifiers, frozen mappings, the frozen base model,
and the closed sets of date precisions and event statuses."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    WrapSerializer,
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
