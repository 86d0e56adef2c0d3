"""Benchmark: start-up time of ``import grandbargain`` and ``grandbargain --help``.

Run ``python benchmarks/startup.py [--runs N]`` from the repository root; see README.md here.
Each command runs ``--runs`` times (default 10) in a fresh interpreter after two untimed
warm-up runs (so the files are in the page cache and the bytecode is compiled); the median,
lowest and highest wall-clock times are printed, and the modules each one leaves imported.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.3  # seconds, issue 17
HEAVY = ("numpy", "scipy", "pandas", "pyarrow", "pydantic", "fastapi", "jinja2", "plotly")


def commands() -> dict[str, list[str]]:
    """What is timed: the bare interpreter as the floor, then the three start-ups."""
    python = sys.executable
    found = {
        "python -c pass (the floor)": [python, "-c", "pass"],
        "python -c 'import grandbargain'": [python, "-c", "import grandbargain"],
        "python -m grandbargain --help": [python, "-m", "grandbargain", "--help"],
    }
    script = shutil.which("grandbargain", path=str(Path(python).parent))
    if script is not None:
        found["grandbargain --help (entry point)"] = [script, "--help"]
    return found


def environment() -> dict[str, str]:
    """This checkout's ``src`` first on the path, so the timed code is the code here; bytecode
    may be written, so that the timed (warm) runs read it as an installed package's would."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def time_command(argv: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """Wall-clock seconds of ``runs`` runs, after two untimed ones."""
    times = []
    for i in range(runs + 2):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        if i >= 2:
            times.append(time.perf_counter() - start)
    return times


def heavy_modules(env: dict[str, str]) -> tuple[str, str]:
    """The heavy packages that ``import grandbargain`` and the CLI's import leave loaded."""
    found = []
    for module in ("grandbargain", "grandbargain.cli"):
        code = (
            f"import sys, {module}; "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules) or 'none')"
        )
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
        found.append(out.stdout.decode().strip())
    return found[0], found[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (10)")
    args = parser.parse_args()
    env = environment()
    load = os.getloadavg()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.runs} runs each\n"
    )
    print("| command | median s | min s | max s | under 0.3 s |")
    print("|---|---|---|---|---|")
    for name, argv in commands().items():
        times = time_command(argv, args.runs, env)
        median = statistics.median(times)
        met = "" if "floor" in name else ("yes" if median < TARGET else "**no**")
        print(f"| {name} | {median:.3f} | {min(times):.3f} | {max(times):.3f} | {met} |")
    package, cli = heavy_modules(env)
    print(f"\nHeavy packages loaded by `import grandbargain`: {package}; by the CLI: {cli}")
    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
