"""Monte Carlo results in Parquet: one row per draw, run details in the file metadata.

Columns: ``draw``; ``number:PATH`` (sampled numbers); ``condition:ID`` (drawn state);
``event:ID`` (whether it happened); ``CONCEPT:option:ISSUE`` and ``CONCEPT:utility:PARTY``
(null where the concept finds no package); ``feasible``; ``extra:NAME`` (a simulated session
or forecast per draw); ``logrolls`` (list of keys). The metadata key
``grandbargain.uncertainty`` holds JSON with the schema version, the scenario, the spec, the
seed and the column lists. Needs ``pyarrow`` (the ``uncertainty`` extra).

Saving writes a temporary file beside the target and renames it over the target only when
complete (:func:`grandbargain.files.write_output_with`). Loading trusts nothing: a file that
is not Parquet, is truncated, lacks our metadata, has another schema version, misses a
column, has a column of the wrong type or values its metadata does not allow is an
:class:`~grandbargain.model.errors.InputError` naming the file and what is wrong.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any

import numpy as np
import pydantic

from grandbargain.files import write_output_with
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.optional import require
from grandbargain.solve.analysis import CONCEPTS
from grandbargain.uncertainty.result import RESULT_SCHEMA_VERSION, DrawTable, MonteCarloResult
from grandbargain.uncertainty.spec import spec_from_mapping
from grandbargain.uncertainty.variation import variation

METADATA_KEY = b"grandbargain.uncertainty"
SAVE_FIELD = "--save"
LOAD_FIELD = "--load"


class _Unreadable(Exception):
    """Why a file is not a results file we wrote (becomes an InputError naming the file)."""


def _pyarrow(purpose: str, field: str) -> tuple[Any, Any]:
    pa = require("pyarrow", purpose, field)
    return pa, require("pyarrow.parquet", purpose, field)


def save_results(path: str | os.PathLike[str], result: MonteCarloResult) -> None:
    """Write ``result`` to a Parquet file, atomically.

    Raises :class:`InputError` if pyarrow is missing or the file cannot be written (call
    :func:`grandbargain.files.check_output` before the run to learn that early).
    """
    pa, pq = _pyarrow("saving draws as Parquet", SAVE_FIELD)
    table = _arrow_table(pa, result)
    write_output_with(
        path, lambda temporary: pq.write_table(table, os.fspath(temporary)), SAVE_FIELD
    )


def _arrow_table(pa: Any, result: MonteCarloResult) -> Any:
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
            names = np.array([*options[issue], None], dtype=object)
            chosen = t.options[c, :, i].astype(np.int64)
            data[f"{concept}:option:{issue}"] = pa.array(names[chosen], pa.string())
        for p, party in enumerate(result.parties):
            values = t.utilities[c, :, p]
            mask = np.isnan(values)
            data[f"{concept}:utility:{party}"] = pa.array(values, pa.float64(), mask=mask)
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
    return pa.table(data).replace_schema_metadata({METADATA_KEY: json.dumps(meta).encode()})


def load_results(path: str | os.PathLike[str]) -> MonteCarloResult:
    """Read a file written by :func:`save_results`.

    Raises :class:`InputError` (and nothing else) naming the file for anything that is not a
    readable results file of this schema version.
    """
    name = os.fspath(path)
    pa, pq = _pyarrow("reading saved draws (Parquet)", LOAD_FIELD)
    try:
        info = os.stat(name)
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else error.strerror
        raise InputError([Problem(name, 0, 0, LOAD_FIELD, f"cannot read: {reason}")]) from None
    try:
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file; expected a Parquet file of saved draws")
        try:
            table = pq.read_table(name)
        except (pa.ArrowException, OSError, ValueError) as error:
            raise _Unreadable(f"not a readable Parquet file ({_first_line(error)})") from None
        return _results(pa, table)
    except _Unreadable as error:
        raise InputError([Problem(name, 0, 0, LOAD_FIELD, str(error))]) from None


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _results(pa: Any, table: Any) -> MonteCarloResult:
    meta = _metadata(table)
    try:
        scenario = Scenario.model_validate(meta["scenario"])
    except pydantic.ValidationError as error:
        count = error.error_count()
        raise _Unreadable(f"its metadata holds no valid scenario ({count} problems)") from None
    try:
        spec = spec_from_mapping(meta["spec"], scenario, "spec")
    except InputError as error:
        raise _Unreadable(f"its metadata holds no valid spec ({error.problems[0]})") from None
    if meta["columns"]["numbers"] != list(spec.columns):
        raise _Unreadable("its metadata lists other numbers than its spec draws")
    if table.num_rows < 1:
        raise _Unreadable("it holds no draws")
    _check_columns(pa, table, meta, scenario)
    draws = _draw_table(table, meta, scenario)
    names = meta["columns"]
    return MonteCarloResult(
        scenario=meta["scenario"],
        spec=meta["spec"],
        seed=meta["seed"],
        table=draws,
        numbers=tuple(names["numbers"]),
        conditions=tuple((name, tuple(states)) for name, states in names["conditions"]),
        events=tuple(names["events"]),
        extra_columns=tuple(names.get("extras", [])),
        notes=variation(scenario, spec).notes(),
    )


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _metadata(table: Any) -> dict[str, Any]:
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise _Unreadable(
            "holds no grandbargain uncertainty results (no 'grandbargain.uncertainty' "
            "metadata); expected a file written by montecarlo --save"
        )
    try:
        meta = json.loads(raw)
    except ValueError:
        raise _Unreadable("its grandbargain metadata is not valid JSON") from None
    if not isinstance(meta, dict):
        raise _Unreadable("its grandbargain metadata is not a JSON object")
    version = meta.get("schema_version")
    if version != RESULT_SCHEMA_VERSION or isinstance(version, bool):
        raise _Unreadable(
            f"results schema_version {version!r}; this version of grandbargain reads "
            f"{RESULT_SCHEMA_VERSION}"
        )
    columns = meta.get("columns")
    seed = meta.get("seed")
    problems = [
        key
        for key, good in (
            ("scenario", isinstance(meta.get("scenario"), dict)),
            ("spec", isinstance(meta.get("spec"), dict)),
            ("seed", isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0),
            ("columns", isinstance(columns, dict) and _column_lists(columns)),
        )
        if not good
    ]
    if problems:
        raise _Unreadable(f"its metadata has a missing or malformed {', '.join(problems)}")
    return meta


def _column_lists(columns: dict[str, Any]) -> bool:
    conditions = columns.get("conditions")
    return (
        _strings(columns.get("numbers"))
        and _strings(columns.get("events"))
        and _strings(columns.get("extras", []))
        and isinstance(conditions, list)
        and all(
            isinstance(c, list) and len(c) == 2 and isinstance(c[0], str) and _strings(c[1])
            for c in conditions
        )
    )


def _expected_columns(pa: Any, meta: dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """Every column a results file must have, with its Arrow type."""
    names = meta["columns"]
    expected: dict[str, Any] = {"draw": pa.int64()}
    expected |= {f"number:{n}": pa.float64() for n in names["numbers"]}
    expected |= {f"condition:{n}": pa.string() for n, _ in names["conditions"]}
    expected |= {f"event:{n}": pa.bool_() for n in names["events"]}
    for concept in CONCEPTS:
        expected |= {f"{concept}:option:{issue.id}": pa.string() for issue in scenario.issues}
        expected |= {f"{concept}:utility:{p}": pa.float64() for p in scenario.party_names}
    expected["feasible"] = pa.bool_()
    expected |= {f"extra:{n}": pa.float64() for n in names.get("extras", [])}
    expected["logrolls"] = pa.list_(pa.string())
    return expected


def _check_columns(pa: Any, table: Any, meta: dict[str, Any], scenario: Scenario) -> None:
    expected = _expected_columns(pa, meta, scenario)
    present = set(table.schema.names)
    missing = [name for name in expected if name not in present]
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        raise _Unreadable(f"missing column{'s' if len(missing) > 1 else ''} {shown}")
    for name, kind in expected.items():
        found = table.schema.field(name).type
        if not found.equals(kind):
            raise _Unreadable(f"column {name} holds {found}; expected {kind}")
        nullable = ":utility:" in name or ":option:" in name
        if not nullable and table.column(name).null_count:
            raise _Unreadable(f"column {name} has empty (null) cells")
    draw = table.column("draw").to_numpy()
    if not np.array_equal(draw, np.arange(table.num_rows)):
        raise _Unreadable("column draw does not count the draws 0, 1, 2, ... in order")


def _codes(values: list[Any], vocabulary: tuple[str | None, ...], column: str) -> Any:
    """Indices of ``values`` in ``vocabulary``; a value outside it makes the file unreadable."""
    index = {v: k for k, v in enumerate(vocabulary)}
    for value in values:
        if value not in index:
            shown = repr(value)[:60]
            raise _Unreadable(f"column {column} holds {shown}, which its metadata does not allow")
    return np.array([index[v] for v in values], dtype=np.int64)


def _draw_table(table: Any, meta: dict[str, Any], scenario: Scenario) -> DrawTable:
    names = meta["columns"]
    draws = table.num_rows

    def column(name: str) -> Any:
        return table.column(name).to_numpy(zero_copy_only=False)

    def stack(prefix: str, items: list[str], dtype: Any) -> Any:
        result = np.zeros((draws, len(items)), dtype=dtype)
        for k, item in enumerate(items):
            result[:, k] = column(f"{prefix}:{item}")
        return result

    conditions = np.zeros((draws, len(names["conditions"])), dtype=np.int64)
    for k, (name, states) in enumerate(names["conditions"]):
        values = table.column(f"condition:{name}").to_pylist()
        conditions[:, k] = _codes(values, tuple(states), f"condition:{name}")
    options = np.full((len(CONCEPTS), draws, len(scenario.issues)), -1, dtype=np.int16)
    utilities = np.full((len(CONCEPTS), draws, len(scenario.parties)), np.nan)
    for c, concept in enumerate(CONCEPTS):
        for i, issue in enumerate(scenario.issues):
            label = f"{concept}:option:{issue.id}"
            vocabulary = (None, *(o.id for o in issue.options))
            options[c, :, i] = _codes(table.column(label).to_pylist(), vocabulary, label) - 1
        utilities[c] = stack(f"{concept}:utility", list(scenario.party_names), np.float64)
    rolls = table.column("logrolls").combine_chunks()
    flat = rolls.flatten().to_pylist()
    if any(key is None for key in flat):
        raise _Unreadable("column logrolls has empty (null) keys")
    keys = sorted(set(flat))
    ids = {key: k for k, key in enumerate(keys)}
    lengths = np.asarray(rolls.value_lengths().to_numpy(zero_copy_only=False), dtype=np.int64)
    return DrawTable(
        numbers=stack("number", names["numbers"], np.float64),
        conditions=conditions,
        events=stack("event", names["events"], bool),
        options=options,
        utilities=utilities,
        feasible=column("feasible").astype(bool),
        logroll_keys=tuple(keys),
        logroll_ids=np.array([ids[key] for key in flat], dtype=np.int32),
        logroll_offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        extras=stack("extra", names.get("extras", []), np.float64),
    )
