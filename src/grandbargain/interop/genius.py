"""Read a GENIUS / ANAC negotiation domain folder (one domain XML, one profile XML per party).

Format sources: the GENIUS negotiation environment (Lin, Hindriks, Jonker et al., "GENIUS: An
integrated environment for supporting the design of generic automated negotiators",
Computational Intelligence 30(1), 2014; the XML readers ``negotiator.Domain``,
``negotiator.utility.AdditiveUtilitySpace`` and ``EvaluatorDiscrete`` in its code base) and the
ANAC domains as kept by NegMAS (``yasserfarouk/negmas``, tests/data/scenarios). The shared data
folder's ``genius-domains/SOURCE.md`` records where each test domain came from.

Mapping (see ``shared/CONVENTIONS.md``, section "Utility"):

* Party p's utility of a package is ``sum_i weight_p(i) * evaluation_p(i, o_i) / max_o
  evaluation_p(i, o)``, weights as written: not renormalised and not clamped. The scenario says
  so exactly: ``weight_mode: as-written``, ``value_scale`` 0..100, stance weight = the GENIUS
  weight, option value = ``100 * evaluation / max evaluation``. GENIUS 10.4's
  ``EvaluatorDiscrete`` differs in two corner cases no shipped ANAC domain hits: it divides by
  the maximum only when that maximum exceeds 1, and then rounds evaluations to integers.
* Party names are the profile file names without ``.xml``. Issue and option ids are slugs of
  the GENIUS names (``-2``, ``-3`` ... on clashes); the names are kept as titles and labels.
* Reservation value: the profile's ``<reservation value=...>``, or 0 when absent (GENIUS's
  own default). Discount factors are read and ignored (static analysis has no clock); the
  scenario description lists them. GENIUS has no status quo, so none is set. One bucket,
  ``domain``; acceptance is unanimity.
* Which file is which is decided by content, never by name: a profile has weights or
  evaluations, the domain has neither. Files that are not XML at all (such as ``pareto.xml`` in
  the ANAC 2014 ``10issues`` folder, a list of frontier points) are skipped, and so are XML
  files without a ``<utility_space>``.
* Profile issues are matched to domain issues by ``index`` and items by ``value``, as GENIUS
  does; ``<similarity_function>`` blocks and ``<agent>`` entries (older files such as
  ``AMPOvsCity``) are ignored. **Duplicate items**: when a profile lists the same item value
  twice (``AMPOvsCity`` lists value "0" of "Increase in starting salaries" with evaluations 0
  and 8), the *last* occurrence wins, exactly as in GENIUS, whose ``EvaluatorDiscrete`` stores
  evaluations in a hash map keyed by value. A value repeated in the domain file is one option.
* Not supported, each an :class:`InputError` naming the file: nonlinear (hyper-rectangle)
  utility spaces, other non-additive utility space types, integer and real issues (no additive
  ANAC domain in the shared data uses them), nested objectives.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from grandbargain.interop._common import (
    existing_folder,
    fail,
    problem,
    read_bytes,
    validated,
)
from grandbargain.interop._genius_data import GeniusIssue, GeniusProfile, scenario_data
from grandbargain.interop._xml import Element, looks_like_xml, parse_xml_bytes
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario

__all__ = ["is_genius_folder", "read_genius_folder"]

_ADDITIVE_TYPES = {"", "linear", "additive"}
_UNSUPPORTED_ISSUES = {"integer", "real", "price", "continuous"}


def is_genius_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding at least one GENIUS XML file (a utility space)."""
    folder = Path(path)
    try:
        files = _xml_files(folder) if folder.is_dir() else []
    except InputError:
        return False
    for file in files:
        try:
            with file.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if looks_like_xml(head) and (b"<utility_space" in head or b"<negotiation_template" in head):
            return True
    return False


def read_genius_folder(path: str | os.PathLike[str]) -> Scenario:
    """Read a GENIUS domain folder into a :class:`Scenario` (see the module notes).

    Raises :class:`InputError` naming the file (and XML line where known) for any problem.
    """
    folder = existing_folder(path)
    spaces = _utility_spaces(folder)
    domains, profiles, problems = _classify(spaces)
    if problems:
        raise InputError(problems)
    if not profiles:
        raise fail(folder, "no utility profiles (XML files with weights and evaluations)")
    domain_file = _pick_domain(folder, domains)
    issues = _read_domain(domain_file, spaces[domain_file])
    read: list[tuple[Path, GeniusProfile]] = []
    for file in profiles:  # report the problems of every profile at once
        try:
            read.append((file, _read_profile(file, spaces[file], issues)))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    names = [p.name for _, p in read]
    if len(set(names)) != len(names):
        raise fail(folder, "two profiles have the same file name; party names must be unique")
    return validated(scenario_data(folder, domain_file, issues, read), folder)


