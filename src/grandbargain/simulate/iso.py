"""Offers at a target utility: a party's iso-utility sets, ordered by its opponent model.

The offer curve is the Pareto frontier of the two-criteria space (own utility, modelled
utility of the others), built with the same unit-by-unit merge as the exact analysis, so the
outcome space is never enumerated; its size is capped (epsilon-Pareto beyond the cap, which
costs at most epsilon of own utility). Among packages worth at least a target to the party,
the curve gives the one the model rates best for the others. Without a learnt model the
others are assumed to have opposed preferences on every issue (1 - own value, by issue), the
neutral ordering used by time-dependent strategies.

Under ratification (:mod:`grandbargain.simulate.ratify`) the curve keeps only packages the
party's veto players and package vote let through: exactly, by enumerating every package its
masks leave when there are at most ``RATIFIED_ENUMERATION_LIMIT``; above, by filtering the
unconstrained curve (with the status quo added), which can miss a ratifiable package that is
not on it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from grandbargain.model.timeline import ScenarioState
from grandbargain.simulate.base import OwnPreferences, Package
from grandbargain.solve.frontier import pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import (
    TOLERANCE,
    FloatArray,
    IntArray,
    InteractionTerm,
    UtilitySpace,
    admissible_packages,
    package_utilities,
)

DEFAULT_CURVE_CAP = 4000

RATIFIED_ENUMERATION_LIMIT = 200_000
"""Under ratification, a party's curve is built from every package its masks leave (win-sets
applied) when there are at most this many; above, from its unconstrained curve filtered."""


@dataclass(frozen=True, eq=False)
class OfferCurve:
    """Packages the party allows, best for itself first, each best for the model at its level."""

    packages: IntArray
    own: FloatArray
    other: FloatArray

    @property
    def best(self) -> float:
        """The party's highest utility."""
        return float(self.own[0])

    @cached_property
    def rows(self) -> tuple[Package, ...]:
        """The curve's packages as tuples, best for the party first."""
        return tuple(tuple(int(x) for x in row) for row in self.packages)

    @cached_property
    def _negated_own(self) -> list[float]:
        return [-float(x) for x in self.own]

    def at_least(self, target: float) -> Package:
        """The package the model rates best among those worth at least ``target`` (own best if
        none is)."""
        # own is descending: the last row with own >= target has the highest model utility
        count = bisect.bisect_right(self._negated_own, -target)
        return self.rows[max(count - 1, 0)]

    def nash(self, own_reservation: float, other_reservation: float) -> Package | None:
        """The package maximising the product of gains against the model (None if none)."""
        gains_own = self.own - own_reservation
        gains_other = self.other - other_reservation
        ok = (gains_own > 0) & (gains_other > 0)
        if not ok.any():
            return None
        product = np.where(ok, gains_own * gains_other, -1.0)
        return tuple(int(x) for x in self.packages[int(np.argmax(product))])


_EMPTY_STATE = ScenarioState(
    as_of=dt.date(1970, 1, 1),
    status_quo=MappingProxyType({}),
    reservation_values=MappingProxyType({}),
    unavailable=frozenset(),
    conditions=MappingProxyType({}),
    applied_events=(),
)


def opposed_model(preferences: OwnPreferences) -> tuple[FloatArray, ...]:
    """Model tables that assume the others want the opposite on every issue."""
    model = []
    for table in preferences.tables:
        spread = float(table.max() - table.min())
        model.append((table.max() - table) / spread if spread > 0 else np.zeros_like(table))
    return tuple(model)


def _curve_space(preferences: OwnPreferences, tables: Sequence[FloatArray]) -> UtilitySpace:
    """The two-criteria space (own utility, model utility) of ``preferences``."""
    stacked = []
    for own, other in zip(preferences.tables, tables, strict=True):
        pair = np.stack([own, np.asarray(other, dtype=np.float64)], axis=1)
        stacked.append(pair)
    return UtilitySpace(
        parties=("self", "model"),
        issue_ids=preferences.issue_ids,
        option_ids=preferences.option_ids,
        tables=tuple(stacked),
        admissible=preferences.admissible,
        interactions=tuple(
            InteractionTerm("own", issues, options, np.array([value, 0.0]))
            for issues, options, value in preferences.interactions
        ),
        constraints=preferences.constraints,
        reservation=np.zeros(2),
        status_quo=None,
        quota=2,
        veto=(),
        state=_EMPTY_STATE,
    )


