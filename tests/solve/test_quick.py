"""``analyze(quick=True)``: the same frontier, solutions and logrolls, minus the slow parts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np

import grandbargain as gb

SCHEMAS = Path(gb.__file__).parent / "schemas"
US = gb.load_scenario("us-china-2025")


def test_quick_analysis_equals_the_full_one_where_both_compute() -> None:
    full = gb.analyze(US, as_of="2025-07-20", conditions={"allies": "defect"})
    quick = gb.analyze(US, as_of="2025-07-20", conditions={"allies": "defect"}, quick=True)
    assert quick.quick and not full.quick
    np.testing.assert_array_equal(quick.frontier.utilities, full.frontier.utilities)
    np.testing.assert_array_equal(quick.frontier.packages, full.frontier.packages)
    assert quick.solutions == full.solutions
    assert quick.reservation == full.reservation
    assert quick.admissible_count == full.admissible_count
    assert quick.logroll_count == full.logroll_count
    full_data, quick_data = full.to_dict(), quick.to_dict()
    assert quick_data["logrolls"] == full_data["logrolls"]
    assert quick_data["pareto"] == full_data["pareto"]


def test_quick_analysis_says_what_it_did_not_compute() -> None:
    quick = gb.analyze(US, quick=True)
    assert quick.feasible is None and quick.feasible_count is None
    assert quick.linkage_issues is None and quick.linkage_buckets is None
    data = quick.to_dict()
    assert data["quick"] is True
    assert data["feasible_count"] is None
    assert data["feasible_count_method"] == {
        "exact": False,
        "method": "not computed",
        "low": None,
        "high": None,
    }
    assert data["linkage"] == {"by_issue": None, "by_bucket": None}
    schema = json.loads((SCHEMAS / "analysis.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert gb.analyze(US).to_dict()["quick"] is False


def test_report_of_a_quick_analysis_says_the_count_was_not_computed() -> None:
    from grandbargain.report import build_report

    html = build_report(US, gb.analyze(US, quick=True))
    assert "feasible: not computed." in html
