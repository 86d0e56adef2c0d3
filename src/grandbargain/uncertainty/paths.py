"""Dotted paths to a scenario's numbers: moved to :mod:`grandbargain.model.paths`, which the
scenario loader shares; re-exported here for the uncertainty engine."""

from grandbargain.model.paths import (
    CANNOT_VARY,
    Field,
    Pattern,
    Resolved,
    Step,
    canonical,
    get,
    is_weights,
    pattern_of,
    put,
    range_problem,
    resolve,
    variable_fields,
)

__all__ = [
    "CANNOT_VARY",
    "Field",
    "Pattern",
    "Resolved",
    "Step",
    "canonical",
    "get",
    "is_weights",
    "pattern_of",
    "put",
    "range_problem",
    "resolve",
    "variable_fields",
]
