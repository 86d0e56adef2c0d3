"""Uncertain numbers written inline in a scenario file, lifted out before validation.

Wherever a number may vary (:func:`~grandbargain.model.paths.variable_fields`), a scenario
file may give a distribution instead::

    weight: {kind: triangular, low: 10, mode: 20, high: 30}
    values: {tariff-cut: {kind: uniform, low: 40, high: 70}}

and a party may give ``weights: {kind: dirichlet, concentration: 50}`` for all its weights
jointly. Before the scenario is validated each inline distribution is replaced by its
**nominal** value - the mode (triangular), the mean parameter clipped to [low, high]
(normal), the midpoint (uniform), the distribution's mean (beta), or its ``nominal`` key -
and appended as ``{path, distribution}`` to the scenario's ``distributions``. The document
remembers where each was written, so later problems are reported at the inline mapping.

The distributions themselves are checked by the uncertainty layer, which the loader is given
as :class:`DistributionChecks` (the model layer does not import it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.file_schema import holds_scalar
from grandbargain.model.paths import (
    CANNOT_VARY,
    Field,
    Pattern,
    canonical,
    extend_pattern,
    range_problem,
    variable_fields,
)
from grandbargain.model.yaml_source import Path, YamlDocument

if TYPE_CHECKING:
    from grandbargain.model.schema import Scenario

ALIASES = {"truncated-normal": "normal", "truncated_normal": "normal"}
"""Other spellings of distribution kinds."""

ParameterCheck = Callable[[Mapping[str, Any], bool], list[tuple[Path, str]]]
"""Problems of one written distribution, as (path inside the mapping, message); the flag says
whether it stands for a party's weights jointly."""

ScenarioCheck = Callable[["Scenario", YamlDocument], list[Problem]]
"""Problems of a validated scenario's ``distributions``, located through the document."""


@dataclass(frozen=True)
class DistributionChecks:
    """How the loader checks distributions; supplied by the layer that knows them."""

    parameters: ParameterCheck
    scenario: ScenarioCheck


