"""NegMAS side of ``frontier.py``: the worker run in NegMAS's interpreter and its table cells.

The worker runs in a separate interpreter (``frontier.py --worker METHOD NPZ``, under an
address-space limit) so that NegMAS need not be installed next to grandbargain.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
WORKER_MEMORY = 8 << 30  # address-space limit of each NegMAS subprocess
SCRIPT = str(Path(__file__).with_name("frontier.py"))  # its --worker option runs negmas_worker


def negmas_worker(method: str, path: str) -> None:
    """Runs inside the NegMAS venv: build the same ufuns, time one method, print JSON."""
    from negmas.outcomes import make_issue, make_os  # type: ignore[import-not-found, unused-ignore]
    from negmas.preferences import (  # type: ignore[import-not-found, unused-ignore]
        LinearAdditiveUtilityFunction,
        MOBANOSParetoSampler,
        nash_points,
        pareto_frontier,
    )

    data = np.load(path)
    weights, values, reservation = data["weights"], data["values"], data["reservation"]
    n_parties, n_issues, n_options = values.shape
    labels = [f"o{k}" for k in range(n_options)]
    issues = [make_issue(labels, name=f"i{i}") for i in range(n_issues)]
    space = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values={
                f"i{i}": {f"o{k}": float(values[p, i, k]) / 100 for k in range(n_options)}
                for i in range(n_issues)
            },
            weights={f"i{i}": float(weights[p, i]) for i in range(n_issues)},
            outcome_space=space,
            reserved_value=float(reservation[p]),
        )
        for p in range(n_parties)
    ]
    start = time.perf_counter()
    if method == "enumeration":
        points, _ = pareto_frontier(ufuns, issues=issues)
    else:
        sampler = MOBANOSParetoSampler()
        sampler.init(ufuns[0], ufuns[1])
        utils = [tuple(float(u(o)) for u in ufuns) for o in sampler.pareto_outcomes()]
        points = [x for x in utils if all(a >= r for a, r in zip(x, reservation, strict=True))]
    nash = nash_points(ufuns, list(points), outcome_space=space)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "nash": list(nash[0][0]) if nash else None}))


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))


def negmas_call(python: str, method: str, path: str, timeout: float) -> dict[str, Any]:
    """{'seconds', 'nash'} on success, else {'note'}."""
    command = [python, SCRIPT, "--worker", method, path]
    options: dict[str, Any] = {"capture_output": True, "text": True, "check": False}
    try:
        done = subprocess.run(command, timeout=timeout, preexec_fn=limit_memory, **options)
    except subprocess.TimeoutExpired:
        return {"note": f"did not finish in {timeout:g} s"}
    if done.returncode != 0:
        memory = "MemoryError" in done.stderr
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return {"note": "out of memory (8 GB)" if memory else f"failed: {tail[0][:60]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def negmas_python(requested: str | None) -> tuple[str, str] | None:
    """(interpreter, negmas version): --negmas-python, this one, or /tmp/negmas-venv."""
    check = "import negmas; print(negmas.__version__)"
    for python in (requested, sys.executable, "/tmp/negmas-venv/bin/python"):
        if python and Path(python).exists():
            done = subprocess.run([python, "-c", check], capture_output=True, text=True)
            if done.returncode == 0:
                return python, done.stdout.strip()
    return None


def negmas_cell(result: dict[str, Any] | None, nash: Floats | None) -> str:
    if result is None:
        return "—"
    if "note" in result:
        return str(result["note"])
    theirs = result["nash"]
    agree = nash is not None and theirs is not None and np.allclose(theirs, nash, atol=1e-6)
    return f"{result['seconds']:.3g}" + ("" if agree else " (Nash ≠)")


def speedup(result: dict[str, Any] | None, ours: float, timeout: float) -> str:
    if result is None:
        return "—"
    if "seconds" in result:
        ratio = result["seconds"] / ours
        return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.2g}x"
    return f">{timeout / ours:,.0f}x" if result["note"].startswith("did not") else "—"
