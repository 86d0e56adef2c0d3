"""Monte Carlo results: one record per draw, and the summaries computed from them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.solve.analysis import CONCEPTS

RESULT_SCHEMA_VERSION = 1
NO_AGREEMENT = "(none)"
"""Key used in option probabilities for draws where the concept picks no package."""
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
TOP_LOGROLLS = 20


@dataclass(frozen=True)
class DrawOutcome:
    """What one draw sampled and what the analysis chose.

    ``packages`` and ``utilities`` map each concept to its package and party utilities, or
    None when the concept finds no package; ``events`` maps each open event to whether it
    happened in this draw; ``logrolls`` lists the keys (``issue=option+issue=option``) of
    every two-issue logroll away from the status quo.
    """

    numbers: dict[str, float]
    conditions: dict[str, str]
    events: dict[str, bool]
    packages: dict[str, dict[str, str] | None]
    utilities: dict[str, dict[str, float] | None]
    feasible: bool
    logrolls: tuple[str, ...]


@dataclass(frozen=True)
class MonteCarloResult:
    """All draws of a Monte Carlo run with the scenario, spec and seed that made them."""

    scenario: dict[str, Any]
    spec: dict[str, Any]
    seed: int
    outcomes: tuple[DrawOutcome, ...]
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    options: dict[str, tuple[str, ...]]

    @classmethod
    def build(
        cls,
        scenario: dict[str, Any],
        spec: dict[str, Any],
        seed: int,
        outcomes: tuple[DrawOutcome, ...],
    ) -> MonteCarloResult:
        """A result for ``outcomes`` of ``scenario`` (its JSON form)."""
        return cls(
            scenario=scenario,
            spec=spec,
            seed=seed,
            outcomes=outcomes,
            parties=tuple(p["name"] for p in scenario["parties"]),
            issues=tuple(i["id"] for i in scenario["issues"]),
            options={i["id"]: tuple(o["id"] for o in i["options"]) for i in scenario["issues"]},
        )

    @property
    def draws(self) -> int:
        """Number of draws."""
        return len(self.outcomes)

    def option_probabilities(self) -> dict[str, dict[str, dict[str, float]]]:
        """``{concept: {issue: {option: share of draws}}}``; each issue's shares sum to 1.

        Draws where the concept finds no package count under :data:`NO_AGREEMENT`.
        """
        result: dict[str, dict[str, dict[str, float]]] = {}
        n = self.draws
        for concept in CONCEPTS:
            counts = {issue: Counter[str]() for issue in self.issues}
            for outcome in self.outcomes:
                package = outcome.packages[concept]
                for issue in self.issues:
                    counts[issue][NO_AGREEMENT if package is None else package[issue]] += 1
            result[concept] = {
                issue: {
                    option: counts[issue][option] / n
                    for option in (*self.options[issue], NO_AGREEMENT)
                    if option != NO_AGREEMENT or counts[issue][option]
                }
                for issue in self.issues
            }
        return result

    def feasible_probability(self) -> float:
        """Share of draws where some package meets the acceptance rule."""
        return sum(o.feasible for o in self.outcomes) / self.draws

    def solution_probability(self) -> dict[str, float]:
        """Per concept, share of draws where it picks a package (Nash needs gains > 0)."""
        return {
            c: sum(o.packages[c] is not None for o in self.outcomes) / self.draws for c in CONCEPTS
        }

    def utility_quantiles(
        self, quantiles: tuple[float, ...] = QUANTILES
    ) -> dict[str, dict[str, dict[str, float | None]]]:
        """``{concept: {party: {"n", "mean", "q05", ...}}}`` over draws with a package."""
        result: dict[str, dict[str, dict[str, float | None]]] = {}
        for concept in CONCEPTS:
            result[concept] = {}
            for party in self.parties:
                values = np.array(
                    [u[party] for o in self.outcomes if (u := o.utilities[concept]) is not None]
                )
                summary: dict[str, float | None] = {"n": float(len(values))}
                summary["mean"] = float(values.mean()) if len(values) else None
                for q in quantiles:
                    key = f"q{round(q * 100):02d}"
                    summary[key] = float(np.quantile(values, q)) if len(values) else None
                result[concept][party] = summary
        return result

    def logroll_shares(self, top: int | None = TOP_LOGROLLS) -> dict[str, float]:
        """The logrolls that hold in most draws: key -> share of draws, largest first."""
        counts = Counter(key for o in self.outcomes for key in o.logrolls)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return {key: count / self.draws for key, count in ranked[:top]}

    def to_dict(self) -> dict[str, Any]:
        """Summaries as plain data for JSON."""
        return {
            "schema_version": RESULT_SCHEMA_VERSION,
            "scenario": self.scenario["id"],
            "seed": self.seed,
            "draws": self.draws,
            "spec": self.spec,
            "feasible_probability": self.feasible_probability(),
            "solution_probability": self.solution_probability(),
            "option_probabilities": self.option_probabilities(),
            "utilities": self.utility_quantiles(),
            "logrolls": self.logroll_shares(),
        }
