"""The reference domains of ``test_reference.py`` and what is recorded for each.

``data/record_reference.py`` writes ``data/reference.json`` with these functions; the test
compares today's engine with it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

import grandbargain as gb
from grandbargain.model.schema import Scenario

from ..builders import random_additive

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("GRANDBARGAIN_SHARED", ROOT.parent / "shared"))
REFERENCE = Path(__file__).resolve().parent / "data" / "reference.json.gz"

GENIUS = [
    "AMPOvsCity",
    "EnglandZimbabwe",
    "Grocery",
    "ItexvsCypress",
    "Laptop",
    "NiceOrDie",
    "Party",
    "Politics",
    "Travel",
]
GAMES = ["base", "base_7players", "base_rewritten", "game1", "game2", "game3"]
RANDOM = {  # name: (seed, issues, options, parties)
    "random-2p-40x6": (101, 40, 6, 2),
    "random-3p-10x4": (102, 10, 4, 3),
    "random-4p-7x4": (103, 7, 4, 4),
    "random-5p-7x3": (104, 7, 3, 5),
    "random-6p-6x3": (105, 6, 3, 6),
}


def sources() -> dict[str, Any]:
    """Name -> what ``grandbargain.load_scenario`` or ``Scenario.model_validate`` takes."""
    found: dict[str, Any] = {f"genius/{n}": SHARED / "data" / "genius-domains" / n for n in GENIUS}
    games = SHARED / "data" / "benchmarks" / "llm-deliberation" / "games_descriptions"
    found.update({f"llm-deliberation/{n}": games / n for n in GAMES})
    found["us-china-2025"] = "us-china-2025"
    found.update({name: random_additive(*spec) for name, spec in RANDOM.items()})
    return found


def load(source: Any) -> Any:
    """The scenario of one entry of :func:`sources`."""
    if isinstance(source, dict):
        return Scenario.model_validate(source)
    return gb.load_scenario(source)


def record(scenario: Any) -> dict[str, Any]:
    """What is compared: frontier, flags, counts, solutions, separate agreements."""
    a = gb.analyze(scenario)
    count = a.feasible
    series = {
        "by_issue": a.linkage_issues,
        "by_bucket": a.linkage_buckets,
    }
    return {
        "packages": a.frontier.packages.tolist(),
        "utilities": np.round(a.frontier.utilities, 12).tolist(),
        "feasible": a.frontier_feasible.tolist(),
        "epsilon": a.frontier.epsilon,
        "admissible_count": a.admissible_count,
        "feasible_count": None if count is None else count.value,
        "feasible_exact": None if count is None else count.exact,
        "solutions": {
            concept: None if s is None else s["package"]
            for concept, s in a.solutions.to_dict().items()
        },
        "linkage": {k: None if s is None else s.package.tolist() for k, s in series.items()},
    }
