"""Further notices told by what they do (fourteenth round of the off-topic detector).

Each function recognises one function of a line around an article, by its form, in the
languages where the form has variants; never one site's string:

- :func:`translation_note`: a note that a machine translated the page ("Translated from
  Chinese by an automatic service", "machine-translated").
- :func:`licence_line`: a line saying under which open licence the text is reused
  ("Contains ... information licensed under the Open Parliament Licence", "licensed under
  Creative Commons").
- :func:`chart_line`: a chart's or graphic's description under its label ("Chart: Monthly
  export sales ...", "Grafik: ...").
- :func:`agency_byline`: a reporter's byline in Chinese or Korean ("記者林怡君／綜合報導",
  "김서연 기자") and a byline of a writer "for" a news service with a date ("Jane Roe for
  Harbour Line News Service · Wed 11 Jun 2025").
- :func:`photo_label`: a photo's caption under a bracketed label ("[사진] ...", "【写真】...").
- :func:`updated_line`: "updated" in Malay, Indonesian, Vietnamese, Turkish and Romance
  languages with a date ("Dikemas kini 26 Oktober 2025, 10:02 malam").
- :func:`rights_line`: "all rights reserved" in Persian and Arabic.
- :func:`code_offer`: an offer with a discount code or a percentage off for a short time
  ("Use code BREW20 at checkout", "30% off this week only", "trade in your old one ... and
  get up to $"), a trial for a token price ("Get 3 months of X for 1 dollar") and a
  comparison site's price link ("Check price at X") (seventeenth round).
- :func:`profile_line`: a writer's or speaker's profile ("Jane Roe is senior fellow for trade
  at ...", "Jane Roe covers trade for X from Washington") and an organisation's own
  description ("X is a non-partisan research organisation").
- :func:`review_comment`: a reviewer's margin comment on a shared draft ("Comment (L. Chen):
  ...", "Suggested edit (R. Roe): ...") (seventeenth round).
- :func:`sound_cue`: a caption's bracketed music cue ("[music]") between a programme's
  segments (seventeenth round).
"""

from __future__ import annotations

import re

from grandbargain.evidence.scripts import size

_TRANSLATION = re.compile(
    r"\b(?:automatic(?:ally)?|machine)[\s-]+translat\w*"
    r"|\btranslated\s+(?:from\s+[^.]{1,40}?\s+)?(?:by|with|using)\s+(?:an?\s+)?"
    r"(?:automatic|machine|AI)\b",
    re.IGNORECASE,
)
_OPEN_LICENCE = re.compile(
    r"\blicen[cs]ed\s+under\s+(?:the\s+|a\s+)?(?:Open\s+[\w-]+(?:\s+[\w-]+)?\s+Licen[cs]e|"
    r"Creative\s+Commons|CC[\s-]BY)",
    re.IGNORECASE,
)
_CHART = re.compile(
    r"^\s*(?:Chart|Graphic|Graph|Infographic|Grafik|Graphique|Gráfico|Grafico|图表|圖表)\s*[:：]\s*\S"
)
_CJK_BYLINE = re.compile(
    r"^\s*(?:記者|记者)\s*[^\s／/|｜]{2,4}\s*[／/|｜]|^\s*[가-힣]{2,4}\s*기자\s*$"
)
_SERVICE_BYLINE = re.compile(
    r"^\s*(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’.-]+(?:\s+for|,)\s+(?:the\s+)?"
    r"(?:[A-Z][\w&'’.-]*\s+){0,4}"
    r"(?:News\s+Service|Newswire|Wire|News|Press)\s*[·|•,]\s*[^·|•]*\d"
)
_PHOTO_LABEL = re.compile(
    r"^\s*[\[【]\s*(?:사진|写真|照片|图片|圖片|图|圖|Photo|Foto)\s*(?:[=:][^\]】]*)?[\]】]\s*\S"
)
_UPDATED = re.compile(
    r"^\s*(?:Dikemas\s*kini|Diperbarui|Cập\s+nhật|Güncelleme|Aggiornato|Actualizado|Atualizado|"
    r"Mis\s+à\s+jour)\b[^.!?]*\d",
    re.IGNORECASE,
)
UPDATED_WORDS = 10
"""Words of an "updated" line at most: a stamp, not a sentence about an update."""
_RIGHTS = re.compile(r"(?:کلیه|تمامی)\s+حقوق.{0,80}محفوظ|جميع\s+الحقوق\s+محفوظة")
_CODE_OFFER = re.compile(
    r"\buse\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+|voucher\s+)?code\s+[A-Z0-9]{3,}\b"
    r"|\b\d{1,2}\s*%\s+off\b.{0,40}\b(?:this\s+week|today|this\s+weekend)\s+only\b"
    r"|\btrade\s+in\s+your\s+old\b.{0,60}\bget\s+up\s+to\s+[$€£]"
    r"|^\s*(?:get|try)\s+(?:\d+|one|two|three|six)\s+(?:months?|weeks?)\s+(?:of\s+)?[^.]{1,40}?"
    r"\s+for\s+(?:[$€£]\s?\d|\d+(?:[.,]\d+)?\s*(?:dollars?|euros?|pounds?|cents?)\b|free\b)"
    r"|^\s*(?:check|see|compare)\s+(?:the\s+)?(?:latest\s+)?prices?\s+(?:at|on)\s+\S[^.]{0,30}$",
    re.IGNORECASE,
)
_REVIEW_COMMENT = re.compile(
    r"^\s*(?:Comment|Reply|Suggested\s+edit|Suggestion|Note)\s*[(（][^()（）]{1,40}[)）]\s*[:：]\s*\S"
)
_SOUND_CUE = re.compile(
    r"^\s*[\[(]\s*(?:[\w-]+\s+){0,2}(?:music|jingle|theme\s+tune|♪+)(?:\s+[\w-]+){0,2}\s*[\])]\s*$"
    r"|^\s*♪+\s*$",
    re.IGNORECASE,
)
_NAME = r"^\s*(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+"
_PROFILE = re.compile(
    _NAME + r"(?:is\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:fellow|partner|professor|"
    r"correspondent|columnist|director|economist|researcher|lecturer)\s+(?:\w+\s+){0,3}"
    r"(?:at|of|for|with|in)\b|covers\s+[^.]{1,60}\s+for\s+[A-Z])"
)
_ORGANISATION = re.compile(
    r"^\s*(?:The\s+)?[A-Z][\w&'’.-]*\s+(?:(?:[A-Z][\w&'’.-]*|for|of|and|on|&)\s+){0,8}"
    r"is\s+an?\s+(?:[\w-]+\s+){0,2}"
    r"(?:non-?partisan|non-?profit|not-for-profit|independent)\s+(?:[\w-]+\s+){0,2}"
    r"(?:organi[sz]ation|think[\s-]tank|institute|foundation|centre|center)\b"
)
PROFILE_WORDS = 45
"""Words of a profile at most (two or three sentences)."""


