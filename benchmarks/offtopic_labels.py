"""Precision and recall of the off-topic class on the labelled pages of tests/evidence/labelled.

Run from the project root: ``python benchmarks/offtopic_labels.py [--errors]``. Prints one row
for the development part, one for the held-out part and one for all pages; ``--errors`` also
lists the development part's wrong passages (never the held-out part's: those pages are not
looked at while the detector is tuned).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.evidence.labelled.scoring import score


def main() -> None:
    print(
        f"{'part':<12} {'pages':>5} {'passages':>8} {'off-topic':>9} {'flagged':>7} "
        f"{'precision':>9} {'recall':>6}"
    )
    for part in ("development", "held-out", None):
        s = score(part)
        print(
            f"{part or 'all':<12} {s.pages:>5} {s.passages:>8} {s.labelled:>9} {s.flagged:>7} "
            f"{s.precision:>9.3f} {s.recall:>6.3f}"
        )
    if "--errors" in sys.argv:
        print("\n".join(score("development").errors))


if __name__ == "__main__":
    main()
