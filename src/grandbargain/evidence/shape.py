"""The shape and words of a passage in any script: sizes, fragments, captions, content terms.

The off-topic detector (:mod:`~grandbargain.evidence.offtopic`) judges passages by their shape
and by the words they share with the rest of their document. Both must work for text without
spaces between words (Chinese, Japanese) and for languages other than English:

- **Size.** A passage's size in words is its whitespace-separated tokens outside CJK runs plus
  one word per :data:`CJK_CHARS_PER_WORD` (2) characters of Chinese, Japanese or Korean script
  (a written Chinese word has about 1.5 to 2 characters), so a Chinese sentence of 60
  characters counts as 30 words, not as the single "word" that ``str.split`` sees.
- **Sentence ends** include every script's full stop and question mark
  (:data:`~grandbargain.evidence.scripts.SENTENCE_STOPS`: full-width ``。！？``, Urdu ``۔``,
  Arabic ``؟``, the dandas ...) and the closing brackets and quotation marks of CJK text.
- **Content terms.** Latin-script words are lower-cased; ASCII words go through the light
  English stemming and stop words of :func:`grandbargain.evidence.vectors.terms`, other words
  lose the stop words of :data:`OTHER_STOP_WORDS` (German, French, Spanish, Italian, Dutch,
  Portuguese function words). A run of CJK or Hangul characters becomes its character bigrams
  (Nie, Gao, Zhang and He, "On the use of words and n-grams for Chinese information
  retrieval", IRAL 2000: bigrams are a robust stand-in for segmented words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from grandbargain.evidence.persons import FIRST_PLURAL, GERMAN_FORMAL, SECOND_PERSON
from grandbargain.evidence.scripts import (
    CJK_RUN,
    FULL_STOPS,
    INDIC_MARKS,
    SENTENCE_STOPS,
    SPACELESS_RUN,
    WORD,
    cjk_chars,
    spaceless_chars,
    spaceless_terms,
    unstopped,
)
from grandbargain.evidence.scripts import size as size
from grandbargain.evidence.vectors import STOP_WORDS, stem
from grandbargain.model.schema import Scenario

FRAGMENT_WORDS = 8
SHORT_WORDS = 20
SHORT_PASSAGE_WORDS = 30
PREFIX_CHARS = 5
"""Words of a document in another Latin-script language are cut to their first five
characters, a stemmer for any such language ("Exportkontrollen" and "Export" meet)."""
TITLE_WORDS = 5

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_WORD_TOKEN = re.compile(f"{WORD}+(?:['’]{WORD}+)?")
"""A word of any script, Indic vowel signs and virama included (:data:`~.scripts.WORD`)."""
_US = re.compile(r"\bU\.S\.(?:A\.)?|\bUS\b|\bUSA\b")
_SENTENCE_END = re.compile(rf"[.!?…{SENTENCE_STOPS}][\"'”’)\]」』）]*(?:\[\d{{1,3}}\])*$")
"""A sentence's end, with closing quotes or brackets and reference marks after it ("...
the London meeting.[3]")."""
_STATEMENT_END = re.compile(rf"[.!…{FULL_STOPS}][\"'”’)\]」』）]*$")
_LIST_MARKER = re.compile(r"(?:[-–—•*·▪●]|\d{1,2}[.)])\s")
_QUOTES = re.compile(r"[\"“”‘’「」『』]|(?:^|\s)'|'(?:\s|$)")
_TITLE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Mt|St|Jr|Sr|Gen|Sen|Rep|Gov|Col|Rev)$")
"""An abbreviated title before a full stop ("Mr.", "Dr."): no sentence end, so "... led by Mr.
Bessent." ends in a name, not in a caption's credit."""
_CREDIT = re.compile(
    r"(?<!\b[A-Z])[.!?][\"'”’)]*\s+(\(?[A-Z][\w'’&.-]*(?:[\s:/,|-]+[A-Z][\w'’&.-]*){0,5}"
    r"(?:\s+for\s+[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})?\)?)\s*$"
)
_LABELLED_CREDIT = re.compile(
    r"(?:[.!?][\"'”’)]*\s+|[。！？])[(（]?[^\W\d_][\w'’-]*(?:\s?[:：/]\s*|=)[^\W\d_][^.!?:：。()（）]{0,40}[)）]?\s*$"
)

