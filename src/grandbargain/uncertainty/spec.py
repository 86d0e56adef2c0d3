"""The uncertainty side file: which numbers of a scenario are uncertain and how they vary.

.. code-block:: yaml

    schema_version: 1
    numbers:
      - path: parties.United States.stances.rare-earths.weight
        distribution: {kind: triangular, low: 10, mode: 20, high: 30}
      - path: parties.China.weights
        distribution: {kind: dirichlet, concentration: 50}
    conditions: draw      # or "default"
    events: draw          # or "likely"

Every problem is reported with file, line, column and field, as for scenarios. The same
checks run on the distributions a scenario carries itself (written inline or under
``distributions``) when :func:`grandbargain.load_scenario` loads it (:data:`CHECKS`), and
:func:`merge_specs` lays a side file over them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.inline import ALIASES, DistributionChecks
from grandbargain.model.schema import Scenario
from grandbargain.model.yaml_source import Path, YamlDocument
from grandbargain.uncertainty.distributions import (
    KINDS,
    PARAMETERS,
    Distribution,
    finite_number,
    parameter_problems,
)
from grandbargain.uncertainty.paths import (
    CANNOT_VARY,
    Resolved,
    Step,
    canonical,
    get,
    is_weights,
    range_problem,
    resolve,
    variable_fields,
)
from grandbargain.uncertainty.spec_file import read_spec_document

SPEC_SCHEMA_VERSION = 1
_TOP_KEYS = {"schema_version", "numbers", "conditions", "events"}
NEEDS_DIRICHLET = "a party's weights need kind dirichlet"
ONLY_WEIGHTS = "dirichlet is only for parties.NAME.weights"


@dataclass(frozen=True)
class UncertainNumber:
    """One uncertain number (or, for ``dirichlet``, a party's weights jointly).

    ``targets`` are the JSON steps of the number(s) drawn; ``names`` their canonical paths;
    ``nominal`` their values in the scenario.
    """

    path: str
    distribution: Distribution
    targets: tuple[tuple[Step, ...], ...]
    names: tuple[str, ...]
    nominal: tuple[float, ...]


@dataclass(frozen=True)
class UncertaintySpec:
    """A validated uncertainty spec, bound to the scenario it was checked against."""

    numbers: tuple[UncertainNumber, ...]
    conditions: Literal["draw", "default"] = "draw"
    events: Literal["draw", "likely"] = "draw"

    @property
    def columns(self) -> tuple[str, ...]:
        """Canonical paths of every drawn number, in draw order."""
        return tuple(name for number in self.numbers for name in number.names)

    def to_dict(self) -> dict[str, Any]:
        """Plain data that :func:`spec_from_mapping` reads back."""
        return {
            "schema_version": SPEC_SCHEMA_VERSION,
            "numbers": [
                {"path": n.path, "distribution": n.distribution.to_dict()} for n in self.numbers
            ],
            "conditions": self.conditions,
            "events": self.events,
        }


def load_spec(path: str | os.PathLike[str], scenario: Scenario) -> UncertaintySpec:
    """Read and validate an uncertainty file (YAML or JSON, at most 5 MB) against ``scenario``.

    Raises :class:`InputError` (and nothing else) for any file that is not a valid spec.
    """
    return _parse(read_spec_document(path), scenario)


def spec_from_mapping(
    data: Mapping[str, Any], scenario: Scenario, file: str = "<uncertainty>"
) -> UncertaintySpec:
    """Validate an uncertainty spec given as Python data."""
    return _parse(YamlDocument(file, dict(data), {}), scenario)


def read_distribution(
    raw: Any, where: Path, fail: Callable[[Path, str], None]
) -> Distribution | None:
    """A distribution read from ``{kind, parameters}``; None (after ``fail``) if impossible."""
    if not isinstance(raw, dict):
        fail(where, "expected a mapping with kind and parameters")
        return None
    kind = ALIASES.get(str(raw.get("kind")), raw.get("kind"))
    if kind not in KINDS:
        fail((*where, "kind"), f"unknown kind {_shown(kind)}; expected one of: {KINDS}")
        return None
    params: dict[str, float] = {}
    for name in PARAMETERS[kind]:
        value = finite_number(raw.get(name))
        if value is None:
            fail((*where, name), f"{kind} needs a finite number {name}")
        else:
            params[name] = value
    for name in sorted(set(raw) - {"kind", *PARAMETERS[kind]}, key=str):
        fail((*where, name), f"{kind} takes no {name}; expected {PARAMETERS[kind]}")
    if len(params) < len(PARAMETERS[kind]):
        return None
    bad = parameter_problems(kind, params)
    for name, message in bad:
        fail((*where, name), message)
    return None if bad else Distribution(kind, tuple(params.items()))


def written_distribution_problems(raw: Mapping[str, Any], joint: bool) -> list[tuple[Path, str]]:
    """Problems of a distribution written in a scenario, as (path inside it, message).

    ``joint``: it stands for a party's weights (``parties.NAME.weights``) and must be a
    Dirichlet; otherwise it stands for one number and must not be.
    """
    problems: list[tuple[Path, str]] = []
    found = read_distribution(dict(raw), (), lambda path, message: problems.append((path, message)))
    if found is not None and joint != (found.kind == "dirichlet"):
        problems.append((("kind",), NEEDS_DIRICHLET if joint else ONLY_WEIGHTS))
    return problems


def scenario_distribution_problems(scenario: Scenario, document: YamlDocument) -> list[Problem]:
    """Problems of a validated scenario's ``distributions``, located through ``document``:
    paths that name no variable number, supports outside a field's range, numbers given
    twice, impossible parameters, and numbers outside their own distribution's support."""
    parser = _Parser(document, scenario)
    raw = [entry.model_dump(mode="json") for entry in scenario.distributions]
    for index, entry in enumerate(raw):
        number = parser.entry(entry, ("distributions", index))
        if number is None or number.distribution.kind == "dirichlet":
            continue
        low, high = number.distribution.low, number.distribution.high
        if not low <= number.nominal[0] <= high:
            parser.fail(
                ("distributions", index, "distribution"),
                f"the scenario's value {number.nominal[0]:g} is outside the support "
                f"[{low:g}, {high:g}]",
            )
    return parser.problems


CHECKS = DistributionChecks(written_distribution_problems, scenario_distribution_problems)
"""What :func:`grandbargain.load_scenario` checks a scenario's distributions with."""


class _Parser:
    def __init__(self, document: YamlDocument, scenario: Scenario) -> None:
        self.doc = document
        self.data = scenario.model_dump(mode="json")
        self.scenario = scenario
        self.fields = variable_fields(scenario.value_scale.min, scenario.value_scale.max)
        self.problems: list[Problem] = []
        self.seen: dict[str, Path] = {}

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def distribution(self, raw: Any, where: Path) -> Distribution | None:
        return read_distribution(raw, where, self.fail)

    def entry(self, raw: Any, where: Path) -> UncertainNumber | None:
        if not isinstance(raw, dict):
            self.fail(where, "expected a mapping with path and distribution")
            return None
        for name in sorted(set(raw) - {"path", "distribution"}, key=str):
            self.fail((*where, name), "unknown key; expected path and distribution")
        path = raw.get("path")
        if not isinstance(path, str):
            self.fail((*where, "path"), "expected a dotted path such as parties.NAME.weights")
            return None
        distribution = self.distribution(raw.get("distribution"), (*where, "distribution"))
        found = _resolve(self.data, path)
        if found is None:
            self.fail(
                (*where, "path"), f"{_shown(path)} names nothing in scenario {self.scenario.id!r}"
            )
            return None
        if is_weights(found.pattern):
            return self.weights(path, found.steps, distribution, where)
        return self.scalar(path, found, distribution, where)

    def weights(
        self, path: str, party: tuple[Step, ...], dist: Distribution | None, where: Path
    ) -> UncertainNumber | None:
        if dist is not None and dist.kind != "dirichlet":
            self.fail((*where, "distribution", "kind"), NEEDS_DIRICHLET)
            return None
        stances = get(self.data, (*party, "stances"))
        targets = tuple((*party, "stances", issue, "weight") for issue in stances)
        names = tuple(canonical(self.data, t) for t in targets)
        if not self.claim(names, where) or dist is None:
            return None
        nominal = tuple(float(get(self.data, t)) for t in targets)
        return UncertainNumber(path, dist, targets, names, nominal)

    def scalar(
        self, path: str, found: Any, dist: Distribution | None, where: Path
    ) -> UncertainNumber | None:
        spot = (*where, "path")
        field = self.fields.get(found.pattern)
        if field is None:
            self.fail(spot, f"{_shown(path)} is {CANNOT_VARY}")
            return None
        value = finite_number(found.value)
        if value is None:
            self.fail(spot, f"{_shown(path)} is not set to a number in the scenario")
            return None
        if found.pattern == ("events", "*", "probability"):
            if get(self.data, found.steps[:-1]).get("status") == "happened":
                self.fail(spot, "a happened event's probability is 1 and cannot vary")
                return None
        if dist is not None and dist.kind == "dirichlet":
            self.fail((*where, "distribution", "kind"), ONLY_WEIGHTS)
            return None
        name = canonical(self.data, found.steps)
        if not self.claim((name,), where) or dist is None:
            return None
        outside = range_problem(field, dist.low, dist.high)
        if outside is not None:
            self.fail((*where, "distribution"), outside)
            return None
        return UncertainNumber(path, dist, (found.steps,), (name,), (value,))

    def claim(self, names: tuple[str, ...], where: Path) -> bool:
        for name in names:
            if name in self.seen:
                first = self.doc.place(self.seen[name])[0]
                self.fail((*where, "path"), f"{name} is already uncertain (line {first})")
                return False
        for name in names:
            self.seen[name] = where
        return True


def _parse(document: YamlDocument, scenario: Scenario) -> UncertaintySpec:
    parser = _Parser(document, scenario)
    data = document.data
    if not isinstance(data, dict):
        raise InputError([document.problem((), "expected a mapping with schema_version, numbers")])
    for key in sorted(set(data) - _TOP_KEYS, key=str):
        parser.fail((key,), f"unknown key; expected one of: {', '.join(sorted(_TOP_KEYS))}")
    version = data.get("schema_version")
    if isinstance(version, bool) or version != SPEC_SCHEMA_VERSION:
        parser.fail(("schema_version",), f"expected schema_version: {SPEC_SCHEMA_VERSION}")
    conditions = data.get("conditions", "draw")
    if conditions not in ("draw", "default"):
        parser.fail(("conditions",), "expected 'draw' or 'default'")
    events = data.get("events", "draw")
    if events not in ("draw", "likely"):
        parser.fail(("events",), "expected 'draw' or 'likely'")
    raw_numbers = data.get("numbers", [])
    numbers: list[UncertainNumber] = []
    if not isinstance(raw_numbers, list):
        parser.fail(("numbers",), "expected a list of {path, distribution}")
    else:
        for index, raw in enumerate(raw_numbers):
            number = parser.entry(raw, ("numbers", index))
            if number is not None:
                numbers.append(number)
    if parser.problems:
        raise InputError(parser.problems)
    return UncertaintySpec(tuple(numbers), conditions, events)


def _shown(value: Any, limit: int = 100) -> str:
    """``value`` written for a message (strings quoted), cut short if long."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _resolve(data: Any, path: str) -> Resolved | None:
    """:func:`resolve`, with a segment that ``str.isdigit`` takes for a position but ``int``
    cannot read (``²``, thousands of digits) naming nothing, like any other unknown name."""
    try:
        return resolve(data, path)
    except ValueError:
        return None


def merge_specs(base: UncertaintySpec, override: UncertaintySpec) -> UncertaintySpec:
    """``override``'s numbers, conditions and events, plus ``base``'s numbers that it does not
    touch: an override entry replaces every base entry that shares a number with it (so a
    party's joint weights replace its single weights, and the other way round)."""
    taken = set(override.columns)
    kept = tuple(n for n in base.numbers if not taken.intersection(n.names))
    return replace(override, numbers=kept + override.numbers)
