"""The shape and words of a passage in any script: sizes, fragments, captions, content terms.

The off-topic detector (:mod:`~grandbargain.evidence.offtopic`) judges passages by their shape
and by the words they share with the rest of their document. Both must work for text without
spaces between words (Chinese, Japanese) and for languages other than English:

- **Size.** A passage's size in words is its whitespace-separated tokens outside CJK runs plus
  one word per :data:`CJK_CHARS_PER_WORD` (2) characters of Chinese, Japanese or Korean script
  (a written Chinese word has about 1.5 to 2 characters), so a Chinese sentence of 60
  characters counts as 30 words, not as the single "word" that ``str.split`` sees.
- **Sentence ends** include the full-width ``。！？`` and the closing brackets and quotation
  marks of CJK text.
- **Content terms.** Latin-script words are lower-cased; ASCII words go through the light
  English stemming and stop words of :func:`grandbargain.evidence.vectors.terms`, other words
  lose the stop words of :data:`OTHER_STOP_WORDS` (German, French, Spanish, Italian, Dutch,
  Portuguese function words). A run of CJK or Hangul characters becomes its character bigrams
  (Nie, Gao, Zhang and He, "On the use of words and n-grams for Chinese information
  retrieval", IRAL 2000: bigrams are a robust stand-in for segmented words).
"""

from __future__ import annotations

import re

from grandbargain.evidence.vectors import STOP_WORDS, stem
from grandbargain.model.schema import Scenario

FRAGMENT_WORDS = 8
SHORT_WORDS = 20
SHORT_PASSAGE_WORDS = 30
CJK_CHARS_PER_WORD = 2

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_RANGES}]+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_US = re.compile(r"\bU\.S\.(?:A\.)?|\bUS\b|\bUSA\b")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")
_QUOTES = re.compile(r"[\"“”‘’「」『』]|(?:^|\s)'|'(?:\s|$)")
_CREDIT = re.compile(r"[.!?][\"'”’)]*\s+([A-Z][\w'’&.-]*(?:[\s:/,|-]+[A-Z][\w'’&.-]*){0,5})\s*$")

_OTHER_STOP_TEXT = """
    der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war
    wird werden wurde hat haben hatte mit von zu zum zur im in am an auf aus bei für nach über
    um vor als auch sich sie er es ihr ihre sein seine dass wie noch nur mehr so bis seit
    le la les un une des du de et ou mais ne pas est sont était sera avec pour par sur dans au
    aux ce cet cette ces il elle ils elles qui que qu se sa son ses leur leurs plus comme été
    el los las una unos unas del al y o pero no es son fue ser con por para en lo que se su
    sus más como este esta estos estas entre sin sobre
    il lo gli una uno di da che non è sono con per tra fra nel nella
    het een van en op te dat niet zijn voor met als ook aan bij
    os um uma das dos na no em não são com pelo pela
"""
CJK_STOP_CHARS = frozenset("的了是在和与及等也都将对为于这那其之而就被把从以并或但该此已")
"""Chinese function characters left out as single-character terms."""
OTHER_STOP_WORDS = frozenset(_OTHER_STOP_TEXT.split())
"""Function words of other Latin-script languages, left out of content terms."""


def cjk_chars(text: str) -> int:
    """How many characters of ``text`` are Chinese, Japanese or Korean script."""
    return sum(len(run) for run in _CJK.findall(text))


def size(text: str) -> int:
    """Words of ``text``: whitespace tokens outside CJK runs plus CJK characters / 2."""
    cjk = cjk_chars(text)
    if not cjk:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + -(-cjk // CJK_CHARS_PER_WORD)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (Latin or full-width punctuation)."""
    return _SENTENCE_END.search(text.rstrip()) is not None


def is_fragment(text: str) -> bool:
    """A heading-like line rather than a sentence: fewer than :data:`FRAGMENT_WORDS` words,
    or fewer than :data:`SHORT_WORDS` without a sentence end."""
    n = size(text)
    return n < FRAGMENT_WORDS or (n < SHORT_WORDS and not ends_sentence(text))


def is_caption(text: str) -> bool:
    """A short passage without quotation marks that ends in a credit after its last
    sentence: one to six capitalised words without a full stop ("... Photo: Jane Doe")."""
    if size(text) > SHORT_PASSAGE_WORDS or _QUOTES.search(text):
        return False
    return _CREDIT.search(text) is not None


def _latin(token: str) -> str:
    if token.isascii():
        term = stem(token)
        keep = len(term) > 1 and term not in STOP_WORDS and token not in STOP_WORDS
        return term if keep else ""
    return token if len(token) > 1 and token not in OTHER_STOP_WORDS else ""


def tokens(text: str) -> list[str]:
    """Content terms of ``text`` in any script (see the module docstring)."""
    out: list[str] = []
    for token in _TOKEN.findall(_US.sub(" usa ", text).lower().replace("’", "'")):
        if not _CJK.search(token):
            term = _latin(token)
            if term:
                out.append(term)
            continue
        for run in _CJK.findall(token):
            out += [ch for ch in run if ch not in CJK_STOP_CHARS]
            out += [run[k : k + 2] for k in range(len(run) - 1)]
        out += [t for t in map(_latin, _CJK.sub(" ", token).split()) if t]
    return out


def scenario_vocabulary(scenario: Scenario | None) -> frozenset[str]:
    """Content terms of the scenario's issues: titles, descriptions, options, search terms."""
    if scenario is None:
        return frozenset()
    found: set[str] = set()
    for issue in scenario.issues:
        found.update(tokens(issue.title))
        found.update(tokens(issue.description or ""))
        for term in issue.search_terms:
            found.update(tokens(term))
        for option in issue.options:
            found.update(tokens(option.label))
    return frozenset(found)
