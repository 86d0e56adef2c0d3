"""Issue titles and option labels for the tables a person reads; JSON output keeps the ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grandbargain.api import Scenario


@dataclass(frozen=True)
class Names:
    """A scenario's issue titles and option labels, by id. Without a scenario (a saved run
    reopened, say) every id stands for itself."""

    titles: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[tuple[str, str], str] = field(default_factory=dict)
    events: Mapping[str, str] = field(default_factory=dict)
    """Event titles by id."""
    conditions: Mapping[str, str] = field(default_factory=dict)
    """Condition titles by id."""
    states: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """Condition state labels by (condition, state)."""
    stakeholders: Mapping[str, str] = field(default_factory=dict)
    """Stakeholder names by id."""

    @classmethod
    def of(cls, scenario: Scenario) -> Names:
        """The names in ``scenario``."""
        return cls(
            {issue.id: issue.title for issue in scenario.issues},
            {(i.id, o.id): o.label for i in scenario.issues for o in i.options},
            {event.id: event.title for event in scenario.events},
            {c.id: c.title for c in scenario.conditions},
            {(c.id, s.id): s.label for c in scenario.conditions for s in c.states},
            {s.id: s.name for s in scenario.stakeholders},
        )

    def issue(self, issue: str) -> str:
        """The title of an issue."""
        return self.titles.get(issue, issue)

    def option(self, issue: str, option: str) -> str:
        """The label of one of an issue's options."""
        return self.labels.get((issue, option), option)

    def move(self, issue: str, option: str) -> str:
        """``Issue title: option label``."""
        return f"{self.issue(issue)}: {self.option(issue, option)}"

    def _split(self, text: str, ids: Iterable[str]) -> tuple[str, str] | None:
        """``(id, rest)`` for the longest id that ``text`` starts with (then a dot), as the
        scenario's paths are read (ids may contain dots)."""
        for known in sorted(ids, key=len, reverse=True):
            if text.startswith(f"{known}."):
                return known, text[len(known) + 1 :]
        return None

    def _stance(self, party: str, rest: str) -> str | None:
        found = self._split(rest, self.titles)
        if found is None:
            return None
        issue, field_ = found
        if field_ == "weight":
            return f"{party}: weight of {self.issue(issue)}"
        if field_.startswith("values."):
            return f"{party}: value of {self.move(issue, field_.removeprefix('values.'))}"
        return None

    def _option(self, rest: str) -> str | None:
        """``ISSUE.options.OPTION.FIELD...`` as ``Issue title: option label (field)``."""
        found = self._split(rest, self.titles)
        if found is None or not found[1].startswith("options."):
            return None
        issue, tail = found[0], found[1].removeprefix("options.")
        options = [o for (i, o) in self.labels if i == issue]
        option = self._split(tail, options)
        if option is None:
            return None
        field_ = option[1].replace("_", " ").replace(".", " ")
        return f"{self.move(issue, option[0])} ({field_})"

    def _actor(self, rest: str) -> str | None:
        """``STAKEHOLDER.stances.ISSUE.FIELD`` as ``name: field on Issue title``."""
        found = self._split(rest, self.stakeholders)
        if found is None or not found[1].startswith("stances."):
            return None
        stance = self._split(found[1].removeprefix("stances."), self.titles)
        if stance is None:
            return None
        name = self.stakeholders[found[0]]
        return f"{name}: {stance[1].replace('_', ' ')} on {self.issue(stance[0])}"

    def number(self, path: str) -> str:
        """A dotted path to one of the scenario's numbers (``parties.China.stances.
        rare-earths.weight``) as a person reads it (``China: weight of Rare-earth ...``);
        a path of another shape stays as it is."""
        head, _, rest = path.partition(".")
        found: str | None = None
        if head == "parties" and ".stances." in rest:
            party, _, stance = rest.partition(".stances.")
            found = self._stance(party, stance)
        elif head == "parties":
            party, _, field_ = rest.rpartition(".")
            found = f"{party}: {field_.replace('_', ' ')}" if party else None
        elif head == "issues":
            found = self._option(rest)
        elif head == "stakeholders":
            found = self._actor(rest)
        elif head == "events" and (split := self._split(rest, self.events)):
            found = f"chance of {self.events[split[0]]}"
        elif head == "conditions" and (split := self._split(rest, self.conditions)):
            state = split[1].removeprefix("states.").removesuffix(".probability")
            label = self.states.get((split[0], state), state)
            found = f"chance of {self.conditions[split[0]]}: {label}"
        elif head == "linkages" and rest.startswith("interactions.") and ".utilities." in rest:
            linkage, _, party = rest.removeprefix("interactions.").partition(".utilities.")
            found = f"{party}: value of linkage {linkage}"
        return found or path
