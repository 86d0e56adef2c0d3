"""The JSON Schema of the scenario *file*, and finding one's way around it.

The file format is the pydantic schema of :class:`~grandbargain.model.schema.Scenario` plus
what the loader lifts out before validation: every number that may vary
(:func:`~grandbargain.model.paths.variable_fields`) may be written as an inline distribution,
and a party may give `weights` as a Dirichlet distribution over all its weights. This schema
is what ``grandbargain schema`` prints and what the format reference is generated from.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from grandbargain.model.paths import Pattern, variable_fields
from grandbargain.model.schema import Scenario

Path = tuple[str | int, ...]

INLINE = "InlineDistribution"
_OUTER = ("default", "description", "title")  # keys that describe a field, not one of its types
JOINT = "JointWeights"

_INLINE_SCHEMA: dict[str, Any] = {
    "description": "An uncertain number written in place of the number: `kind` and its "
    "parameters - uniform (low, high), triangular (low, mode, high), normal (mean, sd, low, "
    "high; truncated to [low, high]) or beta (a, b, low, high; scaled to [low, high]). Every "
    "command but Monte Carlo and sensitivity uses the nominal value: the mode, the mean "
    "clipped to [low, high], the midpoint, the beta distribution's mean, or `nominal` if given. "
    "The loader moves the distribution to `distributions`.",
    "type": "object",
    "properties": {
        "kind": {"type": "string", "description": "uniform, triangular, normal or beta."},
        "nominal": {
            "type": "number",
            "description": "Value used outside Monte Carlo; must lie in [low, high].",
        },
    },
    "required": ["kind"],
    "additionalProperties": {"type": "number"},
    "title": INLINE,
}

_JOINT_SCHEMA: dict[str, Any] = {
    "description": "All of a party's weights drawn jointly (Monte Carlo only): a Dirichlet "
    "distribution centred on the weights written under `stances`, tighter the larger the "
    "concentration. The loader moves it to `distributions` as `parties.NAME.weights`.",
    "type": "object",
    "properties": {
        "kind": {"const": "dirichlet", "description": "Always `dirichlet`."},
        "concentration": {
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "How tightly draws gather around the stated weights.",
        },
    },
    "required": ["kind", "concentration"],
    "additionalProperties": False,
    "title": JOINT,
}


@functools.lru_cache(maxsize=1)
def model_schema() -> dict[str, Any]:
    """The pydantic JSON Schema of a validated scenario (numbers are numbers). Do not modify."""
    return Scenario.model_json_schema()


@functools.lru_cache(maxsize=1)
def _file_schema() -> dict[str, Any]:
    schema = copy.deepcopy(model_schema())
    defs = schema["$defs"]
    defs[INLINE] = copy.deepcopy(_INLINE_SCHEMA)
    defs[JOINT] = copy.deepcopy(_JOINT_SCHEMA)
    reference = {"$ref": f"#/$defs/{INLINE}"}
    for pattern in variable_fields(0.0, 100.0):
        parent, key = _leaf(schema, pattern)
        leaf = parent[key]
        if "anyOf" in leaf:
            leaf["anyOf"].insert(-1, reference)
        else:
            outer = {name: leaf.pop(name) for name in _OUTER if name in leaf}
            parent[key] = {"anyOf": [leaf, reference], **outer}
    party = defs["Party"]["properties"]
    party["weights"] = {
        "$ref": f"#/$defs/{JOINT}",
        "description": "All of the party's weights as one Dirichlet distribution.",
    }
    return schema


def file_schema() -> dict[str, Any]:
    """JSON Schema of the scenario file: the model's, with inline distributions allowed."""
    return copy.deepcopy(_file_schema())


def _leaf(schema: dict[str, Any], pattern: Pattern) -> tuple[dict[str, Any], str]:
    """The mapping holding the schema of the number at ``pattern``, and its key there."""
    node: Any = schema
    for part in pattern[:-1]:
        node = _child(schema, node, part)
    node = resolve_node(schema, node)
    last = pattern[-1]
    if last != "*":
        return node["properties"], last
    if "additionalProperties" in node:
        return node, "additionalProperties"
    properties = node["patternProperties"]
    return properties, next(iter(properties))


def _child(schema: dict[str, Any], node: Any, part: str | int) -> Any:
    node = resolve_node(schema, node)
    if isinstance(part, int) or (part == "*" and node.get("type") == "array"):
        return node.get("items") or next(
            (n.get("items") for n in node.get("anyOf", []) if "items" in n), None
        )
    if "properties" in node:
        return node["properties"].get(part)
    if "patternProperties" in node:
        return next(iter(node["patternProperties"].values()))
    return node.get("additionalProperties")


def schema_node(schema: dict[str, Any], path: Path) -> Any | None:
    """The (resolved) schema of the field at a document path; None where the schema has none."""
    node: Any = schema
    for part in path:
        node = _child(schema, node, part)
        if node is None:
            return None
    return resolve_node(schema, node)


def holds_scalar(path: Path) -> bool:
    """Whether the validated format expects a plain value (not a block, list or map) at path."""
    node = schema_node(model_schema(), path)
    if node is None or "properties" in node:
        return False
    kinds = {node.get("type")} | {n.get("type") for n in node.get("anyOf", [])}
    return not kinds & {"object", "array"} and "$ref" not in str(node.get("anyOf", ""))


def resolve_node(schema: dict[str, Any], node: Any) -> Any:
    """Follow ``$ref`` and optional (``anyOf`` with null) wrappers to the schema of a value."""
    while isinstance(node, dict):
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            objects = [n for n in node["anyOf"] if n.get("type") != "null"]
            if len(objects) != 1:
                return node
            node = objects[0]
        else:
            return node
    return node


def allowed_fields(path: Path) -> list[str]:
    """Field names the scenario file allows at ``path`` (empty when unknown)."""
    node = schema_node(_file_schema(), path)
    if node is None:
        return []
    return sorted(node.get("properties", {}))
