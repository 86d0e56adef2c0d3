"""Read a corpus file into plain text: text and Markdown as they are, HTML through trafilatura.

A file that cannot be read, is larger than :data:`MAX_DOCUMENT_BYTES`, is empty, is binary or
is not UTF-8 gives a :class:`Skip` with a reason instead of text, so that one bad file never
stops an ingest. So does an HTML file when the optional package trafilatura is missing: the
reason names the extra that installs it (``grandbargain[html]``), and the other files still go
in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grandbargain.files import read_input
from grandbargain.model.errors import InputError
from grandbargain.optional import require

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Largest corpus file read: 10 MiB. A news page or article is well under 1 MiB even as HTML;
the limit bounds the memory and time one file can take (the issue asks for 10 MB)."""


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


def _utf16(head: bytes) -> bool:
    """Whether ``head`` looks like UTF-16 text: a byte-order mark, or (text in a Latin script)
    a NUL in nearly every other byte and almost none in between."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return False
    nul = sorted((even.count(0) / len(even), odd.count(0) / len(odd)))
    return nul[0] <= 0.1 and nul[1] >= 0.9


def _decode(raw: bytes) -> str | Skip:
    if _utf16(raw[:8192]):
        return Skip("UTF-16 text, not UTF-8: save it as UTF-8")
    if b"\x00" in raw[:8192]:
        return Skip("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skip(f"not UTF-8 text ({exc.reason} at byte {exc.start})")


def _html(raw: bytes, text: str) -> Read | Skip:
    try:
        trafilatura = require("trafilatura", "reading HTML")
    except InputError as error:
        return Skip(error.problems[0].message)
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
        raw = read_input(path, "", MAX_DOCUMENT_BYTES)
    except InputError as error:
        return Skip(error.problems[0].message)
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
