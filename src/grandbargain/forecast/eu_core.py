"""The equations of Bueno de Mesquita's expected-utility model, one array operation each.

This is the arithmetic behind :func:`grandbargain.forecast.expected_utility.expected_utility`,
kept separate so that every step (votes, probability of success, the utilities, the expected
utility of a challenge, security levels, risk exponents, offers) can be checked on its own.
The reconstruction followed is Scholz, Calbert & Smith (2011), "Unravelling Bueno de
Mesquita's group decision model", *Journal of Theoretical Politics* 23(4): 510-531, of
Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in Bueno de
Mesquita & Stokman (eds), *European Community Decision Making*, Yale UP, and Bueno de
Mesquita (2002), *Predicting Politics*, Ohio State UP.

Where the literature leaves a choice open, :class:`EUOptions` names it. To settle how Scholz
et al.'s own code resolved the choices, the public Python reconstruction at
github.com/jmckib/bdm-scholz-expected-utility-model (``bdm_scholz_model.py``, read, not
copied) was read: it documents the all-votes denominator of the probability of success, the
security levels compared across actors, the receiver's risk exponent in both expected
utilities, and the order in which offers are preferred. The code here is written afresh in
array form.

Notation: ``x`` positions, ``c`` capabilities, ``s`` saliences (0-1), ``w = c * s``, ``r`` risk
exponents, ``span`` the range distances are divided by (so distances ``d`` are in 0-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
OfferType = Literal["confrontation", "compromise", "capitulation"]


@dataclass(frozen=True)
class EUOptions:
    """Every interpretation choice of the expected-utility model; defaults reproduce Scholz.

    The defaults are the choices with which Scholz et al. (2011) produced their Table 2 (the
    1994 EU car-emission-standards case), as far as their text and the jmckib reconstruction
    of their code show. See ``docs/explanation/forecast-models.md`` for each choice.

    Attributes:
        q: Probability Q that the status quo persists if i does not challenge j. Scholz's
            Table 2 uses 1.0 (then ``t`` has no effect); BDM (1994) describes 0.5.
        t: Probability T that, absent a challenge, things get better for i (weights U^b
            against U^wb in the ``1 - q`` branch).
        probability_denominator: ``"all_votes"`` divides i's supporting votes by the sum of
            |votes| over every voter and every ordered pair of actors (Scholz's code: small
            probabilities); ``"pair"`` divides by the |votes| on the i-vs-j contest only, so
            P_ij + P_ji = 1 (Scholz's printed equation and BDM's intent).
        offer_choice: How an actor picks one of the offers it receives. ``"scholz_code"``: a
            confrontation it loses beats a compromise beats a capitulation; within
            confrontations and capitulations the smallest move, within compromises the one
            whose EU-weighted point (|EU_ij| x_i + |EU_ji| x_j) / (|EU_ij| + |EU_ji|) is lowest
            (a quirk of Scholz's code). ``"type_then_smallest_move"``: same order of types,
            smallest move within each. ``"smallest_move"``: the smallest move over all
            offers (BDM's and Scholz's text). ``"largest_proposer_eu"``: the offer whose
            proposer expects most (largest EU_ji).
        capitulation: ``"never"`` (Scholz's code as reconstructed: the capitulation branch
            is unreachable, so an actor whose expected loss exceeds the challenger's gain
            does not move); ``"when_loss_exceeds_gain"``: then it moves all the way to j.
        eu_perspective: ``"receiver"``: both EU_ij and EU_ji are computed with i's risk
            exponent, as i perceives them (BDM, Scholz); ``"own"``: EU_ji uses r_j.
        risk_exponents: Use the risk exponents r_i (in 0.5-2) in votes and utilities; if
            False every r_i is 1 (risk neutral).
        risk_range: Security levels are compared ``"across_actors"`` (Scholz: the max and
            min of every actor's sum of EU_ji) or ``"across_positions"`` (BDM's stated
            intent: the max and min of i's own danger if it held each current position).
        position_range: What distances are divided by: ``"initial_spread"`` (max - min of
            the input positions, fixed over the rounds: Scholz's code), ``"current_spread"``
            (shrinks as positions converge), ``"issue_scale"`` (the issue's declared scale).
        stop: ``"fixed_point"``: stop when a round moves nobody (by more than ``tolerance``
            of the range), else at ``max_rounds``; ``"median_stable"``: stop the first time
            the weighted median does not move; ``"eu_range"``: stop when the range of
            security levels (max - min over actors of sum_j EU_ji) collapses below
            ``tolerance``; ``"max_rounds"``: always run ``max_rounds``.
        max_rounds: Rounds at most (8: the length of Scholz's Table 2).
        tolerance: Relative tolerance for the stopping rules.
    """

    q: float = 1.0
    t: float = 1.0
    probability_denominator: Literal["all_votes", "pair"] = "all_votes"
    offer_choice: Literal[
        "scholz_code", "type_then_smallest_move", "smallest_move", "largest_proposer_eu"
    ] = "scholz_code"
    capitulation: Literal["never", "when_loss_exceeds_gain"] = "never"
    eu_perspective: Literal["receiver", "own"] = "receiver"
    risk_exponents: bool = True
    risk_range: Literal["across_actors", "across_positions"] = "across_actors"
    position_range: Literal["initial_spread", "current_spread", "issue_scale"] = "initial_spread"
    stop: Literal["fixed_point", "median_stable", "eu_range", "max_rounds"] = "fixed_point"
    max_rounds: int = 8
    tolerance: float = 1e-9


@dataclass(frozen=True)
class Offer:
    """An offer actor ``receiver`` gets from ``proposer`` and where accepting it leaves it."""

    receiver: int
    proposer: int
    kind: OfferType
    eu_ij: float  # receiver's EU of challenging the proposer (receiver's view)
    eu_ji: float  # proposer's EU of challenging the receiver (receiver's view by default)
    position: float


def distances(x: Array, span: float) -> Array:
    """``d[a, b] = |x_a - x_b| / span``: normalised distances (0-1 within the range)."""
    return np.abs(x[:, None] - x[None, :]) / span


def votes(x: Array, w: Array, r: Array, span: float) -> Array:
    """``v[k, a, b]``: actor k's vote for a's position over b's (BDM 1994; Scholz eq. 1).

    ``v_k(a, b) = c_k s_k ((|x_k - x_b| / span)^r_k - (|x_k - x_a| / span)^r_k)``: positive
    when k prefers a to b, scaled by k's capability and salience.
    """
    loss = distances(x, span) ** r[:, None]  # loss[k, a] = d(k, a)^r_k
    return w[:, None, None] * (loss[:, None, :] - loss[:, :, None])


def success_probabilities(
    x: Array, w: Array, r: Array, span: float, denominator: str = "all_votes"
) -> Array:
    """``P[i, j]``: probability that i wins a contest against j (Scholz eq. 2).

    The numerator is the sum of the votes for i over j that are positive. The denominator is
    either the sum of |votes| over all voters and all ordered pairs of actors
    (``"all_votes"``, Scholz's code) or over all voters on the i-vs-j pair only (``"pair"``).
    P is 0 between actors at the same position.
    """
    v = votes(x, w, r, span)
    support: Array = np.clip(v, 0.0, None).sum(axis=0)
    if denominator == "pair":
        total = np.abs(v).sum(axis=0)
    else:
        total = np.full_like(support, np.abs(v).sum())
    p: Array = np.divide(support, total, out=np.zeros_like(support), where=total > 0)
    p[distances(x, span) == 0] = 0.0
    return p


def utility(base: Array, r: Array) -> Array:
    """BDM's utility transform ``2 - 4 * base^r`` (base 0.5 gives the status quo's U^sq)."""
    return 2.0 - 4.0 * np.clip(base, 0.0, None) ** r


def challenge_eu(
    d: Array, p: Array, s_target: Array, r: Array, q: float, t: float, d_median: Array
) -> Array:
    """Expected utility to a challenger of challenging a target (Scholz eq. 3-8), elementwise.

    ``d`` is the normalised distance challenger-target, ``p`` the challenger's probability of
    success, ``s_target`` the target's salience (its probability of resisting), ``r`` the risk
    exponent of whoever's view is taken, ``d_median`` the challenger's distance to the current
    weighted median::

        U^s  = 2 - 4 (0.5 - 0.5 d)^r          U^f  = 2 - 4 (0.5 + 0.5 d)^r
        U^b  = 2 - 4 (0.5 - 0.25 (d_mu + d))^r U^wb = 2 - 4 (0.5 + 0.25 (d_mu + d))^r
        U^sq = 2 - 4 (0.5)^r
        EU = s_j (P U^s + (1 - P) U^f) + (1 - s_j) U^s - Q U^sq - (1 - Q) (T U^b + (1 - T) U^wb)
    """
    u_s = utility(0.5 - 0.5 * d, r)
    u_f = utility(0.5 + 0.5 * d, r)
    u_b = utility(0.5 - 0.25 * (d_median + d), r)
    u_wb = utility(0.5 + 0.25 * (d_median + d), r)
    u_sq = utility(np.full_like(d, 0.5), r)
    resist = s_target * (p * u_s + (1.0 - p) * u_f)
    return resist + (1.0 - s_target) * u_s - q * u_sq - (1.0 - q) * (t * u_b + (1.0 - t) * u_wb)


def eu_matrix(
    x: Array, s: Array, p: Array, r_view: Array, span: float, median: float, opts: EUOptions
) -> Array:
    """``E[a, b]``: EU to a of challenging b, with the risk exponent ``r_view[a, b]``."""
    d = distances(x, span)
    d_median = np.abs(x - median)[:, None] / span + np.zeros_like(d)
    return challenge_eu(d, p, s[None, :] + np.zeros_like(d), r_view, opts.q, opts.t, d_median)


def security_levels(
    x: Array, w: Array, s: Array, span: float, median: float, opts: EUOptions
) -> Array:
    """``sum_{j != i} EU_ji``: how much the others expect from challenging i (risk neutral).

    BDM's security level of i's position (Scholz eq. 9): the larger, the less secure.
    """
    ones = np.ones(len(x))
    p = success_probabilities(x, w, ones, span, opts.probability_denominator)
    e = eu_matrix(x, s, p, np.ones((len(x), len(x))), span, median, opts)
    np.fill_diagonal(e, 0.0)
    return np.asarray(e.sum(axis=0), dtype=np.float64)


def risk_exponents(
    x: Array, w: Array, s: Array, span: float, median: float, opts: EUOptions
) -> tuple[Array, Array]:
    """Risk exponents r_i and the security levels they came from (Scholz eq. 10-11).

    ``R_i = (2 S_i - S_max - S_min) / (S_max - S_min)`` in [-1, 1] and
    ``r_i = (1 - R_i / 3) / (1 + R_i / 3)`` in [0.5, 2], where S are security levels compared
    across actors or, with ``risk_range="across_positions"``, across the positions i could
    hold. If the security levels do not vary, every r_i is 1.
    """
    n = len(x)
    level = security_levels(x, w, s, span, median, opts)
    if not opts.risk_exponents:
        return np.ones(n), level
    if opts.risk_range == "across_positions":
        low, high = np.empty(n), np.empty(n)
        for i in range(n):
            alternatives = []
            for y in np.unique(x):
                moved = x.copy()
                moved[i] = y
                alternatives.append(security_levels(moved, w, s, span, median, opts)[i])
            low[i], high[i] = min(alternatives), max(alternatives)
    else:
        low, high = np.full(n, level.min()), np.full(n, level.max())
    width = high - low
    big = width > 1e-12 * max(1.0, float(np.abs(level).max()))
    acceptance = np.divide(2 * level - high - low, width, out=np.zeros(n), where=big)
    return (1 - acceptance / 3) / (1 + acceptance / 3), level


def classify(
    receiver: int, proposer: int, eu_ij: float, eu_ji: float, x: Array, opts: EUOptions
) -> Offer | None:
    """The offer type from the signs of EU_ij and EU_ji (BDM 1994 Fig. 4.2; Scholz Table 1).

    From the receiver i's view, only offers it expects to lose produce a move:
    confrontation (EU_ji > EU_ij > 0: i loses the fight, moves to x_j); compromise
    (EU_ji > 0 > EU_ij, EU_ji > |EU_ij|: i moves the fraction |EU_ij / EU_ji| of the way to
    x_j); capitulation (EU_ji > 0 > EU_ij, |EU_ij| > EU_ji: i moves to x_j, if enabled).
    """
    xi, xj = float(x[receiver]), float(x[proposer])
    if eu_ji > eu_ij > 0:
        return Offer(receiver, proposer, "confrontation", eu_ij, eu_ji, xj)
    if eu_ji > 0 > eu_ij and eu_ji > abs(eu_ij):
        at = xi + (xj - xi) * abs(eu_ij / eu_ji)
        return Offer(receiver, proposer, "compromise", eu_ij, eu_ji, at)
    if eu_ji > 0 > eu_ij and opts.capitulation == "when_loss_exceeds_gain":
        return Offer(receiver, proposer, "capitulation", eu_ij, eu_ji, xj)
    return None


def choose(offers: list[Offer], x: Array, opts: EUOptions) -> Offer | None:
    """The offer the receiver adopts, by ``opts.offer_choice``; ties go to the earlier actor."""
    if not offers:
        return None
    xi = float(x[offers[0].receiver])

    def move(o: Offer) -> float:
        return abs(o.position - xi)

    if opts.offer_choice == "smallest_move":
        return min(offers, key=move)
    if opts.offer_choice == "largest_proposer_eu":
        return max(offers, key=lambda o: o.eu_ji)
    for kind in ("confrontation", "compromise", "capitulation"):
        of_kind = [o for o in offers if o.kind == kind]
        if not of_kind:
            continue
        if kind == "compromise" and opts.offer_choice == "scholz_code":
            return min(of_kind, key=lambda o: _weighted_point(o, x))
        return min(of_kind, key=move)
    return None


def _weighted_point(o: Offer, x: Array) -> float:
    a, b = abs(o.eu_ij), abs(o.eu_ji)
    return (a * float(x[o.receiver]) + b * float(x[o.proposer])) / (a + b)
