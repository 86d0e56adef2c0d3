"""Which evidence backs each number of a scenario.

Every number a scenario states (weights, option values, positions, trade effects, interaction
utilities, probabilities, stakeholder positions, saliences and clout, reservation values,
ratification thresholds) is listed with the evidence items that back it. An evidence item
backs the numbers of the entity that carries it - all of them, or those named in its
``backs`` - and an entity's numbers fall back to its parent's evidence (an option's to its
issue, a stance's to its party, a condition state's to its condition).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grandbargain.model.paths import canonical, get, resolve
from grandbargain.model.schema import Evidence, Scenario


@dataclass(frozen=True)
class BackedNumber:
    """One number of the scenario and the evidence that backs it (empty if none)."""

    entity: str
    field: str
    value: float
    evidence: tuple[Evidence, ...]

    @property
    def backed(self) -> bool:
        """Whether any evidence or assumption backs the number."""
        return bool(self.evidence)


def _covers(item: Evidence, field: str) -> bool:
    if item.backs is None:
        return True
    return any(
        field == name or field.startswith(name + ".") or field.endswith("." + name)
        for name in item.backs
    )


def backing(field: str, *levels: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The evidence items of the first level that has any covering ``field`` (a number's own
    entity first, then its parents)."""
    for items in levels:
        found = tuple(item for item in items if _covers(item, field))
        if found:
            return found
    return ()


def scenario_numbers(s: Scenario) -> Iterator[BackedNumber]:
    """Every number in ``s`` with its backing evidence, in file order."""
    yield from _issue_numbers(s)
    yield from _party_numbers(s)
    for term in s.linkages.interactions:
        for party_name, value in term.utilities.items():
            field = f"utilities.{party_name}"
            yield BackedNumber(
                f"linkages.interactions.{term.id}", field, value, backing(field, term.evidence)
            )
    for condition in s.conditions:
        for state in condition.states:
            if state.probability is not None:
                yield BackedNumber(
                    f"conditions.{condition.id}.states.{state.id}",
                    "probability",
                    state.probability,
                    backing("probability", state.evidence, condition.evidence),
                )
    yield from _timeline_numbers(s)
    yield from _ratification_numbers(s)


def _ratification_numbers(s: Scenario) -> Iterator[BackedNumber]:
    for entry in s.ratification:
        entity = f"ratification.{entry.party}"
        found: list[tuple[str, float]] = []
        if entry.winsets is not None:
            found.append(("winsets.threshold", entry.winsets.threshold))
            found += [(f"winsets.issues.{k}", v) for k, v in entry.winsets.issues.items()]
        if entry.package is not None:
            found.append(("package.threshold", entry.package.threshold))
        for field, value in found:
            yield BackedNumber(entity, field, value, backing(field, entry.evidence))


def _issue_numbers(s: Scenario) -> Iterator[BackedNumber]:
    for issue in s.issues:
        for option in issue.options:
            entity = f"issues.{issue.id}.options.{option.id}"
            levels = (option.evidence, issue.evidence)
            if option.position is not None:
                yield BackedNumber(
                    entity, "position", option.position, backing("position", *levels)
                )
            if option.trade_effects is not None:
                for name in ("goods", "services"):
                    field = f"trade_effects.{name}"
                    value = getattr(option.trade_effects, name)
                    yield BackedNumber(entity, field, value, backing(field, *levels))


def _party_numbers(s: Scenario) -> Iterator[BackedNumber]:
    for party in s.parties:
        if party.reservation_value is not None:
            yield BackedNumber(
                f"parties.{party.name}",
                "reservation_value",
                party.reservation_value,
                backing("reservation_value", party.evidence),
            )
        for issue_id, stance in party.stances.items():
            entity = f"parties.{party.name}.stances.{issue_id}"
            levels = (stance.evidence, party.evidence)
            yield BackedNumber(entity, "weight", stance.weight, backing("weight", *levels))
            for option_id, value in stance.values.items():
                field = f"values.{option_id}"
                yield BackedNumber(entity, field, value, backing(field, *levels))


