"""Benchmark: forecasting accuracy on the DEU III data set (EU legislative decisions).

Run ``python benchmarks/deu3.py [--resamples N] [--seed S] [--data PATH] [--option KEY=VALUE]``
(``--option`` sets an ``EUOptions`` field, e.g. ``--option q=0.5``; repeatable). Not a test:
nothing is asserted, a Markdown table is printed.

Data: Arregui & Perarnaud (2022) DEU III, in the copy of github.com/blksv/predictioneers_game
(see SOURCE.md beside the file): one row per controversial issue, positions ``p<actor>`` and
saliences ``s<actor>`` on 0-100, the outcome ``out``, and on the file's second line a
capability proxy (GDP; the Commission and Parliament are given Germany's 4.1). Scored: every
issue with an outcome and at least three actors with a position. An actor with a position but
no salience gets the mean salience of the issue's other coded actors (54 such cells).

Models: the capability x salience weighted mean (the compromise model), the weighted median,
and the expected-utility model (default ``EUOptions``: Scholz et al.'s reconstruction) with
its final weighted median (its headline forecast) and mean. Each is scored by the mean
absolute error against the recorded outcome, with a 95% percentile bootstrap interval over
issues (a seeded numpy Generator), under two capability choices: the GDP proxy and equal
capabilities. The last column is each model's MAE minus the weighted mean's on the same
resampled issues (positive: worse than the baseline).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grandbargain.forecast.compromise import compromise
from grandbargain.forecast.data import Actor, ForecastIssue
from grandbargain.forecast.expected_utility import EUOptions, expected_utility

SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATA = SHARED / "data" / "forecasting" / "deu3" / "deu3.csv"  # ../shared beside the checkout
MIN_ACTORS = 3


@dataclass(frozen=True)
class Row:
    """One issue as read: actor -> (position, salience or None), and the outcome."""

    id: str
    coded: tuple[tuple[str, float, float | None], ...]
    outcome: float


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def read_deu3(path: Path) -> tuple[dict[str, float], list[Row]]:
    """The GDP capability proxy per actor and the scoreable issues."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        proxy_line = next(reader)
        records = [dict(zip(header, line, strict=False)) for line in reader]
    skip = {"prnrnmc", "prnr", "prname", "proc", "proccde"}
    actors = [c[1:] for c in header if c.startswith("p") and c not in skip]
    column = dict(zip(header, proxy_line, strict=False))
    gdp = {a: float(column[f"p{a}"]) for a in actors}
    rows = []
    for rec in records:
        outcome = _number(rec.get("out", ""))
        if outcome is None:
            continue
        coded = []
        for a in actors:
            position = _number(rec.get(f"p{a}", ""))
            if position is not None:
                coded.append((a, position, _number(rec.get(f"s{a}", ""))))
        if len(coded) >= MIN_ACTORS:
            rows.append(Row(rec["isnr"], tuple(coded), outcome))
    return gdp, rows


def to_issue(row: Row, capability: Callable[[str], float]) -> ForecastIssue:
    """A ForecastIssue on 0-100 with saliences on 0-1 (missing ones imputed, see above)."""
    known = [s for _, _, s in row.coded if s is not None]
    fill = sum(known) / len(known) if known else 50.0
    actors = tuple(
        Actor(a, capability(a), position, (fill if s is None else s) / 100.0)
        for a, position, s in row.coded
    )
    return ForecastIssue(row.id, row.id, actors, scale=(0.0, 100.0), outcome=row.outcome)


MODELS = ("weighted mean", "weighted median", "EU median (forecast)", "EU mean")


def forecasts(issue: ForecastIssue, opts: EUOptions) -> tuple[float, float, float, float]:
    """The four forecasts of one issue, in the order of MODELS."""
    c = compromise(issue)
    eu = expected_utility(issue, options=opts)
    return c.mean, c.median, eu.prediction, eu.mean


