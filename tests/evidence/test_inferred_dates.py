"""The date inferred from a document's text, on date forms a hand-made page actually carries:
German numeric dates, ISO time stamps, the French "1er", and an impossible date before a real
one. Each expectation is worked out by hand from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from grandbargain.evidence.metadata import infer_date, infer_language
from grandbargain.evidence.store import ingest, list_documents


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Stand: 17.07.2025 14:32 Uhr", "2025-07-17"),
        ("Berlin, 3.6.2025 - Die EU-Kommission", "2025-06-03"),
        ("Veröffentlicht: 2025-07-18T09:30:00+02:00", "2025-07-18"),
        ("Publié le 1er juillet 2025 à 10h", "2025-07-01"),
        ("Erratum vom 31.02.2025, korrigiert am 4.03.2025", "2025-03-04"),
        ("build 2025-13-40, released 2025-06-09", "2025-06-09"),
        ("Feb 30, 2025 was a typo for March 2, 2025", "2025-03-02"),
        ("version v1.2.2025 of the tool", None),
        ("Seite 12.3 von 2025 Seiten", None),
    ],
)
def test_date_forms_found_in_real_pages(text: str, date: str | None) -> None:
    assert infer_date(text) == date


GERMAN = """Peking beschleunigt Genehmigungen für Magnete

Stand: 18.07.2025 09:15 Uhr

Die chinesische Regierung hat nach Angaben aus Industriekreisen die Genehmigungen für die
Ausfuhr von Magneten aus seltenen Erden beschleunigt. Europäische Autohersteller hatten zuvor
vor Produktionsausfällen gewarnt, weil ihnen die Magnete ausgingen.

Die Vereinigten Staaten und China verhandeln seit Wochen über Zölle, Exportkontrollen und den
Zugang zu Hochleistungschips. Ein Treffen der Präsidenten gilt als möglich.
"""


def test_a_german_article_dated_only_in_numbers_gets_language_and_date(tmp_path: Path) -> None:
    page = tmp_path / "magnete.txt"
    page.write_text(GERMAN, encoding="utf-8")
    assert infer_language(GERMAN) == "de"
    db = tmp_path / "c.sqlite"
    ingest(db, page)
    (doc,) = list_documents(db)
    assert (doc.language, doc.date) == ("de", "2025-07-18")
    assert {"language", "date"} <= set(doc.inferred)
