"""record_data: the JSON form of the engines' frozen records."""

from __future__ import annotations

from dataclasses import dataclass

from grandbargain.evidence.retrieval import Hit
from grandbargain.plain import record_data


@dataclass(frozen=True)
class _Row:
    path: str
    terms: tuple[str, ...]
    at_low: dict[str, float] | None
    nested: tuple[tuple[int, int], ...]


def test_every_field_in_order_with_tuples_as_lists() -> None:
    data = record_data(_Row("a.b", ("x", "y"), {"A": 0.5}, ((1, 2),)))
    assert list(data) == ["path", "terms", "at_low", "nested"]
    assert data == {"path": "a.b", "terms": ["x", "y"], "at_low": {"A": 0.5}, "nested": [(1, 2)]}


def test_a_search_hit_as_the_json_lists_it() -> None:
    hit = Hit(7, "text", None, "Title", "2025-05-12", 1.5, ("tariff",), ("src-b",))
    assert hit.to_dict() == {
        "passage_id": 7,
        "text": "text",
        "source_id": None,
        "title": "Title",
        "date": "2025-05-12",
        "score": 1.5,
        "matched_terms": ["tariff"],
        "also_in": ["src-b"],
        "conflicts": [],
    }
