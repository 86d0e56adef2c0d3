"""Probability distributions for uncertain numbers: parameters, checks and draws.

Every kind but ``dirichlet`` has a bounded support ``[low, high]``, so a draw can never leave
the range a field allows once the support has been checked against that range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
from numpy.typing import NDArray

KINDS = ("uniform", "triangular", "normal", "beta", "dirichlet")
PARAMETERS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd", "low", "high"),
    "beta": ("a", "b", "low", "high"),
    "dirichlet": ("concentration",),
}
_STANDARD = NormalDist()
FloatArray = NDArray[np.float64]


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


LARGEST = 1e12
"""Largest magnitude of a shape parameter (``sd``, ``a``, ``b``, ``concentration``, a
normal's ``mean``): far beyond any useful value, and small enough that the inverse CDFs never
overflow. Supports are bounded by the field each number belongs to."""


def finite_number(value: Any) -> float | None:
    """``value`` as a finite float, or None: not a number (booleans are not), NaN, infinite,
    or an integer too large for a float (``10**400`` gives None, never ``OverflowError``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:
        return None
    return result if math.isfinite(result) else None


def parameter_problems(kind: str, params: dict[str, float]) -> list[tuple[str, str]]:
    """``(parameter, message)`` for each impossible parameter of a distribution (all finite)."""
    problems: list[tuple[str, str]] = [
        (name, f"must be between -{LARGEST:g} and {LARGEST:g}")
        for name in ("mean", "sd", "a", "b", "concentration")
        if name in params and abs(params[name]) > LARGEST
    ]
    if kind == "dirichlet":
        if params["concentration"] <= 0:
            problems.append(("concentration", "must be > 0"))
        return problems
    low, high = params["low"], params["high"]
    if low > high:
        problems.append(("low", f"low {low} is above high {high}"))
    elif not math.isfinite(high - low):
        problems.append(("high", f"the support [{low}, {high}] is too wide"))
    if kind == "triangular" and not low <= params["mode"] <= high:
        problems.append(("mode", f"mode {params['mode']} is outside [{low}, {high}]"))
    if kind == "normal" and params["sd"] <= 0:
        problems.append(("sd", "must be > 0"))
    if kind == "beta":
        for name in ("a", "b"):
            if params[name] <= 0:
                problems.append((name, "must be > 0"))
    return problems


def quantile(distribution: Distribution, u: FloatArray) -> FloatArray:
    """The draws that uniform numbers ``u`` in [0, 1) map to (inverse CDF); inside [low, high].

    Every scalar draw goes through here, one uniform per draw, so a batch of draws is one
    array operation and a draw depends only on its uniform number.
    """
    from scipy import special  # type: ignore[import-untyped]  # here: scipy is slow to load

    kind, low, high = distribution.kind, distribution.low, distribution.high
    u = np.asarray(u, dtype=np.float64)
    if high <= low:
        return np.full(u.shape, low)
    if kind == "uniform":
        value = low + (high - low) * u
    elif kind == "triangular":
        mode = distribution.get("mode")
        cut = (mode - low) / (high - low)
        rising = low + np.sqrt(u * (high - low) * (mode - low))
        falling = high - np.sqrt((1.0 - u) * (high - low) * (high - mode))
        value = np.where(u < cut, rising, falling)
    elif kind == "beta":
        value = low + (high - low) * special.betaincinv(
            distribution.get("a"), distribution.get("b"), u
        )
    elif kind == "normal":
        mu, sd = distribution.get("mean"), distribution.get("sd")
        lo, hi = special.ndtr((low - mu) / sd), special.ndtr((high - mu) / sd)
        if hi <= lo:  # all the mass is beyond one end, numerically
            return np.full(u.shape, low if mu < low else high)
        value = mu + sd * special.ndtri(lo + (hi - lo) * u)
    else:
        raise ValueError(f"{kind} is not a scalar distribution")
    result: FloatArray = np.clip(np.nan_to_num(value, nan=low), low, high)
    return result


def weights_quantile(weights: FloatArray, concentration: float, u: FloatArray) -> FloatArray:
    """Dirichlet draws centred on ``weights`` from uniforms ``u`` of shape (draws, len(weights)).

    Each positive weight gets a gamma draw (inverse CDF of ``u``) with shape
    ``concentration * share``; the draws are normalised and scaled back to the weights' sum.
    Zero weights stay zero; fewer than two positive weights, or a degenerate draw, keep the
    stated weights.
    """
    u = np.atleast_2d(np.asarray(u, dtype=np.float64))
    total = float(weights.sum())
    result = np.repeat(weights[None, :].astype(np.float64), len(u), axis=0)
    positive = weights > 0
    if total <= 0 or positive.sum() < 2:
        return result
    from scipy import special

    shape = concentration * weights[positive] / total
    gammas = special.gammaincinv(shape[None, :], u[:, positive])
    sums = row_sums(gammas)
    good = np.isfinite(sums) & (sums > 0)
    shares = gammas[good] / sums[good, None]
    block = result[good]
    block[:, positive] = shares * total
    result[good] = block
    return result


def row_sums(values: FloatArray) -> FloatArray:
    """Each row's sum, added left to right.

    ``values.sum(axis=1)`` may add in another order for a block of rows than for one row
    (pairwise, or column by column), and so differ in the last bit; a draw must not depend on
    the batch it ran in.
    """
    total: FloatArray = np.zeros(values.shape[0])
    for column in range(values.shape[1]):
        total = total + values[:, column]
    return total
