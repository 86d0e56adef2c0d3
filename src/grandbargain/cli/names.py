"""Issue titles and option labels for the tables a person reads; JSON output keeps the ids.
The names of a scenario's numbers come from :func:`grandbargain.api.number_names`."""

from __future__ import annotations

from collections.abc import Mapping
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

    @classmethod
    def of(cls, scenario: Scenario) -> Names:
        """The names in ``scenario``."""
        return cls(
            {issue.id: issue.title for issue in scenario.issues},
            {(i.id, o.id): o.label for i in scenario.issues for o in i.options},
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
