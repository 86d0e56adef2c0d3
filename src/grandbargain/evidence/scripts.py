"""Scripts written without spaces between words: Chinese, Japanese and Korean, and Thai, Lao,
Khmer, Myanmar and Tibetan.

A passage's size in words (:func:`size`) is its whitespace-separated tokens outside such runs
plus one word per :data:`CJK_CHARS_PER_WORD` (2) characters of Chinese, Japanese (kana
included) or Korean script and one per :data:`SPACELESS_CHARS_PER_WORD` (4) characters of the
Southeast Asian scripts and Tibetan. Thai and Lao separate phrases with a space, not words: a
Thai sentence of 120 characters is about 40 words, not the handful that ``str.split`` sees.
Their vowel and tone marks are combining characters that ``\\w`` does not match, so their
content terms (:func:`spaceless_terms`) are the character trigrams of each run (marks
included), as a Chinese run gives its bigrams. Khmer ("។"), Myanmar ("။") and Tibetan ("།")
have a full stop (:data:`SPACELESS_STOPS`); Thai and Lao have none, so a long Thai line is a
sentence (:func:`~grandbargain.evidence.shape.is_fragment`).

The Indic abugidas (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
Malayalam, Sinhala) do put spaces between words, but a word's vowel signs, virama and
nasal marks are combining characters that ``\\w`` does not match, and a conjunct may hold a
zero-width joiner: ``[^\\W_]+`` cuts "যুক্তরাষ্ট্র" (the United States, in Bengali) into
eight pieces of one or two letters, so no body line shares a term with another. A word
(:data:`WORD`) takes in :data:`INDIC_MARKS` too. Devanagari, Bengali and Gurmukhi end a
sentence with a danda (:data:`INDIC_STOPS`).

Every script's sentence end (:data:`SENTENCE_STOPS`: full-width CJK, Armenian, Ethiopic, Urdu
and Arabic, the dandas, Khmer, Myanmar and Tibetan) ends a sentence wherever the detector asks
whether a line is a sentence (:func:`~grandbargain.evidence.shape.ends_sentence`): an Urdu
article's lines end with "۔", not ".", and were read as short fragments.
"""

from __future__ import annotations

import re

CJK_CHARS_PER_WORD = 2
SPACELESS_CHARS_PER_WORD = 4
"""Characters of Thai, Lao, Khmer, Myanmar or Tibetan script per word (a Thai word has about
four characters, its vowel and tone marks included: "ต่างประเทศ", abroad, has ten)."""

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_RUN = re.compile(f"[{_CJK_RANGES}]+")
_SPACELESS_RANGES = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\uaa60-\uaa7f"
)
SPACELESS_RUN = re.compile(f"[{_SPACELESS_RANGES}]+")
"""A run of Thai, Lao, Tibetan, Myanmar or Khmer script."""
SPACELESS_STOPS = "។။།"
"""The full stops of Khmer, Myanmar and Tibetan."""
TERM_CHARS = 3
INDIC_MARKS = "\u0900-\u0963\u0966-\u0dff\u200c\u200d"
"""The blocks of the Indic abugidas from Devanagari (U+0900) to Sinhala (U+0DFF) without the
dandas, and the zero-width non-joiner and joiner: letters, digits, vowel signs, virama and
other marks, all parts of a word."""
WORD = f"(?:[^\\W_]|[{INDIC_MARKS}])"
"""One character of a word in any script: a letter or digit, or a mark of an Indic word."""
INDIC_STOPS = "।॥"
"""The danda and double danda: the full stops of Devanagari, Bengali and Gurmukhi (Sinhala,
Tamil, Telugu, Kannada and Malayalam text uses ".")."""
FULL_STOPS = f"。！։።۔{SPACELESS_STOPS}{INDIC_STOPS}"
"""Every script's full stop and exclamation mark other than Latin "." and "!": full-width
CJK "。！", Armenian "։", Ethiopic "።", Urdu "۔", Khmer, Myanmar and Tibetan
(:data:`SPACELESS_STOPS`) and the dandas (:data:`INDIC_STOPS`)."""
QUESTION_MARKS = "？؟፧"
"""Question marks other than Latin "?": full-width CJK, Arabic (Arabic, Persian and Urdu)
and Ethiopic."""
SENTENCE_STOPS = FULL_STOPS + QUESTION_MARKS
"""Every sentence end other than Latin ".!?" (a line ending with one is a sentence)."""


def cjk_chars(text: str) -> int:
    """How many characters of ``text`` are Chinese, Japanese or Korean script."""
    return sum(len(run) for run in CJK_RUN.findall(text))


def spaceless_chars(text: str) -> int:
    """How many characters of ``text`` are Thai, Lao, Khmer, Myanmar or Tibetan script."""
    if text.isascii():
        return 0
    return sum(len(run) for run in SPACELESS_RUN.findall(text))


def unspaced_share(text: str) -> float:
    """The share of ``text``'s characters in a script without spaces between words."""
    return (cjk_chars(text) + spaceless_chars(text)) / len(text) if text else 0.0


def size(text: str) -> int:
    """Words of ``text``: whitespace tokens outside CJK and Southeast Asian runs, plus CJK
    characters / 2 and Thai, Lao, Khmer, Myanmar or Tibetan characters / 4."""
    if text.isascii():
        return len(text.split())
    cjk = cjk_chars(text)
    other = spaceless_chars(text)
    if not cjk and not other:
        return len(text.split())
    rest = SPACELESS_RUN.sub(" ", CJK_RUN.sub(" ", text)) if other else CJK_RUN.sub(" ", text)
    words = -(-cjk // CJK_CHARS_PER_WORD) + -(-other // SPACELESS_CHARS_PER_WORD)
    return len(rest.split()) + words


def spaceless_terms(text: str) -> list[str]:
    """The character trigrams of each Thai, Lao, Khmer, Myanmar or Tibetan run of ``text``
    (a run shorter than three characters is one term)."""
    out: list[str] = []
    for run in SPACELESS_RUN.findall(text):
        if len(run) <= TERM_CHARS:
            out.append(run)
            continue
        out += [run[k : k + TERM_CHARS] for k in range(len(run) - TERM_CHARS + 1)]
    return out


_SEPARATOR = re.compile(r"\s[|/·•›>]\s")
"""A separator between a menu's items or a caption's credit."""


def unstopped(text: str) -> bool:
    """Whether ``text`` is mostly in a script without a full stop (Thai, Lao) and not cut into
    items by separators: such a line of :data:`~.shape.FRAGMENT_WORDS` words or more is a
    sentence."""
    if 2 * spaceless_chars(text) <= len(text) or _SEPARATOR.search(text):
        return False
    return not any(mark in text for mark in SPACELESS_STOPS)
