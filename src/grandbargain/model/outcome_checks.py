"""Checks of an outcomes file against its scenario: the checks that need both.

The scenario id must match; every issue and option must exist; an issue may be scored once;
every option of a scored issue needs a position (errors and directions are measured on the
position scale); every quote must cite a source the scenario declares. Positions outside
0..100 are caught by the file's shape (:class:`~grandbargain.model.outcomes.Outcome`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grandbargain.model.schema import Scenario
from grandbargain.model.yaml_source import Path

if TYPE_CHECKING:
    from grandbargain.model.outcomes import Outcome, Outcomes

Finding = tuple[Path, str]


def outcome_findings(outcomes: Outcomes, scenario: Scenario) -> list[Finding]:
    """Every problem of ``outcomes`` read against ``scenario``, as (field path, message)."""
    findings: list[Finding] = []
    if outcomes.scenario != scenario.id:
        message = (
            f"the outcomes are for scenario {outcomes.scenario!r}, not {scenario.id!r}; "
            "give the outcomes file of the scenario being backtested"
        )
        return [(("scenario",), message)]
    first: dict[str, int] = {}
    sources = {source.id for source in scenario.sources}
    for k, outcome in enumerate(outcomes.outcomes):
        findings += _issue_findings(k, outcome, scenario, first)
        for e, quote in enumerate(outcome.evidence or ()):
            if quote.source not in sources:
                known = ", ".join(sorted(sources)) or "(the scenario declares none)"
                message = f"unknown source {quote.source!r}; the scenario declares: {known}"
                findings.append((("outcomes", k, "evidence", e, "source"), message))
    return findings


def _issue_findings(
    k: int, outcome: Outcome, scenario: Scenario, first: dict[str, int]
) -> list[Finding]:
    here: Path = ("outcomes", k)
    issues = {issue.id: issue for issue in scenario.issues}
    issue = issues.get(outcome.issue)
    if issue is None:
        known = ", ".join(issues)
        return [((*here, "issue"), f"unknown issue {outcome.issue!r}; expected one of: {known}")]
    if outcome.issue in first:
        message = (
            f"issue {outcome.issue!r} is scored twice (first at outcomes[{first[outcome.issue]}]);"
            " give one outcome per issue"
        )
        return [((*here, "issue"), message)]
    first[outcome.issue] = k
    findings: list[Finding] = []
    options = [option.id for option in issue.options]
    if outcome.option is not None and outcome.option not in options:
        message = f"unknown option {outcome.option!r} of issue {issue.id!r}; expected one of: "
        findings.append(((*here, "option"), message + ", ".join(options)))
    unplaced = [option.id for option in issue.options if option.position is None]
    if unplaced:
        message = (
            f"the scenario gives no position for option(s) {', '.join(unplaced)} of issue "
            f"{issue.id!r}; a backtest measures errors on the position scale, so every option "
            "of a scored issue needs `position`"
        )
        findings.append(((*here, "issue"), message))
    return findings
