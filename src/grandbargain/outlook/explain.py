"""What the outlook says besides probabilities: the trades that carry the most likely
package, what blocks an unconstrained deal, and each predictor's answer with one line why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np

from grandbargain.forecast.runner import Forecast
from grandbargain.outlook.ensemble import Votes, modal_options
from grandbargain.outlook.result import NOT_AVAILABLE, NOT_EXPLAINED, Answer, Blocking, Trade
from grandbargain.outlook.weights import PREDICTORS, Family
from grandbargain.solve.analysis import Analysis

MAX_TRADES = 5
OBJECTIVES = {
    "nash": "the package that maximises the product of the governments' gains",
    "kalai-smorodinsky": "the package giving each government the same share of its best gain",
    "utilitarian": "the package that maximises the sum of the governments' utilities",
    "egalitarian": "the package that maximises the smallest government's gain",
}


def trades_in(
    analysis: Analysis, package: Sequence[int], labels: Sequence[Sequence[str]]
) -> tuple[Trade, ...]:
    """The logrolls of ``analysis`` contained in ``package`` (every move of the trade is in
    it), by joint gain, at most :data:`MAX_TRADES`."""
    space = analysis.space
    contained = [r for r in analysis.logrolls if all(package[i] == o for i, o in r.moves)]
    contained.sort(key=lambda r: (-float(r.total_gains.sum()), -r.smallest_gain, r.moves))
    result = []
    for roll in contained[:MAX_TRADES]:
        moves = {space.issue_ids[i]: space.option_ids[i][o] for i, o in roll.moves}
        result.append(
            Trade(
                moves=MappingProxyType(moves),
                labels=MappingProxyType({space.issue_ids[i]: labels[i][o] for i, o in roll.moves}),
                gains=MappingProxyType(
                    dict(zip(space.parties, (float(g) for g in roll.total_gains), strict=True))
                ),
                joint_gain=float(roll.total_gains.sum()),
            )
        )
    return tuple(result)


def blocking_of(analysis: Analysis) -> Blocking:
    """The blocking constraints of a ratification-constrained analysis
    (``analysis.ratification``): not available without rules; "no ratifiable agreement"; not
    named when the analysis was quick (no re-solves); else each blocked move as JSON data."""
    ratification = analysis.ratification
    if ratification is None or not ratification.rules:
        return Blocking(False, NOT_AVAILABLE, None, ())
    if ratification.only_no_deal:
        note = "no ratifiable agreement: only no deal can be ratified"
        return Blocking(True, note, True, ())
    if ratification.unconstrained_nash is None:
        return Blocking(True, NOT_EXPLAINED, False, (), named=False)
    items = tuple(blocker.to_dict() for blocker in ratification.blockers)
    note = f"{len(items)} move(s) of the unconstrained Nash blocked by a ratification rule"
    return Blocking(True, note, False, items)


def _solution_why(name: str, analysis: Analysis, issue: int, option: int) -> str:
    space = analysis.space
    assert space.status_quo is not None
    table = space.tables[issue]
    change = table[option] - table[space.status_quo[issue]]
    parts = ", ".join(
        f"{party} {float(d):+.3f}" for party, d in zip(space.parties, change, strict=True)
    )
    return f"{OBJECTIVES[name]}; on this issue against the status quo (nominal): {parts}"


def _forecast_why(name: str, forecast: Forecast, issue: str) -> str:
    for item in forecast.issues:
        if item.issue.id == issue:
            at = item.models[name].prediction
            return (
                f"the stakeholders settle at {at:.0f} on the 0-100 scale (nominal); nearest option"
            )
    return "fewer than two stakeholders: no forecast, counted as the status quo"


def why(
    name: str,
    analysis: Analysis,
    forecast: Forecast,
    issue: int,
    option: int,
    no_deal_share: float,
) -> str:
    """One line on why predictor ``name`` gives ``option`` on ``issue``."""
    family = PREDICTORS[name]
    if family is Family.SOLUTION:
        return _solution_why(name, analysis, issue, option)
    if family is Family.FORECAST:
        return _forecast_why(name, forecast, analysis.space.issue_ids[issue])
    if family is Family.SIMULATION:
        return (
            f"simulated talks; {no_deal_share:.0%} of sessions end without a deal "
            "(counted as the status quo)"
        )
    return f"the status quo as of {analysis.as_of or 'the scenario date'}"


def answers(
    votes: Sequence[Votes],
    analysis: Analysis,
    forecast: Forecast,
    labels: Sequence[Sequence[str]],
    no_deal: Mapping[str, float],
) -> list[tuple[Answer, ...]]:
    """Per issue, each predictor's most likely option, its share and why."""
    space = analysis.space
    counts = [len(options) for options in space.option_ids]
    modes = {v.name: modal_options(v, counts) for v in votes}
    result = []
    for i in range(space.n_issues):
        row = []
        for v in votes:
            option, share = modes[v.name][i]
            row.append(
                Answer(
                    predictor=v.name,
                    family=PREDICTORS[v.name].value,
                    option=space.option_ids[i][option],
                    label=labels[i][option],
                    share=share,
                    why=why(v.name, analysis, forecast, i, option, no_deal[v.name]),
                )
            )
        result.append(tuple(row))
    return result


def extreme_share(
    probabilities: Sequence[Sequence[float]],
    positions: Sequence[Sequence[float | None]],
    status_quo: Sequence[int] | None = None,
) -> float:
    """Mean, over issues with three or more options all positioned, of the probability on
    the options at either end of the position scale - with ``status_quo`` (option index per
    issue), of the end options that are not the status quo: moves to an extreme. NaN when no
    issue qualifies. The measure of how much a forecast favours extreme options."""
    shares = []
    for i, (p, at) in enumerate(zip(probabilities, positions, strict=True)):
        known = [x for x in at if x is not None]
        if len(at) < 3 or len(known) != len(at):
            continue
        ends = {min(known), max(known)}
        shares.append(
            sum(
                q
                for k, (q, x) in enumerate(zip(p, at, strict=True))
                if x in ends and (status_quo is None or k != status_quo[i])
            )
        )
    return float(np.mean(shares)) if shares else float("nan")
