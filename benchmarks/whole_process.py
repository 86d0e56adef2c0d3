"""Benchmark: the whole ``grandbargain analyze DOMAIN --format json`` process against NegMAS.

Run ``python benchmarks/whole_process.py [--runs N] [--no-negmas]`` from the repository root;
see README.md here. Each GENIUS domain folder of ``../shared/data/genius-domains`` (or
``$GRANDBARGAIN_SHARED/data/genius-domains``) is analysed by a fresh process each run:
interpreter start-up, imports, reading the XML, the frontier and the solutions, JSON out.
NegMAS 0.16 gets the equivalent script (its own start-up and imports, reading the folder,
``pareto_frontier`` and ``nash_points``) in a fresh process of its own interpreter, with an
address-space limit and a timeout. Both are timed from outside, by wall clock, in the same
run. Not a test: nothing is asserted, a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _frontier_negmas import negmas_python

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", ROOT.parent / "shared"))
GENIUS = SHARED / "data" / "genius-domains"
HEADER = (
    "| domain | parties x issues | packages | grandbargain does | grandbargain s (CPU s)"
    " | NegMAS does | NegMAS s (CPU s; import s) | ratio wall | ratio CPU"
    " | frontier points (ours / NegMAS) |"
)


def domains() -> list[Path]:
    """Every GENIUS domain folder (a folder holding XML files), by name."""
    return sorted(p for p in GENIUS.iterdir() if p.is_dir() and any(p.glob("*.xml")))


def environment(src: bool) -> dict[str, str]:
    """The environment of a timed process: bytecode may be written (a warm run reads it, as
    an installed package's does), and with ``src`` this checkout's ``src`` comes first."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])
        )
    return env


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], timeout: float, memory: int) -> Any:
    """(wall seconds, CPU seconds, completed process or None on timeout) of one fresh
    process; CPU is its user plus system time (steadier than wall time on a loaded machine)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    cpu, start = cpu_of_children(), time.perf_counter()
    try:
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=limit
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, 0.0, None
    return time.perf_counter() - start, cpu_of_children() - cpu, done


def first_error(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
    tail = lines[-1] if lines else f"exit {done.returncode}"
    if done.returncode < 0 or "MemoryError" in tail:
        return "out of memory"
    return tail.split(": ", 1)[-1][:90]


def measure(argv: list[str], env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    """Median wall and CPU seconds over ``--runs`` runs after one warm-up; a failure is not
    repeated."""
    memory = args.memory << 20
    seconds, _, done = timed(argv, env, args.timeout, memory)  # warm-up (page cache, bytecode)
    if done is None:
        return {"note": f"did not finish in {args.timeout:g} s"}
    if done.returncode != 0:
        return {"note": first_error(done), "seconds": seconds, "failed": True}
    times, cpus = [], []
    for _ in range(args.runs):
        seconds, cpu, done = timed(argv, env, args.timeout, memory)
        if done is None or done.returncode != 0:
            return {"note": "failed on a later run"}
        times.append(seconds)
        cpus.append(cpu)
    return {"seconds": statistics.median(times), "cpu": statistics.median(cpus), "out": done.stdout}


def ours(folder: Path, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    argv = [sys.executable, "-m", "grandbargain", "analyze", str(folder), "--format", "json"]
    result = measure(argv, environment(src=True), args)
    if "out" not in result:
        return result, "refuses: " + result["note"]
    data = json.loads(result["out"])
    result["frontier"] = len(data["pareto"])
    result["shape"] = f"{len(data['parties'])} x {len(data['issues'])}"
    result["packages"] = int(data["package_count"])
    method = data["feasible_count_method"].get("method", "?")
    exact = "exact" if data["epsilon"] == 0 else f"epsilon {data['epsilon']:.2g}"
    return result, f"frontier ({exact}), 4 solutions, count by {method}"


def worker(folder: str) -> None:
    """Runs inside the NegMAS interpreter: load, Pareto frontier, Nash; print JSON."""
    start = time.perf_counter()
    from negmas.inout import Scenario  # type: ignore[import-not-found, unused-ignore]
    from negmas.preferences import (  # type: ignore[import-not-found, unused-ignore]
        nash_points,
        pareto_frontier,
    )

    imported = time.perf_counter()
    scenario = Scenario.from_genius_folder(folder, ignore_discount=True)
    ufuns = scenario.ufuns
    frontier, _ = pareto_frontier(ufuns, issues=scenario.outcome_space.issues)
    nash = nash_points(ufuns, frontier, outcome_space=scenario.outcome_space)
    report = {
        "import": imported - start,
        "frontier": len(frontier),
        "nash": len(nash),
        "kinds": sorted({type(u).__name__ for u in ufuns}),
    }
    print(json.dumps(report))


def theirs(folder: Path, python: str, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    result = measure([python, __file__, "--worker", str(folder)], environment(src=False), args)
    if "out" not in result:
        return result, "fails: " + result["note"]
    data = json.loads(result["out"].strip().splitlines()[-1])
    result.update(frontier=data["frontier"], imported=data["import"])
    return result, f"frontier, Nash ({', '.join(data['kinds'])})"


def row(folder: Path, python: str | None, args: argparse.Namespace) -> str:
    mine, does = ours(folder, args)
    cells = [folder.name, mine.get("shape", "-"), f"{mine.get('packages', 0):,}" or "-", does]
    cpu = f" ({mine['cpu']:.3f})" if "cpu" in mine else ""
    cells.append(f"{mine['seconds']:.3f}{cpu}" + (" (exit 2)" if mine.get("failed") else ""))
    if python is None:
        return "| " + " | ".join([*cells, "-", "-", "-", "-", "-"]) + " |"
    other, their_does = theirs(folder, python, args)
    cells.append(their_does)
    if "imported" in other:
        cells.append(f"{other['seconds']:.3f} ({other['cpu']:.3f}; {other['imported']:.2f})")
    else:
        cells.append(f"{other['seconds']:.2f}" if "seconds" in other else "-")
    both = "cpu" in mine and "out" in other
    cells.append(f"{other['seconds'] / mine['seconds']:.2f}x" if both else "-")
    cells.append(f"{other['cpu'] / mine['cpu']:.2f}x" if both else "-")
    cells.append(f"{mine.get('frontier', '-')} / {other.get('frontier', '-')}")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (5)")
    parser.add_argument("--no-negmas", action="store_true", help="time grandbargain only")
    parser.add_argument("--negmas-python", help="interpreter with negmas installed")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per process (60)")
    parser.add_argument("--memory", type=int, default=4096, help="MB of address space (4096)")
    parser.add_argument("--only", nargs="+", metavar="DOMAIN", help="these folders only")
    parser.add_argument("--worker", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    negmas = None if args.no_negmas else negmas_python(args.negmas_python)
    if not args.no_negmas and negmas is None:
        print("NegMAS comparison skipped: `import negmas` failed (see benchmarks/README.md).\n")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(HEADER + "\n|" + "---|" * (HEADER.count("|") - 1))
    for folder in domains():
        if not args.only or folder.name in args.only:
            print(row(folder, negmas and negmas[0], args), flush=True)
    versions = f", negmas {negmas[1]}" if negmas else ""
    print(
        f"\nMachine: {os.cpu_count()} CPUs ({platform.machine()}), Python "
        f"{platform.python_version()}{versions}; load average {load} at the start, "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end. Seconds: wall clock of "
        f"a fresh process, median of {args.runs} runs after one warm-up (CPU s: its user + "
        "system time, median); bytecode caching on for both; each process limited "
        f"to {args.memory:,} MB of address space and {args.timeout:g} s. NegMAS import s: its "
        "own `import negmas...` inside that process. ratio = NegMAS s / grandbargain s (wall, "
        "CPU)."
    )


if __name__ == "__main__":
    main()
