"""Adjusted Winner: an exact, equitable, envy-free and efficient division of issues between two.

The procedure is Brams and Taylor's Adjusted Winner [BramsTaylor1996]_ (chapter 4). Each party
spreads points over the issues; every issue first goes to the party that gives it more points;
then the party ahead hands issues over to the one behind, in increasing order of the ratio of
their points, until the totals are equal. At most one issue has to be split to get there.

All arithmetic is exact (:class:`fractions.Fraction`); decimal text is parsed straight into
fractions, never through ``float``.

.. [BramsTaylor1996] S. J. Brams and A. D. Taylor, *Fair Division: From Cake-Cutting to Dispute
   Resolution*, Cambridge University Press, 1996, ch. 4.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario

Points = Mapping[str, tuple[Fraction, Fraction]]
"""Issue id -> (points of the first party, points of the second party), in issue order."""

PointsMode = Literal["raw", "normalised"]
"""How a table's points were obtained: as written, or rescaled so each party's sum is 100."""

TOTAL = Fraction(100)


def _ratio_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class SplitIssue:
    """The one issue Adjusted Winner divides, with the share each party keeps (summing to 1)."""

    issue: str
    fractions: Mapping[str, Fraction]

    def __post_init__(self) -> None:
        object.__setattr__(self, "fractions", MappingProxyType(dict(self.fractions)))


@dataclass(frozen=True)
class AdjustedWinnerResult:
    """The outcome of Adjusted Winner (Brams and Taylor 1996, ch. 4).

    ``winners`` maps every issue, in table order, to the party that holds it. For the split
    issue it names the party that keeps the larger share; at exactly one half, the party that
    held the issue before the split (the one that was ahead). ``scores`` are the parties' final
    points, equal by construction; ``total`` is each party's points summed over all issues
    (the same for both), and ``points`` says whether the points are as written (``raw``) or
    were rescaled so that each party's sum is 100 (``normalised``).
    """

    parties: tuple[str, str]
    winners: Mapping[str, str]
    split: SplitIssue | None
    scores: Mapping[str, Fraction]
    total: Fraction = TOTAL
    points: PointsMode = "normalised"

    def __post_init__(self) -> None:
        object.__setattr__(self, "winners", MappingProxyType(dict(self.winners)))
        object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; every fraction is written ``"p/q"`` (``"1/1"`` for one)."""
        split: dict[str, Any] | None = None
        if self.split is not None:
            split = {
                "issue": self.split.issue,
                "fractions": {p: _ratio_text(f) for p, f in self.split.fractions.items()},
            }
        return {
            "schema_version": 1,
            "points": self.points,
            "total": _ratio_text(self.total),
            "winners": dict(self.winners),
            "split": split,
            "scores": {party: _ratio_text(score) for party, score in self.scores.items()},
        }


def normalise_points(points: Points) -> dict[str, tuple[Fraction, Fraction]]:
    """Scale each party's points so that they sum to exactly 100, as Brams and Taylor assume.

    Raises ValueError if a party's points sum to zero.
    """
    totals = [sum((row[side] for row in points.values()), Fraction(0)) for side in (0, 1)]
    if any(total <= 0 for total in totals):
        raise ValueError("each party needs some positive points to normalise")
    return {
        issue: (TOTAL * a / totals[0], TOTAL * b / totals[1]) for issue, (a, b) in points.items()
    }


def _check_points(points: Points, parties: tuple[str, str]) -> None:
    if len(parties) != 2 or parties[0] == parties[1]:
        raise ValueError(f"Adjusted Winner needs two different parties, got {parties!r}")
    if not points:
        raise ValueError("Adjusted Winner needs at least one issue")
    for issue, row in points.items():
        for value in row:
            if not isinstance(value, Fraction | int) or isinstance(value, bool):
                raise TypeError(f"points for {issue!r} must be Fractions, got {value!r}")
            if value < 0:
                raise ValueError(f"points for {issue!r} are negative: {value}")
    totals = [sum((row[side] for row in points.values()), Fraction(0)) for side in (0, 1)]
    if totals[0] != totals[1] or totals[0] <= 0:
        raise ValueError(
            f"both parties' points must sum to the same positive total (100 in Brams and "
            f"Taylor); got {totals[0]} and {totals[1]}; see normalise_points"
        )


def adjusted_winner(
    points: Points, parties: tuple[str, str], mode: PointsMode = "raw"
) -> AdjustedWinnerResult:
    """Divide the issues by Adjusted Winner (Brams and Taylor 1996, ch. 4).

    ``points`` maps each issue, in table order, to the two parties' points; both columns must
    sum to the same positive total (100 in Brams and Taylor; see :func:`normalise_points`).
    ``mode`` records how the caller obtained them (as written, or normalised); the procedure
    is the same either way.

    1. Each issue goes to the party giving it more points. A tie goes to the party with fewer
       points so far (issues taken in table order); if both have the same, to the first party.
    2. If the totals are equal, nothing is split.
    3. Otherwise the party ahead, W, gives issues to the other, L, in increasing order of
       ``points_W / points_L`` (issues L gives no points come last; equal ratios in table
       order). The issue whose whole transfer would put L ahead is split: W keeps the share
       ``p = (L_rest + a_L - W_rest) / (a_W + a_L)`` that makes
       ``W_rest + p * a_W == L_rest + (1 - p) * a_L``. A transfer that makes the totals exactly
       equal ends the procedure with no split.

    The result is equitable, envy-free and efficient (Brams and Taylor 1996, ch. 4).
    """
    _check_points(points, parties)
    rows = {issue: (Fraction(a), Fraction(b)) for issue, (a, b) in points.items()}
    owner: dict[str, int] = {}
    totals = [Fraction(0), Fraction(0)]
    for issue, (a, b) in rows.items():
        side = 0 if a > b else 1 if b > a else (1 if totals[1] < totals[0] else 0)
        owner[issue] = side
        totals[side] += rows[issue][side]
    split = _adjust(rows, owner, totals, parties) if totals[0] != totals[1] else None
    return AdjustedWinnerResult(
        parties=(parties[0], parties[1]),
        winners={issue: parties[side] for issue, side in owner.items()},
        split=split,
        scores={parties[0]: totals[0], parties[1]: totals[1]},
        total=sum((row[0] for row in rows.values()), Fraction(0)),
        points=mode,
    )


