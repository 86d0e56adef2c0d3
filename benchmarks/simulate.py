"""Benchmark: simulated negotiations per second (Boulware vs Conceder, 100 rounds, no deal).

Run ``python benchmarks/simulate.py [--quick] [--negmas] [--timeout S]``; see README.md here.
Not a test: nothing is asserted, Markdown tables are printed. Every timed session builds its
whole transcript (the fast path otherwise builds it only when read), as NegMAS always
records its trace.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import os
import platform
import pstats
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _frontier_negmas import negmas_python

ROUNDS = 100  # rounds per session: 200 offers under SAOP with two parties
BELOW_BEST = 1e-6  # reservation value = own best utility minus this: all rounds run, no deal
SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
GENIUS = SHARED / "data" / "genius-domains"  # ../shared beside the checkout
HEADER = (
    "| domain | packages | grandbargain neg/s | ms/neg | setup s | check | NegMAS neg/s"
    " | NegMAS ms/neg | NegMAS setup s | NegMAS default ms/neg | ratio | ratio vs default |"
)


@dataclass(frozen=True)
class Domain:
    name: str
    ref: str | None = None  # a GENIUS folder or a shipped scenario name
    issues: int = 0  # otherwise a random additive domain (tests/builders.py::random_additive)
    options: int = 0
    seed: int = 0
    quick: bool = False


DOMAINS = (
    Domain("Laptop (GENIUS)", ref=str(GENIUS / "Laptop"), quick=True),
    Domain("Travel (GENIUS)", ref=str(GENIUS / "Travel")),
    Domain("random 8x6", issues=8, options=6, seed=11),
    Domain("us-china-2025", ref="us-china-2025", quick=True),
)


def random_additive(seed: int, n_issues: int, n_options: int) -> dict[str, Any]:
    """Two parties, uniform weights (0.1..1) and values (0..100); as tests/builders.py does."""
    rng = np.random.default_rng(seed)
    options = [{"id": f"o{k}", "label": f"Option {k}"} for k in range(n_options)]
    return {
        "schema_version": 1,
        "id": "random",
        "title": "Random additive scenario",
        "buckets": [{"id": "b", "title": "b"}],
        "issues": [
            {
                "id": f"i{i}",
                "title": f"Issue {i}",
                "bucket": "b",
                "status_quo": "o0",
                "options": options,
            }
            for i in range(n_issues)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "stances": {
                    f"i{i}": {
                        "weight": float(rng.uniform(0.1, 1)),
                        "values": {f"o{k}": float(rng.uniform(0, 100)) for k in range(n_options)},
                    }
                    for i in range(n_issues)
                },
            }
            for p in range(2)
        ],
    }


def load(domain: Domain) -> Any:
    import grandbargain as gb
    from grandbargain.model.schema import Scenario

    if domain.ref is not None:
        return gb.load_scenario(domain.ref)
    return Scenario.model_validate(random_additive(domain.seed, domain.issues, domain.options))


def no_deal_context(scenario: Any) -> Any:
    """The simulation context with each party's reservation just below its own best utility."""
    from grandbargain.simulate.context import build_context

    context = build_context(scenario, ROUNDS)
    best = np.array([prefs.curve.best for prefs in context.preferences])
    reservations = np.repeat((best - BELOW_BEST)[None, :], ROUNDS, axis=0)
    return dataclasses.replace(context, round_reservations=reservations)


PAIR = ("boulware", "conceder")


def session(context: Any, seed: int, pair: tuple[str, str] = PAIR) -> tuple[Any, tuple[Any, ...]]:
    """One session and its whole transcript, built (``tuple`` of the steps)."""
    from grandbargain.simulate.session import run_session
    from grandbargain.simulate.strategies import make_strategy

    rngs = np.random.default_rng(seed).spawn(2)
    strategies = [make_strategy(name, rng) for name, rng in zip(pair, rngs, strict=True)]
    result = run_session(context, strategies, ROUNDS)
    return result, tuple(result.steps)


def full_length(result: Any, steps: tuple[Any, ...]) -> bool:
    """No deal, no walk-away: every round ran (200 offers, 199 responses)."""
    offers = sum(step.action == "offer" for step in steps)
    return bool(result.ended == "deadline" and offers == 2 * ROUNDS and result.agreement is None)


def time_sessions(
    context: Any, seconds: float, pair: tuple[str, str] = PAIR, batches: int = 5
) -> tuple[float, str]:
    """(median seconds per session over batches, check cell); every session is checked.

    Each timed session builds its transcript; results are checked as they come and then
    dropped: keeping thousands of transcripts alive would time the garbage collector, not
    the negotiation. The full transcript check (200 offers) runs on the warm-up sessions;
    every timed session is checked for a deadline ending with the full number of moves.
    """
    warm = [session(context, seed, pair) for seed in range(3)]  # warm-up, sizes the batches
    ok, total = sum(full_length(*r) for r in warm), len(warm)
    start = time.perf_counter()
    session(context, 3, pair)
    per_batch = max(1, int(seconds / batches / (time.perf_counter() - start)))
    rates, seed = [], 4
    for _ in range(batches):
        flags = []
        start = time.perf_counter()
        for k in range(per_batch):
            result, steps = session(context, seed + k, pair)
            flags.append(result.ended == "deadline" and len(steps) == 4 * ROUNDS - 1)
        rates.append((time.perf_counter() - start) / per_batch)
        ok += sum(flags)
        total += len(flags)
        seed += per_batch
    check = f"all {ok} ran {ROUNDS} rounds" if ok == total else f"{ok}/{total} full"
    return float(np.median(rates)), check


