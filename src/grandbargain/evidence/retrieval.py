"""Search the corpus: BM25 ranking through SQLite FTS5, one hit per near-duplicate group.

User text is never handed to FTS5 as query syntax by default: it is cut into words, each word
is quoted (``"word"``), and the words are joined with ``OR``, so that quotes, ``AND``, ``NEAR``
or a stray parenthesis are searched as words instead of breaking the query. With ``raw=True``
the query is passed to FTS5 as written, and an FTS5 syntax error becomes an
:class:`~grandbargain.model.errors.InputError`. Off-topic passages are never returned. Hits in
the same near-duplicate group collapse into the best-ranked one, which names the other sources
that carry the passage in ``also_in``, and lists in ``conflicts`` the near-duplicates elsewhere
whose figures differ (see :mod:`~grandbargain.evidence.dedup`). Passages come before
headline-like lines (:func:`~grandbargain.evidence.shape.is_fragment`: headlines, headings,
bullet fragments), which BM25 favours for their shortness but which say little; within each
kind the BM25 order is kept.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from grandbargain.evidence.citepaths import citations
from grandbargain.evidence.dedup import figures
from grandbargain.evidence.quotes import normalise_text
from grandbargain.evidence.shape import is_fragment
from grandbargain.evidence.store import DbArg, empty_corpus_note, open_db
from grandbargain.evidence.vectors import STOP_WORDS, stem, words
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.plain import record_data

_TOKEN = re.compile(r"\w+", re.UNICODE)
LIFTED_WORDS = 4
"""Search terms this long that appear in an evidence quote are left out of issue queries."""


@dataclass(frozen=True)
class Conflict:
    """A near-duplicate of a hit in another source whose figures differ from the hit's."""

    source: str
    passage_id: int
    text: str
    figures: tuple[str, ...]
    """The figures of the other passage that the hit does not have."""
    hit_figures: tuple[str, ...]
    """The hit's figures that the other passage does not have."""


@dataclass(frozen=True)
class Hit:
    """One search result: a passage, where it comes from, and how well it matched."""

    passage_id: int
    text: str
    source_id: str | None
    title: str
    date: str | None
    score: float
    matched_terms: tuple[str, ...]
    also_in: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    """Conflicting figures: near-duplicates elsewhere that give other numbers."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return record_data(self) | {"conflicts": [record_data(c) for c in self.conflicts]}


def query_words(text: str) -> list[str]:
    """The distinct search words of ``text``, in order, without stop words."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(text.lower()):
        if (token not in STOP_WORDS and len(token) > 1) or token.isdigit():
            seen.setdefault(token, None)
    return list(seen)


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word of ``text`` quoted, joined with OR."""
    tokens = query_words(text)
    if not tokens:
        raise InputError([Problem("query", 0, 0, "query", "no words to search for")])
    return " OR ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def _matched(passage: str, query: str) -> tuple[str, ...]:
    wanted = {stem(word) for word in query_words(query)}
    found: dict[str, None] = {}
    for word in re.findall(r"[\w'’-]+", passage):
        pieces = words(word) or [word.lower()]
        if any(stem(piece) in wanted for piece in pieces):
            found.setdefault(word, None)
    return tuple(found)


def _label(row: sqlite3.Row) -> str:
    return str(row["source_id"] or row["title"])


def _conflicts(conn: sqlite3.Connection, group: int, text: str) -> tuple[Conflict, ...]:
    """The conflicting-figure partners of every passage of ``group``."""
    rows = conn.execute(
        "SELECT DISTINCT o.id, o.text, d.source_id, d.title FROM passages m"
        " JOIN passage_conflicts c ON c.a = m.id OR c.b = m.id"
        " JOIN passages o ON o.id = (CASE WHEN c.a = m.id THEN c.b ELSE c.a END)"
        " JOIN documents d ON d.id = o.document"
        " WHERE m.duplicate_group = ? AND o.offtopic = 0 ORDER BY o.id",
        (group,),
    ).fetchall()
    mine = figures(text)
    out = []
    for row in rows:
        theirs = figures(str(row["text"]))
        out.append(
            Conflict(
                source=_label(row),
                passage_id=int(row["id"]),
                text=str(row["text"]),
                figures=tuple(sorted(theirs - mine)),
                hit_figures=tuple(sorted(mine - theirs)),
            )
        )
    return tuple(out)


def search(db: DbArg, query: str, limit: int = 10, raw: bool = False) -> list[Hit]:
    """The best ``limit`` on-topic passages for ``query``, one per near-duplicate group."""
    if limit < 1:
        raise InputError([Problem("query", 0, 0, "limit", "limit must be at least 1")])
    match = query if raw else fts_query(query)
    conn, owned = open_db(db, create=False)
    try:
        try:
            rows = conn.execute(
                "SELECT p.id, p.text, p.duplicate_group, d.id AS doc, d.source_id, d.title,"
                " d.date, bm25(passages_fts) AS rank FROM passages_fts"
                " JOIN passages p ON p.id = passages_fts.rowid"
                " JOIN documents d ON d.id = p.document"
                " WHERE passages_fts MATCH ? AND p.offtopic = 0 ORDER BY rank LIMIT ?",
                (match, limit * 10 + 50),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise InputError(
                [Problem("query", 0, 0, "query", f"invalid search query {query!r}: {exc}")]
            ) from exc
        rows.sort(key=lambda row: is_fragment(str(row["text"])))  # stable: BM25 order kept
        hits: list[Hit] = []
        seen: set[int] = set()
        for row in rows:
            group = int(row["duplicate_group"] or row["id"])
            if group in seen:
                continue
            seen.add(group)
            others = conn.execute(
                "SELECT DISTINCT d.source_id, d.title FROM passages p"
                " JOIN documents d ON d.id = p.document"
                " WHERE p.duplicate_group = ? AND p.offtopic = 0 AND d.id != ? ORDER BY d.id",
                (group, row["doc"]),
            ).fetchall()
            hits.append(
                Hit(
                    passage_id=int(row["id"]),
                    text=str(row["text"]),
                    source_id=row["source_id"],
                    title=str(row["title"]),
                    date=row["date"],
                    score=round(-float(row["rank"]), 6),
                    matched_terms=_matched(str(row["text"]), query),
                    also_in=tuple(dict.fromkeys(_label(o) for o in others)),
                    conflicts=_conflicts(conn, group, str(row["text"])),
                )
            )
            if len(hits) == limit:
                break
        return hits
    finally:
        if owned:
            conn.close()


@dataclass(frozen=True)
class SearchResult:
    """Hits for a query, and when there are none, a note saying why."""

    query: str
    hits: tuple[Hit, ...]
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (``schemas/search.schema.json``)."""
        return {"query": self.query, "hits": [h.to_dict() for h in self.hits], "note": self.note}