def _adjust(
    rows: dict[str, tuple[Fraction, Fraction]],
    owner: dict[str, int],
    totals: list[Fraction],
    parties: tuple[str, str],
) -> SplitIssue | None:
    """Step 3 of :func:`adjusted_winner`: transfers from the party ahead, updating ``owner``
    and ``totals`` in place; the split issue, if one is split."""
    w = 0 if totals[0] > totals[1] else 1
    lo = 1 - w
    held = [issue for issue in rows if owner[issue] == w]
    # Stable sort: equal ratios keep table order. A zero for L is an infinite ratio.
    held.sort(key=lambda i: (rows[i][lo] == 0, rows[i][w] / rows[i][lo] if rows[i][lo] else 0))
    for issue in held:
        a_w, a_l = rows[issue][w], rows[issue][lo]
        w_rest, l_after = totals[w] - a_w, totals[lo] + a_l
        if l_after <= w_rest:
            owner[issue] = lo
            totals[w], totals[lo] = w_rest, l_after
            if l_after == w_rest:
                return None
            continue
        keep = (totals[lo] + a_l - w_rest) / (a_w + a_l)
        totals[w], totals[lo] = w_rest + keep * a_w, totals[lo] + (1 - keep) * a_l
        owner[issue] = w if keep >= Fraction(1, 2) else lo
        return SplitIssue(issue, {parties[w]: keep, parties[lo]: 1 - keep})
    return None


def _exact(value: float) -> Fraction:
    # The decimal a scenario author wrote (e.g. 0.1), not the binary float nearest to it.
    return Fraction(str(value))


def points_from_scenario(
    scenario: Scenario,
    parties: tuple[str, str] | None = None,
    issues: Sequence[str] | None = None,
) -> dict[str, tuple[Fraction, Fraction]]:
    """Each party's Adjusted Winner points: its weight times the spread of its option values.

    The spread is the party's highest minus lowest value on the issue. Points are normalised so
    each party's points over the issues considered sum to exactly 100. Floats from the scenario
    become fractions through their shortest decimal text (``str(0.1) == "0.1"``), so a weight
    written ``0.1`` counts as exactly one tenth.

    By default the parties are the scenario's first two, and the issues those marked
    ``splittable`` (all issues, in scenario order, if none is). Raises :class:`InputError` for
    an unknown party or issue, a scenario with fewer than two parties, or a party that gives
    the issues no points at all.
    """
    where = f"scenario {scenario.id}"
    chosen, issues = _choice(scenario, parties, issues)
    problems: list[Problem] = []
    raw: dict[str, tuple[Fraction, Fraction]] = {}
    for issue in issues:
        row: list[Fraction] = []
        for name in chosen:
            stance = scenario.party(name).stances.get(issue)
            field = f"parties[{name}].stances.{issue}"
            if stance is None:
                problems.append(Problem(where, 0, 0, field, "no stance on this issue"))
                row.append(Fraction(0))
                continue
            numbers = [stance.weight, *stance.values.values()]
            if not all(math.isfinite(number) for number in numbers):
                problems.append(Problem(where, 0, 0, field, "weight and values must be finite"))
                row.append(Fraction(0))
                continue
            values = [_exact(value) for value in stance.values.values()]
            spread = max(values) - min(values) if values else Fraction(0)
            row.append(_exact(stance.weight) * spread)
        raw[issue] = (row[0], row[1])
    for side, name in enumerate(chosen):
        if not problems and sum(row[side] for row in raw.values()) == 0:
            problems.append(
                Problem(where, 0, 0, f"parties[{name}]", "gives every issue considered 0 points")
            )
    if problems:
        raise InputError(problems)
    return normalise_points(raw)


def _choice(
    scenario: Scenario, parties: tuple[str, str] | None, issues: Sequence[str] | None
) -> tuple[tuple[str, str], Sequence[str]]:
    """The two parties and the issues to divide, checked against the scenario."""
    where = f"scenario {scenario.id}"
    names = scenario.party_names
    if len(names) < 2:
        raise InputError([Problem(where, 0, 0, "parties", "Adjusted Winner needs two parties")])
    chosen = parties if parties is not None else (names[0], names[1])
    problems = [
        Problem(where, 0, 0, "parties", f"unknown party {name!r}; parties: {', '.join(names)}")
        for name in chosen
        if name not in names
    ]
    if len(chosen) != 2 or chosen[0] == chosen[1]:
        problems.append(Problem(where, 0, 0, "parties", f"need two different parties: {chosen}"))
    known = [issue.id for issue in scenario.issues]
    if issues is None:
        issues = [issue.id for issue in scenario.issues if issue.splittable] or known
    problems += [
        Problem(where, 0, 0, "issues", f"unknown issue {issue!r}")
        for issue in issues
        if issue not in known
    ]
    if not issues:
        problems.append(Problem(where, 0, 0, "issues", "no issues to divide"))
    if problems:
        raise InputError(problems)
    return chosen, issues
