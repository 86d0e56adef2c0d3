"""Monte Carlo speed on us-china-2025: draws per second with 1 and 2 workers, peak memory.

Run: python benchmarks/montecarlo.py [--draws N]
The uncertainty spec is the default one (triangular distributions over the scenario's own
assumption ranges). Peak memory is the resident-set high-water mark of this process
(``resource.getrusage``), read before and after, so it shows whether memory grows with draws.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

import numpy as np

import grandbargain as gb
from grandbargain.uncertainty import monte_carlo
from grandbargain.uncertainty.assumptions import spec_from_assumptions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=200)
    args = parser.parse_args()
    scenario = gb.load_scenario("us-china-2025")
    spec = spec_from_assumptions(scenario)
    print("| workers | draws | seconds | draws/s | draws/s per core | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    rates = {}
    for workers in (1, 2):
        for draws in (args.draws // 2, args.draws):
            start = time.perf_counter()
            monte_carlo(scenario, spec, draws, seed=7, workers=workers)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rates[workers] = draws / seconds
            print(
                f"| {workers} | {draws} | {seconds:.1f} | {draws / seconds:.1f} | "
                f"{draws / seconds / workers:.1f} | {peak:.0f} |"
            )
    print(
        f"\nScaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x. "
        f"100,000 draws would take about {100_000 / rates[max(rates, key=rates.get)] / 60:.0f} "
        "minutes at the better rate (target: under 2)."
    )
    print(
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"numpy {np.__version__}; {len(spec.numbers)} uncertain numbers."
    )


if __name__ == "__main__":
    main()
