"""The deal's sentences: the likely deal and its probability, each side's gain over no deal,
and the trades that carry it. Templates filled from the outlook; nothing is computed here
beyond choosing what to say and writing numbers."""

from __future__ import annotations

import datetime as dt

from grandbargain.brief.evidence import EvidenceBook, unique
from grandbargain.brief.result import TOLERANCE, Section, Sentence
from grandbargain.brief.words import joined, percent, plural, signed
from grandbargain.model.schema import Scenario
from grandbargain.outlook import Gain, MostLikely, Outlook, Trade

NO_DEAL = (
    "{when}, the most likely outcome is no deal: the status quo continues on every issue "
    "(probability {p})."
)
A_DEAL = "{when}, the most likely outcome is a deal (probability {p})."
LIKELY_DEAL = "The most likely deal (probability {p}) moves {moved} of {total} off the status quo: "
THAT_DEAL = "It moves {moved} of {total} off the status quo: "
MOVE = "{title}: {old} -> {new}"
REST = (
    "The other {rest} is spread over other packages, none likelier; each issue's own "
    "probabilities are below."
)
NEVER = "No predictor found a deal on any draw, so no deal is described and nobody gains."
GAIN = "{party}: {gain} utility over no deal from that deal ({span}){worse}."
WORSE = "; worse than no deal"
NOMINAL = "nominal: no draws"
INTERVAL = "5-95% over {draws} draws: {low} to {high}"
SCALE = (
    "Utilities are on the 0-1 scale of each side's weights and option values; no deal is the "
    "status quo on the date."
)
TRADE = "{moves} (gains {gains}; joint {joint})."
GIVES = "{who} gives {title}: {label}"
BOTH_GAIN = "both gain on {title}: {label}"
NO_TRADE = (
    "No trade (each side giving one move for another) lies inside the deal: its moves are "
    "not carried by logrolls."
)
UNBACKED = "not backed: the scenario gives no evidence for these numbers"
INTERVAL_BASIS = (
    "intervals over Monte Carlo draws of the scenario's uncertain numbers (its distributions "
    "and the ranges of its assumptions)"
)


def when(as_of: dt.date | None) -> str:
    """The date the briefing speaks for, as a sentence opening."""
    return "With every dated event applied" if as_of is None else f"As of {as_of.isoformat()}"


def moves_of(outlook: Outlook, deal: MostLikely) -> list[tuple[str, str, str]]:
    """The deal's moves off the status quo: (issue id, status quo id, option id), in the
    scenario's issue order."""
    return [
        (item.id, item.status_quo, deal.package[item.id])
        for item in outlook.issues
        if deal.package[item.id] != item.status_quo
    ]


def _label(outlook: Outlook, issue: str, option: str) -> str:
    return next(o.label for o in outlook.issue(issue).options if o.id == option)


def headline(outlook: Outlook, book: EvidenceBook, model: str) -> list[Sentence]:
    """What the outlook says happens, and, when no deal is likelier, the likeliest deal."""
    top, deal = outlook.most_likely, outlook.likely_deal
    opening = NO_DEAL if top.is_status_quo else A_DEAL
    text = opening.format(when=when(outlook.as_of), p=percent(top.probability))
    sentences = [Sentence(text, (), model)]
    if deal is None:
        return [*sentences, Sentence(NEVER, (), model)]
    moves = moves_of(outlook, deal)
    listed = [
        MOVE.format(
            title=outlook.issue(i).title,
            old=_label(outlook, i, old),
            new=deal.labels[i],
        )
        for i, old, _ in moves
    ]
    template = LIKELY_DEAL if top.is_status_quo else THAT_DEAL
    total = plural(len(outlook.issues), "issue")
    text = template.format(p=percent(deal.probability), moved=len(moves), total=total)
    keys = unique(k for i, _, new in moves for k in book.option(i, new))
    sentences.append(Sentence(text + "; ".join(listed) + ".", keys, model))
    shown = top.probability + (deal.probability if top.is_status_quo else 0.0)
    rest = REST.format(rest=percent(max(0.0, 1.0 - shown)))
    return [*sentences, Sentence(rest, (), model)]


def _span(gain: Gain, draws: int) -> str:
    if gain.low is None or gain.high is None:
        return NOMINAL
    return INTERVAL.format(draws=draws, low=signed(gain.low), high=signed(gain.high))


def gains(outlook: Outlook, book: EvidenceBook) -> list[Sentence]:
    """Each side's gain over no deal from the likely deal, with its interval over draws."""
    if outlook.likely_deal is None:
        return []
    moves = moves_of(outlook, outlook.likely_deal)
    basis = None if outlook.nominal else INTERVAL_BASIS
    sentences = []
    for gain in outlook.gains:
        keys = unique(k for i, old, new in moves for k in book.stance(gain.party, i, (old, new)))
        text = GAIN.format(
            party=gain.party,
            gain=signed(gain.nominal),
            span=_span(gain, outlook.draws),
            worse=WORSE if gain.nominal < -TOLERANCE else "",
        )
        marks = "; ".join(m for m in (basis, None if keys else UNBACKED) if m)
        sentences.append(Sentence(text, keys, marks or None))
    return [*sentences, Sentence(SCALE)] if sentences else []


def _givers(scenario: Scenario, issue: str, option: str, status_quo: str) -> list[str]:
    """The parties that value ``option`` below the status quo on the issue: they give it."""
    found = []
    for party in scenario.parties:
        stance = party.stances.get(issue)
        if stance is not None and stance.values.get(option, 0) < stance.values.get(status_quo, 0):
            found.append(party.name)
    return found


def trade_sentence(
    outlook: Outlook, scenario: Scenario, trade: Trade, book: EvidenceBook
) -> Sentence:
    """One trade: who gives which move, and each side's gain from the trade."""
    parts: list[str] = []
    keys: list[str] = []
    for issue, option in trade.moves.items():
        old = outlook.issue(issue).status_quo
        who = _givers(scenario, issue, option, old)
        title, label = outlook.issue(issue).title, trade.labels[issue]
        if who:
            parts.append(GIVES.format(who=joined(who), title=title, label=label))
        else:
            parts.append(BOTH_GAIN.format(title=title, label=label))
        keys += book.move(issue, option, old)
    text = TRADE.format(
        moves=" <-> ".join(parts),
        gains=", ".join(f"{p} {signed(g)}" for p, g in trade.gains.items()),
        joint=signed(trade.joint_gain),
    )
    return Sentence(text, unique(keys), None if keys else UNBACKED)


def deal_sections(
    outlook: Outlook, scenario: Scenario, book: EvidenceBook, model: str
) -> list[Section]:
    """The "likely deal" section and, when there is a deal, the "trades" section."""
    first = Section(
        "deal", "The likely deal", (*headline(outlook, book, model), *gains(outlook, book))
    )
    if outlook.likely_deal is None:
        return [first]
    trades = [trade_sentence(outlook, scenario, t, book) for t in outlook.trades]
    title = "Trades"
    if trades:
        title = (
            "The trade that carries it"
            if len(trades) == 1
            else f"The {len(trades)} trades that carry it"
        )
    return [first, Section("trades", title, tuple(trades) or (Sentence(NO_TRADE),))]
