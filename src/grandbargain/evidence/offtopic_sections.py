"""The article's own section headings that share no words with it (ninth round).

A sub-heading names what follows in the writer's words ("Background", "Exceptions", "Our
view", "Plugging the gaps"), so it often shares no term with the article and looked like a
stray line. Three forms are the article's own (:func:`in_article` asks for them beside the
earlier rounds' forms):

- **A one-word heading of a sectioned article** (:func:`own_heading`): in an article that has
  sub-headings (:attr:`~.offtopic_page.Page.sectioned`), a line of one word, not in capitals,
  between two kept sentences of the article's span, the sentence after it sharing the
  article's words (overlap at least :data:`HEADING_FOLLOWER_OVERLAP`), is one more
  sub-heading - unless it is a word of page furniture (:data:`FURNITURE`: an advertisement's
  or a widget's label in the languages of the stop-word lists).
- **The first section's heading** (:func:`lead_heading`): in such an article, a line of at
  most three words below the headline and right above the lead ("Key takeaways", "Summary").
- **An encyclopaedia's section heading** (:func:`edit_heading`, tenth round): a line ending
  in its edit link ("Background[edit]") above a kept sentence, unless it heads the
  references or links.
- **A short sentence after a kept one** (:func:`short_sentence`, thirteenth round): a
  statement of four words or more ending with a full stop, right after a sentence of the
  article, is the article going on, not a stray line nor boilerplate beside an
  advertisement line after it.
- **A year heading a chronology** (:func:`~.stamps.year_headings`): a line holding a year
  alone, above an entry opening with a day and month ("6 July: ..."), two such lines or more
  on the page.
"""

from __future__ import annotations

import re

from grandbargain.evidence.notice import calls_to_action, has_copyright, is_byline, speaks_as_i
from grandbargain.evidence.notice_forms import production_credit
from grandbargain.evidence.offtopic_page import Page, heading_shaped
from grandbargain.evidence.shape import (
    SHORT_PASSAGE_WORDS,
    ends_sentence,
    ends_statement,
    is_list_item,
    label_of,
    opens_with_label,
    opens_with_question_word,
)
from grandbargain.evidence.stamps import is_cue_timing, is_time_stamp

_FURNITURE_TEXT = """
    advertisement advertising ad ads sponsored promoted related recommended trending share
    shares watch listen comments comment subscribe newsletter podcast video videos gallery
    photos popular more menu search login anzeige werbung publicité publicidad pubblicità
    publicidade advertentie reclame sponsorisé patrocinado skip print download save email
    home latest continue continues continued scroll shop show highlight highlights story
    manage preferences cookies cookie settings escuchar écouter ascolta ouvir hören anhören
"""
FURNITURE = frozenset(_FURNITURE_TEXT.split())
"""Words that label page furniture, never a section of the article (lower case)."""
LEAD_HEADING_WORDS = 3
HEADING_FOLLOWER_OVERLAP = 0.2
"""How much of its terms the sentence below a one-word sub-heading shares with the article."""
_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
_GLOSSARY = re.compile(
    r"^(?:Glossary|Key\s+terms|Terms\s+to\s+know|Definitions|Jargon\s+buster|Glossar|Glossaire|"
    r"Glosario|Glossario|Glossário|Woordenlijst|Słowniczek|用語集|用语|术语|術語|용어\s*설명)\s*:?$",
    re.IGNORECASE,
)
"""A glossary's heading: the terms under it are the article's own."""


def own_heading(doc: Page, i: int, limit: float) -> bool:
    """Whether line ``i`` is a one-word sub-heading of a sectioned article (see the module
    docstring); ``limit`` is the overlap the sentence after it must reach."""
    text = doc.texts[i].strip()
    if not doc.sectioned or doc.first_long is None or doc.last_long is None:
        return False
    if not doc.first_long < i < doc.last_long or _WORD.match(text) is None:
        return False
    if text.isupper() or text.lower() in FURNITURE or ends_sentence(text) or is_list_item(text):
        return False
    before, after = i - 1, i + 1
    if not (doc.in_body(before) and doc.in_body(after)):
        return False
    return doc.overlap(after) >= limit


