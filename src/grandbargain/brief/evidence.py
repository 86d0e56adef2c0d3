"""The scenario's evidence behind a sentence's numbers, numbered in the order first cited.

What backs what, as the report shows it (``report/context.py``): a move of an issue to an
option rests on the option's own evidence and, for each party, on the stance evidence that
backs its weight on the issue and its values of that option and of the status quo (an item
whose ``backs`` is omitted backs every number of the stance). A blocker rests on its veto
player's evidence, an event on the event's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from grandbargain.brief.result import EvidenceItem
from grandbargain.model.schema import Evidence, Scenario


class EvidenceBook:
    """Collects the evidence items the sentences cite, each once, keyed ``E1``, ``E2``, ...
    in the order first cited. Used while one briefing is built, then read by :meth:`items`."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._sources = {s.id: s for s in scenario.sources}
        self._keys: dict[tuple[str, ...], str] = {}
        self._items: list[EvidenceItem] = []

    def items(self) -> tuple[EvidenceItem, ...]:
        """Every item cited so far, in key order."""
        return tuple(self._items)

    def cite(
        self,
        entity: tuple[str, ...],
        about: str,
        evidence: Sequence[Evidence],
        keep: Sequence[bool] | None = None,
    ) -> tuple[str, ...]:
        """The keys of ``evidence``, the items of one scenario entity (``entity`` names it by
        ids, ``about`` in words; only the items whose ``keep`` flag is set), adding the items
        not cited before. The entity and the item's place in its evidence identify an item."""
        keys = []
        for index, item in enumerate(evidence):
            if keep is not None and not keep[index]:
                continue
            where = (*entity, str(index))
            if where not in self._keys:
                self._keys[where] = f"E{len(self._items) + 1}"
                self._items.append(self._item(self._keys[where], about, item))
            keys.append(self._keys[where])
        return tuple(keys)

    def _item(self, key: str, about: str, item: Evidence) -> EvidenceItem:
        backs = "all its numbers" if item.backs is None else ", ".join(item.backs)
        if item.assumption is not None:
            return EvidenceItem(
                key,
                about,
                "assumption",
                backs,
                reasoning=item.assumption.reasoning,
                range=item.assumption.range,
            )
        source = self._sources.get(item.source or "")
        return EvidenceItem(
            key,
            about,
            "quote",
            backs,
            source=item.source,
            source_title=None if source is None else source.title,
            publisher=None if source is None else source.publisher,
            date=None if source is None else source.date.isoformat(),
            precision=None if source is None else source.precision.value,
            url=None if source is None else source.url,
            quote=item.quote,
            note=item.note,
        )

    def option(self, issue_id: str, option_id: str) -> tuple[str, ...]:
        """The option's own evidence (and the issue's)."""
        issue = self.scenario.issue(issue_id)
        found = self.cite(("issue", issue_id), f"issue {issue.title}", issue.evidence)
        for option in issue.options:
            if option.id == option_id:
                about = f"option {option.label} of {issue.title}"
                found += self.cite(("option", issue_id, option_id), about, option.evidence)
        return found

    def stance(self, party: str, issue_id: str, options: Iterable[str]) -> tuple[str, ...]:
        """The evidence of ``party``'s stance on the issue that backs its weight, its values
        as a whole, or its value of one of ``options``."""
        stance = self.scenario.party(party).stances.get(issue_id)
        if stance is None:
            return ()
        wanted = {"weight", "values", *(f"values.{o}" for o in options)}
        keep = [e.backs is None or bool(wanted & set(e.backs)) for e in stance.evidence]
        title = self.scenario.issue(issue_id).title
        return self.cite(("stance", party, issue_id), f"{party} on {title}", stance.evidence, keep)

    def move(self, issue_id: str, option_id: str, status_quo: str) -> tuple[str, ...]:
        """A move of the issue from the status quo to the option: the option's evidence and
        every party's stance evidence on it."""
        found = self.option(issue_id, option_id)
        for party in self.scenario.party_names:
            found += self.stance(party, issue_id, (option_id, status_quo))
        return found

    def stakeholder(self, stakeholder_id: str) -> tuple[str, ...]:
        """A stakeholder's evidence (none for an id the scenario does not have)."""
        for item in self.scenario.stakeholders:
            if item.id == stakeholder_id:
                about = f"stakeholder {item.name} ({item.party})"
                return self.cite(("stakeholder", item.id), about, item.evidence)
        return ()

    def event(self, event_id: str) -> tuple[str, ...]:
        """An event's evidence (its sources and any assumption about its date)."""
        for item in self.scenario.events:
            if item.id == event_id:
                about = f"event {item.title} ({item.date.isoformat()})"
                return self.cite(("event", item.id), about, item.evidence)
        return ()


def unique(keys: Iterable[str]) -> tuple[str, ...]:
    """``keys`` without repeats, first occurrence kept, in key order (``E2`` before ``E10``)."""
    return tuple(sorted(dict.fromkeys(keys), key=lambda k: int(k[1:])))
