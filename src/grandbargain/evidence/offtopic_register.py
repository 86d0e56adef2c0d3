"""A story appended with no heading, told by a change of *register* at the end of a page.

An unrelated story appended after an article often shares its vocabulary (chip stocks after
chip export rules, a miner's results after rare-earth controls, a heat wave after talks held
in the same city), so neither the TF-IDF relevance of :mod:`~.offtopic_blocks` nor the names
it mentions separate it from the article's own ending. What changes is the kind of reporting:
the article reports a policy, the appended story a market session, a company's results or the
weather. A passage's *registers* (:func:`registers`) are read from the forms of such
reporting, not from the article's subjects:

- **market**: a price moving - shares, an index, futures, yields or a currency with a verb of
  movement, or such a verb with a percentage ("gained 4 percent", "up 0.2 per cent");
  analysts' price targets, a market value;
- **results**: a company's figures - revenue, profit, earnings, guidance, margins, unit
  costs, or its output or sales moving to a figure ("Production fell to 2,510 tonnes");
- **weather**: degrees, temperatures, forecasters, a heat wave, rain, frost, drought, gales;
- **business**: market and results together, tried last (a company's results and its share
  price in one story).

The tail (:func:`register_tail`) is read from the end of the body backwards: its last passage
may be outside the register (a story's closing line), then every passage must be in it or go
on speaking of the tail's own subject ("The company ...", "Its ...", "Chief executive ...");
the tail must hold two passages in the register and open with one. Four guards keep an
article's own ending, which may report the market's reaction in the same words:

- the article's *head* (headline and leading passages up to :data:`~.offtopic_blocks.CORE_WORDS`
  words) holds no passage in the register: a page about markets or the weather ends in its own
  register;
- no passage of the tail ties itself to the article's event ("after the announcement", "on
  the news", "in response to", "the move", "the deal", "the truce");
- the article keeps :data:`_ARTICLE_LEFT` (3) body passages before the tail;
- the document is in English (the forms are English words; other languages are not judged).

A single passage of market reaction ("Tokyo Electron shares fell 2 per cent after the
announcement") is never a tail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from grandbargain.evidence.offtopic_page import APPENDED_PREFIX, Page
from grandbargain.evidence.shape import LATIN_WORD

__all__ = ["REGISTERS", "REGISTER_TAIL", "register_tail", "registers"]

REGISTER_TAIL = APPENDED_PREFIX + " in another register than the article ({})"

_MOVE = (
    r"(?:rose|rise[sn]?|fell|fall(?:s|en)?|gain(?:ed|s)?|slipped|slips?|climb(?:ed|s)?|"
    r"dropped|drops?|jump(?:ed|s)?|surged?|tumbled?|lost|advanced|declined|slid|sank|"
    r"rall(?:ied|ies)|eased|edged|soared|plunged|steadied|strengthened|weakened)"
)
_PERCENT = r"\d[\d.,]*\s*(?:%|percent\b|per cent\b)"
_MARKET = re.compile(
    rf"\b(?:shares?|stocks?|index|indices|futures|yields?|dollar|yuan|euro|yen)\b[^.;]*\b{_MOVE}\b"
    rf"|\b{_MOVE}\b[^.;]*?{_PERCENT}|\b(?:up|down)\s+(?:about\s+|nearly\s+)?{_PERCENT}"
    r"|\bprice targets?\b|\bmarket (?:value|capitali[sz]ation)\b|\btrading (?:volume|session)\b",
    re.IGNORECASE,
)
_RESULTS = re.compile(
    r"\b(?:revenue|profits?|earnings|net income|guidance|operating margin|gross margin|"
    r"unit costs|full-year|half-year|quarterly results)\b"
    rf"|\b(?:production|output|sales|shipments)\b[^.;]*\b{_MOVE}\b\s+(?:to|by)\s+\d",
    re.IGNORECASE,
)
_WEATHER = re.compile(
    r"\b(?:degrees|temperatures?|heat ?waves?|forecasters?|rainfall|showers|frost|drought|"
    r"dry (?:weather|spell)|cooler air|warmer air|snowfall|gales?|gusts?|storm (?:system|front)|"
    r"heavy rain)\b",
    re.IGNORECASE,
)
REGISTERS: dict[str, re.Pattern[str]] = {
    "market": _MARKET,
    "results": _RESULTS,
    "weather": _WEATHER,
    "business": re.compile(f"{_MARKET.pattern}|{_RESULTS.pattern}", re.IGNORECASE),
}
"""Each register and the forms of its reporting, tried in this order: a company's results
story often ends with its share price, so market and results together make a fourth."""

_CONTINUES = re.compile(
    r"^(?:The (?:company|firm|group|miner|chipmaker|stock|shares|bank|carmaker)|Its|It|"
    r"Their|They|He|She|Chief (?:executive|financial officer))\b"
)
_TIES_BACK = re.compile(
    r"\b(?:after|following|on|since) the (?:announcement|news|decision|move|rules?|deal|"
    r"agreement|measures?|talks|controls|curbs|restrictions|tariffs?|order|ruling)\b"
    r"|\bin (?:response|reaction) to\b"
    r"|\bthe (?:move|decision|announcement|news|escalation|truce|deal|agreement|ruling)\b",
    re.IGNORECASE,
)
Registers = Callable[[int], frozenset[str]]
"""A passage's registers, by index (computed once per passage)."""
_TAIL_REGISTERED = 2
"""Passages in the register a tail needs: one sentence of market reaction is no story."""
_ARTICLE_LEFT = 3
"""Body passages the article keeps before a tail: a short article (three paragraphs) may
carry a longer story, since its head already shows that it is in another register."""


