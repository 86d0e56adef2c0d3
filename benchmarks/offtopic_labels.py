"""Precision and recall of the off-topic class on the labelled pages of tests/evidence/labelled.

Run from the project root: ``python benchmarks/offtopic_labels.py [--kinds] [--errors]
[--PART-errors ...]``. Prints one row for each part of ``labels.yaml`` (development and
held-out: since the detector was reworked with all 48 pages in view, both are development
data) and one for those 48 pages together; then, for every fresh set whose label file exists
(``unseen`` with ``all`` for the 74 pages of labels.yaml and unseen.yaml, then ``unseen2`` to
``unseen16``, each its own row), its row. Each fresh set was written by someone who had not run
the detector and scored once by the lead at its first look (the figures are in
docs/explanation/off-topic-detection.md, "Where it stands"); every set up to ``unseen7`` has
been development data since the round after its first look, ``unseen8`` since the tenth
round, ``unseen9`` since the eleventh, ``unseen10`` since the twelfth, ``unseen11`` since
the thirteenth, ``unseen12`` since the fourteenth, ``unseen13`` since the fifteenth,
``unseen14`` since the sixteenth, ``unseen15`` since the seventeenth and ``unseen16`` since
the eighteenth (each first look is recorded).
``--kinds`` adds a row per page kind within each part. ``--errors`` lists the wrong passages of
the 48 pages, ``--unseen-errors``,
``--unseen2-errors`` ... ``--unseen25-errors`` those of a fresh set.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.evidence.labelled.scoring import (
    FRESH_SETS,
    Scores,
    chosen_pages,
    part_labels,
    score,
    unseen_labels,
)


def _row(name: str, s: Scores) -> str:
    return (
        f"{name:<24} {s.pages:>5} {s.passages:>8} {s.labelled:>9} {s.flagged:>7} "
        f"{s.true_positives:>5} {s.precision:>9.3f} {s.recall:>6.3f}"
    )


def main() -> None:
    print(
        f"{'part':<24} {'pages':>5} {'passages':>8} {'off-topic':>9} {'flagged':>7} "
        f"{'right':>5} {'precision':>9} {'recall':>6}"
    )
    rows: list[tuple[str, str | None]] = [
        ("development", "development"),
        ("held-out", "held-out"),
        ("labelled-48", None),
    ]
    if unseen_labels():
        rows += [("unseen", "unseen"), ("all", "all")]
    rows += [(part, part) for part in FRESH_SETS if part_labels(part)]
    for name, part in rows:
        print(_row(name, score(part)))
        if "--kinds" in sys.argv and part not in (None, "all"):
            for kind in sorted({e["kind"] for e in chosen_pages(part)}):
                print(_row(f"  {kind}", score(part, kind=kind)))
    if "--errors" in sys.argv:
        print("\n".join(score(None).errors))
    for part in ("unseen", *FRESH_SETS):
        if f"--{part}-errors" in sys.argv:
            print("\n".join(score(part).errors))


if __name__ == "__main__":
    main()
