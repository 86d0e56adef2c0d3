"""Overrule the off-topic detector for one document from its ``sources.yaml`` entry.

An entry may carry ``keep: [3, 7]`` and ``hide: [12]``: passage numbers counted from 1, as
``grandbargain corpus show`` prints them. A kept passage is stored on-topic with the reason
:data:`KEPT` (followed by what the detector had said, when it had flagged it); a hidden one is
stored off-topic with the reason :data:`HIDDEN` (likewise). Search, evidence, near-duplicate
grouping and ``cite check`` read only the stored flags, so they follow the overrule.

The shape of the two lists (whole numbers from 1, no number in both) is checked with the rest
of the entry (:func:`field_problems`); whether each number lies inside its document can only
be told once the file is split, and is checked before anything is stored
(:func:`check_overrules`). Both name the ``sources.yaml`` file, line and field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.reading import Read, read_document
from grandbargain.files import read_input
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.yaml_source import YamlDocument, parse_yaml_bytes

KEPT = "kept by sources.yaml"
"""The stored reason of a passage the user kept (stored on-topic)."""
HIDDEN = "hidden by sources.yaml"
"""The stored reason of a passage the user hid (stored off-topic)."""
FIELDS = ("keep", "hide")
"""The ``sources.yaml`` entry fields that overrule the detector."""
_SHAPE = "expected a list of passage numbers from 1, as 'grandbargain corpus show' prints them"


@dataclass(frozen=True)
class Overrule:
    """The passages (0-based ordinals) a user kept and hid for one document."""

    keep: frozenset[int] = frozenset()
    hide: frozenset[int] = frozenset()


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def field_problems(doc: YamlDocument, where: tuple[Any, ...], entry: Any) -> list[Problem]:
    """Problems with the ``keep`` and ``hide`` fields of one ``sources.yaml`` entry."""
    problems = []
    for key in FIELDS:
        value = entry.get(key)
        if key in entry and not (isinstance(value, list) and all(map(_number, value))):
            problems.append(doc.problem((*where, key), _SHAPE))
    keep, hide = entry.get("keep"), entry.get("hide")
    if isinstance(keep, list) and isinstance(hide, list):
        for j, number in enumerate(hide):
            if _number(number) and number in keep:
                message = f"passage {number} is in both keep and hide; give it in one"
                problems.append(doc.problem((*where, "hide", j), message))
    return problems


def overrule_of(entry: dict[str, Any] | None) -> Overrule:
    """The overrule a checked ``sources.yaml`` entry gives (none for no entry)."""
    entry = entry or {}
    return Overrule(
        frozenset(n - 1 for n in entry.get("keep") or ()),
        frozenset(n - 1 for n in entry.get("hide") or ()),
    )


def _said(reason: str | None) -> str:
    return f" (the detector said: {reason})" if reason else ""


def apply_overrule(reasons: Sequence[str | None], overrule: Overrule) -> list[str | None]:
    """The detector's ``reasons`` (None: on-topic) with the overrule applied; a number past
    the end is passed over (:func:`check_overrules` refuses it before an ingest)."""
    out: list[str | None] = []
    for k, reason in enumerate(reasons):
        if k in overrule.keep:
            out.append(KEPT + _said(reason))
        elif k in overrule.hide:
            out.append(HIDDEN + _said(reason))
        else:
            out.append(reason)
    return out


def is_offtopic(reason: str | None) -> bool:
    """Whether a passage with this reason is off-topic (a kept passage has a reason too)."""
    return reason is not None and not reason.startswith(KEPT)


def overruled(reason: str | None) -> str | None:
    """``keep``, ``hide`` or None: how the user overruled the passage with this reason."""
    if reason is not None and reason.startswith(KEPT):
        return "keep"
    if reason is not None and reason.startswith(HIDDEN):
        return "hide"
    return None


def stored_overrule(reasons: Iterable[str | None]) -> Overrule:
    """The overrule a document's stored reasons (in passage order) carry."""
    marks = [overruled(reason) for reason in reasons]
    return Overrule(
        frozenset(k for k, m in enumerate(marks) if m == "keep"),
        frozenset(k for k, m in enumerate(marks) if m == "hide"),
    )


def _locate(path: Path, count: int, entry: dict[str, Any]) -> list[Problem]:
    """Problems for the numbers of ``entry`` (describing ``path``) past its ``count``."""
    yaml_file = path.parent / "sources.yaml"
    doc = parse_yaml_bytes(read_input(yaml_file, "sources.yaml"), str(yaml_file))
    k = next(k for k, e in enumerate(doc.data["sources"]) if str(e["file"]) == path.name)
    message = (
        "passage {n} is outside {name}, which has {count} passages "
        "(see grandbargain corpus show {name})"
    )
    return [
        doc.problem(("sources", k, key, j), message.format(n=n, name=path.name, count=count))
        for key in FIELDS
        for j, n in enumerate(entry.get(key) or ())
        if n > count
    ]


def check_overrules(files: Iterable[Path], entry: Callable[[Path], dict[str, Any] | None]) -> None:
    """Raise InputError naming the ``sources.yaml`` line of every ``keep`` or ``hide``
    number past the end of its document (``entry`` gives a file's entry)."""
    problems: list[Problem] = []
    for path in files:
        given = entry(path) or {}
        if not any(given.get(key) for key in FIELDS):
            continue
        read = read_document(path)
        if isinstance(read, Read):
            count = len(split_passages(read.text))
            if max(n for key in FIELDS for n in given.get(key) or ()) > count:
                problems += _locate(path, count, given)
    if problems:
        raise InputError(problems)