def bootstrap(
    errors: np.ndarray, baseline: np.ndarray, rng: np.random.Generator, n: int
) -> dict[str, float]:
    """MAE and MAE minus the baseline's, each with a 95% percentile bootstrap interval."""
    idx = rng.integers(0, len(errors), size=(n, len(errors)))
    mae = errors[idx].mean(axis=1)
    diff = mae - baseline[idx].mean(axis=1)
    return {
        "mae": float(errors.mean()),
        "lo": float(np.percentile(mae, 2.5)),
        "hi": float(np.percentile(mae, 97.5)),
        "diff": float(errors.mean() - baseline.mean()),
        "dlo": float(np.percentile(diff, 2.5)),
        "dhi": float(np.percentile(diff, 97.5)),
    }


def parse_options(pairs: list[str]) -> EUOptions:
    """EUOptions with ``KEY=VALUE`` overrides, each value coerced to the default's type."""
    opts = EUOptions()
    for pair in pairs:
        key, _, text = pair.partition("=")
        default = getattr(opts, key)
        value: object = text
        if isinstance(default, bool):
            value = text.lower() in {"1", "true", "yes"}
        elif isinstance(default, int | float):
            value = type(default)(text)
        opts = dataclasses.replace(opts, **{key: value})
    return opts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20110401)
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    opts = parse_options(args.option)
    if not args.data.exists():
        print(f"DEU III data not found at {args.data}", file=sys.stderr)
        return 1
    gdp, rows = read_deu3(args.data)
    outcomes = np.array([r.outcome for r in rows])
    choices: dict[str, Callable[[str], float]] = {
        "GDP proxy": lambda a: gdp[a],
        "equal": lambda a: 1.0,
    }
    print_header(len(rows), args.resamples, args.seed, opts)
    summary = [
        score_capabilities(label, capability, rows, outcomes, opts, args.seed, args.resamples)
        for label, capability in choices.items()
    ]
    print()
    print("\n".join(summary))
    return 0


def print_header(issues: int, resamples: int, seed: int, opts: EUOptions) -> None:
    """What was scored, how, and the options changed from the defaults; the table's head."""
    print(f"DEU III: {issues} issues with an outcome and >= {MIN_ACTORS} coded actors.")
    print(f"MAE on the 0-100 scale, 95% bootstrap CI ({resamples} resamples, seed {seed}).")
    changed = {
        f.name: getattr(opts, f.name)
        for f in dataclasses.fields(opts)
        if getattr(opts, f.name) != f.default
    }
    print(
        f"Expected-utility options: defaults (Scholz reconstruction), changed: {changed or 'none'}."
    )
    print()
    print(
        "| capabilities | model | MAE | 95% CI | MAE - weighted mean | 95% CI | beats baseline? |"
    )
    print("|---|---|---|---|---|---|---|")


def score_capabilities(
    label: str,
    capability: Callable[[str], float],
    rows: list[Row],
    outcomes: np.ndarray,
    opts: EUOptions,
    seed: int,
    resamples: int,
) -> str:
    """Print one table row per model under one capability choice; the summary line."""
    started = time.perf_counter()
    preds = np.array([forecasts(to_issue(r, capability), opts) for r in rows])
    seconds = time.perf_counter() - started
    errors = np.abs(preds - outcomes[:, None])
    for k, model in enumerate(MODELS):
        # the same resamples for every model under one capability choice: paired differences
        rng = np.random.default_rng(seed)
        b = bootstrap(errors[:, k], errors[:, 0], rng, resamples)
        ci = f"| {label} | {model} | {b['mae']:.2f} | {b['lo']:.2f}-{b['hi']:.2f} "
        if k == 0:
            print(ci + "| - | - | (baseline) |")
            continue
        if b["dhi"] < 0:
            verdict = "yes"
        elif b["dlo"] > 0:
            verdict = "**no: loses**"
        else:
            verdict = "no clear difference"
        print(f"{ci}| {b['diff']:+.2f} | {b['dlo']:+.2f} to {b['dhi']:+.2f} | {verdict} |")
    moved = float(np.mean(np.abs(preds[:, 2] - preds[:, 1]) > 1e-9))
    return (
        f"- {label}: the EU model's median differs from the initial weighted median on "
        f"{moved:.0%} of issues; {seconds:.1f} s for {len(rows)} issues."
    )


if __name__ == "__main__":
    raise SystemExit(main())
