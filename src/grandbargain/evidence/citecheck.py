"""Check a scenario's citations against the texts of its sources.

Every evidence quote - on any entity, and on every expectation - must appear verbatim within one
passage of the source it cites that is not flagged off-topic (an appended story, a "recommended
for you" list), after :func:`~grandbargain.evidence.quotes.normalise_text` on both sides
(whitespace, quotation-mark, dash and ellipsis style are not differences); a quote stitched
across two paragraphs is a problem too. Off-topic flags come from the database, or, with a
corpus folder, from the detector run as ``corpus add`` runs it, with the scenario's vocabulary,
and overruled by the ``keep`` and ``hide`` lists of the ``sources.yaml`` beside the file. A
source's text is read from ``corpus_dir / source.file`` when a corpus folder is given, else from
the corpus database (the document whose ``source_id`` is the source's id). Every number with
neither evidence nor an assumption (see :func:`grandbargain.model.provenance.scenario_numbers`)
is a problem, and so is a cited source that is not declared or whose text cannot be found.

With ``as_of``, the no-hindsight rule of :mod:`grandbargain.evidence.hindsight`: a thing in force
on that date whose evidence is only citations of later sources is a problem; any other citation
of a later source is a warning (listed, not failing), except on events dated after the date and
expectations published after it, which are the later record and only counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grandbargain.evidence.citepaths import citations
from grandbargain.evidence.discovery import Sources
from grandbargain.evidence.hindsight import Hindsight, describe_date, hindsight
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.overrule import apply_overrule, is_offtopic, overrule_of
from grandbargain.evidence.passages import Passage, split_passages
from grandbargain.evidence.quotes import Located, Placement, SourcePassage, locate_quote
from grandbargain.evidence.reading import Read, read_document
from grandbargain.evidence.shape import scenario_vocabulary
from grandbargain.evidence.store import DbArg, empty_corpus_note, open_db
from grandbargain.model.provenance import scenario_numbers
from grandbargain.model.schema import Scenario, Source

__all__ = ["CiteProblem", "CiteReport", "CiteWarning", "citations", "cite_check"]


@dataclass(frozen=True)
class CiteProblem:
    """One failed check: the entity path and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CiteWarning:
    """A citation of a source dated after the as-of date, set aside while other evidence
    backs what it supports: listed, but not a failure."""

    path: str
    source: str
    date: dt.date
    precision: str
    message: str

    def __str__(self) -> str:
        return f"warning: {self.path}: {self.message}"


