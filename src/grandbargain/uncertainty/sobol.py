"""Variance-based (Sobol) sensitivity indices with SALib, with confidence intervals.

Inputs: every uncertain number of the spec except jointly drawn (Dirichlet) weights, sampled
with Saltelli's extension of Sobol sequences (``SALib.sample.sobol``, first and total order,
``N x (D + 2)`` model runs for ``D`` inputs) from its own distribution (uniform, triangular
and truncated normal as SALib supports them; beta falls back to uniform over its range, which
is stated in the result). Conditions stay at their defaults and events follow the
more-likely-branch rule, so the indices speak of the numbers alone.

Outputs (scalars): each party's utility under each solution concept (a draw with no package
under a concept counts as the party's reservation value: a gain of zero), and, for each issue,
the indicator that the Nash solution picks the option it picks at the nominal values.

Checked on the Ishigami function against its analytic indices (``tests/uncertainty``).
Reference: Saltelli et al. (2010), Computer Physics Communications 181; Herman and Usher (2017),
SALib, JOSS 2(9).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.schema import Scenario
from grandbargain.uncertainty.montecarlo import evaluate
from grandbargain.uncertainty.paths import put
from grandbargain.uncertainty.sampling import SampledScenario
from grandbargain.uncertainty.spec import UncertainNumber, UncertaintySpec

CONCEPTS = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")


@dataclass(frozen=True)
class SobolIndices:
    """First-order and total indices of every input for one output, with 95% half-widths."""

    output: str
    first: dict[str, float]
    first_conf: dict[str, float]
    total: dict[str, float]
    total_conf: dict[str, float]


@dataclass(frozen=True)
class SobolResult:
    """Indices for every output, and how they were obtained."""

    inputs: tuple[str, ...]
    sample_size: int
    model_runs: int
    seed: int
    notes: tuple[str, ...]
    outputs: tuple[SobolIndices, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "schema_version": 1,
            "method": "Sobol (Saltelli sampling, SALib), first and total order",
            "inputs": list(self.inputs),
            "sample_size": self.sample_size,
            "model_runs": self.model_runs,
            "seed": self.seed,
            "notes": list(self.notes),
            "outputs": [
                {
                    "output": o.output,
                    "first": o.first,
                    "first_conf": o.first_conf,
                    "total": o.total,
                    "total_conf": o.total_conf,
                }
                for o in self.outputs
            ],
        }


def sobol(
    model: Callable[[np.ndarray[Any, Any]], np.ndarray[Any, Any]],
    problem: dict[str, Any],
    n: int,
    seed: int,
    output_names: Sequence[str],
) -> tuple[list[SobolIndices], int]:
    """Sobol indices of ``model`` (rows of inputs -> rows of outputs) for a SALib problem."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    x = sample.sample(problem, n, calc_second_order=False, seed=seed)
    y = model(x)
    names = problem["names"]
    result = []
    for k, output in enumerate(output_names):
        column = y[:, k]
        if np.allclose(column, column[0]):
            zeros = dict.fromkeys(names, 0.0)
            result.append(SobolIndices(output, zeros, zeros, zeros, zeros))
            continue
        si = analyze.analyze(problem, column, calc_second_order=False, seed=seed)
        result.append(
            SobolIndices(
                output,
                {n_: float(v) for n_, v in zip(names, si["S1"], strict=True)},
                {n_: float(v) for n_, v in zip(names, si["S1_conf"], strict=True)},
                {n_: float(v) for n_, v in zip(names, si["ST"], strict=True)},
                {n_: float(v) for n_, v in zip(names, si["ST_conf"], strict=True)},
            )
        )
    return result, len(x)


def _salib_distribution(number: UncertainNumber) -> tuple[str, list[float], str | None]:
    d = number.distribution
    if d.kind == "uniform":
        return "unif", [d.low, d.high], None
    if d.kind == "triangular":
        peak = (d.get("mode") - d.low) / (d.high - d.low)
        return "triang", [d.low, d.high, peak], None
    if d.kind == "normal":
        return "truncnorm", [d.low, d.high, d.get("mean"), d.get("sd")], None
    return "unif", [d.low, d.high], f"{number.path}: {d.kind} sampled as uniform over its range"


def scenario_sobol(
    scenario: Scenario, spec: UncertaintySpec, n: int = 64, seed: int = 0
) -> SobolResult:
    """Sobol indices of the solution utilities and Nash option indicators of ``scenario``."""
    numbers = [u for u in spec.numbers if u.distribution.kind != "dirichlet"]
    if not numbers:
        raise ValueError("the spec has no single uncertain numbers to analyse")
    notes = [
        f"{u.path}: jointly drawn weights are left out"
        for u in spec.numbers
        if u.distribution.kind == "dirichlet"
    ]
    dists, bounds = [], []
    for number in numbers:
        kind, params, note = _salib_distribution(number)
        dists.append(kind)
        bounds.append(params)
        if note:
            notes.append(note)
    names = [u.path for u in numbers]
    problem = {
        "num_vars": len(numbers),
        "names": names,
        "bounds": bounds,
        "dists": dists,
    }
    base = scenario.model_dump(mode="json")
    nominal = evaluate(SampledScenario(scenario, {}, {}, frozenset(), frozenset()))
    nominal_nash = nominal.packages["nash"] or {}
    parties = list(scenario.party_names)
    reservation = _reservations(scenario)
    outputs = [f"{c}:{p}" for c in CONCEPTS for p in parties]
    outputs += [f"nash picks {i}={o}" for i, o in nominal_nash.items()]

    def model(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        rows = []
        for values in x:
            data = _copy(base)
            for number, value in zip(numbers, values, strict=True):
                for steps in number.targets:
                    put(data, steps, float(value))
            sampled = SampledScenario(
                Scenario.model_validate(data), {}, {}, frozenset(), frozenset()
            )
            outcome = evaluate(sampled)
            row = []
            for concept in CONCEPTS:
                utilities = outcome.utilities[concept]
                row += [utilities[p] if utilities else reservation[p] for p in parties]
            package = outcome.packages["nash"] or {}
            row += [float(package.get(i) == o) for i, o in nominal_nash.items()]
            rows.append(row)
        return np.array(rows, dtype=float)

    indices, runs = sobol(model, problem, n, seed, outputs)
    return SobolResult(tuple(names), n, runs, seed, tuple(notes), tuple(indices))


def _copy(data: Any) -> Any:
    import copy

    return copy.deepcopy(data)


def _reservations(scenario: Scenario) -> dict[str, float]:
    from grandbargain.space import build_space

    space = build_space(scenario)
    return {p: float(r) for p, r in zip(space.parties, space.reservation, strict=True)}
