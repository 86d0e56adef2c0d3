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

import numpy as np

from grandbargain.solve.analysis import CONCEPTS
from grandbargain.uncertainty.result import RESULT_SCHEMA_VERSION, DrawTable, MonteCarloResult

METADATA_KEY = b"grandbargain.uncertainty"


def save_results(path: str | os.PathLike[str], result: MonteCarloResult) -> None:
    """Write ``result`` to a Parquet file."""
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    t = result.table
    data: dict[str, Any] = {"draw": pa.array(np.arange(result.draws), pa.int64())}
    for k, name in enumerate(result.numbers):
        data[f"number:{name}"] = pa.array(t.numbers[:, k], pa.float64())
    for k, (name, states) in enumerate(result.conditions):
        names = np.array(states, dtype=object)
        data[f"condition:{name}"] = pa.array(names[t.conditions[:, k]], pa.string())
    for k, name in enumerate(result.events):
        data[f"event:{name}"] = pa.array(t.events[:, k], pa.bool_())
    options = result.options
    for c, concept in enumerate(CONCEPTS):
        for i, issue in enumerate(result.issues):
            chosen = t.options[c, :, i]
            names = np.array([*options[issue], None], dtype=object)
            data[f"{concept}:option:{issue}"] = pa.array(
                names[chosen.astype(np.int64)], pa.string()
            )
        for p, party in enumerate(result.parties):
            values = t.utilities[c, :, p]
            data[f"{concept}:utility:{party}"] = pa.array(
                values, pa.float64(), mask=np.isnan(values)
            )
    data["feasible"] = pa.array(t.feasible, pa.bool_())
    for k, name in enumerate(result.extra_columns):
        data[f"extra:{name}"] = pa.array(t.extras[:, k], pa.float64())
    keys = pa.array(t.logroll_keys, pa.string())
    data["logrolls"] = pa.ListArray.from_arrays(
        pa.array(t.logroll_offsets, pa.int32()), keys.take(pa.array(t.logroll_ids, pa.int64()))
    )
    meta = {
        "schema_version": RESULT_SCHEMA_VERSION,
        "scenario": result.scenario,
        "spec": result.spec,
        "seed": result.seed,
        "columns": {
            "numbers": list(result.numbers),
            "conditions": [[name, list(states)] for name, states in result.conditions],
            "events": list(result.events),
            "extras": list(result.extra_columns),
        },
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
    names = meta["columns"]
    scenario = meta["scenario"]
    parties = [p["name"] for p in scenario["parties"]]
    issues = scenario["issues"]
    draws = table.num_rows

    def column(name: str) -> Any:
        return table.column(name).to_numpy(zero_copy_only=False)

    numbers = np.zeros((draws, len(names["numbers"])))
    for k, name in enumerate(names["numbers"]):
        numbers[:, k] = column(f"number:{name}")
    conditions = np.zeros((draws, len(names["conditions"])), dtype=np.int64)
    for k, (name, states) in enumerate(names["conditions"]):
        index = {state: s for s, state in enumerate(states)}
        conditions[:, k] = [index[v] for v in column(f"condition:{name}")]
    events = np.zeros((draws, len(names["events"])), dtype=bool)
    for k, name in enumerate(names["events"]):
        events[:, k] = column(f"event:{name}")
    options = np.full((len(CONCEPTS), draws, len(issues)), -1, dtype=np.int16)
    utilities = np.full((len(CONCEPTS), draws, len(parties)), np.nan)
    for c, concept in enumerate(CONCEPTS):
        for i, issue in enumerate(issues):
            index = {o["id"]: k for k, o in enumerate(issue["options"])}
            values = column(f"{concept}:option:{issue['id']}")
            options[c, :, i] = [-1 if v is None else index[v] for v in values]
        for p, party in enumerate(parties):
            utilities[c, :, p] = table.column(f"{concept}:utility:{party}").to_numpy(
                zero_copy_only=False
            )
    extra_names = names.get("extras", [])
    extras = np.zeros((draws, len(extra_names)))
    for k, name in enumerate(extra_names):
        extras[:, k] = column(f"extra:{name}")
    rolls = table.column("logrolls").combine_chunks()
    keys = sorted(set(rolls.flatten().to_pylist()))
    ids = {key: k for k, key in enumerate(keys)}
    flat = np.array([ids[key] for key in rolls.flatten().to_pylist()], dtype=np.int32)
    return MonteCarloResult(
        scenario=scenario,
        spec=meta["spec"],
        seed=int(meta["seed"]),
        table=DrawTable(
            numbers=numbers,
            conditions=conditions,
            events=events,
            options=options,
            utilities=utilities,
            feasible=column("feasible").astype(bool),
            logroll_keys=tuple(keys),
            logroll_ids=flat,
            logroll_offsets=np.asarray(rolls.offsets.to_numpy(), dtype=np.int64),
            extras=extras,
        ),
        numbers=tuple(names["numbers"]),
        conditions=tuple((name, tuple(states)) for name, states in names["conditions"]),
        events=tuple(names["events"]),
        extra_columns=tuple(extra_names),
    )
