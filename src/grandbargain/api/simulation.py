"""Simulated talks (strategies, recordings, the cost of a language model's seat, the
simulation itself): functions of :mod:`grandbargain.api`.

Each imports the engines it calls when it is called, so that importing the api stays cheap;
annotations name their types for type checkers only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grandbargain.model.schema import Calendar, Scenario
    from grandbargain.simulate.llm import LLMSettings
    from grandbargain.simulate.llm.cost import CostEstimate
    from grandbargain.simulate.runner import Simulation
    from grandbargain.solve.analysis import Analysis


def strategy_descriptions(endpoint: bool = False) -> dict[str, str]:
    """Every registered strategy's name and one-line description, sorted by name; with
    ``endpoint``, the strategies that need an endpoint (``llm``) too."""
    from grandbargain.simulate.strategies import ENDPOINT_STRATEGIES, STRATEGIES

    found: dict[str, Any] = dict(STRATEGIES)
    if endpoint:
        found.update(ENDPOINT_STRATEGIES)
    return {name: str(getattr(found[name], "description", "")) for name in sorted(found)}


def check_recording(path: str | os.PathLike[str]) -> None:
    """Read a ``--replay`` recording; a file that is not one is an :class:`InputError`."""
    from grandbargain.simulate.llm.recording import load_recording

    load_recording(path)


def llm_simulation_cost(
    scenario: Scenario,
    strategies: dict[str, str],
    rounds: int,
    settings: LLMSettings,
    agenda: str = "package",
) -> CostEstimate:
    """What ``simulate`` with these strategies will cost at the settings' prices (an
    estimate: see :mod:`grandbargain.simulate.llm.cost`)."""
    from grandbargain.simulate.agenda import AGENDAS, stages
    from grandbargain.simulate.llm.cost import simulation_cost

    plan = stages(scenario, agenda, None) if agenda in AGENDAS else [("package", ())]
    return simulation_cost(scenario, strategies, rounds, len(plan), settings)


def llm_tournament_cost(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str],
    repeats: int,
    rounds: int,
    settings: LLMSettings,
) -> CostEstimate:
    """What ``tournament`` will cost at the settings' prices (an estimate)."""
    from grandbargain.simulate.llm.cost import tournament_cost

    return tournament_cost(scenarios, strategies, repeats, rounds, settings)


def simulate(
    scenario: Scenario,
    strategies: Mapping[str, str] | None = None,
    rounds: int = 60,
    agenda: str = "package",
    order: Sequence[str] | None = None,
    seed: int = 0,
    as_of: dt.date | str | None = None,
    conditions: Mapping[str, str] | None = None,
    compare_agendas: bool = True,
    analysis: Analysis | None = None,
    *,
    discounts: Mapping[str, float] | None = None,
    calendar: Calendar | None = None,
    include_events: frozenset[str] = frozenset(),
    exclude_events: frozenset[str] = frozenset(),
    llm: LLMSettings | None = None,
    record: str | os.PathLike[str] | None = None,
    replay: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    ratify: bool = False,
) -> Simulation:
    """Simulate the talks between the given strategies (default: boulware for every party);
    see :func:`grandbargain.simulate.runner.simulate` (``llm``, ``record``, ``replay`` and
    ``progress`` concern an ``llm`` seat; with ``ratify`` each party with ratification rules
    only proposes and accepts packages they let through).

    Written out here, not re-exported, because ``grandbargain.simulate`` is also the name of
    a subpackage: the package binds this function once, and it stays bound.
    """
    from grandbargain.simulate import runner

    return runner.simulate(
        scenario,
        strategies,
        rounds,
        agenda,
        order,
        seed,
        as_of,
        conditions,
        compare_agendas,
        analysis,
        discounts=discounts,
        calendar=calendar,
        include_events=include_events,
        exclude_events=exclude_events,
        llm=llm,
        record=record,
        replay=replay,
        progress=progress,
        ratify=ratify,
    )
