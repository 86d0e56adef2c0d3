"""Check a scenario's citations against the texts of its sources.

Every evidence quote - on any entity, and on every expectation - must appear verbatim in the
text of the source it cites, after :func:`~grandbargain.evidence.quotes.normalise_text` on both
sides. A source's text is read from ``corpus_dir / source.file`` when a corpus folder is given,
else from the corpus database (the document whose ``source_id`` is the source's id). With
``as_of``, evidence citing a source dated after that day is a problem. Every number with neither
evidence nor an assumption (see :func:`grandbargain.model.provenance.scenario_numbers`) is a
problem, and so is a cited source that is not declared or whose text cannot be found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from grandbargain.evidence.quotes import quote_in_text
from grandbargain.evidence.reading import Read, read_document
from grandbargain.evidence.store import DbArg, empty_corpus_note, open_db
from grandbargain.model.provenance import scenario_numbers
from grandbargain.model.schema import Evidence, Expectation, Scenario, Source


@dataclass(frozen=True)
class CiteProblem:
    """One failed check: the entity path and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CiteReport:
    """The outcome of :func:`cite_check`."""

    quotes_checked: int
    numbers_checked: int
    problems: tuple[CiteProblem, ...]
    note: str | None = None
    """Set when the texts were to come from a corpus database that is missing or empty."""

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.problems

    def lines(self) -> list[str]:
        """One line per problem (``path: message``)."""
        return [str(problem) for problem in self.problems]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts and problems."""
        return {
            "ok": self.ok,
            "quotes_checked": self.quotes_checked,
            "numbers_checked": self.numbers_checked,
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
            "note": self.note,
        }


def _key(item: BaseModel) -> str | None:
    for name in ("id", "name"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return None


def _walk(node: Any, path: str) -> Iterator[tuple[str, Evidence | Expectation]]:
    if isinstance(node, Evidence | Expectation):
        yield path, node
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, tuple):
        for k, item in enumerate(node):
            key = _key(item) if isinstance(item, BaseModel) else None
            yield from _walk(item, f"{path}.{key}" if key else f"{path}[{k}]")
    elif hasattr(node, "items") and not isinstance(node, str | bytes):
        for key, item in node.items():
            yield from _walk(item, f"{path}.{key}")


def citations(scenario: Scenario) -> Iterator[tuple[str, Evidence | Expectation]]:
    """Every evidence item and expectation of ``scenario`` with its entity path."""
    yield from _walk(scenario, "")


class _Texts:
    def __init__(self, corpus_dir: Path | None, db: DbArg | None) -> None:
        self.corpus_dir = corpus_dir
        self.db = db
        self.cache: dict[str, str | None] = {}

    def text(self, source: Source) -> str | None:
        if source.id not in self.cache:
            self.cache[source.id] = self._load(source)
        return self.cache[source.id]

    def _load(self, source: Source) -> str | None:
        if self.corpus_dir is not None and source.file:
            read = read_document(self.corpus_dir / source.file)
            if isinstance(read, Read):
                return read.text
        if self.db is not None:
            conn, owned = open_db(self.db, create=False)
            try:
                row = conn.execute(
                    "SELECT text FROM documents WHERE source_id = ? ORDER BY id DESC LIMIT 1",
                    (source.id,),
                ).fetchone()
            finally:
                if owned:
                    conn.close()
            if row is not None:
                return str(row[0])
        return None


def cite_check(
    scenario: Scenario,
    corpus_dir: str | Path | None = None,
    db: DbArg | None = None,
    as_of: dt.date | None = None,
) -> CiteReport:
    """Check every quote of ``scenario`` against its source text; see the module docstring."""
    note = empty_corpus_note(db) if corpus_dir is None and db is not None else None
    texts = _Texts(Path(corpus_dir) if corpus_dir is not None else None, None if note else db)
    sources = {source.id: source for source in scenario.sources}
    problems: list[CiteProblem] = []
    missing: set[str] = set()
    checked = 0
    for path, item in citations(scenario):
        if item.source is None or item.quote is None:
            continue
        checked += 1
        source = sources.get(item.source)
        if source is None:
            problems.append(CiteProblem(path, f"cites undeclared source {item.source!r}"))
            continue
        if as_of is not None and source.date > as_of:
            problems.append(
                CiteProblem(
                    path, f"cites {source.id}, dated {source.date}, after the as-of date {as_of}"
                )
            )
        text = texts.text(source)
        if text is None:
            if source.id not in missing:
                missing.add(source.id)
                where = f"file {source.file!r}" if source.file else "no file given"
                problems.append(
                    CiteProblem(f"sources.{source.id}", f"text of the source not found ({where})")
                )
            continue
        if not quote_in_text(item.quote, text):
            problems.append(
                CiteProblem(path, f"quote not found verbatim in {source.id}: {item.quote!r}")
            )
    numbers = list(scenario_numbers(scenario))
    for number in numbers:
        if not number.backed:
            problems.append(
                CiteProblem(
                    f"{number.entity}.{number.field}",
                    f"number {number.value:g} has neither evidence nor an assumption",
                )
            )
    return CiteReport(checked, len(numbers), tuple(problems), note)
