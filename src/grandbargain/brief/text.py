"""The briefing as plain terminal text: sections of wrapped sentences, each followed by the
keys of its evidence (``[E1-E3, E7]``) and of the assumption it rests on (``[A1]``), then the
assumptions and the evidence items in full."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from grandbargain.brief.result import Briefing, EvidenceItem


def wrap(text: str, width: int, first: str = "", rest: str = "  ") -> list[str]:
    """``text`` wrapped at ``width`` columns, never inside a word, a date or a number."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def key_ranges(keys: Sequence[str]) -> str:
    """``E1, E2, E3, E7`` as ``E1-E3, E7`` (keys in order, as a sentence holds them)."""
    numbers = [int(k[1:]) for k in keys]
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"E{r[0]}" if len(r) == 1 else f"E{r[0]}-E{r[-1]}" for r in runs)


def assumption_keys(briefing: Briefing) -> dict[str, str]:
    """Each distinct assumption the sentences rest on -> ``A1``, ``A2``, ... (first use)."""
    found: dict[str, str] = {}
    for section in briefing.sections:
        for sentence in section.sentences:
            if sentence.assumption is not None and sentence.assumption not in found:
                found[sentence.assumption] = f"A{len(found) + 1}"
    return found


def evidence_line(item: EvidenceItem) -> str:
    """One evidence item: the quote and its source's id and date, or the assumption and its
    range (the sources are listed once, in full, by :func:`source_lines`)."""
    if item.kind == "assumption":
        span = "" if item.range is None else f" Range {item.range[0]:g} to {item.range[1]:g}."
        return f"[{item.key}] {item.about} ({item.backs}): assumption: {item.reasoning}{span}"
    note = f" {item.note}" if item.note else ""
    return f'[{item.key}] {item.about} ({item.backs}): "{item.quote}" [{item.source}].{note}'


def source_lines(briefing: Briefing) -> list[str]:
    """Each source the evidence quotes, once: id, title, publisher, date and address."""
    seen: dict[str, str] = {}
    for item in briefing.evidence:
        if item.kind != "quote" or item.source is None or item.source in seen:
            continue
        parts = [x for x in (item.source_title, item.publisher, item.date) if x]
        text = f"[{item.source}] " + ", ".join(parts)
        if item.precision not in (None, "day"):
            text += f" ({item.precision})"
        seen[item.source] = text + (f" <{item.url}>" if item.url else "")
    return list(seen.values())


def _heading(briefing: Briefing, width: int) -> list[str]:
    when = "with every dated event applied" if briefing.as_of is None else f"as of {briefing.as_of}"
    since = "" if briefing.since is None else f", changes since {briefing.since}"
    draws = (
        "nominal numbers (no draws)"
        if briefing.nominal
        else f"{briefing.draws} Monte Carlo draws, seed {briefing.seed}"
    )
    return wrap(f"Briefing: {briefing.title} ({briefing.scenario}), {when}{since}; {draws}.", width)


def briefing_text(briefing: Briefing, width: int = 88) -> str:
    """The whole briefing as text wrapped at ``width`` columns."""
    assumed = assumption_keys(briefing)
    lines = _heading(briefing, width)
    for section in briefing.sections:
        lines += ["", section.title.upper()]
        for sentence in section.sentences:
            marks = []
            if sentence.evidence:
                marks.append(key_ranges(sentence.evidence))
            if sentence.assumption is not None:
                marks.append(assumed[sentence.assumption])
            text = sentence.text + (f" [{'; '.join(marks)}]" if marks else "")
            lines += wrap(text, width, "- ")
    if assumed:
        lines += ["", "ASSUMPTIONS OF THE TOOL"]
        for text, key in assumed.items():
            lines += wrap(f"[{key}] {text}", width)
    if briefing.evidence:
        lines += ["", "EVIDENCE"]
        for item in briefing.evidence:
            lines += wrap(evidence_line(item), width)
        lines += ["", "SOURCES"]
        for line in source_lines(briefing):
            lines += wrap(line, width)
    if briefing.notes:
        lines += ["", "NOTES"]
        for note in briefing.notes:
            lines += wrap(note, width, "- ")
    return "\n".join(lines) + "\n"
