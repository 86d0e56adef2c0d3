"""Further forms of notices, told by what they do (eighth round of the off-topic detector).

Each function recognises one function of a line around an article, in any language the
detector reads, never a site's own string:

- :func:`revision_note`: a wire's revision note, a verb of revision with no subject and the
  part of the story it changed ("Adds ministry statement in paragraph 7", "Corrects spelling
  of analyst's name in paragraph 8 of earlier version").
- :func:`production_credit`: a line made of credits, "Role by Name" ("Hosted by Kira Anand.
  Produced by Tobias Hale.", "Unofficial translation by Policy Monitor staff. ...").
- :func:`bracketed_insert`: a passage wholly in square brackets, an editor's insert into a
  transcript ("[Inaudible question from the floor.]"); round brackets around a sentence are
  the article's own aside and stay with :func:`~.notice.parenthesised`.
- :func:`reading_line`: a line of separated segments with a reading time ("via Tidewater
  Press · 3 min read", "5 Min. Lesezeit").
- :func:`publication_stamp`: a date or clock time after a verb of publishing ("Originally
  published 11 Aug 2025, 21:58 GMT", "अपडेटेड: ... 17:40 IST").
- :func:`data_notice`: a cookie or personal-data notice in any of several languages: a word
  for cookies or for the reader's personal data, with a word of consent or policy.
- :func:`read_also`: a "read also" prompt in further languages ("Baca juga:", "Lees ook:",
  "Czytaj też:", "Xem thêm:", "यह भी पढ़ें:", "اقرأ أيضا"; Khmer and Thai "related articles",
  seventeenth round).
- :func:`timed_comment`: a reader comment opening with a user name and how long ago it was
  posted ("JeanK · 3 hours ago: ...").
- :func:`greeting`: a presenter's greeting ("Good morning and welcome to our live
  coverage"): a salutation opening the passage.
"""

from __future__ import annotations

import re

from grandbargain.evidence.notice_purpose import by_purpose
from grandbargain.evidence.notice_site import field_notice, pitch_notice, service_notice
from grandbargain.evidence.scripts import size
from grandbargain.evidence.stamps import MONTH_PATTERN, is_time_stamp, weekday_names