_PICTURE_LABEL = re.compile(
    r"(?i:photo|photograph|picture|image|foto|bild|imagen|immagine|credit)\s?[:：]\s"
    r"|(?:写真|照片|图片|圖片|사진|ຮູບພາບ|ຮູບ)\s?[:：]"
)
"""A caption opening with a picture's label ("Photo: ...", "写真：..."), its credit first."""
_PICTURE_ASIDE = re.compile(
    r"[(（](?:[^()（）\s][^()（）]{0,40}\s)?(?i:(?:file\s+|archive\s+)?(?:photo|photograph|picture|image|foto|bild|imagen|"
    r"immagine|archivbild)\b)[^()（）]{0,40}[)）]\s*$"
)
"""A caption ending with a picture's word in brackets, perhaps after its source ("... (file
photo)", "... (foto d'archivio)", "... (Pelican Newswire photo)")."""
CREDIT_CHARS = 120
"""How far from a passage's end its credit may begin (with the sentence end before it)."""
_CJK_CREDIT = re.compile(
    r"[。！？][（(][^（()）]{1,30}(?:摄|攝|供图|供圖|撮影)[)）]\s*$|[^\s。！？\d]＝[^\s＝。！？\d０-９]{1,12}$"
)

_STOP_TEXTS = {
    "de": """
        der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind
        war waren wird werden wurde wurden worden hat haben habe hatte hatten mit von zu zum zur
        im in am an auf aus bei für nach über um vor als auch sich sie er es ihr ihre ihren
        ihrem ihrer sein seine seinen seinem seiner dass wie noch nur mehr so bis seit wenn weil
        durch gegen ohne unter zwischen wieder nun schon sehr man kann können soll sollen muss
        will wir uns ich du dieser diese dieses diesem diesen jetzt erst bevor sowie ob denn
        doch ab alle alles viele einmal hier dort damit dabei dazu darauf
    """,
    "fr": """
        le la les un une des du de et ou mais ne pas est sont était étaient sera seront avec
        pour par sur dans au aux ce cet cette ces il elle ils elles qui que qu se sa son ses
        leur leurs plus comme été en à a ont avait avaient aussi tout tous toute toutes très
        sans sous entre depuis après avant donc car lors dont où selon nous vous on lui eux
        cela ça ceci ici même si
    """,
    "es": """
        el la los las un una unos unas del de al y o pero no es son fue fueron ser con por
        para en lo que se su sus más como este esta estos estas entre sin sobre a ha han había
        era está están también muy desde hasta cuando donde porque según tras ante bajo todo
        todos toda todas otro otra otros otras sido hay le les ya
    """,
    "it": """
        il lo la le gli i un una uno di da che non è sono con per tra fra nel nella nei delle
        dei della del al alla ai e o ma come anche più sul sulla ha hanno era stato questo
        questa questi dopo ancora se
    """,
    "nl": """
        de het een van en op te dat niet zijn voor met als ook aan bij in is was wordt worden
        werd heeft hebben had naar om uit door over tot maar of er die dit deze hun zij hij
        wij we nog al dan wel
    """,
    "pt": """
        o a os as um uma uns umas de do da dos das em no na nos nas e ou mas não é são foi
        com por pelo pela para que se seu sua seus suas mais como este esta entre sem sobre
        ao aos já também ser está estão
    """,
}
STOP_WORDS_BY_LANGUAGE = {code: frozenset(text.split()) for code, text in _STOP_TEXTS.items()}
"""Function words of other Latin-script languages (ISO 639-1 code -> words)."""
OTHER_STOP_WORDS = frozenset().union(*STOP_WORDS_BY_LANGUAGE.values())
"""Function words of all those languages: left out of content terms when they are not ASCII
(an accented function word is no English content word), whatever the document's language."""
CJK_STOP_CHARS = frozenset("的了是在和与及等也都将对为于这那其之而就被把从以并或但该此已")
"""Chinese function characters left out as single-character terms."""
LATIN_WORD = re.compile(r"[^\W\d_]+")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (Latin or full-width punctuation)."""
    return _SENTENCE_END.search(text.rstrip()) is not None


def ends_statement(text: str) -> bool:
    """Whether ``text`` ends like a statement (a full stop, not a question mark)."""
    return bool(_STATEMENT_END.search(text.strip()))


def is_fragment(text: str) -> bool:
    """A heading-like line rather than a sentence: fewer than :data:`FRAGMENT_WORDS` words,
    or fewer than :data:`SHORT_WORDS` without a sentence end (in Thai or Lao, which have no
    full stop, fewer than :data:`FRAGMENT_WORDS` words: :func:`unstopped`); in CJK script,
    fewer than :data:`SHORT_PASSAGE_WORDS` with no sentence end anywhere (a long Japanese
    headline: a Chinese or Japanese paragraph holds "。", a Korean one ends with ".")."""
    n = size(text)
    if unstopped(text):
        return n < FRAGMENT_WORDS  # Thai or Lao: no full stop, a long line is a sentence
    if n < FRAGMENT_WORDS or (n < SHORT_WORDS and not ends_sentence(text)):
        return True
    cjk = n < SHORT_PASSAGE_WORDS and 2 * cjk_chars(text) > len(text)
    return cjk and not ends_sentence(text) and not any(mark in text for mark in "。！？")


def is_title(text: str) -> bool:
    """A line shaped like a headline: :data:`TITLE_WORDS` words or more, no list marker in
    front, no full stop, exclamation mark or ellipsis at the end (a question is a headline)."""
    text = text.strip()
    if _LIST_MARKER.match(text) or _STATEMENT_END.search(text):
        return False
    return size(text) >= TITLE_WORDS


def is_caption(text: str) -> bool:
    """A short passage without quotation marks that opens with a picture's label ("Photo:
    ...", "写真：..."), ends with a picture's word in brackets ("(file photo)") or ends in a
    credit after its last sentence: one to six capitalised words without a full stop, perhaps
    in brackets or with "for" and a publication ("... Photo: Jane Doe", "... (Harbour Post /
    Pool)", "... Jane Doe for The Herald"), or a label, a colon or slash and a name of any
    case ("... (Photo: Xinhua)", "... Photograph: pool", "...。（图/新华社）", "... 사진=연합뉴스"),
    a CJK photographer's credit ("...。（新华社记者 王军 摄）") or a Japanese agency's after a
    full-width equals sign ("...（12日、ジュネーブ）＝ロイター")."""
    if size(text) > SHORT_PASSAGE_WORDS or _QUOTES.search(text):
        return False
    if opens_with_picture(text):
        return True
    if text.rstrip().endswith((")", "）")) and _PICTURE_ASIDE.search(text[-CREDIT_CHARS:]):
        return True
    tail = text[-CREDIT_CHARS:]  # a credit ends the passage: search its end only
    if _credit(tail):
        return True
    if any(mark in tail for mark in ":/：=") and _LABELLED_CREDIT.search(tail):
        return True
    return not tail.isascii() and _CJK_CREDIT.search(tail) is not None


def _credit(tail: str) -> bool:
    """Whether ``tail`` ends in a credit after a sentence end that is no title's full stop."""
    match = _CREDIT.search(tail)
    while match is not None and _TITLE_END.search(tail, 0, match.start()):
        match = _CREDIT.search(tail, match.start() + 1)
    return match is not None


