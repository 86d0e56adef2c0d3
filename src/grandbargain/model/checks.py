"""Whole-scenario checks that the schema cannot express: ids that must exist and be unique,
red lines that leave no option, evidence that cites an undeclared source.

Each check returns ``(field path, message)`` pairs; the loader turns them into located
problems. All checks run, so a user sees every problem at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from grandbargain.model.schema import Evidence, Scenario

Path = tuple[str | int, ...]
Finding = tuple[Path, str]


def check_scenario(scenario: Scenario) -> list[Finding]:
    """Every cross-reference problem in ``scenario``, in file order."""
    findings: list[Finding] = []
    for check in (
        _unique_ids,
        _buckets_and_advantage,
        _issue_options,
        _party_stances,
        _linkages,
        _conditions,
        _acceptance,
        _stakeholders,
        _ratification,
        _events,
        _expectations,
        _evidence_sources,
    ):
        findings.extend(check(scenario))
    return findings


def _duplicates(values: Iterable[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def _unique_ids(s: Scenario) -> Iterator[Finding]:
    groups: list[tuple[str, list[str]]] = [
        ("sources", [x.id for x in s.sources]),
        ("buckets", [x.id for x in s.buckets]),
        ("issues", [x.id for x in s.issues]),
        ("parties", [x.name for x in s.parties]),
        ("conditions", [x.id for x in s.conditions]),
        ("stakeholders", [x.id for x in s.stakeholders]),
        ("events", [x.id for x in s.events]),
    ]
    for block, ids in groups:
        seen: set[str] = set()
        key = "name" if block == "parties" else "id"
        for index, value in enumerate(ids):
            if value in seen:
                yield (block, index, key), f"duplicate {key} {value!r}; each must be unique"
            seen.add(value)
    seen_linkages: set[str] = set()
    blocks = (
        ("interactions", [x.id for x in s.linkages.interactions]),
        ("constraints", [x.id for x in s.linkages.constraints]),
    )
    for block, term_ids in blocks:
        for index, term_id in enumerate(term_ids):
            if term_id in seen_linkages:
                message = f"duplicate linkage id {term_id!r}; interaction and constraint ids share"
                yield ("linkages", block, index, "id"), message
            seen_linkages.add(term_id)
    for i, issue in enumerate(s.issues):
        for j, option in enumerate(issue.options):
            if option.id in _duplicates(o.id for o in issue.options[: j + 1]):
                yield ("issues", i, "options", j, "id"), f"duplicate option id {option.id!r}"
    for c, condition in enumerate(s.conditions):
        for j, state in enumerate(condition.states):
            if state.id in _duplicates(x.id for x in condition.states[: j + 1]):
                yield ("conditions", c, "states", j, "id"), f"duplicate state id {state.id!r}"


def _known(name: str, value: str, choices: Iterable[str]) -> str | None:
    options = sorted(set(choices))
    if value in options:
        return None
    shown = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
    return f"unknown {name} {value!r}; expected one of: {shown}"


def _buckets_and_advantage(s: Scenario) -> Iterator[Finding]:
    bucket_ids = [b.id for b in s.buckets]
    for i, bucket in enumerate(s.buckets):
        if bucket.advantage is not None:
            if problem := _known("party", bucket.advantage, s.party_names):
                yield ("buckets", i, "advantage"), problem
    for i, issue in enumerate(s.issues):
        if problem := _known("bucket", issue.bucket, bucket_ids):
            yield ("issues", i, "bucket"), problem


def _option_ids(s: Scenario, issue_id: str) -> list[str] | None:
    for issue in s.issues:
        if issue.id == issue_id:
            return [o.id for o in issue.options]
    return None


def _issue_options(s: Scenario) -> Iterator[Finding]:
    for i, issue in enumerate(s.issues):
        if issue.status_quo is not None:
            if problem := _known("option", issue.status_quo, (o.id for o in issue.options)):
                yield ("issues", i, "status_quo"), problem


def _party_stances(s: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    low, high = s.value_scale.min, s.value_scale.max
    for p, party in enumerate(s.parties):
        base: Path = ("parties", p, "stances")
        for issue_id in party.stances:
            if problem := _known("issue", issue_id, issue_ids):
                yield (*base, issue_id), problem
        for issue_id in issue_ids:
            if issue_id not in party.stances:
                yield base, f"no stance on issue {issue_id!r}; every party needs one per issue"
        if party.stances and all(stance.weight == 0 for stance in party.stances.values()):
            yield base, "all weights are zero; at least one weight must be > 0"
        for issue_id, stance in party.stances.items():
            options = _option_ids(s, issue_id)
            if options is None:
                continue
            here: Path = (*base, issue_id)
            for option_id, value in stance.values.items():
                if problem := _known("option", option_id, options):
                    yield (*here, "values", option_id), problem
                elif not low <= value <= high:
                    yield (
                        (*here, "values", option_id),
                        (f"value {value:g} is outside the value scale {low:g}..{high:g}"),
                    )
            missing = [o for o in options if o not in stance.values]
            if missing:
                yield (*here, "values"), f"no value for option(s) {', '.join(missing)}"
            for k, option_id in enumerate(stance.red_lines):
                if problem := _known("option", option_id, options):
                    yield (*here, "red_lines", k), problem
            if set(options) <= set(stance.red_lines):
                yield (
                    (*here, "red_lines"),
                    ("red lines rule out every option of the issue; leave at least one"),
                )


def _check_combination(s: Scenario, combo: dict[str, str], path: Path) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    for issue_id, option_id in combo.items():
        if problem := _known("issue", issue_id, issue_ids):
            yield (*path, issue_id), problem
            continue
        if problem := _known("option", option_id, _option_ids(s, issue_id) or []):
            yield (*path, issue_id), problem


def _linkages(s: Scenario) -> Iterator[Finding]:
    for i, term in enumerate(s.linkages.interactions):
        yield from _check_combination(s, dict(term.when), ("linkages", "interactions", i, "when"))
        for party in term.utilities:
            if problem := _known("party", party, s.party_names):
                yield ("linkages", "interactions", i, "utilities", party), problem
    for i, rule in enumerate(s.linkages.constraints):
        path: Path = ("linkages", "constraints", i)
        yield from _check_combination(s, dict(rule.when), (*path, "when"))
        for issue_id, allowed in rule.requires.items():
            options = _option_ids(s, issue_id)
            if options is None:
                yield (*path, "requires", issue_id), f"unknown issue {issue_id!r}"
                continue
            if not allowed:
                yield (*path, "requires", issue_id), "list at least one allowed option"
            for k, option_id in enumerate(allowed):
                if problem := _known("option", option_id, options):
                    yield (*path, "requires", issue_id, k), problem


def _conditions(s: Scenario) -> Iterator[Finding]:
    linkage_ids = {x.id for x in s.linkages.interactions} | {x.id for x in s.linkages.constraints}
    for c, condition in enumerate(s.conditions):
        states = [state.id for state in condition.states]
        if problem := _known("state", condition.default, states):
            yield ("conditions", c, "default"), problem
        probabilities = [state.probability for state in condition.states]
        if any(p is not None for p in probabilities):
            if any(p is None for p in probabilities):
                yield ("conditions", c, "states"), "give a probability for every state or none"
            elif abs(sum(p for p in probabilities if p is not None) - 1.0) > 1e-6:
                total = sum(p for p in probabilities if p is not None)
                yield ("conditions", c, "states"), f"probabilities sum to {total:g}; expected 1"
        for j, state in enumerate(condition.states):
            for k, linkage_id in enumerate(state.activates):
                if problem := _known("linkage", linkage_id, linkage_ids):
                    yield ("conditions", c, "states", j, "activates", k), problem


def _acceptance(s: Scenario) -> Iterator[Finding]:
    rule = s.acceptance
    for k, party in enumerate(rule.veto):
        if problem := _known("party", party, s.party_names):
            yield ("acceptance", "veto", k), problem
    if rule.quota is not None and rule.quota > len(s.parties):
        yield (
            ("acceptance", "quota"),
            (f"quota {rule.quota} exceeds the number of parties ({len(s.parties)})"),
        )


def _stakeholders(s: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    for k, holder in enumerate(s.stakeholders):
        if problem := _known("party", holder.party, s.party_names):
            yield ("stakeholders", k, "party"), problem
        for issue_id in holder.stances:
            if problem := _known("issue", issue_id, issue_ids):
                yield ("stakeholders", k, "stances", issue_id), problem


def _ratification(s: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    owner = {holder.id: holder.party for holder in s.stakeholders}
    seen: set[str] = set()
    for k, entry in enumerate(s.ratification):
        if problem := _known("party", entry.party, s.party_names):
            yield ("ratification", k, "party"), problem
        elif entry.party in seen:
            yield ("ratification", k, "party"), f"a second entry for {entry.party!r}; give one"
        seen.add(entry.party)
        for j, holder_id in enumerate(entry.veto_players):
            path: Path = ("ratification", k, "veto_players", j)
            if problem := _known("stakeholder", holder_id, owner):
                yield path, problem
            elif owner[holder_id] != entry.party:
                yield (
                    path,
                    (
                        f"stakeholder {holder_id!r} stands behind {owner[holder_id]!r}, not "
                        f"{entry.party!r}; a veto player must be one of the party's own"
                    ),
                )
        if entry.winsets is not None:
            for issue_id, share in entry.winsets.issues.items():
                here: Path = ("ratification", k, "winsets", "issues", issue_id)
                if problem := _known("issue", issue_id, issue_ids):
                    yield here, problem
                elif not 0 <= share <= 1:
                    yield here, f"threshold {share:g} is outside 0..1"


def _events(s: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    conditions = {c.id: [state.id for state in c.states] for c in s.conditions}
    for e, event in enumerate(s.events):
        for c, change in enumerate(event.changes):
            path: Path = ("events", e, "changes", c)
            if change.issue is not None:
                if problem := _known("issue", change.issue, issue_ids):
                    yield (*path, "issue"), problem
                elif change.option is not None:
                    options = _option_ids(s, change.issue) or []
                    if problem := _known("option", change.option, options):
                        yield (*path, "option"), problem
            if change.party is not None:
                if problem := _known("party", change.party, s.party_names):
                    yield (*path, "party"), problem
            if change.condition is not None:
                if problem := _known("condition", change.condition, conditions):
                    yield (*path, "condition"), problem
                elif change.state is not None:
                    if problem := _known("state", change.state, conditions[change.condition]):
                        yield (*path, "state"), problem


def _expectations(s: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in s.issues]
    for k, expectation in enumerate(s.expectations):
        if problem := _known("issue", expectation.issue, issue_ids):
            yield ("expectations", k, "issue"), problem
        elif expectation.option is not None:
            options = _option_ids(s, expectation.issue) or []
            if problem := _known("option", expectation.option, options):
                yield ("expectations", k, "option"), problem
        if problem := _known("source", expectation.source, (x.id for x in s.sources)):
            yield ("expectations", k, "source"), problem


def evidence_lists(s: Scenario) -> Iterator[tuple[Path, tuple[Evidence, ...]]]:
    """Every evidence list in the scenario with the path of the entity that carries it."""
    for i, bucket in enumerate(s.buckets):
        yield ("buckets", i), bucket.evidence
    for i, issue in enumerate(s.issues):
        yield ("issues", i), issue.evidence
        for j, option in enumerate(issue.options):
            yield ("issues", i, "options", j), option.evidence
    for p, party in enumerate(s.parties):
        yield ("parties", p), party.evidence
        for issue_id, stance in party.stances.items():
            yield ("parties", p, "stances", issue_id), stance.evidence
    for i, term in enumerate(s.linkages.interactions):
        yield ("linkages", "interactions", i), term.evidence
    for i, rule in enumerate(s.linkages.constraints):
        yield ("linkages", "constraints", i), rule.evidence
    for c, condition in enumerate(s.conditions):
        yield ("conditions", c), condition.evidence
        for j, state in enumerate(condition.states):
            yield ("conditions", c, "states", j), state.evidence
    for k, holder in enumerate(s.stakeholders):
        yield ("stakeholders", k), holder.evidence
    for k, entry in enumerate(s.ratification):
        yield ("ratification", k), entry.evidence
    for e, event in enumerate(s.events):
        yield ("events", e), event.evidence


def _evidence_sources(s: Scenario) -> Iterator[Finding]:
    source_ids = [x.id for x in s.sources]
    for path, items in evidence_lists(s):
        for k, item in enumerate(items):
            if item.source is not None:
                if problem := _known("source", item.source, source_ids):
                    yield (*path, "evidence", k, "source"), problem
