"""Today's engine gives what the engine before issue 17 gave, on every reference domain.

``data/reference.json.gz`` was written by ``data/record_reference.py`` with the code of commit
6bf5c99: the frontier (each point's package and utility vector, in order), its feasible flags,
the counts, the four solutions and the separate agreements of the value of linkage. Only the
name of the counting method may differ (two-party counts now use meet-in-the-middle at every
size).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .reference import REFERENCE, load, record, sources

EXPECTED: dict[str, Any] = json.loads(gzip.decompress(REFERENCE.read_bytes()))["domains"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_analysis_as_before(shared: Path, name: str) -> None:
    expected = EXPECTED[name]
    got = record(load(sources()[name]))
    assert got["packages"] == expected["packages"]
    np.testing.assert_allclose(got["utilities"], expected["utilities"], rtol=0, atol=1e-9)
    for key in ("feasible", "epsilon", "admissible_count", "feasible_count", "feasible_exact"):
        assert got[key] == expected[key], key
    assert got["solutions"] == expected["solutions"]
    assert got["linkage"] == expected["linkage"]
