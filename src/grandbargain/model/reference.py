"""Write the scenario-format reference (Markdown) from the JSON Schema, so docs cannot drift.

``python -m grandbargain.model.reference > docs/reference/scenario-format.md``; a test checks the
committed file is current.
"""

from __future__ import annotations

from typing import Any

from grandbargain.model.file_schema import file_schema

INTRO = """# Scenario format reference

A scenario is one YAML (or JSON) file with `schema_version: 1`. This page is generated from the
format's JSON Schema (`grandbargain schema`), so it lists every field the loader accepts; a
field not listed is an error. Numbers may carry evidence: see the `Evidence` block. Units:
option values are on the scenario's `value_scale` (default 0..100) and map linearly to utility
0..1; weights are divided by the party's sum; interaction utilities and reservation values are
on the 0..1 utility scale; positions are 0..100 on the issue's `position_scale`; salience is
0..1; clout is any positive number; trade effects are $bn a year.

Loading checks, beyond the types below: ids unique in their block; every reference (bucket,
party, issue, option, source, linkage, condition state) names something declared; every party
has a stance on every issue and a value for every option, inside the value scale; at least one
weight above zero; red lines leave at least one option; condition-state probabilities, if
given, are given for every state and sum to 1; quotes have at most 40 words.

Uncertain numbers: a number whose type below includes [InlineDistribution](#inlinedistribution)
may be written as a distribution instead, such as
`weight: {kind: triangular, low: 10, mode: 20, high: 30}`, and a party may give all its
weights jointly as `weights: {kind: dirichlet, concentration: 50}`
([JointWeights](#jointweights)). The loader keeps the nominal value in the number's place and
lists the distribution under `distributions`, where distributions may also be written
directly ([NumberDistribution](#numberdistribution)). Each is checked: its parameters, that
its support stays inside the field's range, and that no number has two.
"""


def _type(node: dict[str, Any]) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in node:
        return " or ".join(_type(option) for option in node["anyOf"])
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        if "prefixItems" in node:
            return "[" + ", ".join(_type(item) for item in node["prefixItems"]) + "]"
        return "list of " + _type(node.get("items", {}))
    if kind == "object":
        values = node.get("additionalProperties") or next(
            iter(node.get("patternProperties", {}).values()), None
        )
        return "map of id to " + (_type(values) if isinstance(values, dict) else "value")
    if kind == "string" and node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "null":
        return "null"
    return str(kind or "any")


def _limits(node: dict[str, Any]) -> str:
    notes = []
    for key, text in (
        ("minimum", ">= {}"),
        ("maximum", "<= {}"),
        ("exclusiveMinimum", "> {}"),
        ("minItems", "at least {} items"),
        ("minLength", "non-empty"),
        ("minProperties", "at least {} entries"),
        ("pattern", "matches `{}`"),
    ):
        if key in node and not (key == "minLength" and node[key] == 0):
            notes.append(text.format(node[key]))
    for option in node.get("anyOf", []):
        notes.extend(_limits(option).split("; ") if _limits(option) else [])
    return "; ".join(dict.fromkeys(notes))


def _row(name: str, node: dict[str, Any], required: bool) -> str:
    default = "required" if required else f"default `{node.get('default')!r}`".replace("'", "")
    meaning = node.get("description", "").replace("|", "\\|").replace("\n", " ")
    limits = _limits(node)
    if limits:
        meaning += f" ({limits})"
    return f"| `{name}` | {_type(node)} | {default} | {meaning} |"


def _section(name: str, node: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", ""]
    if node.get("description"):
        lines += [" ".join(node["description"].split()), ""]
    lines += ["| field | type | required / default | meaning |", "| --- | --- | --- | --- |"]
    required = set(node.get("required", []))
    for field, spec in node.get("properties", {}).items():
        lines.append(_row(field, spec, field in required))
    return [*lines, ""]


def reference_markdown() -> str:
    """The whole scenario-format reference as Markdown."""
    schema = file_schema()
    lines = [INTRO, *_section("Scenario", schema)]
    for name in sorted(schema.get("$defs", {})):
        definition = schema["$defs"][name]
        if "properties" in definition:
            lines += _section(name, definition)
        elif "enum" in definition:
            lines += [f"## {name}", "", " ".join(definition.get("description", "").split()), ""]
            lines += ["Values: " + ", ".join(f"`{v}`" for v in definition["enum"]), ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(reference_markdown())