_CUE_TEXT = """
    rose rise rises risen fell fall falls fallen gain gained gains slipped slip slips climb
    climbed climbs dropped drop drops jump jumped jumps surge surged tumble tumbled lost
    advanced declined slid sank rallied rallies eased edged soared plunged steadied
    strengthened weakened price targets target market trading percent cent revenue profit
    profits earnings income guidance margin costs full half quarterly production output sales
    shipments degrees temperature temperatures heat heatwave heatwaves forecaster forecasters
    rainfall showers frost drought weather spell cooler warmer snowfall gale gales gust gusts
    storm rain
"""
_CUE_WORDS = frozenset(_CUE_TEXT.split())
"""A cheap test first: words without which no register's form can match (or a "%")."""


def registers(text: str) -> frozenset[str]:
    """The registers whose forms ``text`` shows (see the module docstring)."""
    if "%" not in text and _CUE_WORDS.isdisjoint(LATIN_WORD.findall(text.lower())):
        return frozenset()
    found = {name for name in ("market", "results", "weather") if REGISTERS[name].search(text)}
    if "market" in found or "results" in found:
        found.add("business")
    return frozenset(found)


def _run(texts: Sequence[str], body: Sequence[int], name: str, regs: Registers) -> list[int]:
    """The trailing run of ``body`` in register ``name``: a last passage outside it may close
    the run; before it, passages in the register or speaking on of the tail's subject. The
    run opens with a passage in the register."""
    end = len(body)
    if end and name not in regs(body[-1]):
        end -= 1
    start = end
    while start > 0:
        k = body[start - 1]
        if not (name in regs(k) or _CONTINUES.match(texts[k])):
            break
        start -= 1
    while start < end and name not in regs(body[start]):
        start += 1  # a tail opens with its register, not with "It" or "The company"
    return list(body[start:]) if start < end else []


def _head(doc: Page, body: Sequence[int], words: int) -> list[int]:
    head = list(doc.title())
    total = 0
    for i in body:
        if total >= words:
            break
        head.append(i)
        total += doc.sizes[i]
    return head


def register_tail(doc: Page, head_words: int) -> bool:
    """Flag a story appended at the end of the body in another register than the article's
    head (``head_words``: the words of body text the head holds); whether one was found."""
    body = [i for i in range(len(doc.texts)) if doc.in_body(i)]
    if doc.language != "en" or len(body) < _ARTICLE_LEFT + _TAIL_REGISTERED:
        return False
    cache: dict[int, frozenset[str]] = {}

    def regs(i: int) -> frozenset[str]:
        if i not in cache:
            cache[i] = registers(doc.texts[i])
        return cache[i]

    head = set().union(*(regs(i) for i in _head(doc, body, head_words)))
    for name in REGISTERS:
        if name in head:
            continue
        tail = _run(doc.texts, body, name, regs)
        registered = sum(1 for i in tail if name in regs(i))
        if registered < _TAIL_REGISTERED or len(body) - len(tail) < _ARTICLE_LEFT:
            continue
        if any(_TIES_BACK.search(doc.texts[i]) for i in tail):
            continue
        doc.mark(tail, REGISTER_TAIL.format(name))
        return True
    return False