def _at(file: Path, element: Element, message: str, where: str) -> Problem:
    """A problem at ``element``'s position in ``file``."""
    return problem(file, message, element.line, where, element.column)


# --- finding the files ----------------------------------------------------------------------


def _xml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
    except OSError as error:
        raise fail(folder, f"cannot list the folder: {error.strerror or error}") from None


def _utility_spaces(folder: Path) -> dict[Path, Element]:
    """Every XML file of the folder that holds a ``<utility_space>``, with that element."""
    files = _xml_files(folder)
    if not files:
        raise fail(folder, "no XML files; expected a GENIUS domain file and one profile per party")
    spaces: dict[Path, Element] = {}
    for file in files:
        raw = read_bytes(file)
        if not looks_like_xml(raw):
            continue  # e.g. 10issues/pareto.xml: frontier points, not XML
        root = parse_xml_bytes(raw, file)
        space = next((e for e in root.walk() if e.tag == "utility_space"), None)
        if space is not None:
            spaces[file] = space
    if not spaces:
        raise fail(folder, "no XML file holds a <utility_space>; not a GENIUS domain folder")
    return spaces


def _classify(spaces: dict[Path, Element]) -> tuple[list[Path], list[Path], list[Problem]]:
    domains: list[Path] = []
    profiles: list[Path] = []
    problems: list[Problem] = []
    for file, space in spaces.items():
        kind = space.attrib.get("type", "").strip().lower()
        if kind == "nonlinear" or any(e.tag == "hyperRectangle" for e in space.walk()):
            message = "nonlinear (hyper-rectangle) utility spaces are not supported"
            problems.append(_at(file, space, message, "utility_space"))
        elif kind not in _ADDITIVE_TYPES:
            message = f"utility space type {kind!r} is not supported; only additive ones are"
            problems.append(_at(file, space, message, "utility_space"))
        elif any(
            e.tag in ("weight", "evaluator") or (e.tag == "item" and "evaluation" in e.attrib)
            for e in space.walk()
        ):
            profiles.append(file)
        else:
            domains.append(file)
    return domains, profiles, problems


def _pick_domain(folder: Path, domains: list[Path]) -> Path:
    if len(domains) == 1:
        return domains[0]
    if not domains:
        raise fail(folder, "no domain file (an XML utility space without weights or evaluations)")
    named = [file for file in domains if "domain" in file.name.lower()]
    if len(named) == 1:
        return named[0]
    listed = ", ".join(file.name for file in domains)
    raise fail(folder, f"several candidate domain files ({listed}); keep one")


# --- the domain -----------------------------------------------------------------------------


def _objective(file: Path, space: Element) -> Element:
    objective = space.first("objective")
    if objective is None:
        raise fail(file, "no <objective> element in the utility space", space.line)
    nested = objective.first("objective")
    if nested is not None:
        raise fail(file, "nested objectives are not supported", nested.line, "objective")
    return objective


def _read_domain(file: Path, space: Element) -> dict[str, GeniusIssue]:
    issues: dict[str, GeniusIssue] = {}
    problems: list[Problem] = []
    for element in _objective(file, space).all("issue"):
        where = element.describe("index", "name")
        index, name = element.attrib.get("index"), element.attrib.get("name", "").strip()
        kinds = {element.attrib.get(k, "").lower() for k in ("type", "etype", "vtype")}
        if index is None or not name:
            problems.append(_at(file, element, "an issue needs index and name", where))
        elif index in issues:
            problems.append(_at(file, element, f"duplicate issue index {index}", where))
        elif unsupported := sorted(kinds & _UNSUPPORTED_ISSUES):
            message = f"{unsupported[0]} issues are not supported; only discrete issues are"
            problems.append(_at(file, element, message, where))
        else:
            items: dict[str, str | None] = {}
            for item in element.all("item"):
                value = item.attrib.get("value", "").strip()
                if not value:
                    message = "an item needs a non-empty value"
                    problems.append(_at(file, item, message, item.describe("index")))
                elif value not in items:  # a repeated value is the same option
                    text = item.attrib.get("description", "").strip()
                    items[value] = text if text and text != value else None
            issues[index] = GeniusIssue(index, name, tuple(items.items()))
    if not issues and not problems:
        problems.append(_at(file, space, "the domain has no issues", "objective"))
    if problems:
        raise InputError(problems)
    return issues


