"""``report`` opens with the briefing and the outlook, computed as ``brief`` computes them
(``--as-of``, ``--draws``, ``--seed``), or leaves them out with ``--no-outlook``."""

from __future__ import annotations

from pathlib import Path

import grandbargain as gb

from ..report.helpers import answer_first
from .helpers import assert_clean_exit, invoke


def _sentences(briefing: gb.Briefing) -> list[str]:
    return [s.text for part in briefing.sections for s in part.sentences]


def test_the_report_opens_with_the_briefing_of_its_date(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = invoke(["report", "-o", str(out), "--as-of", "2025-06-08", "--draws", "0"])
    assert_clean_exit(result, 0)
    page = answer_first(out.read_text(encoding="utf-8"))
    assert page.sections[:3] == ["briefing", "outlook", "trades"]
    scenario = gb.load_scenario("us-china-2025")
    on_the_day = gb.brief(scenario, as_of="2025-06-08", draws=0)
    assert page.sentences == _sentences(on_the_day)
    assert page.sentences != _sentences(gb.brief(scenario, draws=0))  # the date matters


def test_draws_and_seed_reach_the_outlook(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", "-o", str(out), "--draws", "2", "--seed", "5"]
    assert_clean_exit(invoke(args), 0)
    page = answer_first(out.read_text(encoding="utf-8"))
    truth = gb.brief(gb.load_scenario("us-china-2025"), draws=2, seed=5)
    assert page.sentences == _sentences(truth)
    assert "2 Monte Carlo draws, seed 5" in " ".join("".join(page.briefing_text).split())


def test_no_outlook_leaves_the_briefing_out(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert_clean_exit(invoke(["report", "-o", str(out), "--no-outlook"]), 0)
    page = answer_first(out.read_text(encoding="utf-8"))
    assert page.sections[0] == "trades" and page.sentences == []


def test_a_bad_draws_value_is_a_clean_error(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = invoke(["report", "-o", str(out), "--draws", "-1"])
    assert_clean_exit(result, 2)
    assert "--draws" in result.stderr and not out.exists()