def number(value: Any) -> float | None:
    """``value`` as a finite float, or None if it is not a finite number (booleans are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:  # an integer beyond the float range
        return None
    return result if math.isfinite(result) else None


def nominal_value(distribution: Mapping[str, Any]) -> float | None:
    """The nominal value of a scalar distribution; None when it has none (unknown kind,
    missing or non-numeric parameters, dirichlet). A ``nominal`` key is not looked at."""
    kind = distribution.get("kind")
    kind = ALIASES.get(kind, kind) if isinstance(kind, str) else kind
    low, high = number(distribution.get("low")), number(distribution.get("high"))
    if low is None or high is None:
        return None
    if kind == "uniform":
        return (low + high) / 2
    if kind == "triangular":
        return number(distribution.get("mode"))
    if kind == "normal":
        mean = number(distribution.get("mean"))
        return None if mean is None else min(max(mean, low), high)
    if kind == "beta":
        a, b = number(distribution.get("a")), number(distribution.get("b"))
        if a is None or b is None or a + b <= 0:
            return None
        return low + (high - low) * a / (a + b)
    return None


def _value_scale(data: Mapping[str, Any]) -> tuple[float, float]:
    scale = data.get("value_scale")
    scale = scale if isinstance(scale, dict) else {}
    low, high = number(scale.get("min", 0.0)), number(scale.get("max", 100.0))
    return (0.0 if low is None else low, 100.0 if high is None else high)


class _Lifter:
    def __init__(self, document: YamlDocument, checks: DistributionChecks | None) -> None:
        self.doc = document
        self.checks = checks
        self.data: Any = document.data  # read only: walk() builds the lifted copy
        self.fields = variable_fields(*_value_scale(self.data))
        self.problems: list[Problem] = []
        self.found: list[tuple[Path, dict[str, Any]]] = []  # (where written, entry)

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def walk(self, node: Any, path: Path, pattern: Pattern) -> Any:
        """``node`` with every inline distribution below it replaced by its nominal value."""
        if isinstance(node, dict):
            if path and ("kind" in node or pattern in self.fields):
                if holds_scalar(path):  # a mapping where a number goes: a distribution
                    return self.scalar(node, path, pattern)
            if len(path) == 2 and path[0] == "parties" and "weights" in node:
                self.joint(node, path)
                node = {key: value for key, value in node.items() if key != "weights"}
            return {
                key: self.walk(value, (*path, key), extend_pattern(pattern, key))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [
                self.walk(item, (*path, index), extend_pattern(pattern, index))
                for index, item in enumerate(node)
            ]
        return node

    def scalar(self, raw: dict[str, Any], path: Path, pattern: Pattern) -> Any:
        field = self.fields.get(pattern)
        if field is None:
            self.fail(path, f"cannot be a distribution: {CANNOT_VARY}")
            return raw
        name = canonical(self.data, path)
        distribution = {key: value for key, value in raw.items() if key != "nominal"}
        count = len(self.problems)
        if self.checks is not None:
            for where, message in self.checks.parameters(distribution, False):
                self.fail((*path, *where), message)
        if len(self.problems) > count:
            return raw
        value = self.nominal(raw, distribution, field, path)
        if value is None:
            return raw
        self.found.append((path, {"path": name, "distribution": distribution}))
        return value

    def nominal(
        self, raw: dict[str, Any], distribution: dict[str, Any], field: Field, path: Path
    ) -> float | None:
        low, high = number(distribution.get("low")), number(distribution.get("high"))
        if low is not None and high is not None:
            outside = range_problem(field, low, high)
            if outside is not None:
                self.fail(path, outside)
                return None
        if "nominal" not in raw:
            value = nominal_value(distribution)
            if value is None:
                self.fail(
                    path,
                    "not a distribution with a nominal value: expected kind uniform, "
                    "triangular, normal or beta with number parameters",
                )
            return value
        value = number(raw["nominal"])
        if value is None or low is None or high is None or not low <= value <= high:
            self.fail((*path, "nominal"), f"must be a number in [low, high] = [{low}, {high}]")
            return None
        return value

    def joint(self, party: dict[str, Any], path: Path) -> None:
        raw = party["weights"]
        where = (*path, "weights")
        if not isinstance(raw, dict):
            self.fail(where, "expected a mapping such as {kind: dirichlet, concentration: 50}")
            return
        if self.checks is not None:
            for inside, message in self.checks.parameters(raw, True):
                self.fail((*where, *inside), message)
        name = party.get("name")
        label = name if isinstance(name, str) else str(path[1])
        self.found.append((where, {"path": f"parties.{label}.weights", "distribution": raw}))

    def lifted(self) -> YamlDocument:
        data = self.walk(self.data, (), ())
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: (p.line, p.column)))
        if not self.found:
            return YamlDocument(self.doc.file, data, self.doc.marks, self.doc.aliases)
        written = data.get("distributions", [])
        if not isinstance(written, list):
            return YamlDocument(self.doc.file, data, self.doc.marks, self.doc.aliases)
        aliases = dict(self.doc.aliases)
        for index, (path, _) in enumerate(self.found, start=len(written)):
            spot = ("distributions", index)
            for alias in (spot, (*spot, "path"), (*spot, "distribution")):
                aliases[alias] = path
        data["distributions"] = [*written, *(entry for _, entry in self.found)]
        return YamlDocument(self.doc.file, data, self.doc.marks, aliases)


def lift_distributions(
    document: YamlDocument, checks: DistributionChecks | None = None
) -> YamlDocument:
    """The document with inline distributions replaced by nominal values and collected under
    ``distributions``; raises :class:`InputError` for distributions that cannot be written
    where they are or whose parameters are impossible."""
    if not isinstance(document.data, dict):
        return document
    return _Lifter(document, checks).lifted()