def opens_with_picture(text: str) -> bool:
    """Whether ``text`` opens with a picture's label ("Photo: ...", "写真：...")."""
    return _PICTURE_LABEL.match(text.strip()) is not None


def stop_language(texts: Iterable[str]) -> str:
    """The language whose function words a document uses most: the ISO 639-1 code of one of
    :data:`STOP_WORDS_BY_LANGUAGE`, or ``en`` when English function words are at least as
    frequent (and for a document without Latin-script words)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(LATIN_WORD.findall(text.lower()))
    english = sum(n for word, n in counts.items() if word in STOP_WORDS)
    best, hits = "en", english
    for code, stops in STOP_WORDS_BY_LANGUAGE.items():
        found = sum(n for word, n in counts.items() if word in stops)
        if found > hits:
            best, hits = code, found
    return best


_PAIRED_QUOTES = re.compile(r'"[^"]*"|“[^”]*[”"]|„[^“”]*[“”]|«[^»]*»|「[^」]*」|『[^』]*』')
_OPEN_QUOTE = re.compile(r'["“„«「『]')
_CJK_READER = re.compile("您|你|あなた|당신|여러분")
_CJK_WE = re.compile("我们|我們|私たち|우리|本网|本網|本站|本报|本報|本刊|本文")
_WORD_WITH_START = re.compile(rf"([.!?:;]\s+|^\s*)?([^\W\d_](?:[^\W\d_]|[{INDIC_MARKS}])*)")
_HANDLE = re.compile(
    r"^(?:[^\w\s]{1,2}\s*)?(?:@[\w.]{2,30}|[^\W\d_]+_\w+|[a-z]+\d+\w*)(?:\s*\([^()]{1,12}\))?:\s"
)
_LABEL = re.compile(
    rf"([^\W\d][^:!?{SENTENCE_STOPS}：]{{0,40}}?)\s?(?::\s|：\s?)|【([^】]{{1,12}})】"
)
"""A label: a few words and a colon ("Sponsored: "), or a CJK bracketed label ("【速報】")."""
LABEL_WORDS = 3
_FIRST_SENTENCE = re.compile(rf"^(.*?[?!.{SENTENCE_STOPS}])(?:\s|$)")
QUESTION_WORDS = 8


def unquoted(text: str) -> str:
    """``text`` without quoted spans (and without the rest after an unclosed quote)."""
    text = _PAIRED_QUOTES.sub(" ", text)
    match = _OPEN_QUOTE.search(text)
    return text[: match.start()] if match else text


def _pronouns(table: dict[str, frozenset[str]], language: str) -> frozenset[str]:
    """English's and ``language``'s pronouns, and those of Ukrainian, Russian and Greek
    ("other"), read in every document: their letters are no Latin-script language's, so they
    cannot be taken for another language's words."""
    return table["en"] | table["other"] | table.get(language, frozenset())


