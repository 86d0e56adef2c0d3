"""Candidate rules for appended stories without a heading, measured on every labelled set.

Run from the project root: ``python benchmarks/offtopic_suffix.py [--lines]``. Nothing in the
detector changes: for every page of every set, the passages the detector of this tree keeps
are read, and each candidate rule proposes a tail of kept passages to flag. A page counts once,
at its first proposed tail (from the top); the tail is *right* when every passage of it is
labelled off-topic and *wrong* otherwise. A candidate worth shipping proposes right tails on
several sets and at most one wrong tail in all.

Terms are :func:`~grandbargain.evidence.shape.tokens`; a term is *distinctive* when it occurs
on at most :data:`RARE_PAGES` of the corpus's pages (all the labelled pages and the class
pages): "tariff", "china" and "said" are not, "long", "beach" or "whitcombe" are. The *head*
is the first :data:`HEAD_PASSAGES` kept sentences and the headline; a split ``s`` leaves at
least :data:`MIN_BEFORE` kept sentences before it and :data:`MIN_AFTER` after it.

- **suffix**: the tail shares at most :data:`MAX_SHARED` distinctive term with the head (the
  pivot's anchor), every passage of the tail shares a distinctive term with another passage of
  the tail (cohesive), no passage of the tail after its first shares a distinctive term with
  the head (it never returns), and the body before the split shares at least
  :data:`MIN_BODY_SHARED` distinctive terms with the head.
- **pivot**: the tail's first passage holds "also" and a weekday or "on <day>", and opens with
  a capitalised subject of at most four words (English pages).
- **both**: the two together.
- **fresh** (eleventh round): the tail's first passage holds at least :data:`FRESH_TERMS`
  distinctive terms and none of them occurs in the headline or a kept passage before it (a new
  grammatical subject: "In Stockholm the Riksbank ..."), and no later passage of the tail
  shares a distinctive term with them either (it never returns to the page's terms).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))
from offtopic_rules import SETS, _entries  # noqa: E402
from tests.evidence.labelled.scoring import page_reasons  # noqa: E402

RARE_PAGES = 0.03
HEAD_PASSAGES = 2
MIN_BEFORE = 3
MIN_AFTER = 2
MAX_SHARED = 1
MIN_BODY_SHARED = 2
FRESH_TERMS = 3
_PIVOT = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w'’.-]*\s+){1,4}(?:on\s+\w+day\s+)?also\s+\w+"
    r"|^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:is|was|are|were)\s+also\b"
)
_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|this week)\b")

Page = dict[str, Any]


def _pages() -> list[Page]:
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary, stop_language, tokens

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    pages: list[Page] = []
    for name in SETS:
        for entry in _entries(name):
            rows = page_reasons(Path(entry["path"]), vocabulary)
            texts = [text for _, text, _ in rows]
            language = stop_language(texts)
            pages.append(
                {
                    "set": name,
                    "file": str(entry["file"]),
                    "lines": [n for n, _, _ in rows],
                    "texts": texts,
                    "flagged": [r is not None for _, _, r in rows],
                    "wanted": set(entry.get("offtopic_lines") or []),
                    "terms": [set(tokens(text, language)) for text in texts],
                    "english": language == "en" and all(t.isascii() for t in texts[:8]),
                }
            )
    return pages


def _rare(pages: Sequence[Page]) -> set[str]:
    df: Counter[str] = Counter()
    for page in pages:
        df.update(set().union(*page["terms"]) if page["terms"] else set())
    limit = max(2, int(RARE_PAGES * len(pages)))
    return {term for term, n in df.items() if n <= limit}


def _kept(page: Page) -> list[int]:
    from grandbargain.evidence.shape import is_fragment

    return [
        i
        for i, text in enumerate(page["texts"])
        if not page["flagged"][i] and not is_fragment(text)
    ]


def _suffix(page: Page, kept: list[int], s: int, rare: set[str]) -> bool:
    terms = [page["terms"][i] & rare for i in kept]
    headline = next((i for i, f in enumerate(page["flagged"]) if not f), None)
    head = set().union(*terms[:HEAD_PASSAGES])
    if headline is not None:
        head |= page["terms"][headline] & rare
    tail = terms[s:]
    if len(set().union(*tail) & head) > MAX_SHARED:
        return False
    if any(t & head for t in tail[1:]):
        return False
    cohesive = all(
        any(tail[k] & tail[j] for j in range(len(tail)) if j != k) for k in range(len(tail))
    )
    body = set().union(*terms[HEAD_PASSAGES:s]) if s > HEAD_PASSAGES else set()
    return cohesive and len(body & head) >= MIN_BODY_SHARED


def _pivot(page: Page, kept: list[int], s: int, rare: set[str]) -> bool:
    text = page["texts"][kept[s]]
    return page["english"] and _PIVOT.match(text) is not None and _DAY.search(text) is not None


def _both(page: Page, kept: list[int], s: int, rare: set[str]) -> bool:
    return _pivot(page, kept, s, rare) and _suffix(page, kept, s, rare)


def _fresh(page: Page, kept: list[int], s: int, rare: set[str]) -> bool:
    terms = [page["terms"][i] & rare for i in kept]
    headline = next((i for i, f in enumerate(page["flagged"]) if not f), None)
    before = set().union(*terms[:s])
    if headline is not None:
        before |= page["terms"][headline] & rare
    first = terms[s]
    if len(first) < FRESH_TERMS or first & before:
        return False
    return not any(t & before for t in terms[s + 1 :])


Rule = Callable[[Page, list[int], int, set[str]], bool]
RULES: dict[str, Rule] = {"suffix": _suffix, "pivot": _pivot, "both": _both, "fresh": _fresh}


def _proposal(page: Page, rule: Rule, rare: set[str]) -> list[int] | None:
    kept = _kept(page)
    for s in range(MIN_BEFORE, len(kept) - MIN_AFTER + 1):
        if rule(page, kept, s, rare):
            return kept[s:]
    return None


def measure(show: bool) -> None:
    pages = _pages()
    rare = _rare(pages)
    print("candidate: per set right / wrong pages (a page counts once, its first tail)")
    for name, rule in RULES.items():
        cells: list[str] = []
        lines: list[str] = []
        total = [0, 0]
        for set_name in SETS:
            right = wrong = 0
            for page in (p for p in pages if p["set"] == set_name):
                tail = _proposal(page, rule, rare)
                if tail is None:
                    continue
                ok = all(page["lines"][i] in page["wanted"] for i in tail)
                right, wrong = right + ok, wrong + (not ok)
                first = page["lines"][tail[0]]
                lines.append(f"  {'right' if ok else 'WRONG'} {page['file']}:{first}+")
            cells.append(f"{set_name} {right}/{wrong}")
            total = [total[0] + right, total[1] + wrong]
        print(f"{name:<7} " + ", ".join(cells) + f"; all {total[0]}/{total[1]}")
        if show:
            print("\n".join(lines))


if __name__ == "__main__":
    measure("--lines" in sys.argv)
