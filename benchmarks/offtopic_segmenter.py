"""A learned reader of news pages beside the off-topic rules: measured, not shipped (issue 16).

Run from the project root: ``python benchmarks/offtopic_segmenter.py [--forward] [--seed]``.

The model is an L2-regularised logistic regression (L-BFGS from zero weights, deterministic)
on generic features of each passage, computed from its page alone: position; size and
make-up (words, characters, shares of digits, capitals, punctuation and CJK, a sentence end,
the fragment shape, a link or ©); the share of its content terms in the page's lead,
elsewhere on the page and in the scenario's vocabulary; those values of the passages before
and after it; and its words, first and last word and character trigrams hashed (CRC-32) into
2^15 buckets. No rule's verdict is a feature. The *vote* weighs it with the rules:
off-topic when ``0.3 * rules + 0.7 * p >= 0.5`` (a rule's flag stands unless p < 0.286; a
kept passage is flagged when p >= 0.714).

``--forward`` (the default): every fresh set from unseen8 on is judged as it was first seen -
the rules of its first look (:data:`FIRST_LOOK`, extracted with ``git archive``) and a model
fitted only on the sets written before it (no class pages) - and the rules, the model and the
vote are compared. The vote's weight was chosen on unseen8-unseen16; unseen17-unseen20 came
later. ``--seed``: the model fitted on every labelled page, and the vote with this tree's rules
on the five articles of ``../shared/corpus``: every passage whose verdict the vote changes.
The doc's "A learned reader beside the rules" reports both and why the vote is not shipped.
"""

from __future__ import annotations

import json
import math
import re
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evidence.labelled.scoring import PARTS, chosen_pages, page_passages  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from offtopic_learned import FEATURE_NAMES, _neighbour, _overlaps, _shape  # noqa: E402
from offtopic_rules import dump_at  # noqa: E402

FIRST_LOOK = {
    "unseen8": "24816e8",
    "unseen9": "0b92c36",
    "unseen10": "61b3247",
    "unseen11": "99bf931",
    "unseen12": "001652a",
    "unseen13": "30c8c74",
    "unseen14": "ae7f553",
    "unseen15": "84921fc",
    "unseen16": "a0c9dbd",
    "unseen17": "2440fa5",
    "unseen18": "2440fa5",
    "unseen19": "2440fa5",
    "unseen20": "2440fa5",
}
"""The commit whose rules each fresh set was first scored with (the doc's first-look tables)."""
WRITTEN_TOGETHER = ({"unseen17", "unseen18"}, {"unseen19", "unseen20"})
"""Sets written at the same time: none is training data for another."""
RULE_WEIGHT = 0.3
"""Weight of the rules' verdict in the vote."""
BUCKETS = 2**15
"""Hash buckets of the token features."""
WORDS_KEPT = 60
"""Words of a passage that become token features (a long paragraph's first ones)."""
TRIGRAM_CHARS = 200
"""Characters of a passage whose trigrams become token features."""
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")

GENERIC_NAMES = FEATURE_NAMES[-12:]
"""The generic columns of the learned-combiner benchmark: make-up and overlaps."""
DENSE_NAMES = (
    "position",
    "position^2",
    *GENERIC_NAMES,
    *(f"previous: {n}" for n in GENERIC_NAMES),
    *(f"next: {n}" for n in GENERIC_NAMES),
)
"""The dense columns, in order."""


