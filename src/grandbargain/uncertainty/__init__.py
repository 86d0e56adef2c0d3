"""Uncertainty analysis: sample uncertain numbers, conditions and events, and analyse each draw.

Uncertain numbers come from a side file (:func:`load_spec`) or a mapping
(:func:`spec_from_mapping`); :func:`monte_carlo` runs the draws and :func:`save_results` /
:func:`load_results` keep them in Parquet. Names are imported on first use
(:mod:`grandbargain.lazy`), so that reading a spec does not load scipy.
"""

from typing import TYPE_CHECKING

from grandbargain.lazy import lazy_exports

if TYPE_CHECKING:
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
else:
    __getattr__, __dir__ = lazy_exports(
        globals(),
        {
            "grandbargain.uncertainty.montecarlo": "monte_carlo",
            "grandbargain.uncertainty.result": "DrawOutcome MonteCarloResult",
            "grandbargain.uncertainty.sampling": "SampledScenario sample_scenario",
            "grandbargain.uncertainty.sensitivity": "TornadoRow tornado",
            "grandbargain.uncertainty.spec": (
                "UncertainNumber UncertaintySpec load_spec spec_from_mapping"
            ),
            "grandbargain.uncertainty.storage": "load_results save_results",
        },
    )

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
