"""Precision and recall of the off-topic class on the labelled pages of tests/evidence/labelled.

Run from the project root: ``python benchmarks/offtopic_labels.py [--errors]``. Prints one row
for each part of ``labels.yaml`` (development and held-out: since the detector was reworked
with all 48 pages in view, both are development data) and one for those 48 pages together;
when ``tests/evidence/labelled/unseen.yaml`` exists, also one for its ``unseen`` part (pages
the detector has never been tuned on) and one for every page. ``--errors`` lists the wrong
passages of the 48 pages (never the unseen part's: those pages are scored, not studied).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.evidence.labelled.scoring import score, unseen_labels


def main() -> None:
    print(
        f"{'part':<12} {'pages':>5} {'passages':>8} {'off-topic':>9} {'flagged':>7} "
        f"{'precision':>9} {'recall':>6}"
    )
    rows: list[tuple[str, str | None]] = [
        ("development", "development"),
        ("held-out", "held-out"),
        ("labelled-48", None),
    ]
    if unseen_labels():
        rows += [("unseen", "unseen"), ("all", "all")]
    for name, part in rows:
        s = score(part)
        print(
            f"{name:<12} {s.pages:>5} {s.passages:>8} {s.labelled:>9} {s.flagged:>7} "
            f"{s.precision:>9.3f} {s.recall:>6.3f}"
        )
    if "--errors" in sys.argv:
        print("\n".join(score(None).errors))


if __name__ == "__main__":
    main()