def dense_features(texts: Sequence[str], vocabulary: frozenset[str]) -> np.ndarray:
    """The dense feature rows of one page's passages (columns: :data:`DENSE_NAMES`)."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(DENSE_NAMES)))
    page = tuple(texts)
    generic = np.hstack([_shape(page), _overlaps(page, np.ones(n, dtype=bool), vocabulary)])
    position = np.arange(n) / max(n - 1, 1)
    return np.hstack(
        [
            np.stack([position, position**2], 1),
            generic,
            _neighbour(generic, 1),
            _neighbour(generic, -1),
        ]
    )


def _token_names(text: str) -> set[str]:
    low = text.lower()
    words = [_DIGIT.sub("0", w) for w in _WORD.findall(low)]
    names = {"w:" + w for w in words[:WORDS_KEPT]}
    if words:
        names |= {"first:" + words[0], "last:" + words[-1]}
    head = _DIGIT.sub("0", low[:TRIGRAM_CHARS])
    names |= {"c:" + head[k : k + 3] for k in range(len(head) - 2)}
    stripped = text.strip()
    names |= {"end:" + stripped[-1:], "start:" + stripped[:1]}
    return names


def token_buckets(text: str) -> tuple[np.ndarray, float]:
    """The hashed buckets of one passage's token features (a bucket once per feature, so a
    bucket two features share appears twice) and the weight of each (1 / sqrt(features))."""
    names = _token_names(text)
    buckets = np.array(
        sorted(zlib.crc32(name.encode("utf-8")) % BUCKETS for name in names), dtype=np.int64
    )
    return buckets, 1.0 / math.sqrt(len(names))


@dataclass(frozen=True)
class Model:
    """A fitted model: dense features standardised, token buckets as they are."""

    mean: np.ndarray
    scale: np.ndarray
    dense_weights: np.ndarray
    token_weights: np.ndarray
    intercept: float


@dataclass(frozen=True)
class LabelledPassages:
    """One page's passages in order and whether each is labelled off-topic."""

    texts: tuple[str, ...]
    offtopic: tuple[bool, ...]


L2 = 0.1
"""Ridge penalty (chosen on unseen to unseen9, leave one set out)."""
MAX_ITERATIONS = 1000
"""L-BFGS iterations at most."""


def token_matrix(texts: Sequence[str]) -> sp.csr_matrix:
    """The hashed token features of ``texts``, one row each (repeated buckets summed)."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for k, text in enumerate(texts):
        buckets, value = token_buckets(text)
        rows.append(np.full(len(buckets), k))
        cols.append(buckets)
        vals.append(np.full(len(buckets), value))
    if not texts:
        return sp.csr_matrix((0, BUCKETS))
    matrix = sp.coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(texts), BUCKETS),
    )
    return matrix.tocsr()


def _loss(w: np.ndarray, x: sp.csr_matrix, y: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    z = x @ w[1:] + w[0]
    # log(1 + e^z) - y z, computed stably
    loss = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w[1:] @ w[1:]))
    residual = 1.0 / (1.0 + np.exp(-z)) - y
    grad = np.empty_like(w)
    grad[0] = residual.sum()
    grad[1:] = x.T @ residual + l2 * w[1:]
    return loss, grad


def fit_model(
    pages: Sequence[LabelledPassages], vocabulary: frozenset[str], l2: float = L2
) -> Model:
    """The passage model fitted on ``pages`` (see the module docstring)."""
    texts = [t for page in pages for t in page.texts]
    if not texts:
        raise ValueError("no labelled passages to fit on")
    dense = np.vstack([dense_features(page.texts, vocabulary) for page in pages if page.texts])
    mean, scale = dense.mean(0), dense.std(0)
    scale[scale == 0] = 1.0
    x = sp.hstack([sp.csr_matrix((dense - mean) / scale), token_matrix(texts)]).tocsr()
    y = np.array([o for page in pages for o in page.offtopic], dtype=float)
    result = minimize(
        _loss,
        np.zeros(x.shape[1] + 1),
        args=(x, y, l2),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS},
    )
    w = result.x
    n = dense.shape[1]
    return Model(mean, scale, w[1 : 1 + n], w[1 + n :], float(w[0]))


def probabilities(model: Model, texts: Sequence[str], vocabulary: frozenset[str]) -> np.ndarray:
    """The model's probability that each passage of one page is off-topic."""
    dense = (dense_features(texts, vocabulary) - model.mean) / model.scale
    z = dense @ model.dense_weights + token_matrix(texts) @ model.token_weights
    return np.asarray(1.0 / (1.0 + np.exp(-(z + model.intercept))))


