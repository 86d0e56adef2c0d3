"""The shapes of notices: what a site says to its reader around an article, told by form.

A notice may share every word with the article it sits in (an advertisement for a brokerage
beside a story on share prices, a podcast about the story's subject, the author's bio), so
overlap cannot find it; its *form* does. Each function here recognises one form, in any of
the languages of :mod:`~grandbargain.evidence.shape`, outside quotation marks:

- :func:`calls_to_action`: a sentence or clause that opens with an imperative ("Subscribe for
  unlimited access", "open an account with ...", "Lesen Sie ...", "Abonnez-vous", "Suscríbete",
  "ログインしてください", "请关注", "点击关注"). English imperatives are told by a short list
  of the verbs of sign-ups, purchases and sharing followed by what an imperative takes (an
  object's article or pronoun, a particle, "free", "now"), so that "Share prices fell" or
  "Open markets ..." are not taken; the other languages by their imperative endings.
- :func:`speaks_as_i`: the first person singular ("I'm ... and I'll be bringing you ...").
- :func:`gives_contact`: an e-mail address, a web address, a user handle or a phone number.
- :func:`parenthesised`: a passage wholly in brackets ("(Adds comment in paragraph 4)").
- :func:`lead_in`: a first clause of a few words ending in a colon, not a sentence ("Trade
  smarter this quarter: ...", "The Hold, our weekly podcast: ...").
- :func:`note_label`: a label of one or two words, a date aside, and a colon ("Correction,
  21 October 2025: ...", "Translator's note: ...").
- :func:`is_byline`: a line of segments split by separators (``|``, ``·``, ``•``, a spaced
  dash, an ideographic space or two spaces) one of which is a date or a clock time and the
  others short (a name, a place, a reading time): "By Ana Ruiz | Lima | 3 May 2025 - 10:12".
"""

from __future__ import annotations

import re

from grandbargain.evidence.notice_forms import by_function, dated_line, named_byline
from grandbargain.evidence.scripts import SENTENCE_STOPS
from grandbargain.evidence.shape import (
    LATIN_WORD,
    addresses_reader,
    ends_sentence,
    is_fragment,
    opens_with_label,
    size,
    speaks_as_we,
    unquoted,
)
from grandbargain.evidence.stamps import (
    ALL_STOP_WORDS,
    MONTH_PATTERN,
    is_time_stamp,
    strip_dates,
    weekday_names,
)

