"""Variance-based (Sobol) sensitivity indices with SALib, with confidence intervals.

Inputs: every uncertain number of the spec except jointly drawn (Dirichlet) weights, sampled
with Saltelli's extension of Sobol sequences (``SALib.sample.sobol``, first and total order,
``N x (D + 2)`` model runs for ``D`` inputs): SALib samples each input's uniform variable on
[0, 1) and the input's own inverse CDF turns it into the number, so every kind is sampled
exactly as in a Monte Carlo run. Model runs go through the batch engine (:mod:`.batch`).
Conditions stay at their defaults and events follow the
more-likely-branch rule, so the indices speak of the numbers alone.

Outputs (scalars): each party's utility under each solution concept (a draw with no package
under a concept counts as the party's reservation value: a gain of zero), and, for each issue,
the indicator that the Nash solution picks the option it picks at the nominal values.

Checked on the Ishigami function against its analytic indices (``tests/uncertainty``).
Reference: Saltelli et al. (2010), Computer Physics Communications 181; Herman and Usher (2017),
SALib, JOSS 2(9).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.optional import require
from grandbargain.uncertainty.batch import evaluate_batch
from grandbargain.uncertainty.montecarlo import evaluate
from grandbargain.uncertainty.sampling import (
    DrawLayout,
    SampledScenario,
    draw_layout,
    draws_from_uniforms,
    on_date,
)
from grandbargain.uncertainty.spec import UncertaintySpec

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
    analyze = require("SALib.analyze.sobol", "Sobol indices", "--sobol")
    sample = require("SALib.sample.sobol", "Sobol indices", "--sobol")

    x = sample.sample(problem, n, calc_second_order=False, seed=seed)
    # SALib's bootstrap ignores a seed of 0 (``if seed:``) and then draws from numpy's global
    # generator: results would change from run to run. It gets a seed derived from ours.
    bootstrap = int(np.random.SeedSequence(seed).generate_state(1)[0]) or 1
    y = model(x)
    names = problem["names"]
    result = []
    for k, output in enumerate(output_names):
        column = y[:, k]
        if np.allclose(column, column[0]):  # constant: zero indices
            zeros = dict.fromkeys(names, 0.0)
            result.append(SobolIndices(output, zeros, zeros, zeros, zeros))
            continue
        with warnings.catch_warnings():  # SALib warns about nearly constant outputs
            warnings.filterwarnings("ignore", "Constant values encountered", UserWarning)
            si = analyze.analyze(problem, column, calc_second_order=False, seed=bootstrap)
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


def _check(spec: UncertaintySpec, n: int, seed: int) -> None:
    """Refuse what SALib cannot do, before any model run."""
    require("SALib", "Sobol indices", "--sobol")
    if n < 2:
        raise InputError([Problem("", 0, 0, "--sobol", f"{n}: needs at least 2 base samples")])
    if seed < 0:
        message = f"{seed} is negative; seeds are integers >= 0"
        raise InputError([Problem("", 0, 0, "--seed", message)])
    if not any(u.distribution.kind != "dirichlet" for u in spec.numbers):
        message = (
            "no single uncertain numbers to analyse (jointly drawn weights are left out); "
            "give distributions inline in the scenario or in a --spec file"
        )
        raise InputError([Problem("", 0, 0, "--sobol", message)])


def scenario_sobol(
    scenario: Scenario,
    spec: UncertaintySpec,
    n: int = 64,
    seed: int = 0,
    as_of: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SobolResult:
    """Sobol indices of the solution utilities and Nash option indicators of ``scenario``.

    SALib samples each uncertain number's uniform variable on [0, 1); our inverse CDFs turn
    it into the number, so every kind (beta and truncated normal included) is sampled exactly
    as in a Monte Carlo run. Model runs go through the batch engine. ``as_of`` analyses the
    scenario on that date; ``progress(done, total)`` counts the model runs. Raises
    :class:`InputError` when SALib is missing, ``n`` < 2, the seed is negative or no single
    number is uncertain.
    """
    _check(spec, n, seed)
    scenario = on_date(scenario, as_of)
    numbers = tuple(u for u in spec.numbers if u.distribution.kind != "dirichlet")
    notes = [
        f"{u.path}: jointly drawn weights are left out"
        for u in spec.numbers
        if u.distribution.kind == "dirichlet"
    ]
    names = [u.path for u in numbers]
    problem = {"num_vars": len(numbers), "names": names, "bounds": [[0.0, 1.0]] * len(numbers)}
    single = UncertaintySpec(numbers, conditions="default", events="likely")
    layout = draw_layout(scenario, single)
    nominal = evaluate(SampledScenario(scenario, {}, {}, frozenset(), frozenset()))
    nominal_nash = nominal.packages["nash"] or {}
    parties = list(scenario.party_names)
    outputs = [f"{c}:{p}" for c in CONCEPTS for p in parties]
    outputs += [f"nash picks {i}={o}" for i, o in nominal_nash.items()]
    model = _model(scenario, layout, nominal_nash, progress)
    indices, runs = sobol(model, problem, n, seed, outputs)
    return SobolResult(tuple(names), n, runs, seed, tuple(notes), tuple(indices))


def _model(
    scenario: Scenario,
    layout: DrawLayout,
    nominal_nash: Mapping[str, str],
    progress: Callable[[int, int], None] | None,
) -> Callable[[np.ndarray[Any, Any]], np.ndarray[Any, Any]]:
    """The model SALib evaluates: rows of uniforms in, one row of outputs per row out (each
    party's utility under each concept, then each nominal Nash pick's indicator), evaluated
    in chunks of ``CHUNK`` rows by the batch engine."""
    reservation = np.array(list(_reservations(scenario).values()))
    option_of = {
        issue.id: {o.id: k for k, o in enumerate(issue.options)} for issue in scenario.issues
    }
    issue_of = {issue.id: i for i, issue in enumerate(scenario.issues)}
    nash = CONCEPTS.index("nash")

    def model(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        uniforms = np.minimum(np.asarray(x, dtype=np.float64), np.nextafter(1.0, 0.0))
        columns = []
        for start in range(0, len(uniforms), CHUNK):
            draws = draws_from_uniforms(layout, uniforms[start : start + CHUNK])
            table = evaluate_batch(scenario, layout, draws)
            block = []
            for c in range(len(CONCEPTS)):
                values = table.utilities[c]
                block.append(np.where(np.isnan(values), reservation[None, :], values))
            for issue, option in nominal_nash.items():
                picked = table.options[nash, :, issue_of[issue]] == option_of[issue][option]
                block.append(picked.astype(float)[:, None])
            columns.append(np.concatenate(block, axis=1))
            if progress is not None:
                progress(min(start + CHUNK, len(uniforms)), len(uniforms))
        return np.concatenate(columns, axis=0)

    return model


CHUNK = 512


def _reservations(scenario: Scenario) -> dict[str, float]:
    from grandbargain.space import build_space

    space = build_space(scenario)
    return {p: float(r) for p, r in zip(space.parties, space.reservation, strict=True)}
