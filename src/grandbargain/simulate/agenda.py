"""Checking a simulation call: the agenda and its stages, the strategies and the discounts.

Every problem is an :class:`~grandbargain.model.errors.InputError` naming the option
(``--agenda``, ``--order``, ``--strategy``, ``--discount``, ``--rounds``) it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.simulate.context import SimulationContext
from grandbargain.simulate.strategies import ENDPOINT_STRATEGIES, STRATEGIES

AGENDAS = ("package", "issue-by-issue", "bucket-by-bucket")
DEFAULT_STRATEGY = "boulware"


def check_agenda_and_rounds(agenda: str, rounds: int) -> None:
    """A known agenda and at least one round."""
    if agenda not in AGENDAS:
        raise InputError(
            [
                Problem(
                    "--agenda",
                    0,
                    0,
                    "",
                    f"unknown agenda {agenda!r}; expected one of: " + ", ".join(AGENDAS),
                )
            ]
        )
    if rounds < 1:
        raise InputError([Problem("--rounds", 0, 0, "", "rounds must be at least 1")])


def party_discounts(
    scenario: Scenario, discounts: Mapping[str, float] | None
) -> list[float | None] | None:
    """Per-party discount factors: the given ones over the scenario's (None: the scenario's)."""
    if not discounts:
        return None
    unknown = [p for p in discounts if p not in scenario.party_names]
    if unknown:
        raise InputError([Problem("--discount", 0, 0, p, "unknown party") for p in unknown])
    return [discounts.get(party.name, party.discount) for party in scenario.parties]


def strategy_names(scenario: Scenario, chosen: Mapping[str, str]) -> dict[str, str]:
    """Each party's strategy: the chosen one, else the default; unknown names are errors."""
    problems = []
    for party, name in chosen.items():
        if party not in scenario.party_names:
            problems.append(
                Problem(
                    "--strategy",
                    0,
                    0,
                    party,
                    "unknown party; expected one of: " + ", ".join(scenario.party_names),
                )
            )
        if name not in STRATEGIES and name not in ENDPOINT_STRATEGIES:
            known = ", ".join(sorted([*STRATEGIES, *ENDPOINT_STRATEGIES]))
            problems.append(
                Problem(
                    "--strategy",
                    0,
                    0,
                    party,
                    f"unknown strategy {name!r}; expected one of: {known}",
                )
            )
    if problems:
        raise InputError(problems)
    return {party: chosen.get(party, DEFAULT_STRATEGY) for party in scenario.party_names}


def agenda_stages(
    scenario: Scenario, context: SimulationContext, agenda: str, order: Sequence[str] | None
) -> list[tuple[str, tuple[int, ...]]]:
    """The agenda's stages; a staged agenda needs a status quo on every issue."""
    if agenda != "package" and context.space.status_quo is None:
        raise InputError(
            [
                Problem(
                    scenario.id,
                    0,
                    0,
                    "issues",
                    f"the {agenda} agenda needs a status quo on every issue; use --agenda package",
                )
            ]
        )
    return stages(scenario, agenda, order)


def stages(
    scenario: Scenario, agenda: str, order: Sequence[str] | None
) -> list[tuple[str, tuple[int, ...]]]:
    """(name, issue indices) of each stage of ``agenda``."""
    ids = [issue.id for issue in scenario.issues]
    if agenda == "package":
        return [("package", tuple(range(len(ids))))]
    if agenda == "issue-by-issue":
        sequence = list(order) if order else ids
        unknown = [i for i in sequence if i not in ids]
        missing = [i for i in ids if i not in sequence]
        if unknown or missing or len(set(sequence)) != len(sequence):
            raise InputError(
                [
                    Problem(
                        "--order",
                        0,
                        0,
                        "",
                        "the order must list every issue id "
                        f"once; unknown: {unknown}, missing: {missing}",
                    )
                ]
            )
        return [(issue, (ids.index(issue),)) for issue in sequence]
    buckets: dict[str, list[int]] = {}
    for i, issue in enumerate(scenario.issues):
        buckets.setdefault(issue.bucket, []).append(i)
    return [(bucket, tuple(members)) for bucket, members in buckets.items()]


def check_endpoint(names: Mapping[str, str], has_endpoint: bool) -> None:
    """An endpoint strategy (``llm``) needs the endpoint's settings."""
    wanting = [party for party, name in names.items() if name in ENDPOINT_STRATEGIES]
    if wanting and not has_endpoint:
        message = "the llm strategy needs an endpoint: give --llm-url and --llm-model"
        raise InputError([Problem("--strategy", 0, 0, party, message) for party in wanting])
