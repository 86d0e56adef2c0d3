"""Notices of document types around an article (tenth round of the off-topic detector).

Each function recognises one function of a line of a kind of document that earlier sets did
not hold, by what the line does, in the languages the detector reads where the form has
variants:

- :func:`release_line`: a press release's distribution line ("NEWS PROVIDED BY Name") and
  its safe-harbour paragraph (forward-looking statements, risks and uncertainties), read as
  end matter at any length; :func:`about_section`: the paragraph under "About Name".
- :func:`record_notice`: a hearing record's proof notice ("Proof copy - subject to
  correction", "not to be quoted").
- :func:`reference_line`: an encyclopaedia's skip links ("Jump to navigation"), a numbered
  reference opening with a quoted title or an author and a quoted title, a footnote citing a
  source after a superscript numeral, and a licence line ("Text is available under ... licence").
- :func:`ai_summary`: a note that a summary was written by a machine ("AI summary. May
  contain errors", "Résumé généré par IA", "KI-Zusammenfassung").
- :func:`offer_line`: an advertisement's offer to the reader without a label ("Get 3
  months free", "Jetzt ... sichern", "sprawdź ofertę", "à partir de ... par mois"; a price
  and "Cancel anytime", a short question and an imperative: "Need customs bonds fast? Apply
  online ...", thirteenth round).
"""

from __future__ import annotations

import re

from grandbargain.evidence.notice_lines import by_line_form

_RELEASE = re.compile(r"^\s*News\s+provided\s+by\b", re.IGNORECASE)
_SAFE_HARBOUR = re.compile(
    r"forward[- ]looking\s+statements?\b.{0,300}\b(?:risks?|uncertaint\w+|Securities\s+"
    r"Litigation\s+Reform\s+Act|actual\s+results)",
    re.IGNORECASE | re.DOTALL,
)
_PROOF = re.compile(
    r"^\s*(?:Proof\s+copy|Uncorrected\s+(?:transcript|evidence|proof))\b"
    r"|\bnot\s+to\s+be\s+quoted\s+as\s+the\s+final\s+record\b",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"^\s*(?:(?:Jump|Skip)\s+to\s+(?:main\s+)?(?:navigation|search|content|main)\s*)+$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"^\s*\d{1,3}\.\s+(?:[^\W\d_][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}\s*)?[\"“«][^\"”»]{3,120}[\"”»],"
)
_AUTHOR_YEAR = re.compile(
    r"^\s*[^\W\d_][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}\s*\((?:19|20)\d\d[a-z]?\)\.?\s*[\"“'‘]"
)
"""A reference in author-year form: surname, initials, the year in brackets and a quoted
title ("Lindqvist, M. (2021) 'Ports and quotas', ..."): a citation box's entry."""
_FOOTNOTE = re.compile(
    r"^\s*[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*[^\W\d_][^,;]{1,80},[^;]{1,120},[^;]{0,120}\b(?:19|20)\d\d\b"
)
"""A footnote citing its source: a superscript numeral, then a source, a title and a date
between commas ("¹ US Department of the Treasury, final rule, 28 October 2024"); a footnote
that says something ("² Transactions ... are prohibited; ...") is the article's."""
_LICENCE = re.compile(
    r"^\s*(?:Text|Content)\s+is\s+available\s+under\s+(?:the\s+|a\s+)?.{0,60}\blicen[cs]e\b",
    re.IGNORECASE,
)
_AI_SUMMARY = re.compile(
    r"^\s*(?:AI[- ](?:generated\s+)?summary|Summary\s+generated\s+by\s+AI|Résumé\s+généré\s+"
    r"par\s+(?:l'|l’)?IA|KI-Zusammenfassung|Resumen\s+generado\s+por\s+IA|Riassunto\s+"
    r"generato\s+(?:dall'|dall’)?IA|AI\s*(?:요약|要約|摘要))\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:get|try)\s+\d{1,2}\s+(?:months?|weeks?|days?)\s+(?:free|for\s+free)\b"
    r"|\bget\s+\d{1,2}\s*%\s+off\b"
    r"|^\s*Jetzt\b.{0,80}\bsichern\b|\bsprawdź\s+ofert[ęy]\b|\bcheck\s+(?:our|the)\s+offer\b"
    r"|\bprofitez\s+de\s+l[’']offre\b|\baproveche\s+la\s+oferta\b"
    r"|\b(?:get|try)\s+\d{1,2}\s+(?:months?|weeks?)\s+.{0,40}?\bfor\s+(?:just\s+|only\s+)?"
    r"[$€£]\s?\d[^.!?]{0,40}[.!]\s+Cancel\s+any\s?time\b"
    r"|^[^.!?]{3,40}\?\s+(?-i:Apply|Call|Order|Book|Shop|Contact|Click|Sign\s+up)\s+"
    r"(?:online|now|today|here)\b"
    r"|\b0(?:[.,]\d+)?\s?%\s+APR\s+for\s+\d|^\s*Test[\s-]drive\b"
    r"|^[^.!?]{3,60}\?\s+(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,3})\s+(?!(?:says|tells|warns|thinks)\b)\w+s\s+your\b",
    re.IGNORECASE,
)


_ABOUT_HEADING = re.compile(
    r"^(?:About|Über|À\s+propos\s+de|Acerca\s+de|Sobre|Informazioni\s+su|Over|O\s+firmie)\s+"
    r"((?:[^\W\d_][\w&'’.-]*\s*){1,6})$"
)


def about_section(heading: str, text: str) -> bool:
    """Whether ``text``, under the line ``heading``, is a release's paragraph describing the
    issuing organisation: the heading is "About Name" and the paragraph opens with the name's
    first word ("About Northvale Magnetics" / "Northvale Magnetics, Inc. designs ..."); read
    after the article whatever its length, like "About Name: ..." in one line."""
    match = _ABOUT_HEADING.match(heading.strip())
    if match is None or not match.group(1)[:1].isupper():
        return False
    return text.strip().startswith(match.group(1).split()[0])


def release_line(text: str) -> bool:
    """A press release's distribution line or safe-harbour paragraph."""
    return _RELEASE.match(text) is not None or _SAFE_HARBOUR.search(text) is not None


def record_notice(text: str) -> bool:
    """A hearing record's notice that it is an uncorrected proof."""
    return _PROOF.search(text) is not None


def reference_line(text: str) -> bool:
    """Skip links, a numbered or author-year reference, a footnote or a licence line."""
    return any(
        form.match(text) is not None
        for form in (_SKIP, _REFERENCE, _AUTHOR_YEAR, _FOOTNOTE, _LICENCE)
    )


def skip_links(text: str) -> bool:
    """A page's skip links alone ("Skip to main content", "Jump to navigation Jump to
    search"): never the headline either."""
    return _SKIP.match(text) is not None


def ai_summary(text: str) -> bool:
    """A note that a machine wrote the summary."""
    return _AI_SUMMARY.match(text) is not None


def offer_line(text: str) -> bool:
    """An offer to the reader without an advertisement's label (fifteenth round: financing
    terms "0% APR for 60 months", "Test-drive ...", a worry answered by a firm's service for
    "your" ...: "Worried about new tariffs? Brightline Customs files your entries")."""
    return _OFFER.search(text) is not None


def by_document(text: str) -> bool:
    """Whether ``text`` is one of this module's notices."""
    return (
        release_line(text)
        or record_notice(text)
        or reference_line(text)
        or ai_summary(text)
        or offer_line(text)
        or by_line_form(text)
    )
