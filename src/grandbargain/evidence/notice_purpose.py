"""Further notices told by what they do (ninth round of the off-topic detector).

Each function recognises one function of a line around an article, in the languages the
detector reads, never one site's string:

- :func:`ad_label`: an advertisement opening with the label that marks it as one
  ("Sponsored: ...", "Anzeige: ...", "Publicidad: ...").
- :func:`developing_note`: a note that the story is developing and will be updated ("This
  is a developing story", "In aggiornamento", "Noticia en desarrollo").
- :func:`print_line`: where the article appears in print ("A version of this article
  appears in print on ...", "in the print edition").
- :func:`translator_note`: a translator's note ("Translator's note: ...", "Nota del
  traduttore", "译者注").
- :func:`independence_note`: a service saying it is independent of the original publisher
  ("X is an independent translation service and is not affiliated with ...").
- :func:`ticker`: a label and three or more short headlines between bars ("LATEST: A | B |
  C").
- :func:`staff_byline`: a byline crediting an organisation's staff ("By Harlow Press
  staff", "By the editorial desk").
- :func:`subscribe_prompt`: "subscribe" in Italian, Portuguese and French opening a
  sentence ("Abbonati per leggere ...", "Assine ...", "Abonnez-vous ...").
"""

from __future__ import annotations

import re

from grandbargain.evidence.notice_documents import by_document
from grandbargain.evidence.scripts import size

_AD_LABEL = re.compile(
    r"^\s*(?:Ad|AD|Sponsored(?:\s+(?:content|post|link))?|Advertisement|Advertorial|Promoted|"
    r"Paid\s+(?:post|content|partnership)|Anzeige|Werbung|Publicidad|Publicité|Pubblicità|"
    r"Publicidade|Patrocinado|Sponsorisé|Reklama|Iklan|Reklam|広告|广告|광고)\s*[:：|·•]\s*\S"
)
_DEVELOPING = re.compile(
    r"^\s*(?:This\s+is\s+a\s+(?:developing|breaking)(?:\s+news)?\s+story\b"
    r"|This\s+(?:story|article|report)\s+(?:is\s+developing|will\s+be\s+updated)\b"
    r"|(?:Notizia\s+)?in\s+aggiornamento\b|Noticia\s+en\s+desarrollo\b"
    r"|Notícia\s+em\s+atualização\b|Cette\s+(?:dépêche|information)\s+sera\s+mise\s+à\s+jour\b"
    r"|Dieser\s+(?:Artikel|Beitrag)\s+wird\s+(?:laufend\s+)?aktualisiert\b)",
    re.IGNORECASE,
)
_PRINT = re.compile(
    r"\b(?:version\s+of\s+this\s+(?:article|story|review)\s+(?:appears|appeared)\s+in\s+print"
    r"|appeared\s+in\s+the\s+print\s+edition|in\s+(?:the|our)\s+print\s+edition\s+(?:of|on)"
    r"|edizione\s+cartacea|edición\s+impresa|édition\s+imprimée|gedruckten\s+Ausgabe)\b",
    re.IGNORECASE,
)
_TRANSLATOR = re.compile(
    r"^\s*(?:Translator'?s'?\s+notes?|Translation\s+note|Nota\s+del\s+tradut+or[ea]|"
    r"Note\s+du\s+traducteur|Anmerkung\s+de[rs]\s+Übersetzer\w*|N\.\s?d\.\s?[TR]\.|"
    r"Nota\s+do\s+tradutor|译者注|译注|譯註|訳注)\s*[:：]",
    re.IGNORECASE,
)
_INDEPENDENT = re.compile(
    r"\bis\s+an?\s+independent\s+[\w\s-]{0,40}\b(?:and|but)\s+is\s+not\s+(?:affiliated|"
    r"associated|connected)\s+with\b",
    re.IGNORECASE,
)
_TICKER = re.compile(r"^\s*([^:：|]{2,30})[:：]\s*(.+)$")
_BAR = re.compile(r"\s[|•·]\s")
TICKER_ITEMS = 3
TICKER_ITEM_WORDS = 10
_STAFF = re.compile(
    r"^\s*By\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){0,4}(?:staff|Staff|desk|Desk|newsroom|"
    r"Newsroom|correspondents|reporters)\.?\s*$"
)
_POLL = re.compile(
    r"^\s*(?:(?:Quick|Reader|Daily)\s+)?(?:[Pp]oll|POLL|Umfrage|Sondage|Encuesta|Sondaggio)\s*[:：]"
    r"[^.!?]{3,120}\?\s*$"
)
_RATING = re.compile(
    r"^\s*(?:Our\s+)?(?:Rating|Verdict)\s*[:：]\s*[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s*$"
)
_TAGS = re.compile(
    r"^\s*(?:tags?|tagged|topics|keywords|subjects?|subject\s+headings|categories|"
    r"schlagwörter|themen|sujets|etiquetas|temas|étiquettes|mots-clés|argomenti|"
    r"แท็ก|タグ|标签|標籤|태그|тэги|теги|etiketler)\s*[:：]\s*(.+)$",
    re.IGNORECASE,
)
_PROFILE = re.compile(
    r"^\s*(?:about\s+(?:me|the\s+authors?|the\s+writer)|author(?:'s)?\s+(?:profile|bio)|"
    r"über\s+(?:den|die)\s+autor(?:in)?|à\s+propos\s+de\s+l['’]auteur|sobre\s+el\s+autor|"
    r"筆者プロフィール|著者プロフィール|作者简介|作者簡介|기자\s*소개)\s*[:：]",
    re.IGNORECASE,
)
_TAG_SPLIT = re.compile(r"\s*[,，、;|·#]\s*|\s{2,}|\s+--?\s+")
"""Between tags: a comma, semicolon, bar, hash or a catalogue's " -- " (subject, subdivision)."""
TAG_WORDS = 4
"""Words of a tag at most ("trade war", "export controls")."""
_SUBSCRIBE = re.compile(r"(?:^|[.!?]\s+)(?:Abbonati|Abbonatevi|Assine|Abonnez-vous)\b")
_FOLLOW_PAGE = re.compile(
    r"(?:^|[.!?]\s+)(?:I-like|I-follow|I-share|Sundan\s+(?:kami|ang\s+aming)|Ikuti\s+kami|"
    r"Sukai\s+(?:halaman|laman)|Síguenos|Suivez-nous|Folgen\s+Sie\s+uns|Seguici|Siga-nos|"
    r"Theo\s+dõi\s+chúng\s+tôi)\b|(?:^|[.!?]\s+)(?:តាមដានយើង|ติดตามเรา)",
    re.IGNORECASE,
)
"""A prompt to like or follow the site's page ("I-LIKE ang aming page ...", Tagalog: like our
page; "Ikuti kami", Indonesian; "Síguenos", "Suivez-nous" ...): the English "Follow us" is a
call to action already (thirteenth round); Vietnamese, Khmer and Thai "follow us" (seventeenth
round)."""


