"""Document metadata: given in a ``sources.yaml`` beside the files, else inferred from the text.

``sources.yaml`` has the format of the shared corpus: a ``sources`` list whose entries carry
``file`` (the file name they describe), ``id``, ``title``, ``publisher``, ``published`` (or
``date``), ``precision``, ``url``, ``kind`` and ``language``. Whatever it does not give is
inferred: the title is the first line when it is short (at most :data:`TITLE_WORDS` words), the
language comes from a simple script and stop-word heuristic, and the date is the first full date
written in the text. Inferred fields are listed in :attr:`Metadata.inferred`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TITLE_WORDS = 16
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
)
_ENGLISH_TEXT = "the and of to in is that for on with as was by it are from"
_ENGLISH = frozenset(_ENGLISH_TEXT.split())


@dataclass(frozen=True)
class Metadata:
    """What is known about one document, and which fields were inferred."""

    title: str
    publisher: str | None = None
    date: str | None = None
    date_precision: str | None = None
    url: str | None = None
    language: str | None = None
    kind: str | None = None
    source_id: str | None = None
    inferred: tuple[str, ...] = field(default_factory=tuple)


def load_sources_yaml(folder: Path) -> dict[str, dict[str, Any]]:
    """``sources.yaml`` of ``folder`` keyed by file name (empty if none or unreadable)."""
    path = folder / "sources.yaml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {
        str(entry["file"]): entry
        for entry in entries
        if isinstance(entry, dict) and entry.get("file")
    }


def infer_date(text: str) -> str | None:
    """The first full date written in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    found: list[tuple[int, str]] = []
    for pattern in _DATES:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["num"]) if parts.get("num") else _MONTHS[parts["month"].lower()]
        try:
            day = dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            continue
        found.append((match.start(), day.isoformat()))
    return min(found)[1] if found else None


def infer_language(text: str) -> str:
    """``zh``/``ja``/``ko`` by script, ``en`` when English stop words are common, else ``und``."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "und"
    cjk = sum(1 for ch in letters if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    hangul = sum(1 for ch in letters if "\uac00" <= ch <= "\ud7af")
    if cjk / len(letters) > 0.3:
        kana = sum(1 for ch in letters if "\u3040" <= ch <= "\u30ff")
        return "ja" if kana > cjk / 5 else "zh"
    if hangul / len(letters) > 0.3:
        return "ko"
    words = re.findall(r"[a-z]+", sample.lower())
    share = sum(1 for word in words if word in _ENGLISH) / max(len(words), 1)
    return "en" if share > 0.08 else "und"


def infer_title(text: str, fallback: str) -> str:
    """The first non-blank line when it is short, without Markdown heading marks."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line.split()) <= TITLE_WORDS else fallback
    return fallback


def _text(value: Any) -> str | None:
    return None if value is None else str(value).strip() or None


def metadata_for(
    path: Path,
    text: str,
    given: dict[str, Any] | None,
    title_hint: str | None = None,
    date_hint: str | None = None,
) -> Metadata:
    """Metadata for ``path``: ``given`` (its sources.yaml entry) first, the rest inferred.

    ``title_hint`` and ``date_hint`` (from HTML metadata, or the first on-topic line) come
    before the text heuristics.
    """
    given = given or {}
    inferred: list[str] = []
    title = _text(given.get("title"))
    if title is None:
        hint = (title_hint or "").strip().lstrip("#").strip()
        title = hint if hint and len(hint.split()) <= TITLE_WORDS else None
        title = title or infer_title(text, path.stem)
        inferred.append("title")
    date = _text(given.get("published", given.get("date")))
    precision = _text(given.get("precision"))
    if date is None:
        date = (date_hint or "")[:10] or infer_date(text)
        if date is not None:
            inferred.append("date")
            precision = precision or "day"
    elif precision is None:
        precision = "day"
    language = _text(given.get("language"))
    if language is None:
        language = infer_language(text)
        inferred.append("language")
    return Metadata(
        title=title,
        publisher=_text(given.get("publisher")),
        date=date,
        date_precision=precision if date else None,
        url=_text(given.get("url")),
        language=language,
        kind=_text(given.get("kind")),
        source_id=_text(given.get("id")),
        inferred=tuple(inferred),
    )
