"""Plain data for JSON from the frozen record types the engines return."""

from __future__ import annotations

import dataclasses
from typing import Any


def record_data(record: Any) -> dict[str, Any]:
    """Every field of the dataclass instance ``record``, by name and in declaration order, a
    tuple as a list: the JSON form of a record whose fields are plain values already.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Hit:
    ...     title: str
    ...     terms: tuple[str, ...]
    >>> record_data(Hit("Tariffs", ("tariff", "duty")))
    {'title': 'Tariffs', 'terms': ['tariff', 'duty']}
    """
    return {field.name: _plain(getattr(record, field.name)) for field in dataclasses.fields(record)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
