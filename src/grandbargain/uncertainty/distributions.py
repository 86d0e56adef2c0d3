"""Probability distributions for uncertain numbers: parameters, checks and draws.

Every kind but ``dirichlet`` has a bounded support ``[low, high]``, so a draw can never leave
the range a field allows once the support has been checked against that range.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

KINDS = ("uniform", "triangular", "normal", "beta", "dirichlet")
PARAMETERS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd", "low", "high"),
    "beta": ("a", "b", "low", "high"),
    "dirichlet": ("concentration",),
}
_STANDARD = NormalDist()


@dataclass(frozen=True)
class Distribution:
    """A distribution kind and its parameters (see :data:`PARAMETERS`).

    ``normal`` is a normal distribution truncated to ``[low, high]``; ``beta`` is a beta
    distribution scaled from ``[0, 1]`` to ``[low, high]``; ``dirichlet`` draws a party's
    weights jointly, centred on the stated weights.
    """

    kind: str
    params: tuple[tuple[str, float], ...]

    def get(self, name: str) -> float:
        """The parameter ``name``."""
        return dict(self.params)[name]

    @property
    def low(self) -> float:
        """Lower end of the support (not defined for ``dirichlet``)."""
        return self.get("low")

    @property
    def high(self) -> float:
        """Upper end of the support (not defined for ``dirichlet``)."""
        return self.get("high")

    def mean(self) -> float:
        """Expected value of a draw (truncated normal: computed from the normal's CDF)."""
        low, high = self.low, self.high
        if self.kind == "uniform":
            return (low + high) / 2
        if self.kind == "triangular":
            return (low + self.get("mode") + high) / 3
        if self.kind == "beta":
            a, b = self.get("a"), self.get("b")
            return low + (high - low) * a / (a + b)
        if self.kind == "normal":
            mu, sd = self.get("mean"), self.get("sd")
            alpha, beta = (low - mu) / sd, (high - mu) / sd
            mass = _STANDARD.cdf(beta) - _STANDARD.cdf(alpha)
            if mass <= 0:
                return low if mu < low else high
            return mu + sd * (_STANDARD.pdf(alpha) - _STANDARD.pdf(beta)) / mass
        raise ValueError(f"{self.kind} has no scalar mean")

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``{"kind": ..., parameter: value, ...}``."""
        return {"kind": self.kind, **dict(self.params)}


def parameter_problems(kind: str, params: dict[str, float]) -> list[tuple[str, str]]:
    """``(parameter, message)`` for each impossible parameter of a distribution."""
    problems: list[tuple[str, str]] = []
    if kind == "dirichlet":
        if params["concentration"] <= 0:
            problems.append(("concentration", "must be > 0"))
        return problems
    low, high = params["low"], params["high"]
    if low > high:
        problems.append(("low", f"low {low} is above high {high}"))
    if kind == "triangular" and not low <= params["mode"] <= high:
        problems.append(("mode", f"mode {params['mode']} is outside [{low}, {high}]"))
    if kind == "normal" and params["sd"] <= 0:
        problems.append(("sd", "must be > 0"))
    if kind == "beta":
        for name in ("a", "b"):
            if params[name] <= 0:
                problems.append((name, "must be > 0"))
    return problems


def draw(distribution: Distribution, rng: np.random.Generator) -> float:
    """One draw; always inside ``[low, high]``."""
    kind, low, high = distribution.kind, distribution.low, distribution.high
    if high <= low:
        return low
    if kind == "uniform":
        value = float(rng.uniform(low, high))
    elif kind == "triangular":
        value = float(rng.triangular(low, distribution.get("mode"), high))
    elif kind == "beta":
        value = low + (high - low) * float(rng.beta(distribution.get("a"), distribution.get("b")))
    elif kind == "normal":
        mu, sd = distribution.get("mean"), distribution.get("sd")
        lo, hi = _STANDARD.cdf((low - mu) / sd), _STANDARD.cdf((high - mu) / sd)
        u = lo + (hi - lo) * float(rng.random())
        value = mu + sd * _STANDARD.inv_cdf(u) if 0.0 < u < 1.0 else (low if mu < low else high)
    else:
        raise ValueError(f"{kind} is not a scalar distribution")
    return min(max(value, low), high)


def draw_weights(
    weights: np.ndarray[Any, np.dtype[np.float64]],
    concentration: float,
    rng: np.random.Generator,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Dirichlet draw centred on ``weights``; zero weights stay zero, the sum is kept."""
    total = float(weights.sum())
    result = np.zeros_like(weights)
    positive = weights > 0
    if total <= 0 or positive.sum() < 2:
        return weights.copy()
    shares = rng.dirichlet(concentration * weights[positive] / total)
    result[positive] = shares * total
    return result
