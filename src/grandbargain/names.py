"""The one spelling of each solution concept, and so of each outlook predictor, wherever a
person reads it (tables, sentences, charts, the report, the web page). JSON keeps the ids.

A leaf module with no imports, so every layer (the briefing's sentences as well as the
shells) takes the names from here, re-exported by :mod:`grandbargain.api`.
"""

from __future__ import annotations

SOLUTION_NAMES = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai-Smorodinsky",
    "utilitarian": "utilitarian",
    "egalitarian": "egalitarian",
}
"""The one spelling of each solution concept wherever a person reads it (tables, charts, the
report, the web page), by its name in :data:`SOLUTION_CONCEPTS`; JSON keys stay those names,
and backtest and outlook predictor names their hyphenated form (``kalai-smorodinsky``)."""


MONTE_CARLO = "montecarlo-"
"""The prefix of the backtest's Monte Carlo predictors (``montecarlo-nash``)."""
STATISTICS = ("mean", "median")
"""The suffixes of the backtest's forecast predictors (``compromise-mean``), which the
``forecast`` table heads ``compromise mean``."""


def predictor_name(predictor: str) -> str:
    """How a person reads a predictor of the outlook or the backtest: a solution concept as
    :data:`SOLUTION_NAMES` spells it (``Monte Carlo`` before it for the backtest's Monte Carlo
    predictors), a forecast model's statistic as the ``forecast`` table heads it
    (``expected-utility median``), any other predictor (``compromise``, ``simulation``,
    ``no-change``, the baselines) by its own name.

    >>> predictor_name("kalai-smorodinsky"), predictor_name("nash"), predictor_name("simulation")
    ('Kalai-Smorodinsky', 'Nash', 'simulation')
    >>> predictor_name("montecarlo-kalai-smorodinsky"), predictor_name("compromise-mean")
    ('Monte Carlo Kalai-Smorodinsky', 'compromise mean')
    """
    concept = predictor.removeprefix(MONTE_CARLO).replace("-", "_")
    if concept not in SOLUTION_NAMES:
        model, _, statistic = predictor.rpartition("-")
        return f"{model} {statistic}" if model and statistic in STATISTICS else predictor
    name = SOLUTION_NAMES[concept]
    return f"Monte Carlo {name}" if predictor.startswith(MONTE_CARLO) else name
