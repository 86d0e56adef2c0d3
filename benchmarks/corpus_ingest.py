"""Corpus ingest: seconds and peak memory for large documents, and ingest time vs corpus size.

Run from the repository root, with the package installed (pip install -e .):

    python benchmarks/corpus_ingest.py             # 1 MB / 20,000 lines, 10 MB, corpus sizes
    python benchmarks/corpus_ingest.py --quick     # 1 MB only, corpus sizes up to 100
    python benchmarks/corpus_ingest.py --lines 2000 4000 --sizes 0 25 50

Every document is generated, never read from the shared corpus, by ``numpy.random.default_rng``
with a stated seed (``--seed``, default 12): made-up words drawn from a Zipf law over a
20,000-word vocabulary, in lines of 4 to 14 words, three in five of them sentences (capital
letter, full stop) and the rest headings. That gives about 50 bytes a line: the "1 MB" row is
20,000 lines, the "10 MB" row about 190,000 lines. Each large document is ingested by a fresh
interpreter into a new database; the row shows the wall-clock seconds of ``ingest``, its CPU
seconds (``time.process_time``: user and system time of the interpreter, far less disturbed
than the wall clock when other work shares the machine), and the peak resident set size of
that interpreter (``resource.getrusage``, ``ru_maxrss``), which includes the roughly 60-80 MB
that Python, numpy and grandbargain take before any work (shown as "RSS before").
``--memory-limit`` caps each child's address space, so a run that would need more stops with
"over the memory limit" instead of swapping the machine.

"Ingest time vs corpus size" builds one corpus of small articles (about 60 sentences, 5 KB,
each with its own seed and topic words) one document at a time, and reports the mean seconds
of the next five ingests once the corpus holds N documents: flat means that adding a document
costs the same whatever the corpus already holds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
VOCABULARY = 20_000


def vocabulary(rng: np.random.Generator) -> list[str]:
    """Made-up words of one to three syllables (distinct, in a fixed order for a seed)."""
    seen: dict[str, None] = {}
    while len(seen) < VOCABULARY:
        size = int(rng.integers(1, 4))
        seen.setdefault("".join(rng.choice(SYLLABLES, size)), None)
    return list(seen)


def _lines(rng: np.random.Generator, words: list[str], weights: np.ndarray, n: int) -> list[str]:
    """``n`` lines of 4 to 14 words; three in five sentences, the rest title-case headings."""
    lengths = rng.integers(4, 15, n)
    chosen = rng.choice(len(words), int(lengths.sum()), p=weights)
    sentence = rng.random(n) < 0.6
    out = []
    start = 0
    for size, is_sentence in zip(lengths.tolist(), sentence.tolist(), strict=True):
        line = [words[k] for k in chosen[start : start + size]]
        start += size
        if is_sentence:
            out.append(line[0].capitalize() + " " + " ".join(line[1:]) + ".")
        else:
            out.append(" ".join(word.capitalize() for word in line))
    return out


def document(seed: int, lines: int | None = None, size: int | None = None) -> str:
    """A generated document of ``lines`` lines or of at least ``size`` bytes."""
    rng = np.random.default_rng(seed)
    words = vocabulary(rng)
    ranks = np.arange(1, len(words) + 1, dtype=np.float64)
    weights = ranks**-1.1 / (ranks**-1.1).sum()
    out: list[str] = []
    total = 0
    while (lines is not None and len(out) < lines) or (size is not None and total < size):
        batch = _lines(rng, words, weights, 10_000 if lines is None else lines - len(out))
        for line in batch:
            out.append(line)
            total += len(line) + 1
            if size is not None and total >= size:
                break
    return "\n".join(out) + "\n"


def article(seed: int, common: list[str]) -> str:
    """A small article: 60 sentences of common words plus 40 topic words of its own."""
    rng = np.random.default_rng(seed)
    topic = ["".join(rng.choice(SYLLABLES, 3)) for _ in range(40)]
    pool = common[:2000] + topic * 10
    lines = [f"Report {seed}: {' '.join(rng.choice(topic, 4))}"]
    for _ in range(60):
        chosen = list(rng.choice(pool, int(rng.integers(8, 20))))
        lines.append(chosen[0].capitalize() + " " + " ".join(chosen[1:]) + ".")
    return "\n".join(lines) + "\n"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(spec: dict[str, int]) -> None:
    """Ingest one generated document into a new database and print the figures as JSON."""
    from grandbargain.evidence.store import ingest, list_documents

    before = _rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(document(spec["seed"], spec.get("lines"), spec.get("size")))
        size = path.stat().st_size
        start, cpu = time.perf_counter(), time.process_time()
        report = ingest(Path(folder) / "corpus.sqlite", path)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        [doc] = list_documents(Path(folder) / "corpus.sqlite")
    assert len(report.added) == 1, report
    print(
        json.dumps(
            {
                "bytes": size,
                "passages": doc.passages,
                "offtopic": doc.offtopic,
                "seconds": seconds,
                "cpu": cpu,
                "rss_before": before,
                "rss_peak": _rss_mb(),
            }
        )
    )


def _limit(megabytes: int) -> None:
    limit = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_child(spec: dict[str, int], memory_limit: int) -> dict[str, float] | None:
    """Run :func:`child` in a fresh interpreter under an address-space limit."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _limit(memory_limit),
        check=False,
    )
    if result.returncode != 0:
        tail = (result.stderr.strip().splitlines() or ["?"])[-1]
        print(f"    (child failed: {tail[:160]})", file=sys.stderr)
        return None
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def big_documents(rows: list[tuple[str, dict[str, int]]], memory_limit: int) -> None:
    print(
        "| document | bytes | passages | off-topic | seconds | CPU seconds | peak RSS MB "
        "| RSS before MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, spec in rows:
        figures = run_child(spec, memory_limit)
        if figures is None:
            print(f"| {label} | | | | over the memory limit or failed | | | |")
            continue
        print(
            f"| {label} | {figures['bytes']:,.0f} | {figures['passages']:,.0f} | "
            f"{figures['offtopic']:,.0f} | {figures['seconds']:.1f} | {figures['cpu']:.1f} | "
            f"{figures['rss_peak']:.0f} | {figures['rss_before']:.0f} |"
        )


def corpus_sizes(sizes: list[int], seed: int) -> None:
    from grandbargain.evidence.store import ingest

    common = vocabulary(np.random.default_rng(seed))
    print("\n| documents in the corpus | seconds to ingest one more (mean of 5) |")
    print("|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "corpus.sqlite"
        held = 0
        for size in sorted(sizes):
            while held < size:
                path = Path(folder) / f"a{held}.txt"
                path.write_text(article(seed * 100_000 + held, common))
                ingest(db, path)
                held += 1
            times = []
            for _ in range(5):
                path = Path(folder) / f"a{held}.txt"
                path.write_text(article(seed * 100_000 + held, common))
                start = time.perf_counter()
                ingest(db, path)
                times.append(time.perf_counter() - start)
                held += 1
            print(f"| {size} | {sum(times) / len(times):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 MB and corpus sizes to 100")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--lines", type=int, nargs="*", help="document sizes in lines instead")
    parser.add_argument("--sizes", type=int, nargs="*", help="corpus sizes (documents)")
    parser.add_argument("--memory-limit", type=int, default=4096, help="MB per child")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}; "
        f"seed {args.seed}\n"
    )
    if args.lines:
        rows = [(f"{n:,} lines", {"seed": args.seed, "lines": n}) for n in args.lines]
    else:
        rows = [("1 MB, 20,000 lines", {"seed": args.seed, "lines": 20_000})]
        if not args.quick:
            rows.append(("10 MB", {"seed": args.seed + 1, "size": 10_000_000}))
    big_documents(rows, args.memory_limit)
    default = [0, 25, 50, 100] if args.quick else [0, 50, 100, 200, 400]
    corpus_sizes(args.sizes if args.sizes is not None else default, args.seed)


if __name__ == "__main__":
    main()
