"""Simulation results as plain JSON-ready data (schema: ``schemas/simulation.schema.json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grandbargain.simulate.runner import Simulation, StageResult


def simulation_to_dict(sim: Simulation) -> dict[str, Any]:
    """The whole simulation, transcript included."""
    stages = [_stage(sim, stage) for stage in sim.stages]
    return {
        "schema_version": 1,
        "scenario": sim.scenario,
        "parties": list(sim.parties),
        "strategies": dict(sim.strategies),
        "seed": sim.seed,
        "rounds": sim.rounds,
        "agenda": sim.agenda,
        "stages": stages,
        "outcome": {
            "agreement": sim.agreement,
            "package": None if sim.package is None else dict(sim.package),
            "utilities": dict(sim.utilities),
            "reservation": dict(sim.reservation),
            "joint_gain": sim.joint_gain,
            "distance_to_nash": sim.distance_to_nash,
            "distance_to_frontier": sim.distance_to_frontier,
            "rounds_used": sim.rounds_used,
            "ended_by": sim.ended_by,
        },
        "agenda_joint_gains": dict(sim.agenda_joint_gains),
        "metrics": None if sim.metrics is None else sim.metrics.to_dict(),
        "llm": None if sim.llm is None else dict(sim.llm),
        "ratification": None if sim.ratification is None else sim.ratification.to_dict(),
    }


def _package(sim: Simulation, indices: tuple[int, ...] | None) -> dict[str, str] | None:
    if indices is None:
        return None
    return {sim.issue_ids[i]: sim.option_ids[i][o] for i, o in enumerate(indices)}


def _stage(sim: Simulation, stage: StageResult) -> dict[str, Any]:
    session = stage.session
    return {
        "name": stage.name,
        "issues": list(stage.issues),
        "ended": session.ended,
        "agreement": _package(sim, session.agreement),
        "rounds_used": session.rounds_used,
        "walked_away": None if session.walked_away is None else sim.parties[session.walked_away],
        "walk_aways": [sim.parties[p] for p in session.walk_aways],
        "transcript": [
            {
                "turn": step.turn,
                "round": step.round,
                "date": None if step.date is None else step.date.isoformat(),
                "party": sim.parties[step.party],
                "action": step.action,
                "package": _package(sim, step.package),
                "utilities": None
                if utilities is None
                else dict(zip(sim.parties, utilities, strict=True)),
            }
            for step, utilities in zip(session.steps, stage.step_utilities, strict=True)
        ],
        "exchanges": [exchange.to_dict(sim.parties) for exchange in stage.exchanges],
    }