_CTA_VERBS = (
    "subscribe sign register log download follow listen read watch click tap open try get "
    "join send email visit buy order save upgrade start learn discover find book apply claim "
    "enter donate give shop install unlock continue explore see turn enable allow accept reply"
)
_CTA_VERB_SET = frozenset(_CTA_VERBS.split())
_CTA_OBJECTS = (
    "a an the this that these our your his him her them us me it up in on now today free "
    "more here for to with at out how what why all also by"
)
_CLAUSE = r"(?:^|[.!?:;|·•]\s+|\s[-–—]\s+)"
_EN_CTA = re.compile(
    _CLAUSE
    + r"(?:please\s+)?(?:"
    + "|".join(_CTA_VERBS.split())
    + r")\s+(?:"
    + "|".join(_CTA_OBJECTS.split())
    + r")\b",
    re.IGNORECASE,
)
_OTHER_CTA = re.compile(
    _CLAUSE + r"(?:[A-ZÄÖÜ][a-zäöüß]+en\s+Sie\b"  # German polite imperative: "Lesen Sie"
    r"|[A-ZÀ-Ý][a-zà-ÿ]+ez-(?:vous|nous)\b"  # French: "Abonnez-vous"
    r"|[A-ZÁÉÍÓÚ]?[a-záéíóúñ]*[áéíóú][a-záéíóúñ]*(?:(?<!men)te|se|nos)\b)"  # "Suscríbete",
    # not an adverb ("Económicamente")
    r"|ください|下さい|しましょう|してね|하세요|주세요|십시오|보세요"
    r"|(?:^|[。！？\s])(?:请|請|点击|點擊|扫码|掃碼|长按|長按)"
    r"|\S\S(?:ুন|िए|िये|ें)(?=\s*[।!]|$)|\S\Sें(?=\s+और\s)"  # polite imperative closing a clause
)
_I_TEXT = {
    "en": "i i'm i'll i've i'd me my",
    "de": "ich mich mir mein meine",
    "fr": "je j' moi mon ma mes",
    "es": "yo mi mis me",
}
_AFTER_NUMERAL = frozenset(["of", "and", "or", "in", "to", "was", "is"])
_I_PATTERNS = {
    code: re.compile(
        r"(?<![\w'])(?:I|I'm|I'll|I've|I'd|(?i:"
        + "|".join(w for w in f"{_I_TEXT['en']} {words}".split() if w != "i")
        + r"))(?![\w'])"
    )
    for code, words in _I_TEXT.items()
}
"""The first person singular of English and of each language, "I" in capitals only."""
_PERSONAL_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b"
)
_WEB = re.compile(r"https?://|\bwww\.\w|\b\w+\.(?:com|org|net|example)\b")
_LEAD_IN = re.compile(rf"^([^:：.!?{SENTENCE_STOPS}]{{2,90}})[:：]\s")
LEAD_IN_WORDS = (2, 12)
"""How many words a lead-in has (one word is a label, "Sponsored:", already a sign; a
lead-in is a clause, at most a short sentence long)."""
_FACT = re.compile(rf"\d|\b(?:{MONTH_PATTERN}|{weekday_names()})\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+|\s*\u3000\s*|\s{2,}")


def calls_to_action(text: str) -> bool:
    """Whether a sentence or clause of ``text`` opens with an imperative (see the module
    docstring), or a sentence opens with a verb whose object is the reader's own ("Protect
    your business ...": no subject, so an imperative)."""
    words = set(LATIN_WORD.findall(text.lower()))
    english = not words.isdisjoint(_CTA_VERB_SET)
    if "your" in words and _imperative_your(unquoted(text)):
        return True
    if not english and text.isascii() and "Sie" not in text:
        return False  # neither an English imperative's verb nor another language's endings
    text = unquoted(text)
    return (english and _EN_CTA.search(text) is not None) or _OTHER_CTA.search(text) is not None


_VERB_YOUR = re.compile(r"(?:^|[.!?]\s+)([A-Z][a-z]+)\s+your\b")


def _imperative_your(text: str) -> bool:
    """Whether a sentence of ``text`` opens with a capitalised word other than a function
    word followed by "your" - a verb without a subject ("Protect your savings"; "If your
    ..." or "Is your ..." open with function words)."""
    return any(
        m.group(1).lower() not in ALL_STOP_WORDS and m.group(1).lower() not in _NOT_VERBS
        for m in _VERB_YOUR.finditer(text)
    )


_NOT_VERBS = frozenset(["whether", "unless", "although", "though", "because", "since", "once"])


def speaks_as_i(text: str, language: str = "en") -> bool:
    """Whether ``text`` uses the first person singular of English or of ``language`` outside
    quotation marks ("I" after a capitalised word is a numeral: "Phase I", "World War I")."""
    pattern = _I_PATTERNS.get(language, _I_PATTERNS["en"])
    text = unquoted(text).replace("’", "'")
    for match in pattern.finditer(text):
        if match.group(0) != "I" or not _numeral_i(text, match.start(), match.end()):
            return True
    return False


def _numeral_i(text: str, start: int, end: int) -> bool:
    """Whether the "I" at ``text[start:end]`` is a numeral: after a capitalised word that does
    not open a sentence ("World War I"), or before "of", "and" or punctuation ("Phase I of")."""
    before = text[:start].split()
    if not before or not before[-1][:1].isupper():
        return False
    opens = len(before) == 1 or before[-2].endswith((".", "!", "?", ":"))
    after = text[end:].split()
    return not opens or not after or after[0].lower() in _AFTER_NUMERAL or not after[0][0].isalpha()


