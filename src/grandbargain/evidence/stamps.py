"""Dates, clock times and time stamps in the languages of :mod:`~grandbargain.evidence.shape`.

A *time stamp* is a short line that is a full date or a clock time and little else ("Updated
3:12 p.m. ET, March 25, 2025", "07.41 BST", "2025年7月18日"): publishing furniture, not the
article's words. Clock times are written with a colon, an "h" (French), or a dot followed by
a time zone in capitals or "a.m."/"p.m." ("07.41 BST"; "3.60 per cent" is no time). A
bracketed time code alone on a line (:func:`is_time_code`) is a transcript's position in
its recording: a time stamp that heads no post or section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grandbargain.evidence.scripts import CJK_RUN, SPACELESS_RUN, size
from grandbargain.evidence.shape import LATIN_WORD, OTHER_STOP_WORDS, is_fragment
from grandbargain.evidence.vectors import STOP_WORDS

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz mai juni juli oktober dezember "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "januari februari maart mei augustus "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro"
)
MONTH_PATTERN = "(?:" + "|".join(sorted(set(_MONTHS.split()), key=len, reverse=True)) + r")\.?"
"""A month's name or abbreviation in English or the languages of the stop-word lists."""
WEEKDAYS = {
    "en": "monday tuesday wednesday thursday friday saturday sunday",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
}
"""The days of the week by language (ISO 639-1 code -> names)."""


def weekday_names(*languages: str) -> str:
    """A regex alternation of the weekday names of ``languages`` (all when none is given)."""
    chosen = languages or tuple(WEEKDAYS)
    return "|".join(name for code in chosen for name in WEEKDAYS[code].split())


_DATE = re.compile(
    rf"\b\d{{1,2}}(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?{MONTH_PATTERN}(?:,?\s+(?:de\s+)?\d{{4}})?"
    rf"|\b{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\d{2,4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}\b(?:\s*[ap]\.?m\.?)?|\b\d{1,2}h\d{2}\b|\b\d{1,2}\s*[ap]\.m\."
    r"|\b\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?|(?-i:[A-Z]{2,4})\b|(?-i:Uhr)\b)",
    re.IGNORECASE,
)
_ZONE = re.compile(r"\b(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\b")
"""A time zone as an offset ("GMT+7", "UTC-05:00"): part of a clock time, not a word."""
STAMP_OTHER_WORDS = 2
"""Content words a time stamp may hold besides its date and time ("Updated", "Published", a
time zone)."""
_YEAR = re.compile(r"\d{4}|\d[./]\d{1,2}[./]\d")
_DIGIT = re.compile(r"\d")
ALL_STOP_WORDS = STOP_WORDS | OTHER_STOP_WORDS
"""Function words of English and of every language of the stop-word lists."""


def strip_dates(text: str) -> str:
    """``text`` without its dates and clock times."""
    return _TIME.sub(" ", _DATE.sub(" ", text))


def has_clock_time(text: str) -> bool:
    """Whether ``text`` holds a clock time."""
    return _TIME.search(text) is not None


def is_time_stamp(text: str) -> bool:
    """A fragment that is a full date (day, month and year) or a clock time, with at most
    :data:`STAMP_OTHER_WORDS` other content words ("Updated 3:12 p.m. ET, March 25, 2025",
    "Veröffentlicht am 18. Juli 2025, 14:30 Uhr", "2025年7月18日"; month names of English and
    the languages of :data:`STOP_WORDS_BY_LANGUAGE`). A date followed by a colon opens an
    entry of a timeline ("12 May 2025: talks resume"), not a stamp. Segments between
    separators beside such a stamp may be counters: a figure and at most :data:`COUNT_WORDS`
    words in all ("| 3,215 views")."""
    if _DIGIT.search(text) is None or not is_fragment(text):
        return False  # every date and time pattern holds a digit
    parts = (
        [part for part in _STAMP_SEPARATOR.split(text) if part.strip()] if _BARS & set(text) else []
    )
    if len(parts) > 1 and all(_DIGIT.search(part) for part in parts):
        counts = [part for part in parts if not _stamp(part)]
        if len(counts) < len(parts) and all(size(part) <= COUNT_WORDS for part in counts):
            return True  # "30 Oct 2025 17:05 | 3,215 views": a stamp and its counters
    return _stamp(text)


_STAMP_SEPARATOR = re.compile(r"\s[|·•]\s")
_BARS = frozenset("|·•")
COUNT_WORDS = 4
"""Words of a counter beside a time stamp, its figure included ("3,215 views", "12
comments", Thai "อ่าน 3,215 ครั้ง")."""


def _stamp(text: str) -> bool:
    found = [*_DATE.finditer(text), *_TIME.finditer(text)]
    dated = any(_YEAR.search(m.group(0)) for m in found) or _TIME.search(text)
    if not dated or text[max(m.end() for m in found) :].lstrip().startswith(":"):
        return False
    undated = strip_dates(text)
    rest = SPACELESS_RUN.sub(" ", CJK_RUN.sub(" ", _ZONE.sub(" ", undated)))
    words = [w for w in LATIN_WORD.findall(rest) if w.lower() not in ALL_STOP_WORDS]
    unspaced = size(undated) - len(rest.split()) if rest != undated else 0
    return len(words) + unspaced <= STAMP_OTHER_WORDS


_TIME_CODE = re.compile(r"^\s*[\[(]\d{1,2}(?::\d{2}){1,2}[\])]\s*$")
_CUE = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{1,3}\b"
)


def is_cue_timing(text: str) -> bool:
    """A subtitle cue's timing ("00:01:02,500 --> 00:01:05,000", SRT and WebVTT): the
    lines right below it are the recording's words (fourteenth round)."""
    return _CUE.match(text) is not None


def is_time_code(text: str) -> bool:
    """A time code alone on a line, in brackets ("[03:22]", "(1:02:40)"), or a subtitle cue's
    timing (:func:`is_cue_timing`): a transcript's position in its recording, not the clock
    time heading a live blog's post or a timeline's section (thirteenth round)."""
    return _TIME_CODE.match(text) is not None or is_cue_timing(text)


_YEAR_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_DATED_ENTRY = re.compile(
    rf"^\s*(?:\d{{1,2}}(?:[-–]\d{{1,2}})?\s+{MONTH_PATTERN}|{MONTH_PATTERN}\s+\d{{1,2}})\s*[:：,]",
    re.IGNORECASE,
)
YEAR_HEADINGS = 2
"""Lines holding a year alone above a dated entry a page needs to be a chronology."""


def year_headings(texts: Sequence[str]) -> set[int]:
    """Lines holding a year alone above an entry opening with a day and a month, when there
    are :data:`YEAR_HEADINGS` or more: a chronology's own headings."""
    found = {
        i
        for i in range(len(texts) - 1)
        if _YEAR_LINE.match(texts[i]) and _DATED_ENTRY.match(texts[i + 1])
    }
    return found if len(found) >= YEAR_HEADINGS else set()


_WEEKDAY = (
    f"(?:{weekday_names('en', 'de', 'fr', 'es')}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"\.?"
)
_DAY_HEADING = re.compile(
    rf"^\s*{_WEEKDAY},?\s+(?:\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?{MONTH_PATTERN}"
    rf"|{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?)\s*$",
    re.IGNORECASE,
)


def is_day_heading(text: str) -> bool:
    """A weekday and a date without a year alone on a line ("Sunday 8 June", "Tuesday, June
    10"): a diary's or a timeline's heading for the day, never a publishing stamp (which
    carries the year or a clock time) (eighteenth round)."""
    return _DAY_HEADING.match(text) is not None