def addresses_reader(text: str, language: str = "en") -> bool:
    """Whether ``text`` speaks to its reader outside quotation marks: a second-person pronoun
    of English or of the document's ``language`` (from :func:`stop_language`; in German the
    polite form in mid-sentence), or of Chinese, Japanese or Korean."""
    text = unquoted(text)
    if _CJK_READER.search(text):
        return True
    words = _pronouns(SECOND_PERSON, language)
    for match in _WORD_WITH_START.finditer(text):
        word = match.group(2)
        polite = language == "de" and word in GERMAN_FORMAL and match.group(1) is None
        if word.lower() in words or polite:
            return True
    return False


def speaks_as_we(text: str, language: str = "en") -> bool:
    """Whether ``text`` uses a first-person plural pronoun of English or of ``language``
    outside quotation marks, not in capitals ("us", not the country "US"), or one of
    Chinese, Japanese or Korean, or a Chinese publication's name for itself ("本网", "本文":
    this site, this article): a site speaking of itself."""
    text = unquoted(text)
    if _CJK_WE.search(text):
        return True
    words = _pronouns(FIRST_PLURAL, language)
    return any(
        match.group(2).lower() in words
        for match in _WORD_WITH_START.finditer(text)
        if not match.group(2).isupper()
    )


_INTERROGATIVE_TEXT = {
    "en": "what why how when where who which whose",
    "de": "was warum wie wann wo wer welche welcher welches",
    "fr": "que quoi pourquoi comment quand où qui quel quelle quels quelles",
    "es": "qué por cómo cuándo dónde quién cuál",
    "it": "cosa perché come quando dove chi quale",
    "nl": "wat waarom hoe wanneer waar wie welke",
    "pt": "o que porquê como quando onde quem qual",
}
_INTERROGATIVES = {code: frozenset(text.split()) for code, text in _INTERROGATIVE_TEXT.items()}
"""Question words, by language."""
_CJK_INTERROGATIVE = re.compile(
    "^(?:什么|为什么|为何|如何|怎么|怎样|哪些|何|なぜ|どう|何が|무엇|왜|어떻게)"
)


