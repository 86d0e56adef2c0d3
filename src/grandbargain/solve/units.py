"""Independent bargaining units: single issues, or compound issues joined by linkages.

Issues tied together by an active interaction term or constraint are merged into one compound
issue whose choices are the admissible combinations of their options; every other issue is a
unit of its own. Utilities are additive across units, which is what lets the frontier be
built unit by unit without enumerating the whole outcome space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.space import FloatArray, IntArray, UtilitySpace

MAX_COMPOUND_CHOICES = 2_000_000


@dataclass(frozen=True)
class Unit:
    """One independent part of the space: ``choices[k]`` gives an option for each of ``issues``."""

    issues: tuple[int, ...]
    choices: IntArray
    utilities: FloatArray


def _components(space: UtilitySpace) -> list[list[int]]:
    parent = list(range(space.n_issues))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    groups: list[tuple[int, ...]] = [term.issues for term in space.interactions]
    groups += [rule.issues + tuple(i for i, _ in rule.requires) for rule in space.constraints]
    for group in groups:
        for other in group[1:]:
            parent[find(other)] = find(group[0])
    members: dict[int, list[int]] = {}
    for issue in range(space.n_issues):
        members.setdefault(find(issue), []).append(issue)
    return sorted(members.values(), key=lambda m: m[0])


def build_units(space: UtilitySpace, restrict: dict[int, int] | None = None) -> tuple[Unit, ...]:
    """Split ``space`` into independent units; ``restrict`` fixes issues to one option."""
    restrict = restrict or {}
    units = []
    for issues in _components(space):
        options = []
        for issue in issues:
            # a fixed issue stays where it is, red line or not: it is not part of the deal
            allowed = (
                np.array([restrict[issue]], dtype=np.int64)
                if issue in restrict
                else np.flatnonzero(space.admissible[issue])
            )
            options.append(allowed)
        size = int(np.prod([len(o) for o in options], dtype=object))
        if size > MAX_COMPOUND_CHOICES:
            names = ", ".join(space.issue_ids[i] for i in issues)
            raise InputError(
                [
                    Problem(
                        "<scenario>",
                        0,
                        0,
                        "linkages",
                        f"issues {names} are linked into one compound issue with {size} "
                        f"combinations; the limit is {MAX_COMPOUND_CHOICES}",
                    )
                ]
            )
        if size == 0:
            choices = np.zeros((0, len(issues)), dtype=np.int64)
        else:
            grids = np.meshgrid(*options, indexing="ij")
            choices = np.stack([g.ravel() for g in grids], axis=1).astype(np.int64)
        units.append(_unit(space, tuple(issues), choices))
    return tuple(units)


def _unit(space: UtilitySpace, issues: tuple[int, ...], choices: IntArray) -> Unit:
    column = {issue: k for k, issue in enumerate(issues)}
    keep = np.ones(len(choices), dtype=bool)
    for rule in space.constraints:
        if rule.issues[0] not in column:
            continue
        hit = np.ones(len(choices), dtype=bool)
        for issue, option in zip(rule.issues, rule.options, strict=True):
            hit &= choices[:, column[issue]] == option
        for issue, allowed in rule.requires:
            keep &= ~hit | np.isin(choices[:, column[issue]], sorted(allowed))
    choices = choices[keep]
    utilities = np.zeros((len(choices), space.n_parties))
    for issue in issues:
        utilities += space.tables[issue][choices[:, column[issue]]]
    for term in space.interactions:
        if term.issues[0] not in column:
            continue
        hit = np.ones(len(choices), dtype=bool)
        for issue, option in zip(term.issues, term.options, strict=True):
            hit &= choices[:, column[issue]] == option
        utilities[hit] += term.utilities
    return Unit(issues, choices, utilities)