def vote(rules: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The vote of the module docstring."""
    return np.asarray(RULE_WEIGHT * rules + (1 - RULE_WEIGHT) * p >= 0.5)


def labelled_pages(part: str) -> list[tuple[str, LabelledPassages]]:
    """(file, passages and labels) of every page of ``part``."""
    out = []
    for e in chosen_pages(part):
        texts, labels = page_passages(Path(e["path"]), set(e.get("offtopic_lines") or []))
        out.append((str(e["file"]), LabelledPassages(texts, labels)))
    return out


def rule_flags(commit: str, part: str) -> dict[str, list[bool]]:
    """The flags of the rules of ``commit`` on every page of ``part`` (run in a subprocess
    with that commit's ``src``)."""
    return dict(dump_at(commit, __file__, part))


def _dump(part: str) -> None:
    import grandbargain
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.shape import scenario_vocabulary

    vocab = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    out = {
        name: [r is not None for r in offtopic_reasons(page.texts, vocab)]
        for name, page in labelled_pages(part)
    }
    json.dump(out, sys.stdout)


def _scores(flags: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    hits = float((flags & truth).sum())
    p = hits / flags.sum() if flags.sum() else 1.0
    r = hits / truth.sum() if truth.sum() else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _before(held: str) -> list[str]:
    together = next((g for g in WRITTEN_TOGETHER if held in g), {held})
    first = min(PARTS.index(s) for s in together)
    return list(PARTS[:first])


def forward(vocab: frozenset[str]) -> None:
    """The forward-chaining table (module docstring)."""
    print(f"{'held out':<10} {'rules P/R':>11} {'model P/R':>11} {'vote P/R':>11}  trained on")
    f1s: dict[str, list[tuple[float, float, float]]] = {"8-16": [], "17-20": []}
    for held, commit in FIRST_LOOK.items():
        train = [page for s in _before(held) for _, page in labelled_pages(s)]
        model = fit_model(train, vocab)
        flags = rule_flags(commit, held)
        truth, rules, p = [], [], []
        for name, page in labelled_pages(held):
            truth += page.offtopic
            rules += flags[name]
            p += list(probabilities(model, page.texts, vocab))
        y, r, q = np.array(truth), np.array(rules), np.array(p)
        rows = [_scores(r, y), _scores(q >= 0.5, y), _scores(vote(r, q), y)]
        shown = "  ".join(f"{a:.3f}/{b:.3f}" for a, b, _ in rows)
        print(f"{held:<10} {shown}  {sum(len(t.texts) for t in train)} passages", flush=True)
        key = "8-16" if PARTS.index(held) <= PARTS.index("unseen16") else "17-20"
        f1s[key].append(tuple(f for _, _, f in rows))
    for key, rows in f1s.items():
        means = np.mean(np.array(rows), axis=0)
        print(f"mean F1 on {key}: rules {means[0]:.3f}, model {means[1]:.3f}, vote {means[2]:.3f}")


def seed(vocab: frozenset[str]) -> None:
    """The vote with this tree's rules on the seed corpus (module docstring)."""
    import yaml

    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.passages import split_passages

    pages = [page for s in PARTS for _, page in labelled_pages(s)]
    classes = ROOT / "tests" / "evidence" / "offtopic_pages"
    for e in yaml.safe_load((classes / "labels.yaml").read_text("utf-8"))["pages"]:
        pages.append(
            LabelledPassages(*page_passages(classes / e["file"], set(e["offtopic_lines"])))
        )
    model = fit_model(pages, vocab)
    corpus = ROOT.parent / "shared" / "corpus"
    for path in sorted(corpus.glob("*.txt")):
        texts = [p.text for p in split_passages(path.read_text(encoding="utf-8"))]
        rules = np.array([r is not None for r in offtopic_reasons(texts, vocab)])
        p = probabilities(model, texts, vocab)
        changed = np.flatnonzero(vote(rules, p) != rules)
        print(f"{path.name}: {len(texts)} passages, rules {rules.sum()}, changed {len(changed)}")
        for k in changed:
            verdict = "kept -> flagged" if not rules[k] else "flagged -> kept"
            print(f"  {verdict} (p {p[k]:.2f}) #{k}: {texts[k][:80]}")


def main() -> None:
    if "--dump" in sys.argv:
        _dump(sys.argv[sys.argv.index("--dump") + 1])
        return
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    vocab = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    if "--seed" in sys.argv:
        seed(vocab)
    else:
        forward(vocab)


if __name__ == "__main__":
    main()