def profile(context: Any, sessions: int, top: int) -> str:
    """cProfile of ``sessions`` sessions: the top functions by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for seed in range(sessions):
        session(context, seed)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start:] if line)


def strategy_table(contexts: dict[str, Any], seconds: float) -> list[str]:
    """Markdown rows: ms per session of each registered strategy (opening) against Boulware,
    transcript built, on each domain; and whether the array fast path played it."""
    from grandbargain.simulate import fast
    from grandbargain.simulate.strategies import STRATEGIES, make_strategy

    rows = ["| strategy vs boulware | path | " + " | ".join(contexts) + " |"]
    rows.append("|---|---|" + "---|" * len(contexts))
    for name in sorted(STRATEGIES):
        pair = (name, "boulware")
        rng = np.random.default_rng(0)
        one = next(iter(contexts.values()))
        quick = fast.applies(one, [make_strategy(n, rng) for n in pair])
        cells = [name, "array (fast)" if quick else "turn by turn"]
        for context in contexts.values():
            ms, check = time_sessions(context, seconds, pair)
            cells.append(f"{ms * 1e3:.2f}" + ("" if check.startswith("all") else f" ({check})"))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


# ---------------------------------------------------------------- NegMAS (separate interpreter)


def negmas_worker(path: str, sessions: int) -> None:
    """Runs inside the NegMAS venv: the same additive tables, SAOMechanism, print JSON."""
    from negmas.outcomes import make_issue, make_os  # type: ignore[import-not-found, unused-ignore]
    from negmas.preferences import (  # type: ignore[import-not-found, unused-ignore]
        DefaultInverseUtilityFunction,
    )
    from negmas.sao import (  # type: ignore[import-not-found, unused-ignore]
        BoulwareTBNegotiator,
        ConcederTBNegotiator,
        SAOMechanism,
    )

    data = np.load(path)
    tables = [[data[f"p{p}_i{i}"] for i in range(int(data["issues"]))] for p in range(2)]
    issues = [make_issue([f"o{k}" for k in range(len(t))], name=f"i{i}")
              for i, t in enumerate(tables[0])]  # fmt: skip
    space = make_os(issues)
    ufuns = negmas_ufuns(tables, space)

    def run(inverters: list[Any] | None) -> tuple[float, bool]:
        start = time.perf_counter()
        mechanism = SAOMechanism(outcome_space=space, n_steps=ROUNDS)
        for k, (cls, ufun) in enumerate(
            zip((BoulwareTBNegotiator, ConcederTBNegotiator), ufuns, strict=True)
        ):
            shared = {} if inverters is None else {"ufun_inverter": lambda _, i=inverters[k]: i}
            mechanism.add(cls(name=f"n{k}", **shared), ufun=ufun)
        state = mechanism.run()
        seconds = time.perf_counter() - start
        offers = len(mechanism.extended_trace)
        return seconds, state.agreement is None and state.step == ROUNDS and offers == 2 * ROUNDS

    default = [run(None) for _ in range(sessions)]  # fresh negotiators build their inverters
    start = time.perf_counter()
    inverters = [DefaultInverseUtilityFunction(u, rational_only=True) for u in ufuns]
    for inverter in inverters:
        inverter.init()
    setup = time.perf_counter() - start
    shared = [run(inverters) for _ in range(sessions)]  # setup built once, as in grandbargain
    report = {
        "first": default[0][0],
        "default": float(np.median([s for s, _ in default[1:] or default])),
        "setup": setup,
        "steady": float(np.median([s for s, _ in shared])),
        "full": all(ok for _, ok in default + shared),
    }
    print(json.dumps(report))


def negmas_ufuns(tables: list[list[Any]], space: Any) -> list[Any]:
    """Runs inside the NegMAS venv: each party's additive tables as a NegMAS ufun."""
    from negmas.preferences import (  # type: ignore[import-not-found, unused-ignore]
        LinearAdditiveUtilityFunction,
    )

    ufuns = []
    for own in tables:  # weight = the issue's largest |contribution|; values scaled by it
        weights = {f"i{i}": float(np.abs(t).max()) or 1.0 for i, t in enumerate(own)}
        values = {
            f"i{i}": {f"o{k}": float(x) / weights[f"i{i}"] for k, x in enumerate(t)}
            for i, t in enumerate(own)
        }
        best = sum(float(t.max()) for t in own)
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values=values,
                weights=weights,
                outcome_space=space,
                reserved_value=best - BELOW_BEST,
            )
        )
    return ufuns


