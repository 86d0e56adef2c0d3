"""The embedded us-china-2025 scenario: complete, every quote verbatim, every number backed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import grandbargain as gb
from grandbargain.cli import app
from grandbargain.evidence.quotes import normalise_text, quote_in_text
from grandbargain.model.checks import evidence_lists
from grandbargain.model.provenance import numbers_table_markdown, scenario_numbers

from ..conftest import ROOT

S = gb.load_scenario("us-china-2025")


def _corpus_texts(shared: Path) -> dict[str, str]:
    corpus = shared / "corpus"
    described = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    files = {item["id"]: item["file"] for item in described}
    texts = {}
    for source in S.sources:
        name = source.file or files[source.id]
        texts[source.id] = (corpus / name).read_text(encoding="utf-8")
    return texts


def _all_quotes() -> list[tuple[str, str, str]]:
    quotes = []
    for path, items in evidence_lists(S):
        for item in items:
            if item.quote is not None and item.source is not None:
                quotes.append((".".join(map(str, path)), item.source, item.quote))
    for k, expectation in enumerate(S.expectations):
        quotes.append((f"expectations.{k}", expectation.source, expectation.quote))
    return quotes


def test_every_quote_is_verbatim_in_its_source(shared: Path) -> None:
    texts = _corpus_texts(shared)
    missing = [
        f"{where}: {source}: {quote[:60]}"
        for where, source, quote in _all_quotes()
        if not quote_in_text(quote, texts[source])
    ]
    assert not missing, "\n".join(missing)
    assert len(_all_quotes()) >= 40


# Material inside the files that is not part of any article (sources.yaml notes): site
# boilerplate, photo captions, appended lists and unrelated stories. Never evidence.
NOT_EVIDENCE: dict[str, list[tuple[str, str | None]]] = {
    "bloomberg-2025-07-17": [("RECOMMENDED FOR YOU", None)],
    "business-times-2025-07": [("BT in your inbox", "Sign Up Sign Up"), ("Hashtags", None)],
    "observer-news-2025-07": [
        ("Beijing, July 16, NVIDIA CEO", "Visual China"),
        ("2025 China (Shanghai) International Winding", "Visual China"),
        ("This article is an exclusive piece", None),
    ],
}


def _article_only(source: str, text: str) -> str:
    text = normalise_text(text)
    for start, end in NOT_EVIDENCE.get(source, []):
        head, found, tail = text.partition(start)
        assert found, f"{source}: marker {start!r} not found"
        rest = "" if end is None else tail.partition(end)[2]
        text = head + " [not evidence] " + rest
    return text


def test_no_quote_comes_from_appended_unrelated_material(shared: Path) -> None:
    texts = _corpus_texts(shared)
    for where, source, quote in _all_quotes():
        assert normalise_text(quote) in _article_only(source, texts[source]), where


def test_every_number_has_evidence_or_an_assumption() -> None:
    numbers = list(scenario_numbers(S))
    unbacked = [f"{n.entity}.{n.field}" for n in numbers if not n.backed]
    assert not unbacked, unbacked
    assert len(numbers) > 300


def test_numbers_table_in_docs_is_current() -> None:
    doc = ROOT / "docs" / "reference" / "us-china-2025-numbers.md"
    assert doc.read_text(encoding="utf-8") == numbers_table_markdown(S), (
        "regenerate: python -m grandbargain.model.provenance us-china-2025 > " + str(doc)
    )


def test_the_four_buckets_and_trade_levers_with_their_advantages() -> None:
    advantages = [b.advantage for b in S.buckets]
    assert advantages.count("China") == 2
    assert advantages.count("United States") == 2
    assert len(S.buckets) == 5
    assert S.party_names == ("United States", "China")


def _issue_text() -> str:
    return " ".join(
        " ".join(
            [i.id, i.title, i.description or "", *i.search_terms] + [o.label for o in i.options]
        )
        for i in S.issues
    ).lower()


@pytest.mark.parametrize(
    "chip",
    [
        "rare earth",
        "magnet",
        "battery",
        "joint venture",
        "biotech",
        "equipment",
        "eda",
        "purchase",
        "h20",
        "tiktok",
        "oracle",
        "algorithm",
        "shein",
        "temu",
        "soybean",
        "investment",
        "reciprocal tariff",
        "snapback",
        "fentanyl",
        "legacy",
        "section 301",
    ],
)
def test_every_bargaining_chip_is_on_the_table(chip: str) -> None:
    assert chip in _issue_text()


def test_allied_alignment_is_a_condition_that_switches_a_linkage() -> None:
    allies = [c for c in S.conditions if "japan" in (c.title + (c.description or "")).lower()]
    assert allies
    assert any(state.activates for state in allies[0].states)


STAKEHOLDERS = [
    "white house",
    "commerce",
    "treasury",
    "ustr",
    "hawk",
    "nvidia",
    "amd",
    "automaker",
    "tesla",
    "oracle",
    "farmer",
    "leadership",
    "negotiat",
    "huawei",
    "big tech",
    "catl",
    "byd",
    "xiaomi",
    "bytedance",
    "japan",
    "netherlands",
]


@pytest.mark.parametrize("name", STAKEHOLDERS)
def test_named_stakeholders_are_present(name: str) -> None:
    assert any(name in (h.name + " " + h.id).lower() for h in S.stakeholders)


EVENTS = [
    "geneva",
    "call",
    "london",
    "automaker",
    "kuala lumpur",
    "h20",
    "snapback",
    "apec",
]


@pytest.mark.parametrize("word", EVENTS)
def test_named_events_are_present(word: str) -> None:
    assert any(word in (e.title + " " + (e.description or "")).lower() for e in S.events)


def test_event_dates_and_statuses() -> None:
    by_word = {e.id: e for e in S.events}
    london = next(e for e in by_word.values() if "london" in e.title.lower())
    assert london.date.isoformat() == "2025-06-09"
    snapback = next(e for e in by_word.values() if "snapback" in e.title.lower())
    assert snapback.date.isoformat() == "2025-08-12"
    assert snapback.status.value != "happened"
    assert snapback.probability is not None and snapback.probability < 0.5  # likely extended
    apec = next(e for e in by_word.values() if "apec" in e.title.lower())
    assert apec.status.value == "possible" and apec.precision.value == "approximate"


def test_june_expectations_are_recorded() -> None:
    june = [e for e in S.expectations if e.source == "interconnected-2025-06"]
    assert len(june) >= 4
    assert {"status-quo"} <= {e.direction for e in june}


def test_out_of_scope_is_stated() -> None:
    text = " ".join(S.out_of_scope).lower()
    for word in ("visa", "military", "taiwan"):
        assert word in text


def test_status_quo_moves_with_the_july_events() -> None:
    from grandbargain.api import state_as_of

    june = state_as_of(S, __import__("datetime").date(2025, 6, 8))
    july = state_as_of(S, __import__("datetime").date(2025, 7, 20))
    changed = {k for k in july.status_quo if july.status_quo[k] != june.status_quo.get(k)}
    assert changed, "the mid-July H20 reversal should change the AI-chip status quo"


def test_show_runs_on_the_embedded_scenario() -> None:
    result = CliRunner().invoke(app, ["show"])
    assert result.exit_code == 0
    assert "United States" in result.output


# --- uncertain numbers written inline ------------------------------------------------------


def _distributions() -> dict[str, dict[str, Any]]:
    return {d.path: dict(d.distribution) for d in S.distributions}


def test_open_numbers_are_written_as_triangular_distributions_around_the_stated_number() -> None:
    found = _distributions()
    numbers = {f"{n.entity}.{n.field}": n for n in scenario_numbers(S)}
    assert len(found) > 300
    for path, distribution in found.items():
        assert distribution["kind"] == "triangular", path
        assert distribution["mode"] == numbers[path].value, path  # the nominal is unchanged
        assert distribution["low"] < distribution["high"], path


def test_each_distribution_stays_inside_the_range_its_assumption_states() -> None:
    found = _distributions()
    for number in scenario_numbers(S):
        distribution = found.get(f"{number.entity}.{number.field}")
        if distribution is None:
            continue
        ranges = [e.assumption.range for e in number.evidence if e.assumption is not None]
        assert any(
            r is not None and r[0] <= distribution["low"] and distribution["high"] <= r[1]
            for r in ranges
        ), (number.entity, number.field, distribution, ranges)


def test_contested_values_stakeholders_and_interaction_terms_have_ranges() -> None:
    found = _distributions()
    for party in S.parties:
        for issue in ("rare-earths", "sme-controls", "reciprocal-tariff", "purchase-commitments"):
            for option, value in party.stances[issue].values.items():
                path = f"parties.{party.name}.stances.{issue}.values.{option}"
                assert (path in found) == (value not in (0, 100)), path
    for holder in S.stakeholders:
        for issue in holder.stances:
            for name in ("position", "salience"):
                assert f"stakeholders.{holder.id}.stances.{issue}.{name}" in found
    for term in S.linkages.interactions:
        for party in term.utilities:
            assert f"linkages.interactions.{term.id}.utilities.{party}" in found


def test_the_shipped_file_itself_matches_the_json_schema() -> None:
    import json

    import jsonschema

    raw = yaml.safe_load((ROOT / "src/grandbargain/scenarios/us-china-2025.yaml").read_text())
    validator = jsonschema.Draft202012Validator(gb.scenario_json_schema())
    assert not list(validator.iter_errors(json.loads(json.dumps(raw, default=str))))


def test_the_default_uncertainty_spec_has_the_inline_distributions_and_the_weights() -> None:
    from grandbargain.api import spec_for_scenario

    spec = spec_for_scenario(S)
    columns = set(spec.columns)
    assert set(_distributions()) <= columns
    weights = {f"parties.{p.name}.stances.{issue}.weight" for p in S.parties for issue in p.stances}
    assert weights <= columns
