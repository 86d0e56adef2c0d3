"""The outlook: speed on us-china-2025, and how much it favours extreme options on Phase One.

Run: python benchmarks/outlook.py [--draws 0,2000,10000] [--repeats 20] [--extremes-draws 200]

Speed: ``gb.outlook(us-china-2025, as_of=2025-07-20, draws=N, seed=1)`` in this process, wall
time and CPU time of this process and its workers (``resource.getrusage``), with the load
average before the run (the machine may be shared). ``--draws 0`` is timed ``--repeats``
times (median and worst), for the web page's 300 ms target.

Extremes: on us-china-phase-one-2019 as of 2019-07-01 and 2019-10-11, for several weightings
(the solution concepts alone, concepts + no-change prior, concepts + forecasts, the default),
the mean share of probability on an issue's end options (issues with three or more
options) and the Brier score against the shipped outcomes. Not a test: nothing is asserted;
Markdown tables are printed. No weight here is tuned on these figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from typing import Any

import grandbargain as gb
from grandbargain.backtest.run import scales_on
from grandbargain.backtest.scoring import Probabilities, score_issue
from grandbargain.outlook.explain import extreme_share

CONCEPTS = ("nash", "kalai-smorodinsky", "utilitarian", "egalitarian")
VARIANTS: dict[str, dict[str, float] | None] = {
    "solution concepts only": dict.fromkeys(CONCEPTS, 1.0),
    "concepts + no-change prior": {**dict.fromkeys(CONCEPTS, 0.25), "no-change": 1.0},
    "concepts + forecasts": {
        **dict.fromkeys(CONCEPTS, 0.25),
        "expected-utility": 0.5,
        "compromise": 0.5,
    },
    "default (equal per family)": None,
}


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed(draws: list[int], repeats: int) -> None:
    scenario = gb.load_scenario("us-china-2025")
    gb.outlook(scenario, "2025-07-20", draws=0)  # imports and caches warm
    print("| draws | load (1 min) | wall s | CPU s | note |")
    print("|---|---|---|---|---|")
    for n in draws:
        load = os.getloadavg()[0]
        walls, cpus = [], []
        for _ in range(repeats if n == 0 else 1):
            cpu, wall = _cpu(), time.perf_counter()
            gb.outlook(scenario, "2025-07-20", draws=n, seed=1)
            walls.append(time.perf_counter() - wall)
            cpus.append(_cpu() - cpu)
        note = f"median of {repeats}; worst {max(walls):.3f} s" if n == 0 else "2 worker processes"
        print(
            f"| {n} | {load:.2f} | {statistics.median(walls):.3f} | "
            f"{statistics.median(cpus):.3f} | {note} |"
        )


def _brier(outlook: gb.Outlook, scenario: gb.Scenario, date: str) -> float:
    outcomes = gb.shipped_outcomes(scenario)
    assert outcomes is not None
    scales = scales_on(scenario, outlook.as_of or scenario.as_of, outcomes.issues)  # type: ignore[arg-type]
    scores = [
        score_issue(
            scales[o.issue],
            Probabilities(outlook.issue(o.issue).probabilities),
            o.option,
            o.position,
        ).brier
        for o in outcomes.outcomes
    ]
    return sum(scores) / len(scores)


def _row(date: str, name: str, o: gb.Outlook, uniform: bool, brier: float) -> str:
    probabilities: list[Any] = [
        [1 / len(item.options) if uniform else x.probability for x in item.options]
        for item in o.issues
    ]
    positions: list[Any] = [[x.position for x in item.options] for item in o.issues]
    status_quo = [[x.id for x in item.options].index(item.status_quo) for item in o.issues]
    share = extreme_share(probabilities, positions)
    moves = extreme_share(probabilities, positions, status_quo)
    unchanged = sum(1 for item in o.issues if item.most_likely.id == item.status_quo)
    kept = "-" if uniform else f"{unchanged} of {len(o.issues)} issues"
    return f"| {date} | {name} | {share:.3f} | {moves:.3f} | {brier:.3f} | {kept} |"


def extremes(draws: int) -> None:
    scenario = gb.load_scenario("us-china-phase-one-2019")
    print(
        "| as of | weights | on end options | on end options other than the status quo "
        "| Brier | most likely = status quo |"
    )
    print("|---|---|---|---|---|---|")
    for date in ("2019-07-01", "2019-10-11"):
        for name, weights in VARIANTS.items():
            o = gb.outlook(scenario, date, draws=draws, seed=0, weights=weights)
            print(_row(date, name, o, False, _brier(o, scenario, date)))
        print(_row(date, "uniform (reference)", o, True, float("nan")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", default="0,2000,10000", help="comma-separated draw counts")
    parser.add_argument("--repeats", type=int, default=20, help="runs of --draws 0")
    parser.add_argument("--extremes-draws", type=int, default=200)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    if not args.skip_speed:
        speed([int(x) for x in args.draws.split(",")], args.repeats)
        print()
    extremes(args.extremes_draws)


if __name__ == "__main__":
    main()