def offer_curve(
    preferences: OwnPreferences,
    model: Sequence[FloatArray] | None = None,
    cap: int = DEFAULT_CURVE_CAP,
) -> OfferCurve:
    """Build the offer curve for ``preferences`` against ``model`` (opposed model if None)."""
    tables = model if model is not None else opposed_model(preferences)
    space = _curve_space(preferences, tables)
    rows = preferences.ratifiable_rows
    if rows is not None:  # exact under ratification: every ratifiable package, valued
        values = package_utilities(space, rows)
        keep = pareto_2d(values[:, 0], values[:, 1])
        curve = OfferCurve(rows[keep], values[keep, 0], values[keep, 1])
    else:
        frontier = pareto_frontier(build_units(space), space.n_issues, 2, cap)
        curve = OfferCurve(frontier.packages, frontier.utilities[:, 0], frontier.utilities[:, 1])
        if preferences.domestic is not None:
            curve = _ratified(curve, preferences, tables if model is not None else None)
    if len(curve.packages) == 0:
        raise ValueError(f"{preferences.name} has no admissible package to offer")
    return curve


def ratifiable_rows(preferences: OwnPreferences) -> IntArray | None:
    """Under ratification, every package the party may offer or accept (its masks, the public
    constraints, its veto players and package vote), when its masks leave at most
    ``RATIFIED_ENUMERATION_LIMIT`` packages; None above that, or without domestic rules.
    The same whatever the opponent model, so :class:`OwnPreferences` keeps it."""
    domestic = preferences.domestic
    count = float(np.prod([float(mask.sum()) for mask in preferences.admissible]))
    if domestic is None or count > RATIFIED_ENUMERATION_LIMIT:
        return None
    space = _curve_space(preferences, preferences.tables)
    axes = [np.flatnonzero(mask) for mask in space.admissible]
    grid = np.meshgrid(*axes, indexing="ij")
    packages = np.stack([g.ravel() for g in grid], axis=1).astype(np.int64)
    packages = packages.reshape(-1, preferences.n_issues)
    packages = packages[admissible_packages(space, packages)]
    rows: IntArray = packages[domestic.passes(packages)]
    rows.flags.writeable = False
    return rows


def _ratified(
    curve: OfferCurve, preferences: OwnPreferences, model: Sequence[FloatArray] | None
) -> OfferCurve:
    """The curve kept to the packages the party's veto players and package vote let through.

    Candidates: the curve's packages, the status quo (it passes every rule) and, against a
    learnt model, the packages of the party's neutral ratified curve, so that a model never
    leaves the party without a ratifiable offer it had. Of the candidates that pass, the
    Pareto set of (own utility, model utility), best for the party first."""
    domestic = preferences.domestic
    assert domestic is not None
    rows = [curve.packages]
    if domestic.status_quo is not None:
        rows.append(np.array([domestic.status_quo], dtype=np.int64))
    if model is not None:
        rows.append(preferences.curve.packages)
    packages = np.concatenate(rows).reshape(-1, preferences.n_issues)
    packages = packages[domestic.passes(packages)]
    own = preferences.utilities(packages)
    tables = model if model is not None else opposed_model(preferences)
    other = np.zeros(len(packages))
    for i, table in enumerate(tables):
        other += np.asarray(table, dtype=np.float64)[packages[:, i]]
    keep = pareto_2d(own, other)
    return OfferCurve(packages[keep], own[keep], other[keep])


def pareto_2d(own: FloatArray, other: FloatArray) -> IntArray:
    """Indices of the points no other point beats on both criteria (equal points once),
    ordered by ``own`` descending (and so ``other`` ascending)."""
    order = np.lexsort((np.arange(len(own)), -other, -own))
    kept: list[int] = []
    best_other = -np.inf
    for index in order:
        if other[index] > best_other + TOLERANCE:
            kept.append(int(index))
            best_other = float(other[index])
    return np.array(kept, dtype=np.int64)
