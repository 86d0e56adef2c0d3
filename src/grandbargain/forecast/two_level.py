"""The two-level link (Putnam 1988): a party's preferences derived from its domestic actors.

For each party and issue, the party's stakeholders with a stance on the issue decide which
options could be ratified at home. A stakeholder prefers an option to no agreement when its
position is strictly closer to the option's position than to the status-quo option's. An
option lies inside the party's **domestic win-set** when the stakeholders who prefer it hold
at least ``ratification`` (default one half) of the party's total clout x salience on the
issue; the status-quo option (no agreement) is always inside. Options outside become red
lines. The party's value for each option is 100 minus the clout x salience weighted mean
distance (0-100 scale) of its stakeholders' positions to the option.

Issues where a party has no stakeholder with a stance, where an option has no position, or
with no status quo keep the values typed into the scenario (reported as ``kept``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Issue, Scenario
from grandbargain.model.timeline import ScenarioState, state_as_of

DERIVED_NOTE = "Derived from the party's stakeholders (two-level link, Putnam 1988)."


@dataclass(frozen=True)
class OptionSupport:
    """One option: the share of clout x salience preferring it to no agreement, and its value."""

    option: str
    position: float
    support: float
    inside: bool
    value: float


@dataclass(frozen=True)
class WinSet:
    """A party's domestic win-set on one issue."""

    party: str
    issue: str
    status_quo: str | None
    stakeholders: tuple[str, ...]
    options: tuple[OptionSupport, ...]
    derived: bool
    reason: str = ""

    @property
    def inside(self) -> tuple[str, ...]:
        """Options that could be ratified at home."""
        return tuple(o.option for o in self.options if o.inside)


@dataclass(frozen=True)
class WinSets:
    """Every party's win-set on every issue."""

    scenario: str
    as_of: dt.date | None
    ratification: float
    winsets: tuple[WinSet, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data matching ``schemas/winsets.schema.json``."""
        return {
            "schema_version": 1,
            "scenario": self.scenario,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ratification": self.ratification,
            "winsets": [
                {
                    "party": w.party,
                    "issue": w.issue,
                    "status_quo": w.status_quo,
                    "stakeholders": list(w.stakeholders),
                    "derived": w.derived,
                    "reason": w.reason,
                    "inside": list(w.inside),
                    "options": [
                        {
                            "option": o.option,
                            "position": o.position,
                            "support": o.support,
                            "inside": o.inside,
                            "value": o.value,
                        }
                        for o in w.options
                    ],
                }
                for w in self.winsets
            ],
        }


def domestic_winsets(
    scenario: Scenario,
    as_of: dt.date | None = None,
    ratification: float = 0.5,
    state: ScenarioState | None = None,
) -> WinSets:
    """Each party's domestic win-set on each issue; ``state`` (where things stand, with
    conditions and forced events) replaces the state on ``as_of`` when given."""
    if not 0 < ratification <= 1:
        raise InputError([Problem("--ratification", 0, 0, "", "expected a share in (0, 1]")])
    state = state or state_as_of(scenario, as_of)
    result = tuple(
        _winset(scenario, party.name, issue, state.status_quo.get(issue.id), ratification)
        for party in scenario.parties
        for issue in scenario.issues
    )
    return WinSets(scenario.id, state.as_of, ratification, result)


def _winset(
    scenario: Scenario, party: str, issue: Issue, status_quo: str | None, ratification: float
) -> WinSet:
    """One party's domestic win-set on one issue, whose status quo is ``status_quo``."""
    holders = [
        (h.name, h.stances[issue.id])
        for h in scenario.stakeholders
        if h.party == party and issue.id in h.stances
    ]
    positions = {o.id: o.position for o in issue.options}
    reason = ""
    if not holders:
        reason = "no stakeholder of the party has a stance on the issue"
    elif status_quo is None:
        reason = "the issue has no status quo"
    elif any(p is None for p in positions.values()):
        reason = "some options have no position"
    weights = [s.clout * s.salience for _, s in holders]
    total = sum(weights)
    if not reason and total <= 0:
        reason = "its stakeholders' clout x salience is zero"
    names = tuple(n for n, _ in holders)
    if reason:
        return WinSet(party, issue.id, status_quo, names, (), False, reason)
    sq_position = positions[status_quo]  # type: ignore[index]
    options = []
    for option_id, position in positions.items():
        assert position is not None and sq_position is not None
        support = (
            sum(
                w
                for (_, s), w in zip(holders, weights, strict=True)
                if abs(s.position - position) < abs(s.position - sq_position) - 1e-12
            )
            / total
        )
        distance = (
            sum(w * abs(s.position - position) for (_, s), w in zip(holders, weights, strict=True))
            / total
        )
        inside = option_id == status_quo or support >= ratification - 1e-12
        options.append(
            OptionSupport(option_id, position, support, inside, max(0.0, 100.0 - distance))
        )
    return WinSet(party, issue.id, status_quo, names, tuple(options), True)


def derive_preferences(
    scenario: Scenario,
    as_of: dt.date | None = None,
    ratification: float = 0.5,
    parties: tuple[str, ...] | None = None,
) -> Scenario:
    """A new scenario whose parties' values and red lines come from their stakeholders."""
    winsets = domestic_winsets(scenario, as_of, ratification)
    chosen = set(parties or scenario.party_names)
    unknown = sorted(chosen - set(scenario.party_names))
    if unknown:
        raise InputError([Problem("--party", 0, 0, p, "unknown party") for p in unknown])
    by_key: Mapping[tuple[str, str], WinSet] = {(w.party, w.issue): w for w in winsets.winsets}
    data = scenario.model_dump(mode="json", exclude_none=True)
    for party in data["parties"]:
        if party["name"] not in chosen:
            continue
        for issue_id, stance in party["stances"].items():
            winset = by_key[(party["name"], issue_id)]
            if not winset.derived:
                continue
            stance["values"] = {o.option: round(o.value, 6) for o in winset.options}
            stance["red_lines"] = [o.option for o in winset.options if not o.inside]
            stance["evidence"] = [{"assumption": {"reasoning": DERIVED_NOTE}, "backs": ["values"]}]
    return Scenario.model_validate(data)