def gives_contact(text: str, web: bool = True) -> bool:
    """Whether ``text`` holds an e-mail address, a user handle, a phone number or (if ``web``)
    a web address."""
    return _PERSONAL_CONTACT.search(text) is not None or (web and _WEB.search(text) is not None)


_WORD_COUNT = re.compile(
    r"\s+\d[\d,.]*\s*(?:words|Wörter|mots|palabras|parole|woorden|palavras|слов|字)\s*$",
    re.IGNORECASE,
)
"""A wire story's word count after its edit note ("(Adds market reaction) 412 words")."""


def parenthesised(text: str) -> bool:
    """Whether ``text`` is wholly in round or square brackets, without a sentence end inside
    (an editor's note: "(Adds comment in paragraph 4)", a wire's with its word count after it:
    "(Adds market reaction) 412 words"; "(The ministry did not respond.)" is the article's
    aside)."""
    pairs = {"(": ")", "[": "]", "（": "）"}
    text = text.strip()
    if not text or text[0] not in pairs:
        return False
    text = _WORD_COUNT.sub("", text)
    if len(text) <= 2 or text[0] not in pairs or text[-1] != pairs[text[0]]:
        return False
    return not ends_sentence(text[1:-1])


def lead_in(text: str) -> bool:
    """Whether ``text`` opens with a clause of :data:`LEAD_IN_WORDS` words ending in a colon."""
    match = _LEAD_IN.match(text.strip())
    return match is not None and LEAD_IN_WORDS[0] <= size(match.group(1)) <= LEAD_IN_WORDS[1]


def reports_fact(text: str) -> bool:
    """Whether ``text`` holds what a reported sentence holds and a site's notice seldom does:
    a figure, a month or a day of the week ("Stocks fell on Friday, the Nasdaq down 3.6 per
    cent"; "Intraday data provided by ... and subject to terms of use" holds none)."""
    return _FACT.search(text) is not None


_CJK_FIELD = re.compile(r"(?:^|\s)[\u4e00-\u9fff]{1,6}：")
"""A field of a Chinese page's information strip: a label of a few characters and a
full-width colon, after a space or at the start."""


def is_byline(text: str) -> bool:
    """Whether ``text`` is a time stamp, a line of separated segments with a date or time
    among them and every other segment of four words at most (see the module docstring),
    or a short line with a date holding two Chinese fields or more (source, time, font)."""
    if byline_name(text) is not None or named_byline(text) or dated_line(text):
        return True
    if _DIGIT.search(text) is None:
        return False  # every date and time holds a digit
    if not is_fragment(text) and not (_CLOCK_END.search(text) and is_fragment(strip_dates(text))):
        return False  # a clock time's "a.m." at the end ends no sentence
    if len(_CJK_FIELD.findall(text)) >= 2:
        return True  # "来源：新闻办公室 发布时间：2025-10-09 字号：大 中 小"
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if len(parts) < 2:
        return is_time_stamp(text)
    dated = [p for p in parts if is_time_stamp(p)]
    return bool(dated) and all(_byline_part(p) for p in parts if p not in dated)


_CLOCK_END = re.compile(r"\d\s?[ap]\.\s?m\.\s*$", re.IGNORECASE)


def _byline_part(part: str) -> bool:
    """A byline's segment beside its date: four words at most ("7 min read"), or a label and
    a few terms ("Filed under: Trade, chips"): the page's data about the article."""
    words = size(_PUNCTUATION.sub(" ", part))
    return words <= 4 or (opens_with_label(part) and words <= BYLINE_LABELLED_WORDS)


BYLINE_LABELLED_WORDS = 8


