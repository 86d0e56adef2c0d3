"""Score the off-topic detector against the hand-labelled pages of this folder.

Two label files are read when present: ``labels.yaml`` (pages in ``pages/``, parts
``development`` and ``held-out``, both development data since the detector was reworked with
all 48 pages in view) and ``unseen.yaml`` (pages in ``unseen/``, part ``unseen``). The fresh
sets ``unseen2.yaml`` to ``unseen25.yaml`` (pages in ``unseenN/``, part ``unseenN``) are read
only when their part is asked for, so ``all`` is unchanged. Each set was written by someone
who had not run the detector and scored once at its first look; which sets are development
data now, which judge a round, and which are adversarial or representative is in
``docs/explanation/off-topic-detection.md`` ("Where it stands").
Every page is split into passages as the store splits it (each labelled line is one passage:
no line is long enough to be cut into windows), flagged with the vocabulary that ``corpus
add`` uses by default (that of us-china-2025), and compared with its label file. The scores
are those of the **off-topic** class on passages: precision = flagged and labelled off-topic
/ flagged; recall = flagged and labelled off-topic / labelled off-topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
UNSEEN = "unseen"
FRESH_SETS = tuple(f"unseen{k}" for k in range(2, 26))
"""The fresh sets after the first, each read only when asked for (not part of ``all``)."""
PARTS = ("development", "held-out", UNSEEN, *FRESH_SETS)
"""The parts a label file may name."""


@dataclass(frozen=True)
class Scores:
    """Counts and scores of the off-topic class over a set of pages."""

    pages: int
    passages: int
    labelled: int
    flagged: int
    true_positives: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0


def _read(labels_file: Path, pages: Path, part: str | None) -> list[dict[str, Any]]:
    data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    entries = [dict(entry) for entry in data.get("pages") or []]
    for entry in entries:
        if part is not None:
            entry.setdefault("part", part)
        entry["path"] = pages / entry["file"]
    return entries


def labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/labels.yaml`` (file, kind, part, offtopic_lines; ``path`` added:
    the page in ``root/pages``)."""
    return _read(root / "labels.yaml", root / "pages", None)


def part_labels(part: str, root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/PART.yaml``, part ``part``, pages in ``root/PART`` (none when the
    file is absent): the sets written after the 48 pages, one file and folder each."""
    path = root / f"{part}.yaml"
    if not path.is_file():
        return []
    return _read(path, root / part, part)


def unseen_labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/unseen.yaml`` (see :func:`part_labels`)."""
    return part_labels(UNSEEN, root)


def all_labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of both label files."""
    return labels(root) + unseen_labels(root)


def page_reasons(path: Path, vocabulary: frozenset[str]) -> list[tuple[int, str, str | None]]:
    """(line number, text, the detector's reason or None) for every passage of a labelled
    page (each labelled line is one passage)."""
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.passages import split_passages

    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers), path.name
    reasons = offtopic_reasons([p.text for p in passages], vocabulary)
    return [(numbers[p.paragraph], p.text, r) for p, r in zip(passages, reasons, strict=True)]


def page_passages(path: Path, offtopic_lines: set[int]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """A labelled page's passages as the store splits it, and whether each is labelled
    off-topic (no detector involved)."""
    from grandbargain.evidence.passages import split_passages

    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers), path.name
    return (
        tuple(p.text for p in passages),
        tuple(numbers[p.paragraph] in offtopic_lines for p in passages),
    )


def page_flags(entry: dict[str, Any], vocabulary: frozenset[str]) -> list[tuple[int, str, bool]]:
    """(line number, text, flagged) for every passage of a labelled page."""
    path = Path(entry.get("path") or PAGES / entry["file"])
    return [(n, text, r is not None) for n, text, r in page_reasons(path, vocabulary)]


def chosen_pages(
    part: str | None = None, root: Path = HERE, kind: str | None = None
) -> list[dict[str, Any]]:
    """The entries of ``part`` (``development``, ``held-out``, ``unseen`` or one of
    :data:`FRESH_SETS`; None for the pages of labels.yaml, ``all`` for those of labels.yaml
    and unseen.yaml), of one ``kind`` if given."""
    if part is None:
        chosen = labels(root)
    elif part == "all":
        chosen = all_labels(root)
    elif part in FRESH_SETS:
        chosen = part_labels(part, root)
    else:
        chosen = [e for e in all_labels(root) if e["part"] == part]
    return [e for e in chosen if kind is None or e["kind"] == kind]


def score(part: str | None = None, root: Path = HERE, kind: str | None = None) -> Scores:
    """Scores over the pages of ``part`` (and ``kind``): see :func:`chosen_pages`."""
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    chosen = chosen_pages(part, root, kind)
    counts = {"passages": 0, "labelled": 0, "flagged": 0, "hit": 0}
    errors: list[str] = []
    for entry in chosen:
        wanted = set(entry.get("offtopic_lines") or [])
        for line, text, flagged in page_flags(entry, vocabulary):
            truth = line in wanted
            counts["passages"] += 1
            counts["labelled"] += truth
            counts["flagged"] += flagged
            counts["hit"] += truth and flagged
            if truth != flagged:
                kind = "missed" if truth else "hidden"
                errors.append(f"{kind} {entry['file']}:{line}: {text[:70]}")
    return Scores(
        len(chosen),
        counts["passages"],
        counts["labelled"],
        counts["flagged"],
        counts["hit"],
        tuple(errors),
    )
