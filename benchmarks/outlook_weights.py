"""Fitting the outlook's weights on DEU III, leave one proposal out.

Run: python benchmarks/outlook_weights.py [--data PATH] [--step 0.05]

DEU III (Arregui & Perarnaud 2022; the copy described in benchmarks/deu3.py) records, for
each controversial issue of an EU legislative proposal, the actors' positions, saliences and
a capability proxy, the reference point ``rp`` (what stands without agreement) and the
outcome. It has no party utilities, so only three of the outlook's predictors can run on it:
the compromise model, the expected-utility model (each mapped to the nearest option, ties
to the status quo then the lower position, as the outlook maps them) and the no-change prior
(the reference point). Options of an issue: the distinct positions its actors take, and the
reference point. The outcome option is the option nearest the recorded outcome (ties: the
status quo, then the lower position), as the backtest scores a position outcome.

Procedure: for weights (compromise, expected-utility, no-change) on a simplex grid of step
``--step``, the mixture gives each option the summed weight of the predictors that pick it;
its multi-category Brier score is averaged over issues. Leave one proposal out: for each
proposal, the weights that minimise the mean Brier on the other proposals' issues are scored
on its own issues (several issues of one proposal are decided together, so a proposal is
the unit left out). The table gives the held-out Brier of the fitted mixture, of each
predictor alone and of equal weights, and the fitted weights (mean and range over folds);
"in-sample" marks the fit on every issue. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grandbargain.forecast.compromise import compromise
from grandbargain.forecast.data import Actor, ForecastIssue
from grandbargain.forecast.expected_utility import EUOptions, expected_utility

SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATA = SHARED / "data" / "forecasting" / "deu3" / "deu3.csv"  # ../shared beside the checkout
NAMES = ("compromise", "expected-utility", "no-change")


@dataclass(frozen=True)
class Case:
    """One issue: its proposal, options (positions), each predictor's option, the outcome's."""

    proposal: str
    options: tuple[float, ...]
    picks: tuple[int, int, int]
    outcome: int


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def nearest(options: Sequence[float], x: float, status_quo: float) -> int:
    """Index of the option nearest ``x``: ties to the status quo, then the lower position."""
    return min(
        range(len(options)),
        key=lambda k: (round(abs(options[k] - x), 9), options[k] != status_quo, options[k]),
    )


def _case(rec: dict[str, str], actors: list[str], gdp: dict[str, float]) -> Case | None:
    outcome, rp = _number(rec.get("out", "")), _number(rec.get("rp", ""))
    coded = [(a, _number(rec.get(f"p{a}", "")), _number(rec.get(f"s{a}", ""))) for a in actors]
    present = [(a, p, s) for a, p, s in coded if p is not None]
    if outcome is None or rp is None or len(present) < 3:
        return None
    known = [s for _, _, s in present if s is not None]
    fill = sum(known) / len(known) if known else 50.0
    issue = ForecastIssue(
        rec["isnr"],
        rec["isnr"],
        tuple(Actor(a, gdp[a], p, (fill if s is None else s) / 100) for a, p, s in present),  # type: ignore[arg-type]
        scale=(0.0, 100.0),
    )
    options = tuple(sorted({p for _, p, _ in present if p is not None} | {rp}))
    mean = compromise(issue).mean
    eu = expected_utility(issue, options=EUOptions()).prediction
    picks = (nearest(options, mean, rp), nearest(options, eu, rp), options.index(rp))
    return Case(rec["prnr"], options, picks, nearest(options, outcome, rp))


def read_cases(path: Path) -> list[Case]:
    """Every DEU III issue with an outcome, a reference point and three coded actors."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        proxy = dict(zip(header, next(reader), strict=False))
        records = [dict(zip(header, line, strict=False)) for line in reader]
    skip = {"prnrnmc", "prnr", "prname", "proc", "proccde"}
    actors = [c[1:] for c in header if c.startswith("p") and c not in skip]
    gdp = {a: float(proxy[f"p{a}"]) for a in actors}
    cases = [_case(rec, actors, gdp) for rec in records]
    return [c for c in cases if c is not None]


def grid(step: float) -> np.ndarray:
    """Weights (compromise, expected-utility, no-change) on the simplex, step ``step``."""
    n = round(1 / step)
    return np.array(
        [(i / n, j / n, (n - i - j) / n) for i in range(n + 1) for j in range(n + 1 - i)]
    )


def brier_table(cases: Sequence[Case], weights: np.ndarray) -> np.ndarray:
    """Brier score of every case (rows) under every weight vector (columns)."""
    result = np.empty((len(cases), len(weights)))
    for r, case in enumerate(cases):
        k = len(case.options)
        votes = np.zeros((3, k))
        votes[np.arange(3), case.picks] = 1.0
        p = weights @ votes
        truth = np.zeros(k)
        truth[case.outcome] = 1.0
        result[r] = ((p - truth) ** 2).sum(axis=1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--step", type=float, default=0.05)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"DEU III data not found at {args.data}", file=sys.stderr)
        return 1
    cases = read_cases(args.data)
    weights = grid(args.step)
    table = brier_table(cases, weights)
    proposals = np.array([c.proposal for c in cases])
    held_out = np.empty(len(cases))
    fitted = []
    for proposal in sorted(set(proposals)):
        own = proposals == proposal
        best = int(np.argmin(table[~own].mean(axis=0)))
        held_out[own] = table[own, best]
        fitted.append(weights[best])
    chosen = np.array(fitted)
    single = {
        name: weights.tolist().index([float(k == j) for k in range(3)])
        for j, name in enumerate(NAMES)
    }
    equal = np.array(brier_table(cases, np.array([[1 / 3, 1 / 3, 1 / 3]])))[:, 0]
    full = int(np.argmin(table.mean(axis=0)))
    print(
        f"DEU III: {len(cases)} issues of {len(set(proposals))} proposals "
        "(outcome, rp, >= 3 actors)."
    )
    print()
    print("| mixture | mean Brier | how weighted |")
    print("|---|---|---|")
    print(f"| fitted, leave one proposal out | {held_out.mean():.3f} | held out |")
    for name, column in single.items():
        print(f"| {name} alone | {table[:, column].mean():.3f} | no fit |")
    print(f"| equal weights (1/3 each) | {equal.mean():.3f} | no fit |")
    print(f"| fitted on every issue | {table[:, full].mean():.3f} | in-sample |")
    print()
    print("| weight | mean over folds | range over folds | in-sample fit |")
    print("|---|---|---|---|")
    for j, name in enumerate(NAMES):
        print(
            f"| {name} | {chosen[:, j].mean():.3f} | {chosen[:, j].min():.2f}-"
            f"{chosen[:, j].max():.2f} | {weights[full, j]:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
