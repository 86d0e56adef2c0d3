"""What blocks the moves an unconstrained deal would make (and who), where the predictors
disagree, and how sure the tool is: templates filled from the outlook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grandbargain.brief.evidence import EvidenceBook, unique
from grandbargain.brief.result import (
    HIGH_FROM,
    MEDIUM_FROM,
    Confidence,
    IssueConfidence,
    Section,
    Sentence,
    confidence_word,
)
from grandbargain.brief.words import joined, percent, plural, possessive, worded_percent
from grandbargain.model.schema import Scenario
from grandbargain.names import predictor_name
from grandbargain.outlook import IssueOutlook, Outlook

NOT_AVAILABLE = (
    "Not known: this outlook carries no ratification rules, so nothing is reported as "
    "blocking a deal, and the deal above assumes each government can ratify any package it "
    "accepts."
)
ONLY_NO_DEAL = "No ratifiable agreement: only no deal can be ratified at home."
NONE_BLOCKED = "No move of the unconstrained deal is blocked: each one can be ratified at home."
BLOCKED = (
    "{title}: an unconstrained deal would move to {unconstrained}; {rules} {verb}, so the "
    "ratifiable deal keeps {ratified}."
)
OTHER_BLOCKER = "{title}: blocked ({detail})."
RULES = {
    "winsets": "{whose} domestic win-set",
    "veto": "veto player {name} ({party})",
    "package": "{whose} package vote",
}
SUMMARY = (
    "How sure: {high} high, {medium} medium and {low} low, of {total} (high: the most likely "
    "option has a probability of at least {high_from}; medium: {medium_from} to "
    "{high_from}; low: below {medium_from}). The predictors disagree on {disagree}."
)
ISSUE = "{title}: {label}, {p} ({word})."
DISAGREE = " The predictors disagree: {groups}."
GROUP = "{label} ({names})"
SHARE = "{name} {share}"


def _rule(rule: Mapping[str, Any], names: Mapping[str, str]) -> str:
    kind, party = str(rule.get("rule", "")), str(rule.get("party", ""))
    stakeholder = rule.get("stakeholder")
    template = RULES.get(kind, "{kind} rule of {party}")
    name = names.get(str(stakeholder), str(stakeholder))
    return template.format(party=party, whose=possessive(party), name=name, kind=kind)


def _label(outlook: Outlook, issue: str, option: Any) -> str:
    try:
        found = outlook.issue(issue).options
    except KeyError:
        return str(option)
    return next((o.label for o in found if o.id == option), str(option))


def _title(outlook: Outlook, issue: str) -> str:
    try:
        return outlook.issue(issue).title
    except KeyError:
        return issue


def blocker_sentence(
    outlook: Outlook, scenario: Scenario, item: Mapping[str, Any], book: EvidenceBook
) -> Sentence:
    """One blocked move: the option the unconstrained deal picks, the rules (and veto
    players) that block it, and the option the ratifiable deal keeps."""
    issue = str(item.get("issue", ""))
    rules = item.get("blocked_by")
    if not isinstance(rules, list | tuple) or "unconstrained" not in item:
        detail = ", ".join(f"{k}: {v}" for k, v in item.items() if k != "issue")
        return Sentence(OTHER_BLOCKER.format(title=_title(outlook, issue), detail=detail))
    names = {s.id: s.name for s in scenario.stakeholders}
    keys: list[str] = []
    for rule in rules:
        if isinstance(rule, Mapping) and rule.get("stakeholder"):
            keys += book.stakeholder(str(rule["stakeholder"]))
    if issue in {i.id for i in scenario.issues}:
        keys += book.option(issue, str(item["unconstrained"]))
    text = BLOCKED.format(
        title=_title(outlook, issue),
        unconstrained=_label(outlook, issue, item["unconstrained"]),
        rules=joined([_rule(r, names) for r in rules if isinstance(r, Mapping)]) or "a rule",
        verb="block it together" if item.get("jointly") else "blocks it",
        ratified=_label(outlook, issue, item.get("ratified")),
    )
    return Sentence(text, unique(keys))


QUICK_MODE = (
    "The ratification rules were applied, but this quick briefing does not name which rule or "
    "veto player blocks each move; the full briefing (grandbargain brief) does."
)


def blocking_section(outlook: Outlook, scenario: Scenario, book: EvidenceBook) -> Section:
    """What blocks: not known without ratification rules; else each blocked move, or that
    only no deal can be ratified, or that nothing is blocked."""
    blocking = outlook.blocking
    sentences: tuple[Sentence, ...]
    if not blocking.available:
        sentences = (Sentence(NOT_AVAILABLE),)
    elif blocking.no_ratifiable_agreement:
        sentences = (Sentence(ONLY_NO_DEAL),)
    elif not blocking.named:
        sentences = (Sentence(QUICK_MODE),)
    elif not blocking.blockers:
        sentences = (Sentence(NONE_BLOCKED),)
    else:
        sentences = tuple(
            blocker_sentence(outlook, scenario, item, book) for item in blocking.blockers
        )
    return Section("blocking", "What blocks a freer deal, and who", sentences)


def _groups(item: IssueOutlook) -> str:
    """The predictors' answers grouped by option (the no-change prior left out, as in
    :attr:`IssueOutlook.disagreement`), each predictor by its display name, with its share
    when below 100%."""
    grouped: dict[str, list[str]] = {}
    for answer in item.answers:
        if answer.family == "prior":
            continue
        shown = predictor_name(answer.predictor)
        if answer.share < 1 - 1e-9:
            shown = SHARE.format(name=shown, share=percent(answer.share))
        grouped.setdefault(answer.label, []).append(shown)
    return "; ".join(GROUP.format(label=k, names=", ".join(v)) for k, v in grouped.items())


def issue_confidence(outlook: Outlook) -> tuple[IssueConfidence, ...]:
    """Per issue, the most likely option, its probability and the plain word."""
    return tuple(
        IssueConfidence(
            item.id,
            item.title,
            item.most_likely.id,
            item.most_likely.label,
            item.most_likely.probability,
            confidence_word(item.most_likely.probability),
            item.disagreement,
        )
        for item in outlook.issues
    )


def confidence_section(
    outlook: Outlook, issues: tuple[IssueConfidence, ...], book: EvidenceBook, model: str
) -> Section:
    """How sure the tool is, overall and per issue, and where the predictors disagree."""
    count = {word: sum(i.word is word for i in issues) for word in Confidence}
    summary = SUMMARY.format(
        high=count[Confidence.HIGH],
        medium=count[Confidence.MEDIUM],
        low=count[Confidence.LOW],
        total=plural(len(issues), "issue"),
        high_from=percent(HIGH_FROM),
        medium_from=percent(MEDIUM_FROM),
        disagree=plural(sum(i.disagreement for i in issues), "issue"),
    )
    sentences = [Sentence(summary, (), model)]
    for found, item in zip(issues, outlook.issues, strict=True):
        text = ISSUE.format(
            title=found.title,
            label=found.label,
            p=worded_percent(found.probability),
            word=found.word,
        )
        if found.disagreement:
            text += DISAGREE.format(groups=_groups(item))
        sentences.append(Sentence(text, book.option(found.issue, found.option), model))
    return Section(
        "confidence", "Where the models disagree, and how sure the tool is", tuple(sentences)
    )