_REVISION = re.compile(
    r"^\(?(?:(?:Updates|Recasts|Rewrites)\s+throughout\b"
    r"|(?:Updates|Changes|Corrects|Recasts|Rewrites)\s+(?:headline|byline|dateline)(?:,|\s*$)"
    r"|(?:Adds|Updates|Corrects|Recasts|Changes|Removes|Fixes|Clarifies|Rewrites|Refiles|"
    r"Replaces|Inserts|Deletes|Restores|Rewords|Moves)\s"
    r"(?=.*(?:\b(?:paragraphs?|paras?|grafs?)\s+\d|\b\d+(?:st|nd|rd|th)?\s+paragraph"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|top)"
    r"\s+paragraphs?\b|\b(?:earlier|previous|prior)\s+version\b|\b(?:by|date)lines?\b"
    r"|\bin\s+headline\b|\bheadline\W*$|\bbullet\s+points?\b)))"
)
_ROLE = (
    r"(?:(?:[A-Z][a-z]+\s+)?(?i:translation|reporting|editing|photography|graphics|research|"
    r"music|production|illustrations?|design|sound|transcription|subtitles|captions)"
    r"|Hosted|Produced|Edited|Written|Translated|Compiled|Presented|Mixed|Narrated|"
    r"Illustrated|Designed|Engineered|Composed|Recorded)"
)
_NAME = r"(?:[A-Z][\w'’.-]*|and|&|de|van|von)(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|van|von))*"
_CREDIT = re.compile(
    rf"^{_ROLE}(?:\s+from\s+(?:the\s+)?[A-Z][\w-]*)?\s+by\s+{_NAME}(?:\s+staff)?"
    rf"(?:\s*[,;]\s*{_NAME})*(?:\s+with\s+(?:help|support|assistance)\s+from\s+{_NAME})?[.;]?$"
)
_SENTENCE = re.compile(r"(?<=[.;])\s+")
CREDIT_WORDS = 40
"""At most so many words in a line of credits."""
_READING = re.compile(
    r"^(?:\d{1,3}\s*(?:-|\s)?(?:min(?:ute)?s?\.?|Min\.?|minuti|minutos|minuten|minuter|"
    r"dakika|menit|phút)\s+(?:read|reading|Lesezeit|de\s+lecture|de\s+lectura|di\s+lettura|"
    r"leestijd|läsning|okuma|baca|lesetid|czytania|đọc)"
    r"|(?:Lesezeit|Leestijd|Lecture|Lectura|Okuma\s+süresi|Czas\s+czytania)[:\s]+\d{1,3}\s*\w*\.?)$",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+")
SEGMENT_WORDS = 4
_PUBLISHED = re.compile(
    r"^(?:(?:Originally|First|Last)\s+)?(?:published|updated|posted|modified|"
    r"veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|"
    r"aggiornato|gepubliceerd|bijgewerkt|opublikowano|zaktualizowano|publicerad|uppdaterad|"
    r"yayınlanma|güncelleme|güncellendi|diterbitkan|diperbarui|dipublikasikan|cập nhật|"
    r"đăng|अपडेटेड|प्रकाशित|تحديث|نشر)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_DATA_WORD = re.compile(
    r"cookie|çerez|eväste|ciasteczk|kuki\b|クッキー|쿠키|"
    r"personal data|personenbezogen|données personnelles|datos personales|dati personali|"
    r"persoonsgegevens|dane osobowe|personuppgifter|kişisel veri|data pribadi|"
    r"dữ liệu cá nhân|个人信息|個人資料|個人情報|개인정보",
)
_CONSENT = re.compile(
    r"accept|consent|agree|polic|privacy|kabul|politika|akzept|zustimm|datenschutz|"
    r"accepter|consentement|politique|aceptar|acepta|política|accett|informativa|"
    r"akkoord|toestemming|zgod|polityk|godkänn|samtyck|hyväksy|setuju|kebijakan|"
    r"đồng ý|chính sách|同意|政策|ポリシー|동의|정책|kvkk|gdpr|dsgvo|rgpd",
)
DATA_NOTICE_WORDS = 60
_READ_ALSO = re.compile(
    r"^(?:Baca\s+juga|Lees\s+ook|Czytaj\s+(?:też|także|również)|Läs\s+(?:också|även)|"
    r"Xem\s+thêm|Đọc\s+thêm|Tin\s+liên\s+quan|Ayrıca\s+okuyun|İlgili\s+haber(?:ler)?|Lesen\s+Sie\s+auch|"
    r"Lire\s+aussi|À\s+lire\s+aussi|Lee\s+también|Leer\s+más|Leggi\s+anche|Leia\s+também|"
    r"Læs\s+også|Les\s+også|Lue\s+myös|Читайте\s+также|Читайте\s+також|Read\s+also|"
    r"Also\s+read|यह\s+भी\s+पढ़ें|اقرأ\s+أيض[اً]?|延伸阅读|延伸閱讀|相关阅读|相關閱讀|"
    r"関連記事|관련\s?기사|អត្ថបទពាក់ព័ន្ធ|บทความที่เกี่ยวข้อง|ข่าวที่เกี่ยวข้อง)\s*[:：៖]?",
    re.IGNORECASE,
)
_TIMED_HANDLE = re.compile(
    r"^[\w.-]{2,30}(?:\s[\w.-]{1,20}){0,2}(?:\s+\([^()]{1,20}\))?\s+[·•|–—-]\s+"
    r"(?:\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|"
    r"yesterday|just now|\d{1,2}\s+[^\W\d_]{3,9}\.?\s+\d{4},?\s+(?:at\s+)?\d{1,2}[:.]\d{2}|"
    r"[^\W\d_]{3,9}\.?\s+\d{1,2},\s+\d{4},?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)"
    r"\s*[:：]\s",
    re.IGNORECASE,
)
_TRIAL = re.compile(
    r"(?:^|[.!?:;]\s+)(?:[Tt]ry|[Gg]et|[Dd]ownload|[Ss]tart)\s+(?:[A-Z][\w-]*\s+){1,3}"
    r"(?:free|now|today|for\s+free)\b"
)
"""An offer naming a product: "try Shieldline VPN free for 30 days"."""
_SIGN_UP = re.compile(
    r"(?:^|[.!?]\s+)(?:Simak|Dapatkan|Ikuti|Unduh|Kunjungi|Klik|Abone\s+ol|Takip\s+edin|"
    r"Abonneer|Schrijf\s+je\s+in|Volg\s+ons|Zapisz\s+się|Subskrybuj|Prenumerera|"
    r"Följ\s+oss|Prova|Đăng\s+ký|Theo\s+dõi|Tilaa|Seuraa|Berlangganan|Abonează-te|Abonați-vă)\b"
    r"|\babone\s+olun\b|^اشترك|सदस्यता\s+लें"
)
"""Sign-up, follow and try imperatives opening a sentence in Indonesian, Turkish, Dutch,
Polish, Swedish ("Prova ... för 1 kr"), Vietnamese, Finnish and Romanian ("Abonează-te"), and
"subscribe" in Turkish, Arabic and Hindi (English and five others are in :mod:`~.notice`)."""
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\s+expressed\b.{0,80}\b(?:own|necessarily)\b"
    r"|\bdo(?:es)?\s+not\s+necessarily\s+(?:reflect|represent)\b"
    r"|^(?:Cite\s+(?:this|as)|How\s+to\s+cite|Suggested\s+citation|Zitiervorschlag|"
    r"Pour\s+citer|Cómo\s+citar)\b"
    r"|\b(?:edited|condensed)\s+for\s+(?:length|clarity|brevity|space)\b"
    r"|\b(?:text|original|version)\s+(?:is\s+|shall\s+be\s+)?(?:authoritative|prevails?)\b"
    r"|\bunofficial\s+translation\b"
    r"|^(?:Originally|First)\s+(?:appeared|ran|aired)\s+(?:in|on|at)\b"
    r"|^(?:Republished|Reprinted|Reproduced)\s+(?:with|by|from|under)\b"
    r"|\b(?:quotes|prices|data|quotations)\s+(?:are\s+)?delayed\s+(?:by\s+)?(?:at\s+least\s+)?"
    r"\d+\s+min"
    r"|\bnot\s+(?:intended\s+as\s+|to\s+be\s+(?:taken|construed)\s+as\s+)?"
    r"(?:investment|financial)\s+advice\b",
    re.IGNORECASE,
)
"""An author's disclaimer ("Views expressed ... are the author's own"), how to cite the
page ("Cite this: ..."), or a note on how the text was made or where it first ran ("edited
for length and clarity", "the Chinese original prevails", "an unofficial translation",
"Originally appeared in ...", "Republished with permission ..."), or a market-data
disclaimer ("Prices delayed 10 minutes. Not investment advice.")."""
_DISCLAIMER_CUE = re.compile(
    r"expressed|necessarily|edited|condensed|authoritative|prevail|translation|delayed|advice|"
    r"^(?:Cit|How|Sug|Zit|Pou|Cóm|Orig|First|Repub|Reprint|Reprod)",
    re.IGNORECASE,
)
"""What every disclaimer holds: a cheap test before :data:`_DISCLAIMER`."""
_GREETING = re.compile(
    r"^(?:Good\s+(?:morning|afternoon|evening)|Hello|Hi|Welcome\s+(?:to|back)|Guten\s+(?:Morgen|Tag|Abend)|"
    r"Bonjour|Bonsoir|Buenos\s+días|Buenas\s+tardes|Buongiorno|Goedemorgen|Bom\s+dia)"
    r"(?=[\s,!.])"
)