def translation_note(text: str) -> bool:
    """A note that the page was translated by a machine."""
    return "translat" in text.lower() and _TRANSLATION.search(text) is not None


def licence_line(text: str) -> bool:
    """A line naming the open licence the text is reused under."""
    return _OPEN_LICENCE.search(text) is not None


def chart_line(text: str) -> bool:
    """A chart's description under its label."""
    return _CHART.match(text) is not None


def agency_byline(text: str) -> bool:
    """A Chinese or Korean reporter's byline, or a writer's byline for a news service with a
    date ("X for Y News Service · date", "X, Y News Service | date"); "By ..." bylines are
    :func:`~.notice.is_byline`'s."""
    return _CJK_BYLINE.match(text) is not None or _SERVICE_BYLINE.match(text) is not None


def photo_label(text: str) -> bool:
    """A caption under a bracketed photo label ("[사진] ...")."""
    return _PHOTO_LABEL.match(text) is not None


def updated_line(text: str) -> bool:
    """A short "updated" stamp in a language whose label the time-stamp form does not know."""
    return _UPDATED.match(text) is not None and size(text) <= UPDATED_WORDS


def rights_line(text: str) -> bool:
    """ "All rights reserved" in Persian or Arabic."""
    return _RIGHTS.search(text) is not None


def code_offer(text: str) -> bool:
    """An offer with a code, a short-lived percentage off or a trade-in."""
    return _CODE_OFFER.search(text) is not None


def profile_line(text: str) -> bool:
    """A person's profile opening with the full name, or an organisation's description of
    itself; at most :data:`PROFILE_WORDS` words (a sentence of the article naming an expert
    goes on with what was said)."""
    if size(text) > PROFILE_WORDS:
        return False
    return _PROFILE.match(text) is not None or _ORGANISATION.match(text) is not None


def review_comment(text: str) -> bool:
    """A reviewer's margin comment or suggested edit in a shared document, labelled with the
    reviewer's name in brackets ("Comment (L. Chen): ...", "Suggested edit (R. Roe): ...")."""
    return _REVIEW_COMMENT.match(text) is not None


def sound_cue(text: str) -> bool:
    """A caption's bracketed sound cue for music ("[music]", "[upbeat music]", "(music
    fades)", "♪"): a jingle between segments of a programme, not words of a speaker. The
    audience's reactions ("(Applause.)") stay part of a speech: :mod:`.offtopic_speech`."""
    return _SOUND_CUE.match(text) is not None


def by_line_form(text: str) -> bool:
    """Whether ``text`` is one of this module's notices."""
    return (
        translation_note(text)
        or licence_line(text)
        or chart_line(text)
        or agency_byline(text)
        or photo_label(text)
        or updated_line(text)
        or rights_line(text)
        or code_offer(text)
        or profile_line(text)
        or review_comment(text)
        or sound_cue(text)
    )
