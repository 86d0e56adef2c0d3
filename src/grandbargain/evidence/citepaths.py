"""Where the citations of a scenario are: every evidence item and expectation with the path of
the entity that carries it (``parties.China.stances.rare-earths.evidence[0]``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from grandbargain.model.schema import Evidence, Expectation, Scenario


def _key(item: BaseModel) -> str | None:
    for name in ("id", "name"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return None


def _walk(node: Any, path: str) -> Iterator[tuple[str, Evidence | Expectation]]:
    if isinstance(node, Evidence | Expectation):
        yield path, node
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, tuple):
        for k, item in enumerate(node):
            key = _key(item) if isinstance(item, BaseModel) else None
            yield from _walk(item, f"{path}.{key}" if key else f"{path}[{k}]")
    elif hasattr(node, "items") and not isinstance(node, str | bytes):
        for key, item in node.items():
            yield from _walk(item, f"{path}.{key}")


def citations(scenario: Scenario) -> Iterator[tuple[str, Evidence | Expectation]]:
    """Every evidence item and expectation of ``scenario`` with its entity path."""
    yield from _walk(scenario, "")
