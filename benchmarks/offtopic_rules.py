"""Which passages this tree's off-topic detector flags differently from another commit's, per set.

Run from the project root: ``python benchmarks/offtopic_rules.py [--ref REF] [--lines]``.
The detector of ``REF`` (default ``main``; its ``src`` is extracted with ``git archive`` into a
temporary folder) and the detector of this tree are run on every labelled set (the 48 pages,
``unseen`` to ``unseen14``, the class pages of ``tests/evidence/offtopic_pages``), with the
labels of this tree. For each set the script prints how many passages the change flags or
unflags, rightly and wrongly: a rule that generalises changes several sets rightly and none
wrongly; a rule that changes one set only was probably copied from it. ``--lines`` lists the
changed passages. The shared corpora have no labels: ``--shared`` also prints how many of
their passages change flag.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evidence.labelled.scoring import FRESH_SETS, chosen_pages, page_reasons  # noqa: E402

CLASS_PAGES = ROOT / "tests" / "evidence" / "offtopic_pages"
SETS = ("labelled-48", "unseen", *FRESH_SETS, "class-pages")


def _entries(name: str) -> list[dict[str, Any]]:
    if name == "labelled-48":
        return chosen_pages(None)
    if name == "class-pages":
        import yaml

        data = yaml.safe_load((CLASS_PAGES / "labels.yaml").read_text("utf-8"))
        return [dict(e, path=CLASS_PAGES / e["file"]) for e in data["pages"]]
    return chosen_pages(name)


def _shared_files() -> list[Path]:
    shared = ROOT.parent / "shared"
    folders = (shared / "corpus", shared / "corpus-phase-one-2019")
    return sorted(p for folder in folders for p in folder.glob("*") if p.suffix in (".txt", ".md"))


def dump() -> dict[str, dict[str, list[bool]]]:
    """Flags of every passage of every set (and of the shared corpora), by set and file."""
    import grandbargain
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.passages import split_passages
    from grandbargain.evidence.shape import scenario_vocabulary

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    out: dict[str, dict[str, list[bool]]] = {}
    for name in SETS:
        out[name] = {
            str(e["file"]): [r is not None for _, _, r in page_reasons(Path(e["path"]), vocabulary)]
            for e in _entries(name)
        }
    out["shared"] = {}
    for path in _shared_files():
        texts = [p.text for p in split_passages(path.read_text(encoding="utf-8"))]
        for vocab, tag in ((vocabulary, "v"), (frozenset(), "e")):
            out["shared"][f"{path}:{tag}"] = [r is not None for r in offtopic_reasons(texts, vocab)]
    return out


def dump_at(ref: str, script: str, *args: str) -> Any:
    """The JSON that ``script --dump ARGS`` prints when run with the ``src`` of commit ``ref``
    (extracted with ``git archive`` into a temporary folder) first on the path."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "src"], check=True
        )
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=f"{tmp}/src")
        run = subprocess.run(
            [sys.executable, script, "--dump", *args], env=env, check=True, capture_output=True
        )
        return json.loads(run.stdout)


def _reference(ref: str) -> dict[str, dict[str, list[bool]]]:
    return dict(dump_at(ref, __file__))


def _labelled_lines(name: str) -> dict[str, tuple[list[int], set[int], list[str]]]:
    from grandbargain.evidence.passages import split_passages

    out = {}
    for e in _entries(name):
        text = Path(e["path"]).read_text(encoding="utf-8")
        numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        texts = [p.text for p in split_passages(text)]
        out[str(e["file"])] = (numbers, set(e.get("offtopic_lines") or []), texts)
    return out


def compare(ref: str, lines: bool) -> None:
    before, after = _reference(ref), dump()
    print(f"flags changed versus {ref}: set, newly flagged right/wrong, unflagged right/wrong")
    for name in SETS:
        counts = {"flag+": 0, "flag-": 0, "unflag+": 0, "unflag-": 0}
        shown: list[str] = []
        for file, (numbers, wanted, texts) in _labelled_lines(name).items():
            pairs = zip(before[name][file], after[name][file], strict=True)
            for k, (old, new) in enumerate(pairs):
                if old == new:
                    continue
                right = new == (numbers[k] in wanted)
                key = ("flag" if new else "unflag") + ("+" if right else "-")
                counts[key] += 1
                verdict = ("right " if right else "WRONG ") + ("flag" if new else "unflag")
                shown.append(f"  {verdict} {file}:{numbers[k]}: {texts[k][:60]}")
        print(
            f"{name:<12} flagged {counts['flag+']:>3} right {counts['flag-']:>3} wrong   "
            f"unflagged {counts['unflag+']:>3} right {counts['unflag-']:>3} wrong"
        )
        if lines:
            print("\n".join(shown))
    changed = sum(
        a != b
        for f in after["shared"]
        for a, b in zip(before["shared"].get(f, []), after["shared"][f], strict=False)
    )
    total = sum(len(v) for v in after["shared"].values())
    print(f"shared corpora: {changed} of {total} passage readings change flag (no labels)")


def main() -> None:
    if "--dump" in sys.argv:
        json.dump(dump(), sys.stdout)
        return
    ref = sys.argv[sys.argv.index("--ref") + 1] if "--ref" in sys.argv else "main"
    compare(ref, "--lines" in sys.argv)


if __name__ == "__main__":
    main()
