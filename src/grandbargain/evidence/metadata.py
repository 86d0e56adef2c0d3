"""Document metadata: given in a ``sources.yaml`` beside the files, else inferred from the text.

``sources.yaml`` has the format of the shared corpus: a ``sources`` list whose entries carry
``file`` (the file name they describe), ``id``, ``title``, ``publisher``, ``published`` (or
``date``), ``precision`` (or ``date_precision``), ``date_estimated`` (true: the date was
inferred, so a ``day`` precision counts as ``approximate``), ``url``, ``kind``, ``language``,
``notes`` (or ``note``) and ``covers``, as both shared corpora write them, and ``keep`` and
``hide``, lists of passage numbers that overrule the off-topic detector
(:mod:`~grandbargain.evidence.overrule`); anything else, or a malformed file, is an error
naming its line and field (:func:`load_sources_yaml`). Whatever
it does not give is inferred: the title is the first line when it is short (at most
:data:`TITLE_WORDS` words), the language is detected by py3langid (Lui and Baldwin's langid.py
model, shipped inside the package's wheel, so nothing is fetched at run time), and the date is
the first full date written in the text, in English, German, French or Spanish month names,
ISO form (also as the start of a time stamp), day.month.year (``18.07.2025``) or
``2025年7月17日``. Inferred fields are listed in
:attr:`Metadata.inferred`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grandbargain.evidence import overrule
from grandbargain.files import read_input
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.yaml_source import YamlDocument, parse_yaml_bytes

TITLE_WORDS = 16
_MONTH_NAMES = (
    ("january", "jan", "januar", "jänner", "janvier", "enero"),
    ("february", "feb", "februar", "février", "fevrier", "febrero"),
    ("march", "mar", "märz", "maerz", "mars", "marzo"),
    ("april", "apr", "avril", "abril"),
    ("may", "mai", "mayo"),
    ("june", "jun", "juni", "juin", "junio"),
    ("july", "jul", "juli", "juillet", "julio"),
    ("august", "aug", "août", "aout", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre"),
    ("october", "oct", "oktober", "octobre", "octubre"),
    ("november", "nov", "novembre", "noviembre"),
    ("december", "dec", "dezember", "décembre", "decembre", "diciembre"),
)
"""Month names and abbreviations in English, German, French and Spanish."""
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    # ISO, also as the start of a time stamp (2025-07-18T09:30)
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)(?!\d)"),
    # day.month.year, as German pages write it (Stand: 18.07.2025); not inside a version number
    re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<num>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?!\d|\.\d)"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(  # "18. Juli 2025", "1er juillet 2025", "15 de julio de 2025"
        r"\b(?P<day>\d{1,2})(?:er)?\.?\s+(?:de\s+)?"
        + _MONTH
        + r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(r"(?P<year>(?:19|20)\d\d)年(?P<num>\d{1,2})月(?P<day>\d{1,2})日"),
)


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


SOURCE_FIELDS = frozenset(
    {
        "id",
        "file",
        "kind",
        "publisher",
        "title",
        "published",
        "date",
        "precision",
        "url",
        "language",
        "notes",
        "note",
        "covers",
        "date_precision",
        "date_estimated",
        *overrule.FIELDS,
    }
)
"""The fields a ``sources.yaml`` entry may have."""
PRECISIONS = ("day", "month", "approximate")
SOURCES_LIMIT = 1_000_000
"""Largest ``sources.yaml`` read (bytes)."""
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _entry_problems(doc: YamlDocument, k: int, entry: Any, seen: dict[str, int]) -> list[Problem]:
    where = ("sources", k)
    if not isinstance(entry, dict):
        return [doc.problem(where, "expected a mapping with file, id, title, published, ...")]
    problems = []
    for key, value in entry.items():
        if key not in SOURCE_FIELDS:
            known = ", ".join(sorted(SOURCE_FIELDS))
            problems.append(doc.problem((*where, key), f"unknown field; known fields: {known}"))
        elif isinstance(value, dict | list) and key not in overrule.FIELDS:
            problems.append(
                doc.problem((*where, key), "expected a single value, not a list or map")
            )
    file = entry.get("file")
    if isinstance(file, dict | list):
        pass  # reported above
    elif not isinstance(file, str) or not file.strip():
        problems.append(
            doc.problem((*where, "file"), "each entry needs the file name it describes")
        )
    elif file in seen:
        problems.append(
            doc.problem((*where, "file"), f"{file!r} is described twice (entry {seen[file]})")
        )
    else:
        seen[file] = k
    if "published" in entry and "date" in entry:
        problems.append(doc.problem((*where, "date"), "give published or date, not both"))
    for key in ("published", "date"):
        value = entry.get(key)
        if isinstance(value, str) and not _PARTIAL_DATE.match(value.strip()):
            problems.append(
                doc.problem((*where, key), f"{value!r} is not a date; expected YYYY-MM-DD")
            )
    problems += overrule.field_problems(doc, where, entry)
    return problems + _precision_problems(doc, where, entry)


def _precision_problems(doc: YamlDocument, where: tuple[Any, ...], entry: Any) -> list[Problem]:
    problems = []
    if "precision" in entry and "date_precision" in entry:
        problems.append(
            doc.problem((*where, "date_precision"), "give precision or date_precision, not both")
        )
    for key in ("precision", "date_precision"):
        precision = entry.get(key)
        if precision is not None and precision not in PRECISIONS:
            problems.append(doc.problem((*where, key), f"expected one of {', '.join(PRECISIONS)}"))
    estimated = entry.get("date_estimated")
    if estimated is not None and not isinstance(estimated, bool):
        problems.append(doc.problem((*where, "date_estimated"), "expected true or false"))
    return problems


def load_sources_yaml(folder: Path) -> dict[str, dict[str, Any]]:
    """``sources.yaml`` of ``folder`` keyed by file name (empty when there is none).

    Raises :class:`InputError` naming file, line and field for a file that cannot be read, is
    not YAML, or has the wrong shape: not a ``sources`` list of mappings, an entry without
    ``file`` or describing a file twice, an unknown field, a list where a value belongs, a
    malformed date or precision, ``keep`` or ``hide`` not a list of passage numbers or both
    naming one passage.
    """
    return load_sources_file(folder)[0]


def load_sources_file(folder: Path) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """:func:`load_sources_yaml`'s entries, and the line each entry's ``file`` is written on."""
    path = folder / "sources.yaml"
    if not path.is_file():
        return {}, {}
    raw = read_input(path, "sources.yaml", SOURCES_LIMIT)
    if not raw.strip():
        return {}, {}
    doc = parse_yaml_bytes(raw, str(path))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise InputError([doc.problem(("sources",), "expected a top-level 'sources:' list")])
    problems = [
        doc.problem((key,), "unknown top-level field; expected only 'sources'")
        for key in data
        if key != "sources"
    ]
    seen: dict[str, int] = {}
    for k, entry in enumerate(data["sources"]):
        problems += _entry_problems(doc, k, entry, seen)
    if problems:
        raise InputError(problems)
    entries = {str(entry["file"]): entry for entry in data["sources"]}
    lines = {
        str(entry["file"]): doc.place(("sources", k, "file"))[0]
        for k, entry in enumerate(data["sources"])
    }
    return entries, lines


def infer_date(text: str) -> str | None:
    """The first full date written in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    found: list[tuple[int, str]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):  # an impossible date (31.02.) is passed over
            parts = match.groupdict()
            month = int(parts["num"]) if parts.get("num") else _MONTHS[parts["month"].lower()]
            try:
                day = dt.date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
            found.append((match.start(), day.isoformat()))
            break
    return min(found)[1] if found else None


def infer_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, from py3langid (its model ships in its wheel;
    nothing is downloaded), or ``und`` for a text without letters."""
    sample = text[:5000]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    import py3langid

    return str(py3langid.classify(sample)[0])


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
    precision = _text(given.get("precision", given.get("date_precision")))
    if given.get("date_estimated") is True and precision in (None, "day"):
        precision = "approximate"
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