@dataclass(frozen=True)
class CiteReport:
    """The outcome of :func:`cite_check`."""

    quotes_checked: int
    numbers_checked: int
    problems: tuple[CiteProblem, ...]
    note: str | None = None
    """Set when the texts were to come from a corpus database that is missing or empty."""
    warnings: tuple[CiteWarning, ...] = ()
    as_of: dt.date | None = None
    in_force_checked: int | None = None
    """With ``as_of``: how many things in force on that date carry evidence (each checked)."""
    later_record: int | None = None
    """With ``as_of``: citations on events dated after it and expectations published after it."""

    @property
    def ok(self) -> bool:
        """Whether every check passed (warnings do not count)."""
        return not self.problems

    def lines(self) -> list[str]:
        """One line per problem (``path: message``), then one per warning (``warning: ...``)."""
        return [str(problem) for problem in self.problems] + [str(w) for w in self.warnings]

    def summary(self) -> str:
        """The counts in one line; with ``as_of``, also warnings and what the date left out."""
        line = (
            f"{self.quotes_checked} quotes and {self.numbers_checked} numbers checked; "
            f"{len(self.problems)} problem(s)"
        )
        if self.as_of is None:
            return line
        return (
            f"{line}, {len(self.warnings)} warning(s); as of {self.as_of}: "
            f"{self.in_force_checked} things in force checked; {self.later_record} later "
            "citation(s) on events and expectations after it, not in force"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts, problems and warnings."""
        return {
            "ok": self.ok,
            "quotes_checked": self.quotes_checked,
            "numbers_checked": self.numbers_checked,
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
            "warnings": [
                {
                    "path": w.path,
                    "source": w.source,
                    "date": w.date.isoformat(),
                    "precision": w.precision,
                    "message": w.message,
                }
                for w in self.warnings
            ],
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "in_force_checked": self.in_force_checked,
            "later_record_citations": self.later_record,
            "note": self.note,
        }


class _Texts:
    """Each source's passages with their off-topic flags: from ``corpus_dir / source.file``
    (split and flagged as ``corpus add`` would, with the scenario's vocabulary), else from the
    corpus database (the flags stored at ingest)."""

    def __init__(self, corpus_dir: Path | None, db: DbArg | None, vocab: frozenset[str]) -> None:
        self.corpus_dir = corpus_dir
        self.db = db
        self.vocab = vocab
        self.cache: dict[str, list[SourcePassage] | None] = {}
        self.sources = Sources()

    def passages(self, source: Source) -> list[SourcePassage] | None:
        if source.id not in self.cache:
            self.cache[source.id] = self._load(source)
        return self.cache[source.id]

    def _load(self, source: Source) -> list[SourcePassage] | None:
        if self.corpus_dir is not None and source.file:
            read = read_document(self.corpus_dir / source.file)
            if isinstance(read, Read):
                split = split_passages(read.text)
                reasons = offtopic_reasons([p.text for p in split], self.vocab)
                given = self.sources.entry(self.corpus_dir / source.file)
                return _paired(split, apply_overrule(reasons, overrule_of(given)))
        if self.db is not None:
            return self._stored(source)
        return None

    def _stored(self, source: Source) -> list[SourcePassage] | None:
        conn, owned = open_db(self.db, create=False)
        try:
            row = conn.execute(
                "SELECT id, text FROM documents WHERE source_id = ? ORDER BY id DESC LIMIT 1",
                (source.id,),
            ).fetchone()
            if row is None:
                return None
            reasons = [
                r[0]
                for r in conn.execute(
                    "SELECT CASE WHEN offtopic = 1 THEN offtopic_reason END FROM passages"
                    " WHERE document = ? ORDER BY ordinal",
                    (row[0],),
                )
            ]
        finally:
            if owned:
                conn.close()
        split = split_passages(str(row[1]))
        if len(reasons) != len(split):  # stored by another version's splitter: no flags
            reasons = [None] * len(split)
        return _paired(split, reasons)


def _paired(split: list[Passage], reasons: list[str | None]) -> list[SourcePassage]:
    return [
        SourcePassage(p.paragraph, p.text, r if is_offtopic(r) else None)
        for p, r in zip(split, reasons, strict=True)
    ]


def cite_check(
    scenario: Scenario,
    corpus_dir: str | Path | None = None,
    db: DbArg | None = None,
    as_of: dt.date | None = None,
) -> CiteReport:
    """Check every quote of ``scenario`` against its source text; see the module docstring."""
    note = empty_corpus_note(db) if corpus_dir is None and db is not None else None
    texts = _Texts(
        Path(corpus_dir) if corpus_dir is not None else None,
        None if note else db,
        scenario_vocabulary(scenario),
    )
    checked, problems = _check_quotes(scenario, texts)
    numbers = list(scenario_numbers(scenario))
    for number in numbers:
        if not number.backed:
            problems.append(
                CiteProblem(
                    f"{number.entity}.{number.field}",
                    f"number {number.value:g} has neither evidence nor an assumption",
                )
            )
    if as_of is None:
        return CiteReport(checked, len(numbers), tuple(problems), note)
    found = hindsight(scenario, as_of)
    problems.extend(_unbacked_problems(found))
    return CiteReport(
        checked,
        len(numbers),
        tuple(problems),
        note,
        warnings=_later_warnings(found),
        as_of=as_of,
        in_force_checked=found.in_force_checked,
        later_record=found.later_record,
    )


def _check_quotes(scenario: Scenario, texts: _Texts) -> tuple[int, list[CiteProblem]]:
    """How many quotes were checked, and the problems: undeclared or missing sources, quotes
    not found verbatim."""
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
        passages = texts.passages(source)
        if passages is None:
            if source.id not in missing:
                missing.add(source.id)
                where = f"file {source.file!r}" if source.file else "no file given"
                problems.append(
                    CiteProblem(f"sources.{source.id}", f"text of the source not found ({where})")
                )
            continue
        problem = _placement_problem(locate_quote(item.quote, passages), source.id)
        if problem:
            problems.append(CiteProblem(path, f"{problem}: {item.quote!r}"))
    return checked, problems


def _placement_problem(found: Located, source: str) -> str | None:
    if found.placement is Placement.PASSAGE:
        return None
    if found.placement is Placement.OFFTOPIC:
        return f"quote is in a passage of {source} flagged off-topic ({found.reason})"
    if found.placement is Placement.ACROSS:
        return f"quote is stitched across paragraphs of {source}; cite one passage"
    return f"quote not found verbatim in {source}"


def _unbacked_problems(found: Hindsight) -> list[CiteProblem]:
    return [
        CiteProblem(
            item.path,
            f"in force on {found.as_of} but backed only by sources dated after it: "
            + ", ".join(f"{source.id} dated {describe_date(source)}" for source in item.sources),
        )
        for item in found.unbacked
    ]


def _later_warnings(found: Hindsight) -> tuple[CiteWarning, ...]:
    return tuple(
        CiteWarning(
            later.path,
            later.source.id,
            later.source.date,
            later.source.precision.value,
            f"cites {later.source.id}, dated {describe_date(later.source)}, after the as-of "
            f"date {found.as_of}; set aside as of that date",
        )
        for later in found.later
    )