def in_article(doc: Page, i: int) -> bool:
    """A short line that is part of the article's own structure: a sub-heading opening with a
    question word ("What to watch", "Why it matters") before a kept sentence, a date heading
    a section of a timeline, a line opening with a label that opens other passages too ("Q:")
    before a kept sentence, a glossary's heading above a labelled entry, a sub-heading
    between kept sentences of an article that has sub-headings (:attr:`Page.sectioned`), a
    short sentence after a kept one (:func:`short_sentence`) or one in the writer's voice
    (:func:`own_voice`), a slide's title below a line numbering the slides
    (:attr:`~.offtopic_page.Page.paged`) and above a kept sentence, or an item of a bulleted
    list whose neighbouring item is a kept sentence."""

    def kept_sentence(k: int) -> bool:
        return 0 <= k < len(doc.texts) and doc.in_body(k)

    text = doc.texts[i]
    if i in doc.dated_sections or cue_text(doc, i):
        return True
    if doc.sectioned and heading_shaped(doc, i) and kept_sentence(i - 1) and kept_sentence(i + 1):
        return True
    if short_sentence(doc, i) or own_voice(doc, i):
        return True
    if slide_title(doc, i):
        return True
    if own_heading(doc, i, HEADING_FOLLOWER_OVERLAP) or lead_heading(doc, i):
        return True
    if edit_heading(text) and kept_sentence(i + 1):
        return True
    if (
        _GLOSSARY.match(text.strip())
        and kept_sentence(i + 1)
        and opens_with_label(doc.texts[i + 1])
    ):
        return True  # a glossary's heading above its first entry (eighteenth round)
    if section_heading(doc, i):
        return True
    if opens_with_question_word(text, doc.language) and kept_sentence(i + 1):
        return True
    if label_of(text) in doc.repeated_labels and kept_sentence(i + 1):
        return True  # an interview's question ("Q: Can I avoid them?") before its answer
    if kept_sentence(i + 1) and asked(doc, i) and page_of_questions(doc, i):
        return True
    return is_list_item(text) and any(
        kept_sentence(k) and is_list_item(doc.texts[k]) for k in (i - 1, i + 1)
    )


SECTION_HEADING_WORDS = 5
"""Most words of a section's heading in the article's own words ("Summary of holding")."""
SECTION_FOLLOWER_OVERLAP = 0.1
"""How much of its terms the sentence below a section's heading shares with the article (an
inflected language shares less: Polish 0.14)."""
SECTION_LOOKBACK = 3
"""How far above a section's heading (over a caption or an advertisement) the article's text
may end."""


_NOT_HEADING = re.compile(r"\d|:$")


def section_heading(doc: Page, i: int) -> bool:
    """Whether line ``i`` heads a section of the article in any language (fifteenth round): a
    line of two to :data:`SECTION_HEADING_WORDS` words inside the article's span, without a
    full stop, figure or closing colon, opening with a letter, not in capitals, not a list
    item, without a furniture word, not speaking to the reader and not a
    name of capitalised words, right above a kept sentence that shares the article's words
    (overlap at least :data:`SECTION_FOLLOWER_OVERLAP`) and with a kept sentence of the
    article at most :data:`SECTION_LOOKBACK` lines above it ("Dopady na evropský průmysl",
    "Co dalej z cłami?", "Our view", "Summary of holding"). Whether the section goes on with
    the article is step 8's to judge: an appended story under such a line takes it along."""
    text = doc.texts[i].strip()
    first = doc.first_long
    if first is None or i <= first or i == doc.headline or i + 1 >= len(doc.texts):
        return False
    if not doc.fragment[i] or doc.sizes[i] > SECTION_HEADING_WORDS or ends_statement(text):
        return False
    if text.isupper() or is_list_item(text) or doc.you[i] or doc.sizes[i] < 2:
        return False
    if _NOT_HEADING.search(text) is not None or not text.lstrip("¿¡\"“«„'")[:1].isalpha():
        return False
    words = text.split()
    if any(word.lower() in FURNITURE for word in words):
        return False
    if len(words) > 1 and all(word[:1].isupper() for word in words):
        return False  # a name ("Jane Doe"): a byline without "By", not a heading
    if not doc.in_body(i + 1) or doc.overlap(i + 1) < SECTION_FOLLOWER_OVERLAP:
        return False
    return any(doc.in_body(k) for k in range(max(first, i - SECTION_LOOKBACK), i))


