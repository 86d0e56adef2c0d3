"""Load a scenario from a shipped name, a YAML/JSON file or text, reporting every problem.

Loading lifts numbers written inline as distributions out of the file
(:mod:`grandbargain.model.inline`), then checks the shape of the file (pydantic, all errors at
once), then the cross-references (:mod:`grandbargain.model.checks`), then - given
:class:`DistributionChecks` - the scenario's distributions. Only :class:`InputError` escapes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pydantic import ValidationError

from grandbargain.model.checks import check_scenario
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.file_schema import allowed_fields
from grandbargain.model.inline import DistributionChecks, lift_distributions
from grandbargain.model.schema import Scenario
from grandbargain.model.yaml_source import (
    Path,
    YamlDocument,
    parse_yaml_bytes,
    parse_yaml_text,
    read_yaml_file,
)

DEFAULT_SCENARIO = "us-china-2025"


@dataclass(frozen=True)
class ShippedScenario:
    """A scenario that ships inside the package."""

    name: str
    title: str
    issues: int
    parties: int


def shipped_folder() -> Any:
    """The folder of the shipped scenarios (and their outcomes files) inside the package."""
    return resources.files("grandbargain") / "scenarios"


def shipped_scenario_names() -> tuple[str, ...]:
    """Names of the scenarios shipped in the package, sorted (``NAME.outcomes.yaml`` files beside
    them record outcomes for backtests and are not scenarios)."""
    names = [
        entry.name.removesuffix(".yaml")
        for entry in shipped_folder().iterdir()
        if entry.name.endswith(".yaml") and not entry.name.endswith(".outcomes.yaml")
    ]
    return tuple(sorted(names))


def list_shipped_scenarios() -> tuple[ShippedScenario, ...]:
    """Every shipped scenario with its title and size."""
    result = []
    for name in shipped_scenario_names():
        scenario = load_scenario(name)
        result.append(
            ShippedScenario(name, scenario.title, len(scenario.issues), len(scenario.parties))
        )
    return tuple(result)


def load_scenario(
    ref: str | os.PathLike[str] | None = None, checks: DistributionChecks | None = None
) -> Scenario:
    """Load a scenario by shipped name (default ``us-china-2025``) or from a YAML/JSON path.

    Raises :class:`InputError` listing every problem with file, line, column and field.
    ``checks`` validates the scenario's distributions (:func:`grandbargain.load_scenario`
    passes the uncertainty layer's); without them only their nominal values are checked.
    """
    if ref is None:
        ref = DEFAULT_SCENARIO
    text_ref = os.fspath(ref)
    if text_ref in shipped_scenario_names() and not os.path.exists(text_ref):
        return _load_shipped(text_ref, checks)
    if not os.path.exists(text_ref) and os.sep not in text_ref and "." not in text_ref:
        shipped = ", ".join(shipped_scenario_names())
        raise InputError(
            [Problem(text_ref, 0, 0, "", f"no such file or shipped scenario; shipped: {shipped}")]
        )
    return scenario_from_document(read_yaml_file(text_ref), checks)


@functools.lru_cache(maxsize=8)
def _load_shipped(name: str, checks: DistributionChecks | None) -> Scenario:
    # Scenarios are immutable, so caching a shipped one is safe.
    entry = shipped_folder() / f"{name}.yaml"
    return scenario_from_document(parse_yaml_bytes(entry.read_bytes(), f"{name}.yaml"), checks)


def load_scenario_text(
    text: str, file: str = "<text>", checks: DistributionChecks | None = None
) -> Scenario:
    """Load a scenario from YAML or JSON text (for uploads and tests)."""
    return scenario_from_document(parse_yaml_text(text, file), checks)


def scenario_from_document(
    document: YamlDocument, checks: DistributionChecks | None = None
) -> Scenario:
    """Validate parsed YAML data into a :class:`Scenario`."""
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise InputError(
            [document.problem((), f"top level is a {kind}; expected a mapping of scenario fields")]
        )
    document = lift_distributions(document, checks)
    try:
        scenario = Scenario.model_validate(document.data)
    except ValidationError as error:
        problems = problems_from_pydantic(error, document)
        # Unknown keys are the commonest slip; without them the rest may still validate,
        # and then the cross-reference problems can be reported in the same run.
        pruned = without_unknown_keys(document.data, error)
        if pruned is not None:
            try:
                partial = Scenario.model_validate(pruned)
            except ValidationError:
                pass
            else:
                problems += [document.problem(p, m) for p, m in check_scenario(partial)]
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column))) from None
    findings = check_scenario(scenario)
    if findings:
        raise InputError([document.problem(path, message) for path, message in findings])
    if checks is not None and scenario.distributions:
        problems = checks.scenario(scenario, document)
        if problems:
            raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    return scenario


def without_unknown_keys(data: Any, error: ValidationError) -> Any | None:
    """A copy of ``data`` without the unknown keys, or None if other errors remain."""
    import copy

    items = error.errors(include_url=False)
    if any(item["type"] != "extra_forbidden" for item in items):
        return None
    pruned = copy.deepcopy(data)
    for item in items:
        *parents, key = item["loc"]
        node = pruned
        for part in parents:
            node = node[part]
        node.pop(key, None)
    return pruned


Allowed = Callable[[Path], list[str]]
"""The field names a file format allows at a path (empty when unknown)."""


def problems_from_pydantic(
    error: ValidationError, document: YamlDocument, allowed: Allowed = allowed_fields
) -> list[Problem]:
    """One located problem per pydantic error of ``document``; an unknown key names the fields
    ``allowed`` gives at its place (the scenario format's by default)."""
    problems = []
    seen: set[tuple[Path, str]] = set()
    items = error.errors(include_url=False)
    paths: list[Path] = [tuple(item["loc"]) for item in items]
    for item, path in zip(items, paths, strict=True):
        if item["type"] == "too_short" and any(
            len(other) > len(path) and other[: len(path)] == path for other in paths
        ):
            continue  # a list is "too short" only because one of its items failed
        message = _message(item, path, allowed)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problems.append(document.problem(path, message))
    return problems


def _message(item: Any, path: Path, allowed: Allowed) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        names = allowed(path[:-1])
        hint = f"; expected one of: {', '.join(names)}" if names else ""
        name = path[-1] if path else "?"
        return f"unknown field {name!r}{hint}"
    if kind == "missing":
        return "missing required field"
    text = str(item["msg"])
    if text.startswith("Value error, "):
        text = text.removeprefix("Value error, ")
    return text[:1].lower() + text[1:]