def ad_label(text: str) -> bool:
    """Whether ``text`` opens with the label of an advertisement and a colon or bar."""
    return _AD_LABEL.match(text) is not None


def poll_question(text: str) -> bool:
    """Whether ``text`` is a reader poll's question: a "Poll:" label and one question ("POLL:
    Should the port raise its fees?"); a poll the article reports ends with a full stop."""
    return _POLL.match(text) is not None


def rating_line(text: str) -> bool:
    """Whether ``text`` is a fact-check's rating alone: a "Rating:" or "Verdict:" label and
    at most four words ("Rating: Mostly False"); the ruling's reasons are the article's."""
    return _RATING.match(text) is not None


def developing_note(text: str) -> bool:
    """Whether ``text`` says the story is developing and will be updated."""
    return _DEVELOPING.match(text) is not None


def print_line(text: str) -> bool:
    """Whether ``text`` says where the article appears in print."""
    return _PRINT.search(text) is not None


def translator_note(text: str) -> bool:
    """Whether ``text`` opens with a translator's note's label."""
    return _TRANSLATOR.match(text) is not None


def independence_note(text: str) -> bool:
    """Whether ``text`` says a service is independent and not affiliated with another."""
    return "independent" in text.lower() and _INDEPENDENT.search(text) is not None


def ticker(text: str) -> bool:
    """Whether ``text`` is a label, a colon and :data:`TICKER_ITEMS` or more items between
    bars of two to :data:`TICKER_ITEM_WORDS` words each (headlines, not figures), the last
    without a full stop."""
    match = _TICKER.match(text)
    if match is None or size(match.group(1)) > 3:
        return False
    items = [item for item in _BAR.split(match.group(2)) if item.strip()]
    if len(items) < TICKER_ITEMS or text.rstrip().endswith("."):
        return False
    return all(2 <= size(item) <= TICKER_ITEM_WORDS for item in items)


def staff_byline(text: str) -> bool:
    """Whether ``text`` is a byline crediting staff, a desk or a newsroom."""
    return _STAFF.match(text) is not None


def tag_line(text: str) -> bool:
    """A labelled list of tags: "Tags: trade war, tariffs, China", "แท็ก : ...", a catalogue's
    "Subjects: Tariffs -- China; Trade" - two items or more of a few words each, no sentence
    ("Topics: the talks resumed." is not one)."""
    match = _TAGS.match(text)
    if match is None or match.group(1).rstrip().endswith((".", "。", "!", "?")):
        return False
    items = [item for item in _TAG_SPLIT.split(match.group(1).strip()) if item]
    return len(items) >= 2 and all(size(item) <= TAG_WORDS for item in items)


def author_profile(text: str) -> bool:
    """A labelled author profile: "About me: ...", "About the author: ...", "筆者プロフィール：
    ..." (Japanese: the writer's profile); not a sentence about an author ("The author said")."""
    return _PROFILE.match(text) is not None


_PARTNER = re.compile(
    r"(?:^|\s[·|•–—-]\s|,\s)(?:in\s+(?:partnership|association|collaboration)\s+with|"
    r"en\s+partenariat\s+avec|in\s+Zusammenarbeit\s+mit|en\s+colaboración\s+con|"
    r"em\s+parceria\s+com|in\s+collaborazione\s+con)\s+\S",
    re.IGNORECASE,
)
PARTNER_WORDS = 12
"""Words of a partnership masthead at most."""


def partner_line(text: str) -> bool:
    """A partnership masthead: a short line naming the outlet "in partnership with" another
    ("The Wendover Herald · in partnership with Capital Trade Service"), no sentence: the
    syndication's furniture (thirteenth round)."""
    if text.rstrip().endswith(".") or _PARTNER.search(text) is None:
        return False
    return size(text) <= PARTNER_WORDS


def by_purpose(text: str) -> bool:
    """Whether ``text`` is one of this module's notices."""
    return (
        ad_label(text)
        or poll_question(text)
        or rating_line(text)
        or developing_note(text)
        or print_line(text)
        or translator_note(text)
        or independence_note(text)
        or ticker(text)
        or staff_byline(text)
        or tag_line(text)
        or author_profile(text)
        or partner_line(text)
        or _SUBSCRIBE.search(text) is not None
        or _FOLLOW_PAGE.search(text) is not None
        or by_document(text)
    )