QUESTIONS = 2
"""Other kept questions, each before a kept answer, that make a page one of questions."""


def asked(doc: Page, i: int) -> bool:
    """Whether line ``i`` is a question: it ends with a question mark."""
    return doc.texts[i].rstrip().endswith(("?", "？", "؟"))


def page_of_questions(doc: Page, i: int) -> bool:
    """Whether the page is an interview or a question-and-answer explainer: besides line
    ``i``, :data:`QUESTIONS` kept questions or more come each right before a kept sentence
    ("When you started, how much of your work was about China?", "5. What changed on 9
    October?"). Its questions are its own text, whatever their words (fourteenth round)."""
    found = 0
    for k in range(len(doc.texts) - 1):
        if k != i and doc.reasons[k] is None and asked(doc, k) and doc.in_body(k + 1):
            found += 1
            if found >= QUESTIONS:
                return True
    return False


SHORT_SENTENCE_WORDS = 4
BRIEF_SENTENCE_WORDS = 2
"""Words of a brief sentence inside a run of the article's short paragraphs: "Nothing came.",
"Then Busan." (a feature told in short paragraphs; sixteenth round)."""
_LINK = re.compile(r"https?:|www\.|@\w|\.(?:com|org|net)\b")


def short_sentence(doc: Page, i: int) -> bool:
    """A short sentence of the article (thirteenth round): a statement ending with a full stop,
    of :data:`SHORT_SENTENCE_WORDS` words or more, opening with a capital, without a label or
    a link, not speaking to the reader, right after a kept sentence of the article's span
    (below the headline on a page whose every sentence speaks as "we") and not its last
    line ("Markets fell sharply after the announcement.", "This year I am no longer sure."),
    or inside a run of the article's short paragraphs (:func:`_between_sentences`, then from
    :data:`BRIEF_SENTENCE_WORDS` words: "Nothing came."; sixteenth round). Speaking as
    "we" it is the article only after a sentence that does too (a podcast's "We also ask
    ...", not a site's "Subscribe to our channel ..." after its reporting)."""
    text = doc.texts[i].strip()
    start = doc.headline if doc.first_long is None else doc.first_long
    if start is None or not start < i < len(doc.texts) - 1:
        return False
    brief = doc.sizes[i] < SHORT_SENTENCE_WORDS
    if (brief and not _between_sentences(doc, i)) or doc.you[i]:
        return False
    if not ends_statement(text) or text.endswith(("!", "！", "...", "…")):
        return False
    if not text[0].isalpha() or text[0].islower() or opens_with_label(text) or _LINK.search(text):
        return False
    kept = doc.in_body(i - 1) or _between_sentences(doc, i)
    return kept and (doc.we[i - 1] or not doc.we[i])


def _between_sentences(doc: Page, i: int) -> bool:
    """A line of :data:`BRIEF_SENTENCE_WORDS` words or more inside a run of the article's
    short paragraphs: an unflagged sentence above it (a short paragraph itself), a kept
    sentence below."""
    above = doc.reasons[i - 1] is None and ends_statement(doc.texts[i - 1].strip())
    return doc.sizes[i] >= BRIEF_SENTENCE_WORDS and above and doc.in_body(i + 1)


def slide_title(doc: Page, i: int) -> bool:
    """A slide's title (thirteenth round): a line without a sentence end, nor a label alone
    ("Notes:"), right below a line numbering the deck's slides ("Slide 2 of 6 | ...":
    :attr:`~.offtopic_page.Page.paged`) and above a kept sentence."""
    text = doc.texts[i].rstrip()
    if i == 0 or i + 1 >= len(doc.texts) or ends_sentence(text) or text.endswith((":", "：")):
        return False
    return i - 1 in doc.paged and doc.in_body(i + 1)


