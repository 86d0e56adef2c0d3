"""Precision and recall of the off-topic class on the labelled pages of tests/evidence/labelled.

Run from the project root: ``python benchmarks/offtopic_labels.py [--kinds] [--errors]
[--unseen-errors] [--unseen2-errors] [--unseen3-errors] [--unseen4-errors]``. Prints one
row for each part of
``labels.yaml`` (development and held-out: since the detector was reworked with all 48 pages
in view, both are development data) and one for those 48 pages together; when
``tests/evidence/labelled/unseen.yaml`` exists, also one for its ``unseen`` part (26 pages
written by someone else: unseen at their first look, development data since the third round,
when the detector was changed with their errors in view) and one for every page. ``--kinds``
adds a row per page kind within each part. ``--errors`` lists the wrong passages of the 48
pages; ``--unseen-errors`` those of the unseen part; ``--unseen2-errors`` those of
``unseen2`` (33 pages written by someone else, the third round's judging set: scored once by
the lead at first look, 0.993 / 0.917; development data since the fourth round), which gets
its own row (not part of ``all``), as does ``unseen3`` (32 pages, the fourth round's judging
set, scored once by the lead at first look: 0.907 / 0.894; development data since the fifth
round, which was built with its errors in view); ``--unseen3-errors`` lists its wrong
passages. ``unseen4`` (33 pages, the fifth round's judging set, scored once by the lead at
first look: 0.882 / 0.902; development data since the sixth round, which was built with its
errors in view) gets its own row too; ``--unseen4-errors`` lists its wrong passages. The
sixth round's judging set, unseen5, is not read here: the lead scores it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.evidence.labelled.scoring import (
    Scores,
    chosen_pages,
    score,
    unseen2_labels,
    unseen3_labels,
    unseen4_labels,
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
    if unseen2_labels():
        rows += [("unseen2", "unseen2")]
    if unseen3_labels():
        rows += [("unseen3", "unseen3")]
    if unseen4_labels():
        rows += [("unseen4", "unseen4")]
    for name, part in rows:
        print(_row(name, score(part)))
        if "--kinds" in sys.argv and part not in (None, "all"):
            for kind in sorted({e["kind"] for e in chosen_pages(part)}):
                print(_row(f"  {kind}", score(part, kind=kind)))
    if "--errors" in sys.argv:
        print("\n".join(score(None).errors))
    if "--unseen-errors" in sys.argv:
        print("\n".join(score("unseen").errors))
    if "--unseen2-errors" in sys.argv:
        print("\n".join(score("unseen2").errors))
    if "--unseen3-errors" in sys.argv:
        print("\n".join(score("unseen3").errors))
    if "--unseen4-errors" in sys.argv:
        print("\n".join(score("unseen4").errors))


if __name__ == "__main__":
    main()
