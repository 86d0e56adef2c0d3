"""Monte Carlo results: one row per draw in arrays, and the summaries computed from them.

Results are columnar (:class:`DrawTable`), so memory grows by a few hundred bytes per draw and
summaries are array operations; :meth:`MonteCarloResult.outcome` gives one draw as plain
Python data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grandbargain.solve.analysis import CONCEPTS

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
SmallIntArray = NDArray[np.int16]
IdArray = NDArray[np.int32]
BoolArray = NDArray[np.bool_]

RESULT_SCHEMA_VERSION = 1
NO_AGREEMENT = "(none)"
"""Key used in option probabilities for draws where the concept picks no package."""
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
TOP_LOGROLLS = 20


@dataclass(frozen=True)
class DrawOutcome:
    """What one draw sampled and what the analysis chose.

    ``packages`` and ``utilities`` map each concept to its package and party utilities, or
    None when the concept finds no package; ``events`` maps each open event to whether it
    happened in this draw; ``logrolls`` lists the keys (``issue=option+issue=option``) of
    every two-issue logroll away from the status quo, sorted.
    """

    numbers: dict[str, float]
    conditions: dict[str, str]
    events: dict[str, bool]
    packages: dict[str, dict[str, str] | None]
    utilities: dict[str, dict[str, float] | None]
    feasible: bool
    logrolls: tuple[str, ...]


@dataclass(frozen=True)
class DrawTable:
    """Consecutive draws as arrays, one row per draw.

    ``options[c, d, i]`` is the option index concept ``c`` (in :data:`CONCEPTS` order) picks
    on issue ``i`` in draw ``d`` (-1: no package); ``utilities[c, d, p]`` party ``p``'s utility
    there (NaN: no package). Draw ``d``'s logrolls are
    ``logroll_keys[logroll_ids[logroll_offsets[d]:logroll_offsets[d + 1]]]``, sorted by key.
    ``extras`` (draws, extra columns) holds what a run asked for besides the analysis
    (a simulated session, a forecast; see :mod:`.extras`).
    """

    numbers: FloatArray
    conditions: IntArray
    events: BoolArray
    options: SmallIntArray
    utilities: FloatArray
    feasible: BoolArray
    logroll_keys: tuple[str, ...]
    logroll_ids: IdArray
    logroll_offsets: IntArray
    extras: FloatArray

    def __len__(self) -> int:
        return int(self.feasible.shape[0])

    def logrolls(self, draw: int) -> tuple[str, ...]:
        """The logroll keys of one draw."""
        ids = self.logroll_ids[self.logroll_offsets[draw] : self.logroll_offsets[draw + 1]]
        return tuple(self.logroll_keys[int(k)] for k in ids)

    def same_as(self, other: DrawTable) -> bool:
        """Whether both tables hold exactly the same draws and results."""
        return (
            len(self) == len(other)
            and all(
                np.array_equal(getattr(self, name), getattr(other, name), equal_nan=True)
                for name in (
                    "numbers",
                    "conditions",
                    "events",
                    "options",
                    "utilities",
                    "feasible",
                    "extras",
                )
            )
            and all(self.logrolls(d) == other.logrolls(d) for d in range(len(self)))
        )


_BY_DRAW = ("numbers", "conditions", "events", "feasible", "extras")  # draws on axis 0
_BY_CONCEPT = ("options", "utilities")  # draws on axis 1


class DrawTableWriter:
    """Copies consecutive batches into one table allocated once for all ``draws``, so a run
    never holds its batches and their concatenation at the same time."""

    def __init__(self, draws: int) -> None:
        self.draws = draws
        self.done = 0
        self._arrays: dict[str, Any] = {}
        self._vocabulary: dict[str, int] = {}
        self._ids: list[IdArray] = []
        self._counts: list[IntArray] = []

    def add(self, table: DrawTable) -> None:
        """Append the draws of ``table``."""
        n, at = len(table), self.done
        if not self._arrays:
            for name in _BY_DRAW:
                part = getattr(table, name)
                self._arrays[name] = np.empty((self.draws, *part.shape[1:]), part.dtype)
            for name in _BY_CONCEPT:
                part = getattr(table, name)
                shape = (part.shape[0], self.draws, *part.shape[2:])
                self._arrays[name] = np.empty(shape, part.dtype)
        for name in _BY_DRAW:
            self._arrays[name][at : at + n] = getattr(table, name)
        for name in _BY_CONCEPT:
            self._arrays[name][:, at : at + n] = getattr(table, name)
        remap = np.array(
            [self._vocabulary.setdefault(k, len(self._vocabulary)) for k in table.logroll_keys],
            dtype=np.int32,
        )
        self._ids.append(remap[table.logroll_ids] if len(table.logroll_ids) else table.logroll_ids)
        self._counts.append(np.diff(table.logroll_offsets))
        self.done += n

    def table(self) -> DrawTable:
        """The filled table (every draw must have been added)."""
        if self.done != self.draws or not self._arrays:
            raise ValueError(f"{self.done} of {self.draws} draws added")
        counts = np.concatenate(self._counts)
        return DrawTable(
            **self._arrays,
            logroll_keys=tuple(self._vocabulary),
            logroll_ids=np.concatenate(self._ids).astype(np.int32),
            logroll_offsets=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        )


@dataclass(frozen=True)
class MonteCarloResult:
    """All draws of a Monte Carlo run with the scenario, spec and seed that made them.

    ``numbers`` names the drawn numbers (columns of ``table.numbers``); ``conditions`` gives
    each drawn condition with its states; ``events`` the open events drawn; ``notes`` plain
    warnings about the run, such as nothing varying between draws
    (:mod:`grandbargain.uncertainty.variation`).
    """

    scenario: dict[str, Any]
    spec: dict[str, Any]
    seed: int
    table: DrawTable
    numbers: tuple[str, ...]
    conditions: tuple[tuple[str, tuple[str, ...]], ...]
    events: tuple[str, ...]
    extra_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def parties(self) -> tuple[str, ...]:
        """Party names, in scenario order."""
        return tuple(p["name"] for p in self.scenario["parties"])

    @property
    def issues(self) -> tuple[str, ...]:
        """Issue ids, in scenario order."""
        return tuple(i["id"] for i in self.scenario["issues"])

    @property
    def options(self) -> dict[str, tuple[str, ...]]:
        """Option ids of each issue."""
        return {i["id"]: tuple(o["id"] for o in i["options"]) for i in self.scenario["issues"]}

    @property
    def draws(self) -> int:
        """Number of draws."""
        return len(self.table)

    def outcome(self, draw: int) -> DrawOutcome:
        """Draw ``draw`` as plain Python data."""
        t = self.table
        options = self.options
        packages: dict[str, dict[str, str] | None] = {}
        utilities: dict[str, dict[str, float] | None] = {}
        for c, concept in enumerate(CONCEPTS):
            row = t.options[c, draw]
            if row[0] < 0:
                packages[concept] = utilities[concept] = None
                continue
            packages[concept] = {
                issue: options[issue][int(o)] for issue, o in zip(self.issues, row, strict=True)
            }
            utilities[concept] = {
                p: float(u) for p, u in zip(self.parties, t.utilities[c, draw], strict=True)
            }
        return DrawOutcome(
            numbers={n: float(v) for n, v in zip(self.numbers, t.numbers[draw], strict=True)},
            conditions={
                cid: states[int(s)]
                for (cid, states), s in zip(self.conditions, t.conditions[draw], strict=True)
            },
            events={e: bool(h) for e, h in zip(self.events, t.events[draw], strict=True)},
            packages=packages,
            utilities=utilities,
            feasible=bool(t.feasible[draw]),
            logrolls=t.logrolls(draw),
        )

    @property
    def outcomes(self) -> tuple[DrawOutcome, ...]:
        """Every draw as plain Python data (builds them all: for small runs and tests)."""
        return tuple(self.outcome(d) for d in range(self.draws))

    def option_probabilities(self) -> dict[str, dict[str, dict[str, float]]]:
        """``{concept: {issue: {option: share of draws}}}``; each issue's shares sum to 1.

        Draws where the concept finds no package count under :data:`NO_AGREEMENT`.
        """
        result: dict[str, dict[str, dict[str, float]]] = {}
        n = self.draws
        options = self.options
        for c, concept in enumerate(CONCEPTS):
            result[concept] = {}
            for i, issue in enumerate(self.issues):
                names = options[issue]
                counts = np.bincount(
                    self.table.options[c, :, i].astype(np.int64) + 1, minlength=len(names) + 1
                )
                shares = {name: int(counts[k + 1]) / n for k, name in enumerate(names)}
                if counts[0]:
                    shares[NO_AGREEMENT] = int(counts[0]) / n
                result[concept][issue] = shares
        return result

    def feasible_probability(self) -> float:
        """Share of draws where some package meets the acceptance rule."""
        return float(self.table.feasible.mean())

    def solution_probability(self) -> dict[str, float]:
        """Per concept, share of draws where it picks a package (Nash needs gains > 0)."""
        picked = self.table.options[:, :, 0] >= 0
        return {c: float(picked[k].mean()) for k, c in enumerate(CONCEPTS)}

    def utility_quantiles(
        self, quantiles: tuple[float, ...] = QUANTILES
    ) -> dict[str, dict[str, dict[str, float | None]]]:
        """``{concept: {party: {"n", "mean", "q05", ...}}}`` over draws with a package."""
        result: dict[str, dict[str, dict[str, float | None]]] = {}
        for c, concept in enumerate(CONCEPTS):
            result[concept] = {}
            picked = self.table.options[c, :, 0] >= 0
            for p, party in enumerate(self.parties):
                values = self.table.utilities[c, picked, p]
                summary: dict[str, float | None] = {"n": float(len(values))}
                summary["mean"] = float(values.mean()) if len(values) else None
                for q in quantiles:
                    key = f"q{round(q * 100):02d}"
                    summary[key] = float(np.quantile(values, q)) if len(values) else None
                result[concept][party] = summary
        return result

    def logroll_shares(self, top: int | None = TOP_LOGROLLS) -> dict[str, float]:
        """The logrolls that hold in most draws: key -> share of draws, largest first."""
        keys = self.table.logroll_keys
        counts = np.bincount(self.table.logroll_ids, minlength=len(keys))
        ranked = sorted(
            ((key, int(c)) for key, c in zip(keys, counts, strict=True) if c),
            key=lambda kv: (-kv[1], kv[0]),
        )
        return {key: count / self.draws for key, count in ranked[:top]}

    def extra_summary(self, quantiles: tuple[float, ...] = QUANTILES) -> dict[str, Any]:
        """Simulation and forecast summaries, for runs that asked for them.

        ``{"simulation": {"agreement_probability", "rounds", "utilities": {party: stats}},
        "forecast": {"model", "issues": {issue: stats}}}``; stats as in
        :meth:`utility_quantiles` (utilities over draws that reached agreement).
        """
        index = {name: k for k, name in enumerate(self.extra_columns)}
        values = self.table.extras

        def stats(column: FloatArray) -> dict[str, float | None]:
            column = column[np.isfinite(column)]
            summary: dict[str, float | None] = {"n": float(len(column))}
            summary["mean"] = float(column.mean()) if len(column) else None
            for q in quantiles:
                key = f"q{round(q * 100):02d}"
                summary[key] = float(np.quantile(column, q)) if len(column) else None
            return summary

        result: dict[str, Any] = {}
        if "simulation:agreement" in index:
            agreed = values[:, index["simulation:agreement"]] > 0.5
            result["simulation"] = {
                "agreement_probability": float(agreed.mean()),
                "rounds": stats(values[:, index["simulation:rounds"]]),
                "utilities": {
                    party: stats(values[agreed, index[f"simulation:utility:{party}"]])
                    for party in self.parties
                },
            }
        forecast = [name for name in self.extra_columns if name.startswith("forecast:")]
        if forecast:
            model = forecast[0].split(":")[1]
            result["forecast"] = {
                "model": model,
                "issues": {
                    name.split(":", 2)[2]: stats(values[:, index[name]]) for name in forecast
                },
            }
        return result

    def to_dict(self) -> dict[str, Any]:
        """Summaries as plain data for JSON."""
        return {
            "schema_version": RESULT_SCHEMA_VERSION,
            "scenario": self.scenario["id"],
            "seed": self.seed,
            "as_of": self.scenario.get("as_of"),
            "draws": self.draws,
            "notes": list(self.notes),
            "spec": self.spec,
            "feasible_probability": self.feasible_probability(),
            "solution_probability": self.solution_probability(),
            "option_probabilities": self.option_probabilities(),
            "utilities": self.utility_quantiles(),
            "logrolls": self.logroll_shares(),
            **self.extra_summary(),
        }
