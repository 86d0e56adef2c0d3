"""Monte Carlo results in Parquet: one row per draw, run details in the file metadata.

Columns: ``draw``; ``number:PATH`` (sampled numbers); ``condition:ID`` (drawn state);
``event:ID`` (whether it happened); ``CONCEPT:option:ISSUE`` and ``CONCEPT:utility:PARTY``
(null where the concept finds no package); ``feasible``; ``logrolls`` (list of keys). The
metadata key ``grandbargain.uncertainty`` holds JSON with the schema version, the scenario,
the spec, the seed and the column lists. Needs ``pyarrow``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from grandbargain.solve.analysis import CONCEPTS
from grandbargain.uncertainty.result import RESULT_SCHEMA_VERSION, DrawOutcome, MonteCarloResult

METADATA_KEY = b"grandbargain.uncertainty"


def _columns(result: MonteCarloResult) -> dict[str, list[str]]:
    first = result.outcomes[0] if result.outcomes else None
    return {
        "numbers": list(first.numbers) if first else [],
        "conditions": list(first.conditions) if first else [],
        "events": list(first.events) if first else [],
    }


def save_results(path: str | os.PathLike[str], result: MonteCarloResult) -> None:
    """Write ``result`` to a Parquet file."""
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    names = _columns(result)
    rows = result.outcomes
    data: dict[str, Any] = {"draw": pa.array(range(len(rows)), pa.int64())}
    for name in names["numbers"]:
        data[f"number:{name}"] = pa.array([o.numbers[name] for o in rows], pa.float64())
    for name in names["conditions"]:
        data[f"condition:{name}"] = pa.array([o.conditions[name] for o in rows], pa.string())
    for name in names["events"]:
        data[f"event:{name}"] = pa.array([o.events[name] for o in rows], pa.bool_())
    for concept in CONCEPTS:
        for issue in result.issues:
            data[f"{concept}:option:{issue}"] = pa.array(
                [None if (p := o.packages[concept]) is None else p[issue] for o in rows],
                pa.string(),
            )
        for party in result.parties:
            data[f"{concept}:utility:{party}"] = pa.array(
                [None if (u := o.utilities[concept]) is None else u[party] for o in rows],
                pa.float64(),
            )
    data["feasible"] = pa.array([o.feasible for o in rows], pa.bool_())
    data["logrolls"] = pa.array([list(o.logrolls) for o in rows], pa.list_(pa.string()))
    meta = {
        "schema_version": RESULT_SCHEMA_VERSION,
        "scenario": result.scenario,
        "spec": result.spec,
        "seed": result.seed,
        "columns": names,
    }
    table = pa.table(data).replace_schema_metadata({METADATA_KEY: json.dumps(meta).encode()})
    pq.write_table(table, os.fspath(path))


def load_results(path: str | os.PathLike[str]) -> MonteCarloResult:
    """Read a file written by :func:`save_results`."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    table = pq.read_table(os.fspath(path))
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise ValueError(f"{os.fspath(path)} holds no grandbargain uncertainty results")
    meta = json.loads(raw)
    if meta.get("schema_version") != RESULT_SCHEMA_VERSION:
        raise ValueError(f"unsupported results schema_version {meta.get('schema_version')!r}")
    cols = table.to_pydict()
    names = meta["columns"]
    scenario = meta["scenario"]
    parties = [p["name"] for p in scenario["parties"]]
    issues = [i["id"] for i in scenario["issues"]]
    outcomes = []
    for row in range(table.num_rows):
        packages: dict[str, dict[str, str] | None] = {}
        utilities: dict[str, dict[str, float] | None] = {}
        for concept in CONCEPTS:
            chosen = {i: cols[f"{concept}:option:{i}"][row] for i in issues}
            values = {p: cols[f"{concept}:utility:{p}"][row] for p in parties}
            none = any(v is None for v in chosen.values())
            packages[concept] = None if none else chosen
            utilities[concept] = None if none else values
        outcomes.append(
            DrawOutcome(
                numbers={n: cols[f"number:{n}"][row] for n in names["numbers"]},
                conditions={n: cols[f"condition:{n}"][row] for n in names["conditions"]},
                events={n: cols[f"event:{n}"][row] for n in names["events"]},
                packages=packages,
                utilities=utilities,
                feasible=bool(cols["feasible"][row]),
                logrolls=tuple(cols["logrolls"][row]),
            )
        )
    return MonteCarloResult.build(scenario, meta["spec"], int(meta["seed"]), tuple(outcomes))
