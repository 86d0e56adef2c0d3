"""What the model is told: its own party's view as text, and the JSON it must answer with.

The system message holds what does not change during the talks: the party, the other
parties' names, the protocol, every issue with the model's own utility of each option (by
option label), its bonuses (interaction terms), the public rules, and the answer format. The
user message holds the moment: the turn and the deadline, the reservation value now, the
latest offers (labels, newest last) and the offer to answer. Nothing about another party's
utilities or reservation value is ever included (STYLE rule 9).

Options are named by their label when the labels of an issue are distinct (ignoring case),
else by their id; replies may use either. Packages are JSON objects keyed by issue id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import Observation, Offer, OwnPreferences, Package
from grandbargain.space import UtilitySpace

KINDS = ("offer", "respond", "vote")
"""What a request asks for: an opening or proposer's offer; under alternating offers, an
answer to the offer on the table with an optional counter-offer; under voting, a vote."""
ACTIONS = {
    "offer": ("offer",),
    "respond": ("accept", "counter-offer", "walk-away"),
    "vote": ("accept", "reject", "walk-away"),
}
TOOL_NAME = "my_utility"


@dataclass(frozen=True)
class PublicView:
    """The public side of a scenario: names, titles, option names and the protocol."""

    scenario: str
    parties: tuple[str, ...]
    issue_ids: tuple[str, ...]
    issue_titles: tuple[str, ...]
    option_ids: tuple[tuple[str, ...], ...]
    option_names: tuple[tuple[str, ...], ...]
    voting: bool = False
    quota: int = 0
    veto: tuple[str, ...] = ()

    def package_names(self, package: Package) -> dict[str, str]:
        """``{issue_id: option name}``."""
        return {
            i: self.option_names[k][o]
            for k, (i, o) in enumerate(zip(self.issue_ids, package, strict=True))
        }

    def package_ids(self, package: Package) -> dict[str, str]:
        """``{issue_id: option_id}``."""
        return {
            i: self.option_ids[k][o]
            for k, (i, o) in enumerate(zip(self.issue_ids, package, strict=True))
        }


def _names(labels: Sequence[str], ids: Sequence[str]) -> tuple[str, ...]:
    distinct = len({label.strip().casefold() for label in labels}) == len(labels)
    return tuple(label.strip() for label in labels) if distinct else tuple(ids)


def public_view(scenario: Scenario, space: UtilitySpace) -> PublicView:
    """The public view of ``scenario`` as prepared in ``space``."""
    issues = {issue.id: issue for issue in scenario.issues}
    titles, names = [], []
    for issue_id, options in zip(space.issue_ids, space.option_ids, strict=True):
        issue = issues[issue_id]
        labels = {option.id: option.label for option in issue.options}
        titles.append(issue.title)
        names.append(_names([labels[o] for o in options], options))
    voting = space.quota < space.n_parties or bool(space.veto)
    return PublicView(
        scenario.title,
        space.parties,
        space.issue_ids,
        tuple(titles),
        space.option_ids,
        tuple(names),
        voting,
        space.quota,
        tuple(space.parties[v] for v in space.veto),
    )


def bare_view(preferences: OwnPreferences, n_parties: int) -> PublicView:
    """A view with ids for names (for callers that have no scenario at hand)."""
    parties = tuple(
        preferences.name if p == preferences.party else f"Party {p + 1}" for p in range(n_parties)
    )
    return PublicView(
        "negotiation",
        parties,
        preferences.issue_ids,
        preferences.issue_ids,
        preferences.option_ids,
        preferences.option_ids,
    )


def _protocol(view: PublicView, party: str) -> str:
    others = [p for p in view.parties if p != party]
    if not view.voting:
        return (
            f"Protocol: alternating offers with {', '.join(others)}. Parties take turns in the "
            "order listed; on your turn you accept the offer on the table, or reject it and "
            "make a counter-offer, or walk away (no deal for anyone). An offer passes when "
            "every other party has accepted it. No deal by the deadline means no deal."
        )
    veto = f"; {', '.join(view.veto)} must be among them" if view.veto else ""
    return (
        f"Protocol: voting with {', '.join(others)}. Each round one party proposes a package "
        f"and every other party votes accept or reject. A package passes when at least "
        f"{view.quota} parties (the proposer included) accept it{veto}. A party may walk away "
        "(it then counts as rejecting everything). No deal by the deadline means no deal."
    )


def _issue_lines(view: PublicView, preferences: OwnPreferences) -> list[str]:
    lines = []
    for k, issue_id in enumerate(view.issue_ids):
        lines.append(f'{k + 1}. {view.issue_titles[k]} (key "{issue_id}")')
        table, allowed = preferences.tables[k], preferences.admissible[k]
        for o, name in enumerate(view.option_names[k]):
            mark = "" if allowed[o] else "  (off limits: you may not offer or accept it)"
            lines.append(f'   - "{name}": {float(table[o]):.4f}{mark}')
    return lines


def _bonus_lines(view: PublicView, preferences: OwnPreferences) -> list[str]:
    lines = []
    for issues, options, value in preferences.interactions:
        combo = " and ".join(
            f'"{view.option_names[i][o]}" on "{view.issue_ids[i]}"'
            for i, o in zip(issues, options, strict=True)
        )
        lines.append(f"- {value:+.4f} when a package has {combo}")
    for rule in preferences.constraints:
        combo = " and ".join(
            f'"{view.option_names[i][o]}" on "{view.issue_ids[i]}"'
            for i, o in zip(rule.issues, rule.options, strict=True)
        )
        needs = "; ".join(
            f'"{view.issue_ids[i]}" must then be one of '
            + ", ".join(f'"{view.option_names[i][o]}"' for o in allowed)
            for i, allowed in rule.requires
        )
        lines.append(f"- rule for everyone: a package with {combo}: {needs}")
    return lines


def system_message(view: PublicView, preferences: OwnPreferences, tools: bool) -> str:
    """What does not change during the talks (see the module docstring)."""
    party = preferences.name
    parts = [
        f'You negotiate for {party} in "{view.scenario}". Get the best deal you can for '
        f"{party}; a deal worth less to you than your reservation value is worse than none.",
        _protocol(view, party),
        "A package settles every issue below with one option each. Your utility of a package "
        "is the sum of your numbers for its options (plus any bonus listed). Higher is "
        "better for you. The numbers are yours alone; the others value the options "
        "differently and you do not know how.",
        "Issues and your utility of each option:",
        "\n".join(_issue_lines(view, preferences)),
    ]
    extra = _bonus_lines(view, preferences)
    if extra:
        parts += ["Bonuses and rules:", "\n".join(extra)]
    if tools:
        parts.append(
            f"You may call the tool {TOOL_NAME} with a package to learn your exact utility "
            "of it and whether you may offer it, before you answer."
        )
    parts.append(
        "Answer with one JSON object and nothing else. A package is an object with every "
        "issue key and the name of one option for each, as written above."
    )
    return "\n\n".join(parts)


def _offer_line(view: PublicView, offer: Offer) -> str:
    names = view.package_names(offer.package)
    body = "; ".join(f"{issue}: {name}" for issue, name in names.items())
    return f"- turn {offer.turn + 1}, {view.parties[offer.proposer]}: {body}"


def _task(kind: str) -> str:
    if kind == "offer":
        return 'Make your offer: {"action": "offer", "package": {...}, "note": "..."}.'
    if kind == "respond":
        return (
            'Answer the offer on the table: {"action": "accept", "package": null, "note": '
            '"..."}, or {"action": "counter-offer", "package": {...}, "note": "..."}, or '
            '{"action": "walk-away", "package": null, "note": "..."}.'
        )
    return 'Vote on the proposal: {"action": "accept" | "reject" | "walk-away", "note": "..."}.'


def user_message(view: PublicView, observation: Observation, kind: str, history: int) -> str:
    """The moment: turn, deadline, reservation value, latest offers and the task."""
    left = observation.turns_total - observation.turn
    lines = [
        f"Turn {observation.turn + 1} of {observation.turns_total} ({left} left, this one "
        "included).",
        f"Your reservation value now: {_undiscounted(observation):.4f}.",
    ]
    if observation.discount is not None:
        lines.append(
            f"Time costs you: every utility, the reservation value included, is multiplied by "
            f"{observation.discount:g}^t, where t is the share of the turns gone "
            f"(now {observation.t:.3f})."
        )
    shown = list(observation.history)[-history:] if history else []
    if shown:
        earlier = len(observation.history) - len(shown)
        head = f"Latest offers ({earlier} earlier ones not shown):" if earlier else "Offers so far:"
        lines += [head, *(_offer_line(view, offer) for offer in shown)]
    else:
        lines.append("No offer has been made yet.")
    table = observation.on_table
    if kind != "offer" and table is not None:
        if shown and shown[-1] == table:
            who = view.parties[table.proposer]
            lines.append(
                f"On the table: the offer of turn {table.turn + 1} by {who} (the last above)."
            )
        else:
            lines.append("On the table:" + _offer_line(view, table)[1:])
    lines.append(_task(kind))
    return "\n".join(lines)


def _undiscounted(observation: Observation) -> float:
    if observation.discount is None:
        return observation.reservation
    return float(observation.reservation / observation.discount**observation.t)


def package_schema(view: PublicView) -> dict[str, Any]:
    """JSON Schema of a package: every issue key, one option name each."""
    return {
        "type": "object",
        "properties": {
            issue: {"type": "string", "enum": list(names)}
            for issue, names in zip(view.issue_ids, view.option_names, strict=True)
        },
        "required": list(view.issue_ids),
        "additionalProperties": False,
    }


def move_schema(view: PublicView, kind: str) -> dict[str, Any]:
    """JSON Schema of a reply of ``kind`` (strict: every property required)."""
    properties: dict[str, Any] = {"action": {"type": "string", "enum": list(ACTIONS[kind])}}
    if kind == "offer":
        properties["package"] = package_schema(view)
    elif kind == "respond":
        properties["package"] = {"anyOf": [package_schema(view), {"type": "null"}]}
    properties["note"] = {"type": "string"}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def tool_spec(view: PublicView) -> list[dict[str, Any]]:
    """The one tool the model may call: its exact utility of a package."""
    return [
        {
            "type": "function",
            "function": {
                "name": TOOL_NAME,
                "description": "Your exact utility of a package (bonuses included), your "
                "reservation value now, and whether you may offer or accept the package.",
                "parameters": {
                    "type": "object",
                    "properties": {"package": package_schema(view)},
                    "required": ["package"],
                    "additionalProperties": False,
                },
            },
        }
    ]


def response_format(view: PublicView, kind: str, mode: str) -> Mapping[str, Any] | None:
    """The ``response_format`` field for ``mode`` (None: ask by the prompt alone)."""
    if mode == "object":
        return {"type": "json_object"}
    if mode == "schema":
        schema = move_schema(view, kind)
        return {
            "type": "json_schema",
            "json_schema": {"name": f"{kind}_move", "strict": True, "schema": schema},
        }
    return None