def _timeline_numbers(s: Scenario) -> Iterator[BackedNumber]:
    for holder in s.stakeholders:
        for issue_id, view in holder.stances.items():
            for name in ("position", "salience", "clout"):
                field = f"stances.{issue_id}.{name}"
                yield BackedNumber(
                    f"stakeholders.{holder.id}",
                    field,
                    getattr(view, name),
                    backing(field, holder.evidence),
                )
    for event in s.events:
        if event.probability is not None:
            yield BackedNumber(
                f"events.{event.id}",
                "probability",
                event.probability,
                backing("probability", event.evidence),
            )
        for k, change in enumerate(event.changes):
            if change.value is not None:
                field = f"changes.{k}.value"
                yield BackedNumber(
                    f"events.{event.id}", field, change.value, backing(field, event.evidence)
                )


def _describe(items: tuple[Evidence, ...]) -> str:
    parts = []
    for item in items:
        if item.assumption is not None:
            span = item.assumption.range
            parts.append("assumption" + (f" [{span[0]:g}, {span[1]:g}]" if span else ""))
        else:
            parts.append(f"quote: {item.source}")
    return "; ".join(dict.fromkeys(parts)) or "**none**"


def _show(distribution: Mapping[str, Any]) -> str:
    kind = distribution.get("kind")
    params = {k: v for k, v in distribution.items() if k != "kind"}
    if {"low", "high"} <= set(params):
        low, high = params.pop("low"), params.pop("high")
        middle = f"{params.pop('mode'):g}.." if "mode" in params else ""
        shape = "(" + ", ".join(f"{k} {v:g}" for k, v in params.items()) + ")" if params else ""
        return f"{kind}{shape} {low:g}..{middle}{high:g}"
    shape = ", ".join(f"{k} {v:g}" for k, v in params.items())
    return f"{kind}({shape}), jointly"


def distributions_by_number(s: Scenario) -> dict[str, str]:
    """Each number the scenario gives a distribution, by canonical path, described briefly."""
    data = s.model_dump(mode="json")
    found: dict[str, str] = {}
    for entry in s.distributions:
        target = resolve(data, entry.path)
        if target is None:
            continue
        text = _show(entry.distribution)
        if target.pattern == ("parties", "*", "weights"):
            stances = get(data, (*target.steps, "stances"))
            for issue in stances:
                found[canonical(data, (*target.steps, "stances", issue, "weight"))] = text
        else:
            found[canonical(data, target.steps)] = text
    return found


def numbers_table_markdown(s: Scenario) -> str:
    """A Markdown table mapping every number of ``s`` to its evidence or assumption, and to
    its distribution where the scenario gives one."""
    lines = [
        f"# Numbers of `{s.id}` and what backs them",
        "",
        "Generated from the scenario file by "
        f"`python -m grandbargain.model.provenance {s.id}`; a test keeps it in step.",
        "Each row is one number; 'quote: SOURCE' means a verbatim quote from that source backs",
        "it, 'assumption [low, high]' the analyst's judgement with its plausible range. The",
        "distribution, where the file writes one, is how the number varies in Monte Carlo and",
        "sensitivity runs (triangular low..mode..high, the mode being the value). Numbers without",
        "one vary there too if they are a party's weight, value or reservation value with an",
        "assumption range narrower than their whole scale: triangular over that range.",
        "",
        "| entity | field | value | backed by | distribution |",
        "| --- | --- | ---: | --- | --- |",
    ]
    varying = distributions_by_number(s)
    for number in scenario_numbers(s):
        shown = varying.get(f"{number.entity}.{number.field}", "")
        lines.append(
            f"| {number.entity} | {number.field} | {number.value:g} | "
            f"{_describe(number.evidence)} | {shown} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    from grandbargain.model.loading import load_scenario

    sys.stdout.write(
        numbers_table_markdown(load_scenario(sys.argv[1] if len(sys.argv) > 1 else None))
    )