def negmas_call(python: str, context: Any, sessions: int, timeout: float) -> dict[str, Any]:
    """The worker's report, or {'note'} when it failed or timed out."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "tables.npz")
        tables = {
            f"p{p}_i{i}": table
            for p, prefs in enumerate(context.preferences)
            for i, table in enumerate(prefs.tables)
        }
        np.savez(path, issues=len(context.preferences[0].tables), **tables)
        command = [python, __file__, "--worker", path, str(sessions)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return {"note": f"did not finish in {timeout:g} s"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return {"note": f"failed: {tail[0][:60]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- driver


def fmt_count(n: int) -> str:
    return f"{n:,}" if n < 10**6 else f"{float(n):.2g}"


def ratio(theirs: float, ours: float) -> str:
    x = theirs / ours
    return f"{x:,.0f}x" if x >= 10 else f"{x:.2g}x"


def bench(domain: Domain, args: argparse.Namespace, python: str | None) -> tuple[list[str], Any]:
    scenario = load(domain)
    setups = []
    for _ in range(3):
        start = time.perf_counter()
        context = no_deal_context(scenario)
        setups.append(time.perf_counter() - start)
    ours, check = time_sessions(context, 0.5 if args.quick else 3.0)
    packages = int(np.prod([len(o) for o in context.space.option_ids], dtype=object))
    cells = [domain.name, fmt_count(packages), f"{1 / ours:,.0f}", f"{ours * 1e3:.2f}"]
    cells += [f"{np.median(setups):.4f}", check]
    if python is None:
        return [*cells, "—", "—", "—", "—", "—", "—"], context
    sessions = 2 if args.quick else 6
    nm = negmas_call(python, context, sessions, args.timeout)
    if "note" in nm:
        return [*cells, nm["note"], "—", "—", "—", "—", "—"], context
    steady, default = nm["steady"], nm["default"]
    cells += [f"{1 / steady:,.1f}" + ("" if nm["full"] else " (ended early!)")]
    cells += [f"{steady * 1e3:,.1f}", f"{nm['setup']:.4f}"]
    cells += [f"{default * 1e3:,.1f} (first {nm['first'] * 1e3:,.0f})"]
    cells += [ratio(steady, ours), ratio(default, ours)]
    return cells, context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Laptop and us-china only, fast")
    parser.add_argument("--negmas", action="store_true", help="compare with NegMAS 0.16")
    parser.add_argument("--negmas-python", help="interpreter with negmas installed")
    parser.add_argument("--timeout", type=float, help="seconds per NegMAS domain (300; 60 quick)")
    parser.add_argument("--profile", type=int, default=15, help="top functions shown (0: none)")
    parser.add_argument(
        "--no-strategies", action="store_true", help="skip the table of every strategy's cost"
    )
    parser.add_argument("--worker", nargs=2, metavar=("NPZ", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.timeout = args.timeout or (60.0 if args.quick else 300.0)
    if args.worker:
        negmas_worker(args.worker[0], int(args.worker[1]))
        return
    negmas = negmas_python(args.negmas_python) if args.negmas else None
    if args.negmas and negmas is None:
        print("NegMAS comparison skipped: `import negmas` failed (see benchmarks/README.md).\n")
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(HEADER + "\n|" + "---|" * (HEADER.count("|") - 1))
    slowest: tuple[float, str, Any] | None = None
    contexts: dict[str, Any] = {}
    for domain in DOMAINS:
        if domain.quick or not args.quick:
            cells, context = bench(domain, args, negmas and negmas[0])
            print("| " + " | ".join(cells) + " |", flush=True)
            contexts[domain.name.removesuffix(" (GENIUS)")] = context
            ms = float(cells[3])
            if slowest is None or ms > slowest[0]:
                slowest = (ms, domain.name, context)
    import grandbargain

    versions = f"grandbargain {grandbargain.__version__}"
    versions += f", negmas {negmas[1]} ({negmas[0]})" if negmas else ""
    print(
        f"\nMachine: {os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}), "
        f"Python {platform.python_version()}, numpy {np.__version__}, {versions}; "
        f"load average {load_before} at the start, "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} after the main table. "
        f"Boulware (first) vs Conceder, {ROUNDS} rounds, reservation = own best - {BELOW_BEST:g}. "
        "grandbargain ms/neg = median of 5 timed batches, each session's transcript built; "
        "setup s = build_context (median of 3). "
        "NegMAS ms/neg = median over sessions with the inverse utility functions built once "
        "(setup s); default = fresh negotiators, which rebuild them every session."
    )
    if not args.no_strategies:
        print("\nms per session (median of 5 batches, transcript built), each strategy opening:\n")
        print("\n".join(strategy_table(contexts, 0.5 if args.quick else 1.5)), flush=True)
    if args.profile and slowest is not None:
        print(f"\nProfile of 200 sessions on the slowest domain ({slowest[1]}), by own time:\n")
        print("```\n" + profile(slowest[2], 200, args.profile) + "\n```")


if __name__ == "__main__":
    main()