def revision_note(text: str) -> bool:
    """Whether ``text`` is a revision note (module docstring): it opens with a verb of
    revision in the third person and no subject, and names a paragraph, the headline, the
    byline or an earlier version ("Adds comment in paragraph 4"); "Adds to pressure on
    Beijing, the ministry said" names none."""
    return _REVISION.match(text.strip()) is not None


def production_credit(text: str) -> bool:
    """Whether the first sentence of ``text`` is a credit, "Role by Name" and nothing more,
    and every other sentence is a credit or ``text`` is short (a translation credit and its
    disclaimer): "Hosted by Kira Anand. Produced by Tobias Hale."; "Edited by ..." inside a
    longer sentence is reporting."""
    words = text.split()
    if " by " not in text or len(words) > CREDIT_WORDS:
        return False  # a cheap test first: every credit holds " by "
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    credits = [bool(_CREDIT.match(s)) for s in sentences]
    return credits[0] and (all(credits) or len(sentences) <= 2)


def bracketed_insert(text: str) -> bool:
    """Whether ``text`` is wholly in square brackets, with no bracket inside (a reference's
    "[1] ..." opens but does not close the passage)."""
    text = text.strip()
    return len(text) > 2 and text[0] == "[" and text[-1] == "]" and "[" not in text[1:-1]


