"""``corpus``, ``evidence``, ``search`` and ``cite check``: shells over the evidence engine."""

from __future__ import annotations

from collections.abc import Sequence
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
    loaded_scenario,
    make_console,
    option_problem,
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


def _db(db: Path | None, create: bool = False) -> Path:
    """The checked database path: a folder, a missing folder, or (unless ``create``) a named
    database that does not exist is exit 2; the default one may be missing (a note says so)."""
    return Path(guarded(lambda: api.corpus_path(db, create)))


def _note(note: str | None) -> None:
    if note:
        make_console().print(Text(note), soft_wrap=True)


@corpus_app.command("add")
def corpus_add(
    paths: Annotated[
        list[Path],
        # readable=False: an unreadable path gets the one-line message of the ingest's own check
        typer.Argument(help="Files or folders: text, Markdown, HTML.", readable=False),
    ],
    db: DbOpt = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            metavar="SCENARIO",
            help="Scenario whose vocabulary marks on-topic headings (default us-china-2025).",
        ),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Add documents; the same file twice changes nothing.

    Files inside the folders that cannot be used are skipped with a reason (exit 1); a named
    path that is missing or unreadable, or a malformed sources.yaml, is exit 2.
    """
    loaded = loaded_scenario(scenario)
    path = _db(db, create=True)
    report = guarded(lambda: api.ingest(path, paths, loaded))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **report.to_dict()})
    else:
        for line in report.lines():
            make_console().print(Text(line), soft_wrap=True)
    if report.skipped:
        raise typer.Exit(code=1)


@corpus_app.command("remove")
def corpus_remove(
    items: Annotated[
        list[str],
        typer.Argument(metavar="DOCUMENT...", help="Document ids, source ids, files or folders."),
    ],
    db: DbOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Remove documents (a folder removes every document read from below it) and regroup
    the near-duplicates they were grouped with. An item that names nothing is exit 2."""
    path = _db(db)
    report = guarded(lambda: api.remove_documents(path, items))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **report.to_dict()})
        return
    for line in [f"{len(report.removed)} removed", *report.removed]:
        make_console().print(Text(line), soft_wrap=True)


SHOW_WIDTH = 100
"""Characters of a passage the ``corpus show`` table prints (JSON gives the whole text)."""


def _shortened(text: str) -> str:
    return text if len(text) <= SHOW_WIDTH else text[: SHOW_WIDTH - 1].rstrip() + "…"


@corpus_app.command("show")
def corpus_show(
    item: Annotated[
        str, typer.Argument(metavar="DOCUMENT", help="Document id, source id or file.")
    ],
    db: DbOpt = None,
    offtopic_only: Annotated[
        bool, typer.Option("--offtopic-only", help="Only the passages flagged off-topic.")
    ] = False,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """One document's passages: number, kept or off-topic, the reason, and the user's
    overrule (keep or hide in sources.yaml). A name that is not one document is exit 2."""
    path = _db(db)
    shown = guarded(lambda: api.show_document(path, item, offtopic_only))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **shown.to_dict()})
        return
    title = f"{shown.id}: {shown.source_id or shown.title} ({shown.offtopic} of "
    table = Table(title=Text(title + f"{shown.passages} passages off-topic)"), show_lines=True)
    for column in ("#", "flag", "reason", "sources.yaml", "passage"):
        table.add_column(column)
    for p in shown.shown:
        table.add_row(
            str(p.number),
            "off-topic" if p.offtopic else "kept",
            Text(p.reason or ""),
            p.overruled or "",
            Text(_shortened(p.text)),
        )
    make_console().print(table)


@corpus_app.command("list")
def corpus_list(db: DbOpt = None, output: FormatOpt = OutputFormat.TABLE) -> None:
    """The stored documents with passage counts, off-topic passages and near-duplicates."""
    path = _db(db)
    listing = guarded(lambda: api.corpus_listing(path))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **listing.to_dict()})
        return
    if listing.note:
        _note(listing.note)
        return
    table = Table(title="Corpus")
    for column in (
        "id",
        "source",
        "date",
        "language",
        "passages",
        "off-topic",
        "near-duplicate of",
    ):
        table.add_column(column)
    for d in listing.documents:
        table.add_row(
            str(d.id),
            Text(d.source_id or d.title),
            Text(d.date or ""),
            Text(d.language or ""),
            str(d.passages),
            str(d.offtopic),
            Text(", ".join(d.duplicate_of)),
        )
    make_console().print(table)