_SELF = re.compile(
    r"(?:^|[.!?:]\s+)(?:This\s+(?:article|story|piece|page|post|newsletter|content|summary|"
    r"transcript|website)\b|Acest\s+(?:articol|site)\b|Tämä\s+(?:artikkeli|sivusto)\b"
    r"|Цей\s+(?:сайт|матеріал)\b|Этот\s+сайт\b|Diese\s+Website\b|Ce\s+site\b"
    r"|Ta\s+strona\b|Ten\s+artykuł\b|Denna\s+(?:sida|artikel)\b"
    r"|This\s+is\s+an?\s+(?:[\w-]+\s+){0,2}(?:version|excerpt|summary|translation)\s+of\b"
    r"|(?:This|Today's)\s+(?:issue|edition|episode|email|briefing)\s+(?:is|was)\s+"
    r"(?:sponsored|brought|presented|supported|paid|underwritten)\b"
    r"|(?:Dieser|Diesen)\s+(?:Artikel|Beitrag|Text)\b|Cet\s+article\b|Este\s+art[ií]culo\b"
    r"|Questo\s+articolo\b|Dit\s+artikel\b|Este\s+artigo\b|Esta\s+(?:matéria|reportagem)\b"
    r"|(?:Эта|Данная)\s+статья\b|Этот\s+материал\b|Bài\s+viết\s+này\b)"
    r"|de cet article\b|\bversion\s+of\s+this\s+(?:article|story|piece|report)\b"
    r"|\b(?:generated|transcribed|translated)\s+(?:automatically|by\s+(?:machine|AI|software))\b"
    r"|\bautomatically\s+(?:generated|transcribed|translated)\b"
    r"|\b(?:produced|generated|written|created)\s+(?:with|using)\s+(?:AI|artificial intelligence)\b"
    r"|^(?:Brought\s+to\s+you|Sponsored|Presented|Supported|Powered|Underwritten)\s+by\s+"
    r"[^,;:.]{1,60}(?:[:.]|$)"
    r"|この記事|이 기사|本文(?:仅|僅|系|為|为)|(?:यह|इस) (?:ख़बर|खबर|लेख)|এই (?:খবর|প্রতিবেদন)"
)


def refers_to_itself(text: str) -> bool:
    """Whether ``text`` speaks of the article itself, outside quotation marks: a sentence
    whose subject is "this article" (or story, piece, page, summary, transcript, website;
    "Dieser Artikel", "Cet article", "Acest site", "この記事", "이 기사"), a correction's "an
    earlier version of this story", a note on how it was made ("generated automatically",
    "translated by machine"), a sponsor's credit ("Brought to you by Name:", not "Supported by
    farm groups, the bill ..."), or that calls the text a version, excerpt,
    summary or translation of another ("This is a shortened version of a ... report"). A
    site's note on its own page - a paywall, a print edition, a share line - does so; an
    article speaks of what it reports."""
    return _SELF.search(unquoted(text)) is not None


_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)


def has_copyright(text: str) -> bool:
    """Whether ``text`` holds a copyright sign or notice ("©", "(c) 2025", "Copyright")."""
    lower = text.lower()
    if not ("©" in text or "(c)" in lower or "copyright" in lower or "rights reserved" in lower):
        return False  # a cheap test first: the form needs one of these
    return _COPYRIGHT.search(text) is not None


_BY = re.compile(
    r"^(?:By|Von|Par|Por|Di|Door|Av|Af)\s+((?:[A-Z\u00c0-\u00de][\w'’.-]*\s*){1,4})(?:[,|·•]|$)"
)


def byline_name(text: str) -> str | None:
    """The author's name if ``text`` is a short line opening with "By" (or "Von", "Par",
    "Por", ...) and one to four capitalised words ("By Halima Oduya", "Von Katharina Zeller,
    London"), else None."""
    match = _BY.match(text.strip())
    if match is None or not is_fragment(text):
        return None
    return match.group(1).strip()


_NOTE_LABEL = re.compile(rf"^([^:：.!?{SENTENCE_STOPS}]{{1,60}}?)\s?[:：]\s")
NOTE_LABEL_WORDS = 2


