"""Domestic actors behind each party, per issue, in the shipped scenarios (issue 14, section 3).

`COVERAGE` lists, per scenario and issue, how many stakeholders of each party take a stance on
it, as committed. The test fails if an issue has fewer than that (coverage cannot silently
regress), if an issue has fewer than two stakeholders on a side that is not a documented gap, or
if the list falls out of step with the scenario (an issue missing from it, a gap that is no
longer one). Adding stakeholders never fails it; raise the numbers here when you add some.

A documented gap is a side of an issue for which the scenario's sources name no second actor
with a stake; `GAPS` gives the reason, which the elicitation note repeats.
"""

from __future__ import annotations

import pytest

import grandbargain as gb

PARTIES = ("United States", "China")

# scenario -> issue -> (stakeholders of the United States, of China) with a stance on it.
COVERAGE: dict[str, dict[str, tuple[int, int]]] = {
    "us-china-2025": {
        "rare-earths": (3, 2),
        "battery-licensing": (3, 2),
        "ev-jv-plants": (4, 2),
        "biotech-licensing": (2, 2),
        "sme-controls": (5, 3),
        "eda-software": (3, 2),
        "sme-purchase": (3, 3),
        "h20-exports": (5, 3),
        "advanced-ai-chips": (4, 3),
        "tiktok-ownership": (3, 2),
        "tiktok-data-algorithm": (2, 2),
        "tiktok-cloud": (2, 2),
        "chinese-brand-access": (4, 3),
        "us-goods-access": (3, 2),
        "chinese-investment": (2, 2),
        "reciprocal-tariff": (4, 2),
        "fentanyl-tariff": (3, 2),
        "legacy-301": (3, 2),
        "purchase-commitments": (4, 2),
        "fentanyl-precursors": (2, 2),
        "us-investment-restrictions": (4, 2),
    },
    "us-china-phase-one-2019": {
        "us-tariffs-200bn": (4, 4),
        "us-tariffs-remaining": (2, 2),
        "china-retaliation": (2, 3),
        "purchases-size": (2, 3),
        "purchases-breadth": (2, 2),
        "ip-protection": (4, 2),
        "tech-transfer": (5, 2),
        "financial-services": (2, 2),
        "currency": (2, 2),
        "subsidies-soes": (2, 2),
        "enforcement": (2, 2),
        "legal-form": (2, 2),
        "huawei": (4, 4),
        "china-countermeasures": (2, 2),
    },
}

# (scenario, issue, party) -> why the sources give no second actor on that side. Empty since
# issue 14: every side of every issue has two actors the sources name or clearly imply. The
# sides where no named actor opposes the party's likely concession are listed in the
# elicitation notes instead (section "Domestic actors on each side").
GAPS: dict[tuple[str, str, str], str] = {}

SCENARIOS = {name: gb.load_scenario(name) for name in COVERAGE}


def coverage(scenario: gb.Scenario) -> dict[str, tuple[int, ...]]:
    """Per issue, the number of each party's stakeholders with a stance on it."""
    return {
        issue.id: tuple(
            sum(1 for h in scenario.stakeholders if h.party == party and issue.id in h.stances)
            for party in PARTIES
        )
        for issue in scenario.issues
    }


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_the_committed_list_names_every_issue(name: str) -> None:
    assert SCENARIOS[name].party_names == PARTIES
    assert set(COVERAGE[name]) == {issue.id for issue in SCENARIOS[name].issues}


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_coverage_does_not_fall_below_the_committed_list(name: str) -> None:
    found = coverage(SCENARIOS[name])
    fallen = {
        issue: (found[issue], committed)
        for issue, committed in COVERAGE[name].items()
        if any(have < want for have, want in zip(found[issue], committed, strict=True))
    }
    assert not fallen, fallen


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_every_side_of_every_issue_has_two_actors_or_is_a_documented_gap(name: str) -> None:
    thin = {
        (name, issue, party): count
        for issue, counts in coverage(SCENARIOS[name]).items()
        for party, count in zip(PARTIES, counts, strict=True)
        if count < 2
    }
    undocumented = {key: count for key, count in thin.items() if key not in GAPS}
    assert not undocumented, undocumented
    stale = [key for key in GAPS if key[0] == name and key not in thin]
    assert not stale, f"no longer a gap, remove it from GAPS: {stale}"


def test_every_documented_gap_gives_its_reason() -> None:
    for key, reason in GAPS.items():
        assert key[0] in COVERAGE and key[2] in PARTIES, key
        assert key[1] in COVERAGE[key[0]], key
        assert len(reason.split()) >= 5, key
