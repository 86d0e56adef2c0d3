"""Assemble the briefing from the outlook (and the diff, with ``since``): a pure function of
its inputs; every sentence comes from a template of :mod:`.deal`, :mod:`.sure` or
:mod:`.changes`."""

from __future__ import annotations

from grandbargain.brief.changes import changes_section
from grandbargain.brief.deal import deal_sections
from grandbargain.brief.evidence import EvidenceBook
from grandbargain.brief.result import Briefing
from grandbargain.brief.sure import blocking_section, confidence_section, issue_confidence
from grandbargain.brief.words import joined
from grandbargain.model.schema import Scenario
from grandbargain.outlook import Outlook
from grandbargain.solve.diff import BargainDiff

MODEL = (
    "model output: the outlook's ensemble of {count} predictors ({families}) with the "
    "weights in the notes, {runs}"
)
FAMILIES = {
    "solution": "solution concepts over the packages both governments accept",
    "forecast": "stakeholder forecasts",
    "simulation": "simulated talks",
    "prior": "the no-change prior",
}


def model_basis(outlook: Outlook) -> str:
    """What the outlook's probabilities rest on besides the scenario's evidence."""
    families = list(dict.fromkeys(p.family for p in outlook.predictors))
    runs = (
        "run once on the nominal numbers (no draws)"
        if outlook.nominal
        else f"over {outlook.draws} Monte Carlo draws of the scenario's uncertain numbers"
    )
    return MODEL.format(
        count=len(outlook.predictors),
        families=joined([FAMILIES.get(f, f) for f in families]),
        runs=runs,
    )


def build_briefing(
    outlook: Outlook, scenario: Scenario, changes: BargainDiff | None = None
) -> Briefing:
    """The briefing of ``outlook`` (computed on ``scenario``, which gives the evidence), with
    what changed between the two dates of ``changes`` when given."""
    book = EvidenceBook(scenario)
    model = model_basis(outlook)
    issues = issue_confidence(outlook)
    sections = [
        *deal_sections(outlook, scenario, book, model),
        blocking_section(outlook, scenario, book),
        confidence_section(outlook, issues, book, model),
    ]
    if changes is not None:
        sections.append(changes_section(scenario, changes, book))
    return Briefing(
        scenario=outlook.scenario,
        title=scenario.title,
        as_of=outlook.as_of,
        since=None if changes is None else changes.before.as_of,
        draws=outlook.draws,
        seed=outlook.seed,
        sections=tuple(sections),
        issues=issues,
        evidence=book.items(),
        notes=outlook.notes,
    )
