"""Evidence: sources, quotes, citations, and the searchable corpus of source texts.

The corpus engine is imported lazily, so importing this package stays cheap:

- :func:`ingest`, :func:`list_documents`, :func:`corpus_listing` (:mod:`.store`),
  :func:`remove_documents` (:mod:`.removal`), :func:`show_document` (:mod:`.show`) - build,
  inspect and prune the corpus, and see one document's off-topic flags;
- :func:`search`, :func:`evidence_for_issue` (:mod:`.retrieval`) - BM25 search of on-topic
  passages; :func:`search_result`, :func:`evidence_result` add a note saying why nothing was
  found; :func:`conflicting_figures` lists near-duplicates whose numbers differ;
- :func:`cite_check` (:mod:`.citecheck`) - every quote verbatim in its source, and with
  ``as_of`` no hindsight (:mod:`.hindsight`);
- :func:`default_db_path` (:mod:`.db`) - where the corpus lives by default.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ingest": "store",
    "list_documents": "store",
    "corpus_listing": "store",
    "CorpusListing": "store",
    "IngestReport": "store",
    "DocumentInfo": "store",
    "remove_documents": "removal",
    "RemoveReport": "removal",
    "show_document": "show",
    "DocumentPassages": "show",
    "PassageFlag": "show",
    "conflicting_figures": "retrieval",
    "FigureConflict": "retrieval",
    "search": "retrieval",
    "evidence_for_issue": "retrieval",
    "search_result": "retrieval",
    "evidence_result": "retrieval",
    "SearchResult": "retrieval",
    "Hit": "retrieval",
    "cite_check": "citecheck",
    "CiteReport": "citecheck",
    "CiteProblem": "citecheck",
    "CiteWarning": "citecheck",
    "default_db_path": "db",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
