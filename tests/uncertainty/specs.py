"""Builders of uncertainty spec data, as a spec file (or ``spec_from_mapping``) takes it."""

from __future__ import annotations

from typing import Any


def uncertain(path: str, kind: str, **parameters: float) -> dict[str, Any]:
    """One entry of a spec's ``numbers``: the number at ``path`` and its distribution."""
    return {"path": path, "distribution": {"kind": kind, **parameters}}


def spec_data(*numbers: dict[str, Any], **settings: str) -> dict[str, Any]:
    """A spec of schema version 1 with these numbers and settings (``conditions``, ``events``)."""
    return {"schema_version": 1, "numbers": list(numbers), **settings}
