"""Record the exact analysis of every reference domain, as the code of its commit computes it.

Run from the repository root: ``python -m tests.solve.data.record_reference``. It writes
``reference.json.gz`` next to this file; ``tests/solve/test_reference.py`` checks that today's
engine still gives the same frontier (packages and utility vectors), the same four solutions,
the same counts and the same series of separate agreements. The committed file was made by
commit 6bf5c99 (before the issue 17 engine work) with the shared folder of that date.

Domains (``tests/solve/reference.py``): the GENIUS folders grandbargain reads (``10issues`` is
non-linear and refused), the six LLM-Deliberation games, the embedded ``us-china-2025`` and a
few seeded random additive domains with 2 to 6 parties (``tests/builders.py``).
"""

from __future__ import annotations

import gzip
import json
import subprocess

from ..reference import REFERENCE, ROOT, load, record, sources


def main() -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    out = {"commit": commit, "domains": {n: record(load(s)) for n, s in sources().items()}}
    text = json.dumps(out, separators=(",", ":")) + "\n"
    REFERENCE.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


if __name__ == "__main__":
    main()
