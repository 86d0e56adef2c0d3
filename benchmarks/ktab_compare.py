"""Compare grandbargain's forecasts with KTAB's reference runs on the same inputs.

KTAB's SMP (spatial model of politics) logs the history of every actor's position; we take
its final positions and summarise them with the same capability x salience weighted mean we
use, next to our compromise mean and median and our expected-utility median and mean.

Run: python benchmarks/ktab_compare.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from grandbargain.forecast.compromise import compromise
from grandbargain.forecast.data import weighted_mean
from grandbargain.forecast.expected_utility import expected_utility
from grandbargain.interop.forecast_files import read_ktab_csv

PAIRS = [
    ("SOE-Pol-Comp.csv", "20170530_ref-SOE-Pol-Comp.txt"),
    ("dummyData_3Dim.csv", "20170530_ref-dummyData_3Dim.txt"),
]
LINE = re.compile(r"^(?P<actor>[^,]+), (?P<dim>[^:]+):\s+(?P<values>[-\d.\s]+)$")


def final_positions(log: Path) -> dict[tuple[str, str], float]:
    """Each (actor, dimension)'s last position in KTAB's 'History of actor positions'."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    start = max(i for i, line in enumerate(lines) if "History of actor positions" in line)
    result = {}
    for line in lines[start + 1 :]:
        match = LINE.match(line.strip())
        if match is None:
            break
        values = match.group("values").split()
        result[(match.group("actor"), match.group("dim").strip())] = float(values[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    folder = parser.parse_args().shared / "data" / "forecasting" / "ktab"
    print(
        "| input | dimension | KTAB final weighted mean | compromise mean | compromise median"
        " | EU median | EU mean |"
    )
    print("|---|---|---|---|---|---|---|")
    for csv_name, log_name in PAIRS:
        data = read_ktab_csv(folder / csv_name)
        finals = final_positions(folder / log_name)
        for issue in data.issues:
            names = [a.name for a in issue.actors]
            ktab_positions = tuple(finals.get((n, issue.title), float("nan")) for n in names)
            weights = tuple(a.capability * a.salience for a in issue.actors)
            ktab = weighted_mean(ktab_positions, weights)
            ours = compromise(issue)
            eu = expected_utility(issue)
            print(
                f"| {csv_name} | {issue.title} | {ktab:.1f} | {ours.mean:.1f} | "
                f"{ours.median:.1f} | {eu.median:.1f} | {eu.mean:.1f} |"
            )


if __name__ == "__main__":
    main()