# --- a profile ------------------------------------------------------------------------------


def _number(file: Path, element: Element, key: str, problems: list[Problem]) -> float | None:
    """The number in attribute ``key`` of ``element``, or None after recording why not."""
    text = element.attrib.get(key)
    what = f"<{element.tag}> {key}" if key == "value" else key
    try:
        value = float(text) if text is not None else math.nan
    except (ValueError, OverflowError):
        message = f"{what} {text[:40]!r} is not a number" if text is not None else ""
    else:
        message = f"{what} {text!r} is not a finite number" if text is not None else ""
        if math.isfinite(value):
            return value
    if text is None or not text.strip():
        message = f"{what} is missing" if text is None else f"{what} is empty"
    problems.append(_at(file, element, message, element.describe("index", "value")))
    return None


def _read_profile(file: Path, space: Element, issues: dict[str, GeniusIssue]) -> GeniusProfile:
    problems: list[Problem] = []
    objective = _objective(file, space)
    weights = _weights(file, objective, issues, problems)
    evaluations = _evaluations(file, objective, issues, problems)
    written = {element.attrib.get("index", "") for element in objective.all("weight")}
    for index, issue in issues.items():
        where = f'issue index="{index}" name="{issue.name}"'
        if index not in written:  # a written but unreadable weight is reported where it is
            problems.append(_at(file, objective, "no <weight> for this issue", where))
        table = evaluations.get(index, {})
        missing = [value for value, _ in issue.items if value not in table]
        if missing:
            message = f"no evaluation for item(s) {', '.join(map(repr, missing))}"
            problems.append(_at(file, objective, message, where))
        elif max(table.values(), default=0.0) <= 0:
            message = "every evaluation is zero; the utility divides by the largest one"
            problems.append(_at(file, objective, message, where))
    numbers: dict[str, float | None] = {}
    for tag in ("reservation", "discount_factor"):
        found = space.first(tag)
        numbers[tag] = None if found is None else _number(file, found, "value", problems)
    if problems:
        raise InputError(problems)
    return GeniusProfile(
        file.stem, weights, evaluations, numbers["reservation"], numbers["discount_factor"]
    )


def _weights(
    file: Path, objective: Element, issues: dict[str, GeniusIssue], problems: list[Problem]
) -> dict[str, float]:
    weights: dict[str, float] = {}
    for element in objective.all("weight"):
        where = element.describe("index", "value")
        index = element.attrib.get("index", "")
        value = _number(file, element, "value", problems)
        if index not in issues:
            problems.append(_at(file, element, f"weight for unknown issue {index}", where))
        elif value is not None and value < 0:
            problems.append(_at(file, element, "weight is negative", where))
        elif value is not None:
            weights[index] = value  # a repeated weight: the last wins, as in GENIUS
    return weights


def _evaluations(
    file: Path, objective: Element, issues: dict[str, GeniusIssue], problems: list[Problem]
) -> dict[str, dict[str, float]]:
    evaluations: dict[str, dict[str, float]] = {}
    for element in objective.all("issue"):
        where = element.describe("index", "name")
        index = element.attrib.get("index", "")
        if index not in issues:
            message = "issue is not in the domain file (matched by index)"
            problems.append(_at(file, element, message, where))
            continue
        if element.attrib.get("name", "").strip() not in ("", issues[index].name):
            message = f"the domain file names issue {index} {issues[index].name!r}"
            problems.append(_at(file, element, message, where))
        known = {value for value, _ in issues[index].items}
        table = evaluations.setdefault(index, {})
        for item in element.all("item"):
            value = item.attrib.get("value", "").strip()
            item_where = f"{where} {item.describe('value')}"
            if value not in known:
                message = f"item {value!r} is not an item of this issue in the domain file"
                problems.append(_at(file, item, message, item_where))
                continue
            if "evaluation" not in item.attrib:
                continue  # GENIUS skips items without an evaluation
            evaluation = _number(file, item, "evaluation", problems)
            if evaluation is not None and evaluation < 0:
                problems.append(_at(file, item, "evaluation is negative", item_where))
            elif evaluation is not None:
                table[value] = evaluation  # a repeated item: the last wins, as in GENIUS
    return evaluations
