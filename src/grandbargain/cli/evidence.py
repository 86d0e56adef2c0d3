"""``corpus``, ``evidence``, ``search`` and ``cite check``: shells over the evidence engine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from grandbargain import api
from grandbargain.api import Problem
from grandbargain.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    fail,
    guarded,
    make_console,
    parse_date,
    print_json,
)

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Corpus database (default: corpus.sqlite in your data folder)."),
]
LimitOpt = Annotated[int, typer.Option(min=1, max=500, help="Most passages to show.")]

corpus_app = typer.Typer(
    help="Build and inspect the corpus of source documents.", no_args_is_help=True
)
cite_app = typer.Typer(help="Check a scenario's citations.", no_args_is_help=True)


def _db(db: Path | None) -> Path:
    if db is not None:
        return db
    from grandbargain.api import default_db_path

    path: Path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@corpus_app.command("add")
def corpus_add(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: text, Markdown, HTML.")],
    db: DbOpt = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Scenario whose vocabulary marks on-topic headings."),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Add documents; the same file twice changes nothing; unreadable files are skipped."""
    from grandbargain.api import ingest

    loaded = guarded(lambda: api.load_scenario(scenario))
    report = guarded(lambda: ingest(_db(db), paths, loaded))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **report.to_dict()})
        return
    for line in report.lines():
        make_console().print(line, markup=False)


@corpus_app.command("list")
def corpus_list(db: DbOpt = None, output: FormatOpt = OutputFormat.TABLE) -> None:
    """The stored documents with passage counts, off-topic passages and near-duplicates."""
    from grandbargain.api import list_documents

    documents = guarded(lambda: list_documents(_db(db)))
    rows = [
        {
            "id": d.id,
            "source_id": d.source_id,
            "title": d.title,
            "publisher": d.publisher,
            "date": d.date,
            "kind": d.kind,
            "language": d.language,
            "path": d.path,
            "passages": d.passages,
            "offtopic": d.offtopic,
            "duplicate_of": list(d.duplicate_of),
            "inferred": list(d.inferred),
        }
        for d in documents
    ]
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, "documents": rows})
        return
    table = Table(title="Corpus")
    for column in ("id", "source", "date", "passages", "off-topic", "near-duplicate of"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["source_id"] or row["title"]),
            str(row["date"] or ""),
            str(row["passages"]),
            str(row["offtopic"]),
            ", ".join(row["duplicate_of"]),
        )
    make_console().print(table)


def _hits_table(title: str, hits: list[Any]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("source", "date", "passage", "also in"):
        table.add_column(column)
    for hit in hits:
        text = Text(hit.text)
        text.highlight_words(sorted(set(hit.matched_terms), key=len, reverse=True), "bold yellow")
        table.add_row(hit.source_id or hit.title, hit.date or "", text, ", ".join(hit.also_in))
    return table


def evidence(
    issue: Annotated[str, typer.Argument(help="Issue id, e.g. rare-earths.")],
    scenario: Annotated[
        str | None, typer.Option("--scenario", help="Scenario (default us-china-2025).")
    ] = None,
    db: DbOpt = None,
    limit: LimitOpt = 10,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Passages bearing on an issue, best first (off-topic material is never returned)."""
    from grandbargain.api import evidence_for_issue

    loaded = guarded(lambda: api.load_scenario(scenario))
    if issue not in [i.id for i in loaded.issues]:
        fail(
            [
                Problem(
                    "ISSUE",
                    0,
                    0,
                    issue,
                    "unknown issue; expected one of: " + ", ".join(i.id for i in loaded.issues),
                )
            ]
        )
    hits = guarded(lambda: evidence_for_issue(_db(db), loaded, issue, limit))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, "issue": issue, "hits": [h.to_dict() for h in hits]})
        return
    make_console().print(_hits_table(f"Evidence for {issue}", hits))


def search(
    query: Annotated[str, typer.Argument(help="Words to search for.")],
    db: DbOpt = None,
    limit: LimitOpt = 10,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Full-text search of the corpus (BM25), one passage per group of near-duplicates."""
    from grandbargain.api import search_corpus as run_search

    hits = guarded(lambda: run_search(_db(db), query, limit))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, "query": query, "hits": [h.to_dict() for h in hits]})
        return
    make_console().print(_hits_table(f"Search: {query}", hits))


@cite_app.command("check")
def cite_check(
    scenario: ScenarioArg = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Folder with the sources' files.")
    ] = None,
    db: DbOpt = None,
    as_of: AsOfOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Every quote verbatim in its source; sources dated after --as-of; unbacked numbers.

    Exit 1 when anything fails (one line per problem), 2 on a malformed scenario.
    """
    from grandbargain.api import cite_check as check

    date = parse_date(as_of, "--as-of")
    loaded = guarded(lambda: api.load_scenario(scenario))
    if corpus is not None and not corpus.is_dir():
        fail([Problem(str(corpus), 0, 0, "--corpus", "no such folder")])
    report = guarded(
        lambda: check(loaded, corpus_dir=corpus, db=None if corpus else _db(db), as_of=date)
    )
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **report.to_dict()})
    else:
        for line in report.lines():
            make_console().print(line, markup=False)
        make_console().print(
            f"{report.quotes_checked} quotes and {report.numbers_checked} numbers checked; "
            f"{len(report.problems)} problem(s)",
            markup=False,
        )
    if not report.ok:
        raise typer.Exit(code=1)
