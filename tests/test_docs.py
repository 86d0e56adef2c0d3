"""Docs: generated references are current, links resolve, the four kinds of page exist."""

from __future__ import annotations

import re

from grandbargain.model.reference import reference_markdown

from .conftest import ROOT

DOCS = ROOT / "docs"


def test_scenario_format_reference_is_current() -> None:
    doc = DOCS / "reference" / "scenario-format.md"
    assert doc.read_text(encoding="utf-8") == reference_markdown(), (
        "regenerate: python -m grandbargain.model.reference > docs/reference/scenario-format.md"
    )


def test_reference_names_every_field_of_the_format() -> None:
    text = (DOCS / "reference" / "scenario-format.md").read_text()
    for field in (
        "schema_version",
        "red_lines",
        "search_terms",
        "trade_effects",
        "splittable",
        "activates",
        "veto",
        "salience",
        "clout",
        "precision",
        "backs",
        "assumption",
    ):
        assert f"`{field}`" in text


def test_outcomes_format_reference_names_every_field_of_the_schema() -> None:
    from grandbargain.api import outcomes_json_schema

    schema = outcomes_json_schema()
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition["properties"])
    text = (DOCS / "reference" / "outcomes-format.md").read_text()
    missing = sorted(field for field in fields if f"| `{field}` |" not in text)
    assert not missing, missing


def test_docs_have_the_four_kinds_of_page() -> None:
    for kind in ("tutorial", "how-to", "explanation", "reference"):
        pages = list((DOCS / kind).glob("*.md"))
        assert pages, kind
        for page in pages:
            assert len(page.read_text().split()) > 100, page


def test_relative_links_resolve() -> None:
    for page in [*DOCS.rglob("*.md"), ROOT / "README.md"]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page}: {target}"
