"""Read a corpus file into plain text: text and Markdown as they are, HTML through trafilatura.

A file that cannot be read, is empty, is binary or is not UTF-8 gives a :class:`Skip` with a
reason instead of text, so that one bad file never stops an ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class Read:
    """The text of a file, its raw bytes (for the content hash) and what HTML metadata gave."""

    text: str
    raw: bytes
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Skip:
    """Why a file was not ingested."""

    reason: str


def _decode(raw: bytes) -> str | Skip:
    if b"\x00" in raw[:8192]:
        return Skip("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skip(f"not UTF-8 text ({exc.reason} at byte {exc.start})")


def _html(raw: bytes, text: str) -> Read | Skip:
    try:
        import trafilatura
    except ImportError:
        return Skip("HTML needs the optional package trafilatura (pip install trafilatura)")
    extracted = trafilatura.extract(
        text, include_comments=False, include_tables=False, include_images=False
    )
    if not extracted or not extracted.strip():
        return Skip("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(text)
    title = getattr(meta, "title", None) if meta is not None else None
    date = getattr(meta, "date", None) if meta is not None else None
    return Read(extracted, raw, title=title or None, date=date or None)


def read_document(path: Path) -> Read | Skip:
    """The text of ``path`` or the reason it was skipped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Skip(f"cannot read file: {exc.strerror or exc}")
    if not raw.strip():
        return Skip("empty file")
    text = _decode(raw)
    if isinstance(text, Skip):
        return text
    if not text.strip():
        return Skip("empty file")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html(raw, text)
    return Read(text, raw)
