"""Rich tables for ``grandbargain analyze --ratify``. Rendering only: no analysis here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from grandbargain.api import Analysis


def rule_label(rule: Mapping[str, Any]) -> str:
    """A rule as words: a party's win-sets, a veto player, a party's package vote."""
    if rule["rule"] == "winsets":
        return f"{rule['party']}'s domestic win-sets"
    if rule["rule"] == "veto":
        return f"veto player {rule['stakeholder']} ({rule['party']})"
    return f"{rule['party']}'s package vote"


def _stated(rules: Mapping[str, Any]) -> str:
    parts = []
    if rules["winsets"] is not None:
        extra = ", ".join(f"{k} {v:g}" for k, v in rules["winsets"]["issues"].items())
        parts.append(
            f"win-sets {rules['winsets']['threshold']:g}" + (f" ({extra})" if extra else "")
        )
    if rules["veto_players"]:
        parts.append("veto players " + ", ".join(rules["veto_players"]))
    if rules["package"] is not None:
        parts.append(f"package vote {rules['package']['threshold']:g}")
    return "; ".join(parts) or "none"


def ratification_tables(a: Analysis, data: Mapping[str, Any]) -> Iterator[RenderableType]:
    """The rules applied, a plain verdict when only no deal is ratifiable, and the blockers."""
    if not data["rules"]:
        yield Text("Ratification: the scenario states no ratification rules; nothing changes.")
        return
    for rules in data["rules"]:
        yield Text(f"Ratification, {rules['party']}: {_stated(rules)}")
    yield Text(
        f"Ratifiable packages computed by {data['method']}; "
        f"{data['within_winsets']:,} packages inside every win-set."
    )
    if data["only_no_deal"]:
        binding = "; ".join(rule_label(r) for r in data["binding"]) or "every rule together"
        yield Text(
            f"No ratifiable agreement: only no deal (the status quo) can be ratified. "
            f"Binding: {binding}.",
            style="bold red",
        )
    if data["blockers"]:
        yield _blockers_table(data["blockers"])
    elif data["unconstrained_nash"] is not None:
        yield Text("Ratification blocks no move of the unconstrained Nash package.")


def _blockers_table(blockers: list[Mapping[str, Any]]) -> Table:
    table = Table(title="Moves of the unconstrained Nash package that ratification blocks")
    for column in ("issue", "unconstrained Nash", "ratified Nash", "blocked by"):
        table.add_column(column)
    for b in blockers:
        who = "; ".join(rule_label(r) for r in b["blocked_by"])
        if b["jointly"]:
            who = "together: " + who + ("" if b["minimal"] else " (not reduced further)")
        table.add_row(b["issue"], b["unconstrained"], b["ratified"], who)
    return table
