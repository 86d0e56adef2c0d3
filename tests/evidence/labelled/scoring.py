"""Score the off-topic detector against the hand-labelled pages of this folder.

Every page is split into passages as the store splits it (each labelled line is one passage:
no line is long enough to be cut into windows), flagged with the vocabulary that ``corpus
add`` uses by default (that of us-china-2025), and compared with ``labels.yaml``. The scores
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


def labels() -> list[dict[str, Any]]:
    """The entries of labels.yaml: file, kind, part, offtopic_lines."""
    data = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    return list(data["pages"])


def page_flags(entry: dict[str, Any], vocabulary: frozenset[str]) -> list[tuple[int, str, bool]]:
    """(line number, text, flagged) for every passage of a labelled page."""
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.passages import split_passages

    text = (PAGES / entry["file"]).read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers), entry["file"]
    reasons = offtopic_reasons([p.text for p in passages], vocabulary)
    return [
        (numbers[p.paragraph], p.text, r is not None)
        for p, r in zip(passages, reasons, strict=True)
    ]


def score(part: str | None = None) -> Scores:
    """Scores over the pages of ``part`` (``development``, ``held-out``, or None for all)."""
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    chosen = [e for e in labels() if part is None or e["part"] == part]
    counts = {"passages": 0, "labelled": 0, "flagged": 0, "hit": 0}
    errors: list[str] = []
    for entry in chosen:
        wanted = set(entry["offtopic_lines"])
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
