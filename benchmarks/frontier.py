"""Benchmark: Pareto frontier + four solutions, against brute force and NegMAS 0.16.

Run ``python benchmarks/frontier.py [--quick] [--negmas] [--timeout S]``; see README.md here.
Not a test: nothing is asserted, a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _frontier_negmas import negmas_call, negmas_cell, negmas_python, negmas_worker, speedup
from _frontier_oracle import CONCEPTS, brute_force, compare
from numpy.typing import NDArray

Floats = NDArray[np.float64]
BRUTE_LIMIT = 10**7  # brute force only up to this many packages
BRUTE_LIMIT_MANY = 2 * 10**5  # ... and this many with 3+ parties (its filter is a Python loop)
ANALYZE_RUNS = 20  # in-process analyze timings: median of this many
ENUM_LIMIT = 10**9  # NegMAS enumeration is not even attempted above this
HEADER = (
    "| domain | packages | frontier | epsilon | grandbargain s (CPU s) | peak MB | brute force s"
    " | identical | NegMAS enumeration s | NegMAS exact (MOBANOS) s | speed-up enum"
    " | speed-up exact |"
)


@dataclass(frozen=True)
class Row:
    name: str
    issues: int
    options: int
    parties: int = 2
    distributive: bool = False  # B's value = 100 - A's; reservation 0 (the status quo is Pareto)
    cap: int = 200_000
    quick: bool = False
    seed: int = 0

    @property
    def packages(self) -> int:
        return int(self.options**self.issues)


ROWS = (
    Row("5x5", 5, 5, quick=True, seed=1),
    Row("10x5", 10, 5, seed=2),
    Row("7x10", 7, 10, seed=3),
    Row("8x10", 8, 10, seed=4),
    Row("30x10", 30, 10, seed=5),
    Row("100x10", 100, 10, seed=6),
    Row("distributive 12x3, cap 20k", 12, 3, distributive=True, cap=20_000, quick=True, seed=7),
    Row("3 parties 6x5", 6, 5, parties=3, quick=True, seed=8),
    Row("3 parties 10x5", 10, 5, parties=3, seed=9),
    Row("4 parties 10x5", 10, 5, parties=4, seed=10),
    Row("5 parties 10x5", 10, 5, parties=5, seed=11),
    Row("6 parties 10x5", 10, 5, parties=6, seed=12),
    Row("3 parties 30x10", 30, 10, parties=3, seed=13),
    Row("4 parties 20x10", 20, 10, parties=4, seed=14),
    Row("300x10", 300, 10, seed=15),
    Row("400x10", 400, 10, seed=16),
    Row("1000x10", 1000, 10, seed=17),
)


def domain(row: Row) -> tuple[Floats, Floats]:
    """Weights (parties, issues), summing to 1 per party; values 0..100 (parties, issues, k)."""
    rng = np.random.default_rng(row.seed)
    weights = rng.uniform(size=(row.parties, row.issues))
    values = rng.uniform(0, 100, size=(row.parties, row.issues, row.options))
    if row.distributive:  # party B gets 100 - (party A's value), same weights: all Pareto-optimal
        weights[1] = weights[0]
        values[1] = 100.0 - values[0]
    return weights / weights.sum(axis=1, keepdims=True), values


def scenario_data(weights: Floats, values: Floats, zero_reservation: bool) -> dict[str, Any]:
    """A plain scenario dict; reservation = utility of the status quo (o0 everywhere) or 0."""
    n_parties, n_issues, n_options = values.shape
    options = [{"id": f"o{k}", "label": f"o{k}"} for k in range(n_options)]
    return {
        "schema_version": 1,
        "id": "bench",
        "title": "benchmark",
        "weight_mode": "as-written",
        "buckets": [{"id": "b", "title": "b"}],
        "issues": [
            {"id": f"i{i}", "title": f"i{i}", "bucket": "b", "status_quo": "o0", "options": options}
            for i in range(n_issues)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "stances": {
                    f"i{i}": {
                        "weight": float(weights[p, i]),
                        "values": {f"o{k}": float(values[p, i, k]) for k in range(n_options)},
                    }
                    for i in range(n_issues)
                },
                **({"reservation_value": 0.0} if zero_reservation else {}),
            }
            for p in range(n_parties)
        ],
    }


def grandbargain_run(scenario: Any, cap: int) -> tuple[Any, Any, dict[str, Floats | None]]:
    """The timed path: build_space + build_units + pareto_frontier + choose."""
    from grandbargain.solve.concepts import choose
    from grandbargain.solve.frontier import pareto_frontier
    from grandbargain.solve.units import build_units
    from grandbargain.space import build_space

    space = build_space(scenario)
    frontier = pareto_frontier(build_units(space), space.n_issues, space.n_parties, cap)
    picks = choose(frontier, space.reservation)
    chosen = {
        c: None if (x := getattr(picks, c)) is None else frontier.utilities[x.row] for c in CONCEPTS
    }
    return space, frontier, chosen


# ---------------------------------------------------------------- driver


def fmt_count(n: int) -> str:
    if n < 10**6:
        return f"{n:,}"
    if n < 10**300:
        return f"{float(n):.1e}"
    return f"1e+{len(str(n)) - 1}"  # beyond the range of a float (1000x10)


def bench_row(row: Row, python: str | None, timeout: float, runs: int) -> list[str]:
    from grandbargain.model.schema import Scenario

    weights, values = domain(row)
    scenario = Scenario.model_validate(scenario_data(weights, values, row.distributive))
    times, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        space, frontier, chosen = grandbargain_run(scenario, row.cap)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    ours = float(np.median(times))
    tracemalloc.start()
    grandbargain_run(scenario, row.cap)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    cells = [row.name, fmt_count(row.packages), f"{len(frontier):,}", f"{frontier.epsilon:.2g}"]
    cells += [f"{ours:.4f} ({float(np.median(cpus)):.4f})", f"{peak:.2g}"]
    limit = BRUTE_LIMIT if row.parties == 2 else BRUTE_LIMIT_MANY
    if row.packages <= limit:
        start = time.perf_counter()
        bf, bf_chosen = brute_force(list(space.tables), space.reservation)
        cells.append(f"{time.perf_counter() - start:.2f}")
        cells.append(compare(frontier.utilities, frontier.epsilon, chosen, bf, bf_chosen))
    else:
        cells += ["skipped", "—"]
        bf_chosen = chosen
    enum = exact = None
    if python is not None:
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "domain.npz")
            np.savez(path, weights=weights, values=values, reservation=space.reservation)
            enum = {"note": f"not attempted ({fmt_count(row.packages)} outcomes)"}
            if row.packages <= ENUM_LIMIT:
                enum = negmas_call(python, "enumeration", path, timeout)
            exact = {"note": "n/a (2 parties only)"}
            if row.parties == 2:
                exact = negmas_call(python, "mobanos", path, timeout)
    nash = bf_chosen["nash"]  # NegMAS's Nash point is checked against the exact one
    cells += [negmas_cell(enum, nash), negmas_cell(exact, nash)]
    cells += [speedup(enum, ours, timeout), speedup(exact, ours, timeout)]
    return cells


def analyze_domains() -> list[tuple[str, Any]]:
    """us-china-2025 and, where ../shared is present, the GENIUS and LLM-Deliberation folders."""
    shared = Path(os.environ.get("GRANDBARGAIN_SHARED", Path(__file__).parents[2] / "shared"))
    found: list[tuple[str, Any]] = [("us-china-2025", "us-china-2025")]
    genius = shared / "data" / "genius-domains"
    games = shared / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions"
    for folder in (genius, games):
        if folder.is_dir():
            found += [
                (f"{folder.name}/{d.name}", d) for d in sorted(folder.iterdir()) if d.is_dir()
            ]
    return found


def analyze_table(runs: int) -> None:
    """Median in-process time of the full ``grandbargain.analyze`` (frontier, solutions,
    logrolls, value of linkage and feasible count) on pre-loaded scenarios."""
    import grandbargain as gb

    print("| domain | parties | packages | feasible count | method | analyze ms | quick ms |")
    print("|---|---|---|---|---|---|---|")
    for name, source in analyze_domains():
        try:
            scenario = gb.load_scenario(source)
        except Exception as error:  # e.g. the non-linear GENIUS domain
            print(f"| {name} | | | not read: {str(error).splitlines()[0][-60:]} | | | |")
            continue
        times = {}
        for quick in (False, True):
            gb.analyze(scenario, quick=quick)  # warm-up
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                result = gb.analyze(scenario, quick=quick)
                samples.append(time.perf_counter() - start)
            times[quick] = 1000 * float(np.median(samples))
            if not quick:
                count = result.feasible
        cells = [name, str(len(scenario.parties)), fmt_count(result.package_count)]
        cells += [fmt_count(count.value), count.method.split(",")[0]]
        cells += [f"{times[False]:.1f}", f"{times[True]:.1f}"]
        print("| " + " | ".join(cells) + " |", flush=True)


def cold_child(name: str) -> None:
    """In a fresh interpreter: time the first run of row ``name`` (the grandbargain modules the
    timed path uses are imported before the clock starts; numba, where the compiled kernel is
    used, is imported inside it). Prints seconds, CPU seconds and whether numba was loaded."""
    from grandbargain.model.schema import Scenario
    from grandbargain.solve import concepts, frontier, units  # noqa: F401
    from grandbargain.space import build_space  # noqa: F401

    row = next(r for r in ROWS if r.name == name)
    weights, values = domain(row)
    scenario = Scenario.model_validate(scenario_data(weights, values, row.distributive))
    start, cpu = time.perf_counter(), time.process_time()
    grandbargain_run(scenario, row.cap)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "numba": "numba" in sys.modules}))


def cold_table(names: list[str], runs: int) -> None:
    """Each row's first run in ``runs`` fresh interpreters: median and range (wall clock)."""
    here = str(Path(__file__).parent)
    print("| domain | first run in a fresh process s (min-max) | CPU s | numba loaded |")
    print("|---|---|---|---|")
    for name in names:
        results = []
        for _ in range(runs):
            code = f"import sys; sys.path.insert(0, {here!r}); import frontier; "
            code += f"frontier.cold_child({name!r})"
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            results.append(json.loads(out.stdout.splitlines()[-1]))
        wall = [r["wall"] for r in results]
        cpu = float(np.median([r["cpu"] for r in results]))
        numba = "yes" if results[0]["numba"] else "no"
        spread = f"{np.median(wall):.3f} ({min(wall):.3f}-{max(wall):.3f})"
        print(f"| {name} | {spread} | {cpu:.3f} | {numba} |")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{runs} fresh processes per row; load average {load} at the end.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small rows only (smoke test)")
    parser.add_argument("--only", nargs="+", metavar="ROW", help="only these rows (by name)")
    parser.add_argument("--analyze", action="store_true", help="time analyze on real domains")
    parser.add_argument("--negmas", action="store_true", help="compare with NegMAS 0.16")
    parser.add_argument("--negmas-python", help="interpreter with negmas installed")
    parser.add_argument("--timeout", type=float, help="seconds per NegMAS call (60; 10 quick)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per row (median)")
    parser.add_argument(
        "--cold", action="store_true", help="first run of each --only row in fresh processes"
    )
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "NPZ"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.timeout = args.timeout or (10.0 if args.quick else 60.0)
    if args.worker:
        negmas_worker(*args.worker)
        return
    if args.analyze:
        analyze_table(ANALYZE_RUNS)
        return
    if args.cold:
        cold_table(args.only or [row.name for row in ROWS if row.parties >= 4], args.runs)
        return
    negmas = negmas_python(args.negmas_python) if args.negmas else None
    if args.negmas and negmas is None:
        print("NegMAS comparison skipped: `import negmas` failed (see benchmarks/README.md).\n")
    print(HEADER + "\n|" + "---|" * (HEADER.count("|") - 1))
    for row in ROWS:
        chosen = row.name in args.only if args.only else (row.quick or not args.quick)
        if chosen:
            cells = bench_row(row, negmas and negmas[0], args.timeout, args.runs)
            print("| " + " | ".join(cells) + " |", flush=True)
    import grandbargain

    versions = f"grandbargain {getattr(grandbargain, '__version__', '?')}"
    versions += f", negmas {negmas[1]} ({negmas[0]})" if negmas else ""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nMachine: {os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}), "
        f"Python {platform.python_version()}, numpy {np.__version__}, {versions}; "
        f"load average {load} at the end. "
        f"grandbargain s = median of {args.runs} runs, wall clock (CPU: process time, all "
        "threads); peak MB = tracemalloc peak of one "
        f"extra run; NegMAS s = in-process time of one call (timeout {args.timeout:g} s)."
    )


if __name__ == "__main__":
    main()
