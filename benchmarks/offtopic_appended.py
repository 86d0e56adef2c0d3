"""Right and wrong firings of the appended-material rule, per labelled set.

Run from the project root: ``python benchmarks/offtopic_appended.py [--lines]``. For every
labelled set (the 48 pages, ``unseen`` to ``unseen8``, the class pages) it counts the
passages whose reason is the appended-material rule of step 8 ("appended material unrelated
to the rest of the document (relevance x)": a block after a heading or after an appended
block, a turn to another story, a seamless tail) and how many of them are labelled off-topic
(right) or not (wrong). The rule's precision on fresh pages was near break-even at unseen8's
first look; this is its measure on every set. To measure another commit, run this script with
that commit's ``src`` first on ``PYTHONPATH`` (``git archive REF src | tar -x -C /tmp/ref``).
``--lines`` lists the wrong firings with their relevance.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from offtopic_rules import SETS, _entries  # noqa: E402
from tests.evidence.labelled.scoring import page_reasons  # noqa: E402

RULE = "appended material unrelated to the rest of the document (relevance"


def main() -> None:
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    print(f"{'set':<12} {'right':>5} {'wrong':>5}")
    for name in SETS:
        right = wrong = 0
        shown = []
        for entry in _entries(name):
            wanted = set(entry.get("offtopic_lines") or [])
            for line, text, reason in page_reasons(Path(entry["path"]), vocabulary):
                if reason is None or not reason.startswith(RULE):
                    continue
                if line in wanted:
                    right += 1
                else:
                    wrong += 1
                    shown.append(f"  {entry['file']}:{line}: {reason[len(RULE) : -1]} {text[:60]}")
        print(f"{name:<12} {right:>5} {wrong:>5}")
        if "--lines" in sys.argv:
            print("\n".join(shown))


if __name__ == "__main__":
    main()