def reading_line(text: str) -> bool:
    """Whether ``text`` is made of short segments, one of them a reading time ("via Tidewater
    Press · 3 min read")."""
    parts = [p.strip() for p in _SEGMENTS.split(text.strip()) if p.strip()]
    timed = [p for p in parts if _READING.match(p)]
    return bool(timed) and all(size(p) <= SEGMENT_WORDS for p in parts)


def publication_stamp(text: str) -> bool:
    """Whether a segment of ``text`` opens with a verb of publishing and holds a figure (a
    date or a time), and every other segment is a short name ("Originally published 11 Aug
    2025, 21:58 GMT"; "Neha Sharma | अपडेटेड: 30 अक्टूबर 2025, 17:40 IST")."""
    parts = [p.strip() for p in _SEGMENTS.split(text.strip()) if p.strip()]
    stamped = [p for p in parts if _PUBLISHED.match(p) and _DIGIT.search(p)]
    if not stamped or any(size(p) > 10 for p in stamped):
        return False
    return all(size(p) <= SEGMENT_WORDS for p in parts if p not in stamped)


_SITE_WORD = re.compile(
    r"\b(?:site|website|webbplats\w*|sivust\w*|situs|sitemiz\w*|sitede|strona|stronie|"
    r"trang web|página|sito|webseite|webpagina)\b",
)
_COOKIE_WORD = re.compile(r"\bkakor\b|\bcookies?\b|çerezler|\beväste\w*")


def data_notice(text: str) -> bool:
    """Whether ``text``, at most :data:`DATA_NOTICE_WORDS` words, names cookies or the
    reader's personal data and a word of consent or policy, in any of several languages, or
    cookies and the site ("Wij gebruiken cookies om onze site te verbeteren", "Vi använder
    kakor för att förbättra webbplatsen")."""
    if size(text) > DATA_NOTICE_WORDS:
        return False
    low = text.lower()  # the patterns are in lower case: faster than ignoring case
    if _DATA_WORD.search(low) is not None and _CONSENT.search(low) is not None:
        return True
    return _COOKIE_WORD.search(low) is not None and _SITE_WORD.search(low) is not None


def read_also(text: str) -> bool:
    """Whether ``text`` opens with a "read also" prompt (module docstring)."""
    return _READ_ALSO.match(text.strip()) is not None


def timed_comment(text: str) -> bool:
    """Whether ``text`` opens with a user name, a separator, how long ago (or a date and a
    clock time: "Greg P. — 17 Sep 2025 at 14:02:") and a colon."""
    return _TIMED_HANDLE.match(text.strip()) is not None


_WELCOME = re.compile(
    r"\b(?:welcome|willkommen|bienvenue|bienvenid[oa]s?|benvenut[oi]|welkom|bem-vind[oa]s?)\b",
    re.IGNORECASE,
)


def greeting(text: str) -> bool:
    """Whether ``text`` opens with a salutation and welcomes the reader ("Good morning and
    welcome to our live coverage ..."); a quoted "Hello" in reporting welcomes nobody."""
    return _GREETING.match(text.strip()) is not None and _WELCOME.search(text) is not None


