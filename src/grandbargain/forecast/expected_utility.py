"""Bueno de Mesquita's expected-utility model, as reconstructed by Scholz et al. (2011).

Each round (Bueno de Mesquita 1994, 2002; Scholz, Calbert & Smith 2011, "Unravelling Bueno
de Mesquita's group decision model", *Journal of Theoretical Politics* 23(4)):

1. risk exponents r_i from the security levels of the current positions;
2. every pair of actors at different positions: probability of success P_ij from the
   capability x salience weighted votes, expected utility of challenging EU_ij and EU_ji;
3. the sign pattern of (EU_ij, EU_ji), as actor i perceives it, makes j's pressure on i a
   confrontation, compromise or capitulation offer (or nothing);
4. all actors simultaneously adopt the offer they pick (``EUOptions.offer_choice``);
5. stop by ``EUOptions.stop``.

The forecast is the capability x salience weighted median of the final positions; the mean
is reported too. The arithmetic is in :mod:`grandbargain.forecast.eu_core`. To settle the
choices Scholz et al. leave implicit, the public Python reconstruction of their code at
github.com/jmckib/bdm-scholz-expected-utility-model (``bdm_scholz_model.py``) was read (not
copied); its 10-round trace on the 1994 emission-standards data sits beside Scholz's Table 2
in the shared ``bdm_examples/emission_standards_trace.csv``. With the default options this
implementation reproduces that trace (means within 0.1 and medians within 0.15 of Scholz's
Table 2 except round 2, where the reconstruction gives 9.61 against Scholz's 9.9).
"""

from __future__ import annotations

import numpy as np

from .data import ForecastIssue, ModelForecast, Move, RoundState, weighted_mean, weighted_median
from .eu_core import (
    Array,
    EUOptions,
    Offer,
    choose,
    classify,
    eu_matrix,
    risk_exponents,
    success_probabilities,
)

__all__ = ["EUOptions", "expected_utility"]


def _span(issue: ForecastIssue, x: Array, initial: float, opts: EUOptions) -> float:
    if opts.position_range == "issue_scale":
        return issue.span
    if opts.position_range == "current_spread":
        return float(x.max() - x.min())
    return initial


def _state(round_: int, x: Array, w: tuple[float, ...]) -> RoundState:
    positions = tuple(float(v) for v in x)
    return RoundState(round_, weighted_mean(positions, w), weighted_median(positions, w), positions)


def _offers(
    x: Array, w: Array, s: Array, r: Array, span: float, median: float, opts: EUOptions
) -> list[Offer | None]:
    """The offer each actor adopts this round (None: it stays)."""
    n = len(x)
    p = success_probabilities(x, w, r, span, opts.probability_denominator)
    rows = np.repeat(r[:, None], n, axis=1)  # r_view[a, b] = r_a: the challenger's own view
    own = eu_matrix(x, s, p, rows, span, median, opts)
    # r_view[a, b] = r_b: EU_ab as the target b perceives it
    seen_by_target = eu_matrix(x, s, p, rows.T, span, median, opts)
    chosen: list[Offer | None] = []
    for i in range(n):
        offers = []
        for j in range(n):
            if x[j] == x[i]:
                continue
            eu_ji = own[j, i] if opts.eu_perspective == "own" else seen_by_target[j, i]
            offer = classify(i, j, float(own[i, j]), float(eu_ji), x, opts)
            if offer is not None:
                offers.append(offer)
        chosen.append(choose(offers, x, opts))
    return chosen


def _moved(
    issue: ForecastIssue,
    x: Array,
    offers: list[Offer | None],
    tol: float,
    round_: int,
) -> tuple[Array, list[Move]]:
    """The positions after one round, each actor taking the offer it chose (one within
    ``tol`` of where it stands is no move), and the moves made."""
    new = x.copy()
    moves: list[Move] = []
    for offer in offers:
        if offer is None or abs(offer.position - x[offer.receiver]) <= tol:
            continue
        new[offer.receiver] = offer.position
        moves.append(
            Move(
                round=round_,
                actor=issue.actors[offer.receiver].name,
                pressured_by=issue.actors[offer.proposer].name,
                offer=offer.kind,
                from_position=float(x[offer.receiver]),
                to_position=float(offer.position),
            )
        )
    return new, moves


def expected_utility(
    issue: ForecastIssue, rounds: int | None = None, options: EUOptions | None = None
) -> ModelForecast:
    """Forecast an issue with the expected-utility model (Scholz et al. 2011 reconstruction).

    Args:
        issue: The actors (capability, position, salience in 0-1) on any position scale.
        rounds: Rounds at most; ``None`` uses ``options.max_rounds``.
        options: The interpretation choices; the defaults reproduce Scholz et al.'s Table 2.

    Returns:
        A :class:`ModelForecast` whose ``prediction`` is the final capability x salience
        weighted median, with the weighted mean, one :class:`RoundState` per round (round 0 is
        the input), every move (who moved, pressured by whom, which offer) and the reason the
        run stopped.
    """
    opts = options or EUOptions()
    limit = opts.max_rounds if rounds is None else rounds
    actors = issue.actors
    x = np.array([a.position for a in actors], dtype=np.float64)
    s = np.array([a.salience for a in actors], dtype=np.float64)
    w = np.array([a.capability * a.salience for a in actors], dtype=np.float64)
    wt = tuple(float(v) for v in w)
    initial = float(x.max() - x.min())
    trajectory = [_state(0, x, wt)]
    moves: list[Move] = []
    stopped = f"max_rounds ({limit})"
    for round_ in range(1, limit + 1):
        span = _span(issue, x, initial, opts)
        tol = opts.tolerance * max(span, 1e-300)
        if span <= 0 or x.max() - x.min() <= tol:
            stopped = f"consensus before round {round_}: all actors at one position"
            break
        median = trajectory[-1].median
        r, level = risk_exponents(x, w, s, span, median, opts)
        if opts.stop == "eu_range" and level.max() - level.min() <= opts.tolerance:
            stopped = f"eu_range: security levels collapsed before round {round_}"
            break
        new, made = _moved(issue, x, _offers(x, w, s, r, span, median, opts), tol, round_)
        moves += made
        moved = bool(np.any(np.abs(new - x) > tol))
        x = new
        trajectory.append(_state(round_, x, wt))
        if opts.stop == "fixed_point" and not moved:
            stopped = f"fixed_point: nobody moved in round {round_}"
            break
        if opts.stop == "median_stable" and abs(trajectory[-1].median - median) <= tol:
            stopped = f"median_stable: the weighted median did not move in round {round_}"
            break
    final = trajectory[-1]
    return ModelForecast(
        model="expected_utility",
        prediction=final.median,
        mean=final.mean,
        median=final.median,
        trajectory=tuple(trajectory),
        moves=tuple(moves),
        stopped=stopped,
    )
