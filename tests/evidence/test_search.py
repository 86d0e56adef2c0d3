"""Search: BM25 over on-topic passages, duplicate groups collapsed, safe query syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

import grandbargain
from grandbargain.evidence.retrieval import evidence_for_issue, fts_query, issue_query, search
from grandbargain.model.errors import InputError


def test_rare_earth_magnets_come_from_three_source_groups(corpus_db: Path) -> None:
    hits = search(corpus_db, "rare earth magnets", limit=10)
    assert hits
    groups = {frozenset({h.source_id or h.title, *h.also_in}) for h in hits}
    shared_sources = {h.source_id for h in hits if h.source_id}
    assert len(shared_sources) >= 3 and len(groups) >= 3
    for hit in hits:
        assert "Zeekr" not in hit.text and "RECOMMENDED" not in hit.text
        assert hit.matched_terms and hit.score > 0
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_off_topic_passages_are_never_returned(corpus_db: Path) -> None:
    for query, needle in [
        ("Zeekr Neta insurance", "Zeekr"),
        ("espionage cyber Singapore", "espionage"),
        ("paper cutting crafts", "paper cutting"),
        ("Visual China", "Visual China"),
        ("Sign Up inbox", "Sign Up"),
        ("Rovers Athletic winner", "Rovers"),
    ]:
        assert all(needle not in hit.text for hit in search(corpus_db, query, limit=50))


def test_duplicates_collapse_into_one_hit_naming_the_other_source(corpus_db: Path) -> None:
    hits = search(corpus_db, "addicted American technology Lutnick", limit=10)
    lutnick = [h for h in hits if "addicted" in h.text and "best stuff" in h.text]
    assert len(lutnick) == 1
    [hit] = lutnick
    pair = {hit.source_id, *hit.also_in}
    assert pair == {"bloomberg-2025-07-17", "business-times-2025-07"}
    assert hit.to_dict()["also_in"]


def test_evidence_for_issue_uses_the_issue_vocabulary(corpus_db: Path) -> None:
    scenario = grandbargain.load_scenario("us-china-2025")
    words = issue_query(scenario, "h20-exports")
    assert "Nvidia" in words
    hits = evidence_for_issue(corpus_db, scenario, "h20-exports", limit=5)
    assert hits and any("H20" in h.text for h in hits)
    with pytest.raises(InputError, match="no issue"):
        evidence_for_issue(corpus_db, scenario, "no-such-issue")


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR", "NEAR(", ")", "chips AND", '"', "*", "a OR", "^rare"]
)
def test_fts_syntax_in_user_queries_is_safe(corpus_db: Path, query: str) -> None:
    try:
        hits = search(corpus_db, query)
    except InputError as error:
        assert error.problems
    else:
        assert isinstance(hits, list)


def test_raw_fts_syntax_errors_become_input_errors(corpus_db: Path) -> None:
    with pytest.raises(InputError, match="invalid search query"):
        search(corpus_db, '"unbalanced', raw=True)
    assert search(corpus_db, '"rare earth" AND magnets', raw=True)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" NEAR rare-earth') == '"hi" OR "near" OR "rare" OR "earth"'
    with pytest.raises(InputError):
        fts_query("the and of")
    with pytest.raises(InputError):
        search(":memory:", "chips", limit=0)