def _conflict_text(hit: Any) -> Text:
    """The hit's conflicting figures: each other source's differing numbers and passage."""
    text = Text()
    for c in hit.conflicts:
        text.append(
            f"\nconflicting figures: {c.source} gives {', '.join(c.figures)} "
            f"where this gives {', '.join(c.hit_figures)}: ",
            "bold red",
        )
        text.append(c.text)
    return text


def _hits_table(title: str, hits: Sequence[Any]) -> Table:
    table = Table(title=Text(title), show_lines=True)
    for column in ("source", "date", "passage", "also in"):
        table.add_column(column)
    for hit in hits:
        text = Text(hit.text)
        text.highlight_words(sorted(set(hit.matched_terms), key=len, reverse=True), "bold yellow")
        text.append_text(_conflict_text(hit))
        table.add_row(
            Text(hit.source_id or hit.title),
            Text(hit.date or ""),
            text,
            Text(", ".join(hit.also_in)),
        )
    return table


def _print_hits(title: str, result: api.SearchResult) -> None:
    if result.hits:
        make_console().print(_hits_table(title, result.hits))
    _note(result.note)


def evidence(
    issue: Annotated[str, typer.Argument(help="Issue id, e.g. rare-earths.")],
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", metavar="SCENARIO", help="Scenario (default us-china-2025)."),
    ] = None,
    db: DbOpt = None,
    limit: LimitOpt = 10,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Passages bearing on an issue, best first (off-topic material is never returned)."""
    loaded = loaded_scenario(scenario)
    if issue not in [i.id for i in loaded.issues]:
        known = ", ".join(i.id for i in loaded.issues)
        fail([option_problem("ISSUE", f"unknown issue; expected one of: {known}", issue)])
    path = _db(db)
    result = guarded(lambda: api.evidence_result(path, loaded, issue, limit))
    if output is OutputFormat.JSON:
        hits = [h.to_dict() for h in result.hits]
        print_json({"schema_version": 1, "issue": issue, "hits": hits, "note": result.note})
        return
    _print_hits(f"Evidence for {issue}", result)


def search(
    query: Annotated[str, typer.Argument(help="Words to search for.")],
    db: DbOpt = None,
    limit: LimitOpt = 10,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Full-text search of the corpus (BM25), one passage per group of near-duplicates."""
    path = _db(db)
    result = guarded(lambda: api.search_result(path, query, limit))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **result.to_dict()})
        return
    _print_hits(f"Search: {query}", result)


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
    """Every quote verbatim in its source; unbacked numbers; with --as-of, no hindsight.

    With --as-of DATE, a thing in force on DATE (a number, red line,
    constraint, status quo, or an event dated on or before it) backed
    only by sources dated after DATE is a problem; other citations of
    later sources are warnings. A month-precision source counts from
    the last day of its month. Exit 1 on any problem (one line each,
    warnings after them), 2 on a malformed scenario.
    """
    date = parse_date(as_of, "--as-of")
    loaded = loaded_scenario(scenario)
    if corpus is not None and not corpus.is_dir():
        fail([Problem(str(corpus), 0, 0, "--corpus", "no such folder")])
    path = None if corpus else _db(db)
    report = guarded(lambda: api.cite_check(loaded, corpus_dir=corpus, db=path, as_of=date))
    if output is OutputFormat.JSON:
        print_json({"schema_version": 1, **report.to_dict()})
    else:
        for line in report.lines():
            make_console().print(Text(line), soft_wrap=True)
        make_console().print(Text(report.summary()), soft_wrap=True)
        _note(report.note)
    if not report.ok:
        raise typer.Exit(code=1)