_UPDATED = re.compile(
    r"^(?:Bu\s+(?:haber|makale|yazı)|(?:Artikel|Berita)\s+ini|Artykuł|Artikeln|Artikkelia?|"
    r"Tin\s+này)\b.{0,80}\b(?:güncellendi|diperbarui|diperbaharui|zaktualizowano|"
    r"uppdaterades|päivitetty|päivitettiin|cập\s+nhật)"
)
"""A note that the article was updated, in Turkish, Indonesian, Polish, Swedish, Finnish
and Vietnamese ("Artikel ini telah diperbarui pada ..."); other languages speak of the
article itself in :func:`~.notice.refers_to_itself`."""


def by_function(text: str) -> bool:
    """Whether ``text`` is one of this module's notices (a reading time or publishing stamp
    is asked for by :func:`dated_line`)."""
    return (
        revision_note(text)
        or production_credit(text)
        or bracketed_insert(text)
        or data_notice(text)
        or read_also(text)
        or timed_comment(text)
        or greeting(text)
        or (_DISCLAIMER_CUE.search(text) is not None and _DISCLAIMER.search(text) is not None)
        or _SIGN_UP.search(text) is not None
        or _UPDATED.match(text) is not None
        or _TRIAL.search(text) is not None
        or by_purpose(text)
        or service_notice(text)
        or field_notice(text)
        or pitch_notice(text)
    )


_BY_PLACE = re.compile(
    r"^(?:By|Von|Par|Por|Di|Door|Av|Af)\s+(?:[A-Z][\w'’.-]*\s+){1,4}"
    r"(?:in|aus|in|à|en|a|da|uit|i)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?$"
    r"|^(?:Oleh|Tác\s+giả|بقلم)\s+\S+(?:\s+\S+){0,3}$|^\S+(?:\s+\S+){0,3}\s+द्वारा$"
    r"|^द्वारा\s+\S+(?:\s+\S+){0,3}$"
)
"""A byline's first segment: "By Name in Place", or "by" and a name in Indonesian,
Vietnamese, Arabic or Hindi (its date in the next segment)."""


def placed_byline(text: str) -> bool:
    """Whether ``text`` is "By Name in Place" and a date between separators ("By Sunita
    Varma in London · 11 June 2025")."""
    parts = [p.strip() for p in _SEGMENTS.split(text.strip()) if p.strip()]
    if len(parts) != 2 or _BY_PLACE.match(parts[0]) is None:
        return False
    dated = _DIGIT.search(parts[1]) is not None and size(parts[1]) <= SEGMENT_WORDS
    return dated or is_time_stamp(parts[1])


DATED_LINE_CHARS = 160
"""At most so many characters in a reading-time line, a publishing stamp or a byline."""


_CO_AUTHORS = re.compile(
    r"^(?:By|Von|Par|Por|Di|Door|Av|Af)\s+(?:[A-Z][\w'’.-]*\s+){1,3}"
    r"(?:and|und|et|y|e|en|och|og|&)\s+(?:[A-Z][\w'’.-]*\s*){1,3}$"
)
_ROLE_LINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*,\s+(?:[A-Z][\w'’.-]*\s+){0,2}"
    r"(?:correspondent|reporter|editor|bureau chief|staff writer|columnist)$"
)


_CALENDAR = re.compile(rf"\b(?:{MONTH_PATTERN}|{weekday_names('en', 'de', 'fr')})\b", re.IGNORECASE)
"""A month or a day of the week: "By Thursday and Friday" names no author."""


def named_byline(text: str) -> bool:
    """Whether ``text`` is a byline of two authors ("By Jane Doe and John Roe") or a name and
    a reporting role ("Jane Doe, Beijing correspondent"), naming no day or month."""
    text = text.strip()
    if len(text) > DATED_LINE_CHARS or size(text) > 2 * SEGMENT_WORDS:
        return False
    named = _CO_AUTHORS.match(text) is not None or _ROLE_LINE.match(text) is not None
    return named and _CALENDAR.search(text) is None


def dated_line(text: str) -> bool:
    """Whether ``text`` is a reading-time line, a publishing stamp or a placed byline (each
    short and holding a figure: a cheap test first, as it is asked of every line)."""
    if len(text) > DATED_LINE_CHARS or _DIGIT.search(text) is None:
        return False
    return reading_line(text) or publication_stamp(text) or placed_byline(text)
