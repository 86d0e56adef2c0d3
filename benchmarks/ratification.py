"""Benchmark: the package vote above ten million packages (extended frontier) against
enumeration, and ``analyze --ratify`` on the shipped scenarios.

Run ``python benchmarks/ratification.py [--quick]``; see README.md here. Not a test: nothing is
asserted, Markdown tables are printed.

For each random domain (two parties, stakeholders on both sides, a veto player and a package
vote at 0.5 for each party, no win-sets so that the space stays whole) the frontier and the
Nash package over ratifiable packages are computed twice: by enumeration (exact) and by the
extended frontier the engine uses above ten million packages, first with the default cap and
then with a small cap that forces epsilon-thinning. The error is the largest distance from a
point of the exact frontier to the nearest point found (per party, utility scale 0..1) and
the relative shortfall of the Nash product.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.builders import random_additive  # noqa: E402

import grandbargain as gb  # noqa: E402
import grandbargain.solve.ratification.frontier as ratified  # noqa: E402
from grandbargain.model.schema import Scenario  # noqa: E402
from grandbargain.solve.concepts import choose  # noqa: E402
from grandbargain.solve.ratification.rules import build_rules  # noqa: E402
from grandbargain.space import build_space  # noqa: E402

DOMAINS = [(8, 4, 4), (10, 4, 4), (9, 4, 6), (12, 4, 2)]  # issues, options, holders per side
SMALL_CAP = 2_000


def domain(seed: int, n_issues: int, n_options: int, holders: int) -> Scenario:
    """A random additive scenario with positions, stakeholders and ratification rules."""
    rng = np.random.default_rng(seed)
    data: dict[str, Any] = random_additive(seed, n_issues, n_options)
    for issue in data["issues"]:
        spots = np.sort(rng.choice(np.arange(0, 101, 10), size=n_options, replace=False))
        for option, spot in zip(issue["options"], spots, strict=True):
            option["position"] = int(spot)
    data["stakeholders"], data["ratification"] = [], []
    for party in data["parties"]:
        ids = []
        for k in range(holders):
            issues = rng.choice(n_issues, size=max(1, n_issues // 2), replace=False)
            stances = {
                f"i{i}": {
                    "position": int(rng.integers(0, 101)),
                    "salience": round(float(rng.uniform(0.1, 1)), 2),
                    "clout": int(rng.integers(1, 100)),
                }
                for i in issues
            }
            hid = f"{party['name'].lower()}-{k}"
            ids.append(hid)
            data["stakeholders"].append(
                {
                    "id": hid,
                    "name": hid,
                    "party": party["name"],
                    "kind": "other",
                    "stances": stances,
                }
            )
        data["ratification"].append(
            {"party": party["name"], "veto_players": ids[:1], "package": {"threshold": 0.5}}
        )
    return Scenario.model_validate(data)


def _nash(space: Any, frontier: Any) -> float:
    choice = choose(frontier, space.reservation).nash
    return (
        0.0
        if choice is None
        else float(np.prod(frontier.utilities[choice.row] - space.reservation))
    )


def _distance(exact: np.ndarray, found: np.ndarray) -> float:
    """Largest over exact points of the per-party shortfall to the best found point."""
    if not len(exact):
        return 0.0
    worst = 0.0
    for point in exact:
        shortfall = np.max(np.maximum(point - found, 0.0), axis=1) if len(found) else [np.inf]
        worst = max(worst, float(np.min(shortfall)))
    return worst


def _timed(action: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def compare(seed: int, shape: tuple[int, int, int]) -> str:
    """One table row: enumeration against the extended frontier (default and small cap)."""
    s = domain(seed, *shape)
    space = build_space(s)
    rules = build_rules(s, space)
    n = space.package_count
    exact, t_enum = None, float("nan")
    if n <= ratified.ENUMERATION_LIMIT:
        exact, t_enum = _timed(lambda: ratified.ratified_frontier(space, rules))
    saved = ratified.ENUMERATION_LIMIT
    ratified.ENUMERATION_LIMIT = 0
    try:
        ext, t_ext = _timed(lambda: ratified.ratified_frontier(space, rules))
        thin, t_thin = _timed(lambda: ratified.ratified_frontier(space, rules, cap=SMALL_CAP))
    finally:
        ratified.ENUMERATION_LIMIT = saved
    cells = [f"{shape[0]}x{shape[1]}, {shape[2]}+{shape[2]} holders", f"{n:,}"]
    if exact is None:
        cells += ["-", "-", f"{len(ext.frontier)}", f"{t_ext:.2f}", f"{ext.frontier.epsilon:.2g}"]
        cells += [
            "-",
            "-",
            f"{len(thin.frontier)}",
            f"{t_thin:.2f}",
            f"{thin.frontier.epsilon:.2g}",
            "-",
            "-",
        ]
        return "| " + " | ".join(cells) + " |"
    truth = exact.frontier.utilities
    best = _nash(space, exact.frontier)
    cells += [f"{len(exact.frontier)}", f"{t_enum:.2f}"]
    for found, took in ((ext, t_ext), (thin, t_thin)):
        gap = best - _nash(space, found.frontier)
        cells += [f"{len(found.frontier)}", f"{took:.2f}", f"{found.frontier.epsilon:.2g}"]
        cells += [f"{_distance(truth, found.frontier.utilities):.2g}"]
        cells += [f"{gap / best if best else 0:.2g}"]
    return "| " + " | ".join(cells) + " |"


def _run(s: Scenario, as_of: str, ratify: bool, quick: bool) -> float:
    return _timed(lambda: gb.analyze(s, as_of=as_of, ratify=ratify, quick=quick))[1]


def shipped(runs: int) -> list[str]:
    """In-process ``analyze --ratify`` (full and quick) on both shipped scenarios."""
    lines = []
    for name, as_of in (("us-china-2025", "2025-07-20"), ("us-china-phase-one-2019", "2019-07-01")):
        s = gb.load_scenario(name)
        for quick in (False, True):
            times = [_run(s, as_of, True, quick) for _ in range(runs)]
            plain = [_run(s, as_of, False, quick) for _ in range(runs)]
            lines.append(
                f"| {name} | {as_of} | {'quick' if quick else 'full'} | "
                f"{statistics.median(times):.3f} | {statistics.median(plain):.3f} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="two small domains, one run each")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load before: {os.getloadavg()}")
    print()
    print(
        "| domain | packages | exact frontier | enumeration s | extended frontier | s | epsilon"
        " | max distance | Nash shortfall | thinned frontier | s | epsilon | max distance"
        " | Nash shortfall |"
    )
    print("|" + " --- |" * 14)
    for k, shape in enumerate(DOMAINS[:2] if args.quick else DOMAINS):
        print(compare(k + 1, shape), flush=True)
    print()
    print("| scenario | as of | analysis | --ratify s | without s |")
    print("| --- | --- | --- | ---: | ---: |")
    for line in shipped(1 if args.quick else 3):
        print(line, flush=True)
    print()
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
