"""Monte Carlo speed on us-china-2025: draws per second with 1 and 2 workers, peak memory.

Run: python benchmarks/montecarlo.py [--draws N]   (N draws with 2 workers, N/4 with 1)
The uncertainty spec is the one ``grandbargain montecarlo`` uses by default: the scenario's
own distributions plus triangular distributions over its stated assumption ranges. Peak
memory is the resident-set high-water mark (``resource.getrusage``) of this process, which
holds the stored results, and of the largest worker, which holds one batch.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from typing import Any

import numpy as np

import grandbargain as gb
from grandbargain.uncertainty import monte_carlo
from grandbargain.uncertainty.assumptions import spec_for_scenario


def _table_bytes(result: Any) -> int:
    table = result.table
    arrays = (table.numbers, table.conditions, table.events, table.options, table.utilities)
    extra = (table.feasible, table.logroll_ids, table.logroll_offsets)
    return sum(a.nbytes for a in (*arrays, *extra))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=20_000, help="draws with 2 workers")
    args = parser.parse_args()
    scenario = gb.load_scenario("us-china-2025")
    spec = spec_for_scenario(scenario)
    print("| workers | draws | seconds | draws/s | draws/s per core | stored results MB |")
    print("|---|---|---|---|---|---|")
    rates = {}
    for workers, draws in ((1, max(1, args.draws // 4)), (2, args.draws)):
        start = time.perf_counter()
        result = monte_carlo(scenario, spec, draws, seed=7, workers=workers)
        seconds = time.perf_counter() - start
        rates[workers] = draws / seconds
        print(
            f"| {workers} | {draws} | {seconds:.1f} | {draws / seconds:.0f} | "
            f"{draws / seconds / workers:.0f} | {_table_bytes(result) / 2**20:.1f} |"
        )
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\nScaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x. "
        f"100,000 draws take about {100_000 / rates[2]:.0f} s with 2 workers (target: 120 s)."
    )
    print(
        f"Peak RSS: main process {main_peak:.0f} MB (holds the stored results), "
        f"largest worker {worker_peak:.0f} MB (flat: a worker holds one batch)."
    )
    print(
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"numpy {np.__version__}; {len(spec.columns)} uncertain numbers."
    )


if __name__ == "__main__":
    main()