def own_voice(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is a statement speaking as "we" only (not to the reader, not
    naming the site, no copyright sign, call to action or label) right after a kept
    sentence in the first person, "I" or "we": the writer's voice going on ("We should make
    them predictable again." closing an op-ed), not a site's notice after its reporting
    (thirteenth round). End matter stops there."""
    text = doc.texts[i]
    if i == 0 or not doc.we[i] or doc.you[i] or doc.names_site(i) or has_copyright(text):
        return False
    if not ends_statement(text) or calls_to_action(text) or opens_with_label(text):
        return False
    k = i - 1
    return doc.in_body(k) and (doc.we[k] or speaks_as_i(doc.texts[k], doc.language))


def own_line(doc: Page, i: int) -> bool:
    """A short sentence after a kept one, a slide's title, a subtitle's words, a section's
    heading, or a heading opening with a question word above a kept sentence ("What happened"
    below a sponsor's line; sixteenth round): never boilerplate beside an advertisement line,
    a slide's number, a cue's timing or a photo caption."""
    if short_sentence(doc, i) or slide_title(doc, i) or cue_text(doc, i):
        return True
    below = i + 1 < len(doc.texts) and doc.in_body(i + 1)
    asks = below and opens_with_question_word(doc.texts[i], doc.language)
    return section_heading(doc, i) or (asks and doc.fragment[i])


def own_end(doc: Page, i: int) -> bool:
    """A last line that is the page's own: the writer's voice going on (:func:`own_voice`), a
    subtitle's words (:func:`cue_text`) or a slide's text below its counter ("6/7": the
    carousel's last slide, fifteenth round); end matter stops there."""
    return own_voice(doc, i) or cue_text(doc, i) or (i - 1 in doc.paged and not doc.fragment[i])


def stamp_line(doc: Page, i: int) -> bool:
    """A time stamp, a byline or a subtitle cue's timing, unless a timeline's date heads a
    section with it."""
    text = doc.texts[i]
    stamped = is_time_stamp(text) or is_byline(text) or is_cue_timing(text)
    return stamped and i not in doc.dated_sections


def reader_prompt(doc: Page, i: int) -> bool:
    """A short passage speaking to the reader which also speaks as "we", names the site or
    opens with a label ("Sponsored: protect your harvest ..."). An explainer's "If you import
    toys, your duty stays at 30 per cent" is kept, and so is a page written in the first
    person (:attr:`~.offtopic_page.Page.personal`) speaking as "we" ("We landed ..., which
    tells you where the week will go": a diary, eighteenth round)."""
    text = doc.texts[i]
    if doc.sizes[i] >= SHORT_PASSAGE_WORDS or not doc.you[i]:
        return False
    labelled = opens_with_label(text) and label_of(text) not in doc.repeated_labels
    return (doc.we[i] and not doc.interludes and not doc.personal) or doc.names_site(i) or labelled


DIGEST_OVERLAP = 0.15
"""Overlap below which a briefing's item is about another subject than the page's."""


def digest_item(doc: Page, i: int) -> bool:
    """A briefing's item on another subject (fourteenth round): on a page of one-word labelled
    items (:attr:`~.offtopic_page.Page.digest`), a short passage opening with such a label
    ("Weather: Showers spread south ...", "Football: ...") whose terms the rest of the page
    hardly shares (overlap below :data:`DIGEST_OVERLAP`). The item the page is about shares
    them, and is kept with its paragraphs."""
    if not doc.digest or doc.sizes[i] >= SHORT_PASSAGE_WORDS:
        return False
    label = label_of(doc.texts[i])
    return label is not None and " " not in label and doc.overlap(i) < DIGEST_OVERLAP


def cue_text(doc: Page, i: int) -> bool:
    """A line right below a subtitle cue's timing ("00:01:02,500 --> 00:01:05,000"): the
    recording's words, however short, unless a credit ("Subtitles by ...": fourteenth round)."""
    return i > 0 and is_cue_timing(doc.texts[i - 1]) and not production_credit(doc.texts[i])


_EDIT_LINK = re.compile(
    r"^(.{1,60}?)\s*\[\s*(?:edit(?:\s+source)?|modifier|bearbeiten|Quelltext\s+bearbeiten|editar|"
    r"modifica|bewerken|edytuj|redigera|muokkaa|sửa|düzenle|編集|编辑|編輯|편집|правка|"
    r"править)\s*\]\s*$",
    re.IGNORECASE,
)
_APPARATUS = re.compile(
    r"^(?:References|Notes|Footnotes|Sources|Citations|See\s+also|External\s+links|Further\s+"
    r"reading|Bibliography|Einzelnachweise|Weblinks|Literatur|Références|Notes\s+et\s+"
    r"références|Liens\s+externes|Voir\s+aussi|Referencias|Enlaces\s+externos|Véase\s+"
    r"también|Note|Collegamenti\s+esterni|Voci\s+correlate|Przypisy|Bibliografia|参考文献|"
    r"脚注|関連項目|外部リンク|参考资料|外部链接)$",
    re.IGNORECASE,
)


def edit_heading(text: str) -> bool:
    """Whether ``text`` is an encyclopaedia's section heading with its edit link
    ("Background[edit]", "Contexte[modifier]"): the article's own sub-heading, judged without
    the link, unless it heads the page's apparatus ("References[edit]", "See also[edit]",
    "Weblinks[Bearbeiten]"), which is off-topic like what it heads."""
    match = _EDIT_LINK.match(text.strip())
    return match is not None and _APPARATUS.match(match.group(1).strip()) is None


def lead_heading(doc: Page, i: int) -> bool:
    """Whether line ``i`` is the first section's heading: in an article with sub-headings, a
    line of at most :data:`LEAD_HEADING_WORDS` words below the headline and right above the
    lead, not in capitals, without a sentence end, not opening with a furniture word and not
    a name of capitalised words ("Key takeaways", "Summary"; never "Advertisement", "Listen",
    "Jane Doe")."""
    if doc.first_long is None or i + 1 != doc.first_long or not doc.sectioned:
        return False
    text = doc.texts[i].strip()
    if text.split()[0].lower() in FURNITURE or ends_sentence(text) or text.isupper():
        return False
    if len(text.split()) > 1 and all(word[:1].isupper() for word in text.split()):
        return False  # a name ("Jane Doe"): a byline without "By", not a heading
    return doc.headline is not None and doc.headline < i and doc.sizes[i] <= LEAD_HEADING_WORDS


_WHOLE_QUOTE = re.compile(r'^\s*["“«„]([^"“”«»„]{10,300})["”»“]\s*$')
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|according|asked|added|wrote|writes|argued|noted|sagte|dit|dijo|"
    r"disse|ha\s+detto)\b",
    re.IGNORECASE,
)
PULL_QUOTE_SHARE = 0.6
"""Share of a pull quote's terms another passage of the article holds (it repeats it)."""


def pull_quote(doc: Page, i: int) -> bool:
    """Whether passage ``i`` is a pull quote: wholly in quotation marks, without a speaker or a
    verb of saying, inside the article's span and not its headline, and repeating the words
    of another passage of the article (at least :data:`PULL_QUOTE_SHARE` of its terms): a
    magazine sets a line of its text in large type between paragraphs."""
    match = _WHOLE_QUOTE.match(doc.texts[i])
    if match is None or _ATTRIBUTION.search(match.group(1)) or i == doc.headline:
        return False
    if doc.first_long is None or doc.last_long is None:
        return False
    if not doc.first_long < i < doc.last_long or not doc.sets[i]:
        return False
    held = set(doc.sets[i])
    return any(
        len(held & set(doc.sets[k])) >= PULL_QUOTE_SHARE * len(held)
        for k in range(doc.first_long, doc.last_long + 1)
        if k != i and doc.in_body(k)
    )
