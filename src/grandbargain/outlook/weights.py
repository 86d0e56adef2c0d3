"""The outlook's predictors, their families and the ensemble weights.

Default weights: **equal per family** - each of the four families (solution concepts,
stakeholder forecasts, simulated talks, the no-change prior) gets 1/4, shared equally by
its predictors. It is a prior, fitted on nothing, so it is scored honestly on every case;
``benchmarks/outlook_weights.py`` documents how weights can be fitted on DEU III with
leave-one-proposal-out, and ``docs/explanation/outlook.md`` reports what that gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from grandbargain.model.errors import InputError, Problem


class Family(StrEnum):
    """Where a predictor of the outlook comes from."""

    SOLUTION = "solution"
    FORECAST = "forecast"
    SIMULATION = "simulation"
    PRIOR = "prior"


CONCEPTS = {
    "nash": "nash",
    "kalai_smorodinsky": "kalai-smorodinsky",
    "utilitarian": "utilitarian",
    "egalitarian": "egalitarian",
}
"""Solution concepts of the analysis and the predictor names they get."""
FORECAST_MODELS = {"expected-utility": "expected-utility", "compromise": "compromise"}
"""Forecasting models and the predictor names they get (each model's headline number,
mapped to the nearest option)."""
PREDICTORS: Mapping[str, Family] = MappingProxyType(
    {
        **{name: Family.SOLUTION for name in CONCEPTS.values()},
        **{name: Family.FORECAST for name in FORECAST_MODELS.values()},
        "simulation": Family.SIMULATION,
        "no-change": Family.PRIOR,
    }
)
"""Every predictor of the outlook, in the order results list them, with its family."""


def equal_per_family() -> dict[str, float]:
    """The default weights: 1/4 per family, shared equally within it."""
    families = set(PREDICTORS.values())
    sizes = {f: sum(1 for g in PREDICTORS.values() if g is f) for f in families}
    return {name: 1.0 / len(families) / sizes[f] for name, f in PREDICTORS.items()}


DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(equal_per_family())


def checked_weights(given: Mapping[str, float] | None) -> dict[str, float]:
    """The weights to use: the default, or ``given`` (predictor -> weight >= 0; predictors
    left out get 0) divided by their sum. Unknown names, negative or non-finite weights and
    an all-zero set are input errors naming ``--weight``."""
    if given is None:
        return dict(DEFAULT_WEIGHTS)
    problems = []
    for name, weight in given.items():
        if name not in PREDICTORS:
            known = ", ".join(PREDICTORS)
            problems.append(Problem("--weight", 0, 0, name, f"unknown predictor; one of: {known}"))
        elif not (weight >= 0 and weight < float("inf")):
            problems.append(Problem("--weight", 0, 0, name, f"{weight} is not a weight >= 0"))
    total = sum(w for n, w in given.items() if n in PREDICTORS and w >= 0 and w < float("inf"))
    if not problems and total <= 0:
        problems.append(Problem("--weight", 0, 0, "", "at least one weight must be > 0"))
    if problems:
        raise InputError(problems)
    return {name: given.get(name, 0.0) / total for name in PREDICTORS}