def opens_with_question_word(text: str, language: str = "en") -> bool:
    """Whether ``text`` begins with a question word of English or of ``language`` ("What to
    watch", "Why it matters", "Wie es weitergeht", "为什么重要"): the sub-headings of
    explainers."""
    text = text.strip()
    if _CJK_INTERROGATIVE.match(text):
        return True
    first = LATIN_WORD.match(text)
    words = _INTERROGATIVES["en"] | _INTERROGATIVES.get(language, frozenset())
    return first is not None and first.group(0).lower() in words


def is_list_item(text: str) -> bool:
    """Whether ``text`` begins with a list marker (a dash, a bullet, "1." or "1)")."""
    return _LIST_MARKER.match(text.strip()) is not None


def opens_with_handle(text: str) -> bool:
    """Whether ``text`` begins with a user name and a colon, as reader comments do: an
    ``@name``, a name joined by an underscore or lower-case letters followed by digits
    ("jm1984: ..."), never a capitalised word ("Bessent: ...", "Q: ..."); after a bullet glyph
    and before a score in brackets too, as annotation margins show them ("▸ @name (▲41): ...",
    sixteenth round)."""
    return _HANDLE.match(text) is not None


def label_of(text: str) -> str | None:
    """The label ``text`` opens with (see :func:`opens_with_label`), in lower case, or None."""
    match = _LABEL.match(text.strip())
    label = match.group(1) or match.group(2) if match else None
    if label is None or size(label) > LABEL_WORDS:
        return None
    return label.lower()


def opens_with_label(text: str) -> bool:
    """Whether ``text`` opens with a label of one to :data:`LABEL_WORDS` words and a colon
    ("Sponsored: ...", "Anzeige: ...", "Prairie_Dan: ...")."""
    return label_of(text) is not None


def opens_with_question(text: str) -> bool:
    """Whether ``text``'s first sentence is a question of at most :data:`QUESTION_WORDS`
    words ("Already a subscriber?", a related headline)."""
    match = _FIRST_SENTENCE.match(text.strip())
    first = match.group(1) if match else text.strip()
    return first.rstrip().endswith(("?", "？")) and size(first) <= QUESTION_WORDS


def _latin(token: str, stops: frozenset[str]) -> str:
    if token in stops:
        return ""
    if token.isascii():
        term = stem(token)
        keep = len(term) > 1 and term not in STOP_WORDS and token not in STOP_WORDS
        return term if keep else ""
    return token if len(token) > 1 and token not in OTHER_STOP_WORDS else ""


def tokens(text: str, language: str = "en") -> list[str]:
    """Content terms of ``text`` in any script (see the module docstring); ``language`` (from
    :func:`stop_language`) adds its function words to the English ones for ASCII words."""
    out: list[str] = []
    stops = STOP_WORDS_BY_LANGUAGE.get(language, frozenset())
    cut = PREFIX_CHARS if stops else None
    if spaceless_chars(text):
        out += spaceless_terms(text)
        text = SPACELESS_RUN.sub(" ", text)
    words = _TOKEN if text.isascii() else _WORD_TOKEN
    for token in words.findall(_US.sub(" usa ", text).lower().replace("’", "'")):
        if not CJK_RUN.search(token):
            term = _latin(token, stops)[:cut]
            if term:
                out.append(term)
            continue
        for run in CJK_RUN.findall(token):
            out += [ch for ch in run if ch not in CJK_STOP_CHARS]
            out += [run[k : k + 2] for k in range(len(run) - 1)]
        out += [t for t in (_latin(w, stops) for w in CJK_RUN.sub(" ", token).split()) if t]
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
