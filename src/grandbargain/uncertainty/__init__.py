"""Uncertainty analysis: sample uncertain numbers, conditions and events, and analyse each draw.

Uncertain numbers come from a side file (:func:`load_spec`) or a mapping
(:func:`spec_from_mapping`); :func:`monte_carlo` runs the draws and :func:`save_results` /
:func:`load_results` keep them in Parquet.
"""

from grandbargain.uncertainty.montecarlo import monte_carlo
from grandbargain.uncertainty.result import DrawOutcome, MonteCarloResult
from grandbargain.uncertainty.sampling import SampledScenario, sample_scenario
from grandbargain.uncertainty.sensitivity import TornadoRow, tornado
from grandbargain.uncertainty.spec import (
    UncertainNumber,
    UncertaintySpec,
    load_spec,
    spec_from_mapping,
)
from grandbargain.uncertainty.storage import load_results, save_results

__all__ = [
    "DrawOutcome",
    "MonteCarloResult",
    "SampledScenario",
    "TornadoRow",
    "UncertainNumber",
    "UncertaintySpec",
    "load_results",
    "load_spec",
    "monte_carlo",
    "sample_scenario",
    "save_results",
    "spec_from_mapping",
    "tornado",
]