def note_label(text: str) -> bool:
    """Whether ``text`` opens with a label of at most :data:`NOTE_LABEL_WORDS` words (its
    dates and function words aside: "Hinweis der Redaktion") and a colon: a note on the
    article ("Correction, 21 May 2025: ...")."""
    match = _NOTE_LABEL.match(text.strip())
    if match is None:
        return False
    words = [w for w in re.split(r"[\s,]+", strip_dates(match.group(1))) if w]
    content = [w for w in words if w.lower() not in ALL_STOP_WORDS]
    return 0 < len(content) <= NOTE_LABEL_WORDS


def notice_signs(
    text: str,
    language: str = "en",
    enough: int = 5,
    spoken: tuple[bool, bool] | None = None,
    page: tuple[bool, bool] = (True, True),
) -> int:
    """How many forms of a notice ``text`` shows among: speaking to the reader, as "we", as
    "I", giving a contact, opening with a label or (speaking as "we") with a lead-in - "What it
    means for you: ..." is an explainer's (counting stops at ``enough``).
    ``spoken`` gives the first two when they are known. ``page`` says whether the persons
    and the label count on this page: not where the article itself speaks in the first
    person (a column), nor a label that opens several passages (an interview's "Q:")."""
    persons, labels = page
    you, we = spoken or (addresses_reader(text, language), speaks_as_we(text, language))
    found = int(you) + int(we) if persons else 0
    if found < enough and labels and (opens_with_label(text) or _signed_lead_in(text, you, we)):
        found += 1  # "The Hold, our weekly podcast: ...", "Your savings deserve more: ..."
    if found < enough and gives_contact(text):
        found += 1
    if found < enough and persons and speaks_as_i(text, language):
        found += 1
    return min(found, enough)


def _signed_lead_in(text: str, you: bool, we: bool) -> bool:
    """A lead-in beside "we", or opening with the reader's possessive ("Your savings deserve
    more: ..."); an explainer's "What it means for you: ..." opens with a question word."""
    if we:
        return lead_in(text)
    return you and _YOUR_LEAD.match(text.strip()) is not None and lead_in(text)


_YOUR_LEAD = re.compile(r"(?:Your|Ihre?|Votre|Vos|Tu|Tus|Su|Sus|Il tuo|La tua|Jouw|Uw|Seu|Sua)\s")


def is_notice(
    text: str,
    language: str = "en",
    spoken: tuple[bool, bool] | None = None,
    page: tuple[bool, bool] = (True, True),
) -> bool:
    """A passage in the form of a notice: wholly in brackets, a call to action, or two forms
    of :func:`notice_signs`. Only short passages are judged so (see the callers)."""
    return (
        parenthesised(text)
        or calls_to_action(text)
        or refers_to_itself(text)
        or by_function(text)
        or notice_signs(text, language, 2, spoken, page) >= 2
    )


def is_end_note(text: str, labelled: bool = True) -> bool:
    """A passage in the form of a note after an article: wholly in brackets, a call to action,
    an e-mail address, handle or phone number (a web address may be the article's source:
    "The text is on the ministry's site, mofcom.gov.cn."), or (if ``labelled``: not where the
    label opens several passages, a transcript's "SPOKESPERSON:") a short label
    ("Correction, 21 May 2025: ...")."""
    return (
        parenthesised(text)
        or calls_to_action(text)
        or refers_to_itself(text)
        or by_function(text)
        or has_copyright(text)
        or gives_contact(text, web=False)
        or (labelled and note_label(text))
    )


_ABOUT = re.compile(
    r"^(?:About|Über|À propos d[e']|Acerca de|Sobre|Informazioni su|Over)\s+"
    r"(?:the\s+|die\s+|der\s+|la\s+|le\s+|el\s+)?([^\W\d_])[^:：]{0,60}[:：]\s"
)


def describes_organisation(text: str) -> bool:
    """A passage opening with an "About Name:" label, the name capitalised ("About Halvorsen
    Process Systems: ...", "Über die Firma: ..."): a release's paragraph describing the
    issuing organisation, read after the article whatever its length."""
    match = _ABOUT.match(text.strip())
    return match is not None and match.group(1).isupper()