def _hidden(db: DbArg, match: str) -> int:
    """How many off-topic passages match (they are never returned)."""
    conn, owned = open_db(db, create=False)
    try:
        row = conn.execute(
            "SELECT count(*) FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid"
            " WHERE passages_fts MATCH ? AND p.offtopic = 1",
            (match,),
        ).fetchone()
        return int(row[0])
    finally:
        if owned:
            conn.close()


def search_result(
    db: DbArg, query: str, limit: int = 10, raw: bool = False, what: str | None = None
) -> SearchResult:
    """:func:`search`, with a note when nothing is found: the corpus is missing or empty (and
    how to fill it), or nothing matched ``what`` (default: the query), and how many matching
    passages were set aside as off-topic."""
    match = query if raw else fts_query(query)
    note = empty_corpus_note(db)
    if note is not None:
        return SearchResult(query, (), note)
    hits = tuple(search(db, query, limit, raw))
    if hits:
        return SearchResult(query, hits, None)
    hidden = _hidden(db, match)
    note = f"no on-topic passage matched {what or repr(query)}"
    if hidden:
        note += (
            f"; {hidden} matching passage{'s' if hidden != 1 else ''} set aside as off-topic "
            "(site boilerplate, captions or appended stories) are never shown"
        )
    return SearchResult(query, (), note)


def _quoted(scenario: Scenario) -> str:
    """Every evidence quote of the scenario, normalised and lower-cased, one per line."""
    return "\n".join(
        normalise_text(item.quote).lower() for _, item in citations(scenario) if item.quote
    )


def issue_query(scenario: Scenario, issue_id: str) -> str:
    """Words naming an issue: its title, search terms and option labels. The description is
    left out: it is longer, paraphrases the sources the scenario was built from, and its
    common words crowd the issue's own out of an OR query. So is a search term of
    :data:`LIFTED_WORDS` (4) words or more found in one of the scenario's evidence quotes: a
    phrase lifted from a quote finds the scenario's own citation again, not evidence."""
    try:
        issue = scenario.issue(issue_id)
    except KeyError:
        known = ", ".join(i.id for i in scenario.issues)
        raise InputError(
            [Problem(scenario.id, 0, 0, "issue", f"no issue {issue_id!r}; known: {known}")]
        ) from None
    quoted = _quoted(scenario)
    terms = [
        t
        for t in issue.search_terms
        if len(t.split()) < LIFTED_WORDS or normalise_text(t).lower() not in quoted
    ]
    return " ".join([issue.title, *terms, *(o.label for o in issue.options)])


def evidence_for_issue(db: DbArg, scenario: Scenario, issue_id: str, limit: int = 10) -> list[Hit]:
    """Passages that may back the numbers of one issue (see :func:`issue_query`)."""
    return search(db, issue_query(scenario, issue_id), limit)


def evidence_result(db: DbArg, scenario: Scenario, issue_id: str, limit: int = 10) -> SearchResult:
    """:func:`evidence_for_issue` with a note when nothing is found (see
    :func:`search_result`); the result's query is the issue's words."""
    words = issue_query(scenario, issue_id)
    return search_result(db, words, limit, what=f"the words of issue {issue_id!r}")


@dataclass(frozen=True)
class FigureConflict:
    """A passage bearing on an issue and a near-duplicate elsewhere that gives other figures."""

    issue: str
    hit: Hit
    conflict: Conflict

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "issue": self.issue,
            "hit": self.hit.to_dict(),
            "conflict": record_data(self.conflict),
        }


def conflicting_figures(db: DbArg, scenario: Scenario, limit: int = 10) -> list[FigureConflict]:
    """For every issue, the conflicting figures among its best ``limit`` passages (see
    :func:`evidence_for_issue`); each pair once, under the first issue that finds it. Empty
    when the corpus is missing or empty."""
    if empty_corpus_note(db) is not None:
        return []
    out: list[FigureConflict] = []
    seen: set[frozenset[int]] = set()
    for issue in scenario.issues:
        for hit in evidence_for_issue(db, scenario, issue.id, limit):
            for conflict in hit.conflicts:
                pair = frozenset((hit.passage_id, conflict.passage_id))
                if pair not in seen:
                    seen.add(pair)
                    out.append(FigureConflict(issue.id, hit, conflict))
    return out
