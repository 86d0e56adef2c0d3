"""Score the off-topic detector against the hand-labelled pages of this folder.

Two label files are read when present: ``labels.yaml`` (pages in ``pages/``, parts
``development`` and ``held-out`` - since the detector was reworked with all 48 pages in view,
both parts are development data) and ``unseen.yaml`` (pages in ``unseen/``, part ``unseen``:
pages written by someone else, scored once at first look, and development data since the
third round, when the detector was changed with their errors in view). A third file,
``unseen2.yaml`` (pages in ``unseen2/``, part ``unseen2``: a second fresh set written without
running the detector), is read only when that part is asked for, so ``all`` is unchanged;
so is a fourth, ``unseen3.yaml`` (pages in ``unseen3/``, part ``unseen3``: a third fresh set,
also written without running the detector; development data since the fifth round), and a
fifth, ``unseen4.yaml`` (pages in ``unseen4/``, part ``unseen4``: a fourth fresh set, also
written without running the detector; development data since the sixth round), and a sixth,
``unseen5.yaml`` (pages in ``unseen5/``, part ``unseen5``: a fifth fresh set, also written
without running the detector; development data since the seventh round), and a seventh,
``unseen6.yaml`` (pages in ``unseen6/``, part ``unseen6``: a sixth fresh set, also written
without running the detector; development data since the eighth round), and an eighth,
``unseen7.yaml`` (pages in ``unseen7/``, part ``unseen7``: a seventh fresh set, also written
without running the detector), and a ninth, ``unseen8.yaml`` (pages in ``unseen8/``, part
``unseen8``: an eighth fresh set, also written without running the detector), and a tenth,
``unseen9.yaml`` (pages in ``unseen9/``, part ``unseen9``: a ninth fresh set, also written
without running the detector), and an eleventh, ``unseen10.yaml`` (pages in ``unseen10/``, part
``unseen10``: a tenth fresh set, also written without running the detector), and a twelfth,
``unseen11.yaml`` (pages in ``unseen11/``, part ``unseen11``: an eleventh fresh set, also
written without running the detector; development data since the thirteenth round), and a
thirteenth, ``unseen12.yaml`` (pages in ``unseen12/``, part ``unseen12``: a twelfth fresh set,
also written without running the detector; development data since the fourteenth round), and a
fourteenth, ``unseen13.yaml`` (pages in ``unseen13/``, part ``unseen13``: a thirteenth fresh
set, also written without running the detector; development data since the fifteenth round),
and a fifteenth, ``unseen14.yaml`` (pages in ``unseen14/``, part ``unseen14``: a fourteenth
fresh set, also written without running the detector; development data since the sixteenth
round), and a sixteenth, ``unseen15.yaml`` (pages in ``unseen15/``, part ``unseen15``: a
fifteenth fresh set, also written without running the detector; development data since the
seventeenth round), and a seventeenth,
``unseen16.yaml`` (pages in ``unseen16/``, part ``unseen16``: a sixteenth fresh set, also
written without running the detector; development data since the eighteenth round), and an
eighteenth, ``unseen17.yaml`` (pages in ``unseen17/``, part ``unseen17``: a seventeenth fresh
set, also written without running the detector), and a nineteenth, ``unseen18.yaml`` (pages in
``unseen18/``, part ``unseen18``: an eighteenth fresh set, of representative rather than
adversarial pages, also written without running the detector), and a twentieth,
``unseen19.yaml`` (pages in ``unseen19/``, part ``unseen19``: a nineteenth fresh set, also of
representative pages and written without running the detector), and a twenty-first,
``unseen20.yaml`` (pages in ``unseen20/``, part ``unseen20``: a twentieth fresh set, also of
representative pages and written without running the detector), and a twenty-second,
``unseen21.yaml`` (pages in ``unseen21/``, part ``unseen21``: a twenty-first fresh set, also
representative and written without running the detector), and a twenty-third,
``unseen22.yaml`` (pages in ``unseen22/``, part ``unseen22``: a twenty-second fresh set, also
written without running the detector, of adversarial layouts), and a twenty-fourth,
``unseen23.yaml`` (pages in ``unseen23/``, part ``unseen23``: a twenty-third fresh set, also
representative and written without running the detector), and a twenty-fifth,
``unseen24.yaml`` (pages in ``unseen24/``, part ``unseen24``: a twenty-fourth fresh set, also
representative and written without running the detector), and a twenty-sixth,
``unseen25.yaml`` (pages in ``unseen25/``, part ``unseen25``: a twenty-fifth fresh set, also
representative and written without running the detector).
Every page is split into passages as the store splits it (each labelled line is one passage:
no line is long enough to be cut into windows), flagged with the vocabulary that ``corpus
add`` uses by default (that of us-china-2025), and compared with its label file. The scores
are those of the **off-topic** class on passages: precision = flagged and labelled off-topic
/ flagged; recall = flagged and labelled off-topic / labelled off-topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
UNSEEN = "unseen"
UNSEEN2 = "unseen2"
UNSEEN3 = "unseen3"
UNSEEN4 = "unseen4"
UNSEEN5 = "unseen5"
UNSEEN6 = "unseen6"
UNSEEN7 = "unseen7"
UNSEEN8 = "unseen8"
UNSEEN9 = "unseen9"
UNSEEN10 = "unseen10"
UNSEEN11 = "unseen11"
UNSEEN12 = "unseen12"
UNSEEN13 = "unseen13"
UNSEEN14 = "unseen14"
UNSEEN15 = "unseen15"
UNSEEN16 = "unseen16"
UNSEEN17 = "unseen17"
UNSEEN18 = "unseen18"
UNSEEN19 = "unseen19"
UNSEEN20 = "unseen20"
UNSEEN21 = "unseen21"
UNSEEN22 = "unseen22"
UNSEEN23 = "unseen23"
UNSEEN24 = "unseen24"
UNSEEN25 = "unseen25"
FRESH_SETS = (
    UNSEEN2,
    UNSEEN3,
    UNSEEN4,
    UNSEEN5,
    UNSEEN6,
    UNSEEN7,
    UNSEEN8,
    UNSEEN9,
    UNSEEN10,
    UNSEEN11,
    UNSEEN12,
    UNSEEN13,
    UNSEEN14,
    UNSEEN15,
    UNSEEN16,
    UNSEEN17,
    UNSEEN18,
    UNSEEN19,
    UNSEEN20,
    UNSEEN21,
    UNSEEN22,
    UNSEEN23,
    UNSEEN24,
    UNSEEN25,
)
"""The fresh sets after the first, each read only when asked for (not part of ``all``)."""
PARTS = ("development", "held-out", UNSEEN, *FRESH_SETS)
"""The parts a label file may name."""


@dataclass(frozen=True)
class Scores:
    """Counts and scores of the off-topic class over a set of pages."""

    pages: int
    passages: int
    labelled: int
    flagged: int
    true_positives: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0


def _read(labels_file: Path, pages: Path, part: str | None) -> list[dict[str, Any]]:
    data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    entries = [dict(entry) for entry in data.get("pages") or []]
    for entry in entries:
        if part is not None:
            entry.setdefault("part", part)
        entry["path"] = pages / entry["file"]
    return entries


def labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/labels.yaml`` (file, kind, part, offtopic_lines; ``path`` added:
    the page in ``root/pages``)."""
    return _read(root / "labels.yaml", root / "pages", None)


def part_labels(part: str, root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/PART.yaml``, part ``part``, pages in ``root/PART`` (none when the
    file is absent): the sets written after the 48 pages, one file and folder each."""
    path = root / f"{part}.yaml"
    if not path.is_file():
        return []
    return _read(path, root / part, part)


def unseen_labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of ``root/unseen.yaml`` (see :func:`part_labels`)."""
    return part_labels(UNSEEN, root)


def all_labels(root: Path = HERE) -> list[dict[str, Any]]:
    """The entries of both label files."""
    return labels(root) + unseen_labels(root)


def page_reasons(path: Path, vocabulary: frozenset[str]) -> list[tuple[int, str, str | None]]:
    """(line number, text, the detector's reason or None) for every passage of a labelled
    page (each labelled line is one passage)."""
    from grandbargain.evidence.offtopic import offtopic_reasons
    from grandbargain.evidence.passages import split_passages

    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers), path.name
    reasons = offtopic_reasons([p.text for p in passages], vocabulary)
    return [(numbers[p.paragraph], p.text, r) for p, r in zip(passages, reasons, strict=True)]


def page_passages(path: Path, offtopic_lines: set[int]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """A labelled page's passages as the store splits it, and whether each is labelled
    off-topic (no detector involved)."""
    from grandbargain.evidence.passages import split_passages

    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    passages = split_passages(text)
    assert len(passages) == len(numbers), path.name
    return (
        tuple(p.text for p in passages),
        tuple(numbers[p.paragraph] in offtopic_lines for p in passages),
    )


def page_flags(entry: dict[str, Any], vocabulary: frozenset[str]) -> list[tuple[int, str, bool]]:
    """(line number, text, flagged) for every passage of a labelled page."""
    path = Path(entry.get("path") or PAGES / entry["file"])
    return [(n, text, r is not None) for n, text, r in page_reasons(path, vocabulary)]


def chosen_pages(
    part: str | None = None, root: Path = HERE, kind: str | None = None
) -> list[dict[str, Any]]:
    """The entries of ``part`` (``development``, ``held-out``, ``unseen``, ``unseen2``,
    ``unseen3``, ``unseen4``, ``unseen5``, ``unseen6``, ``unseen7``, ``unseen8``, ``unseen9``,
    ``unseen10``, ``unseen11``, ``unseen12``, ``unseen13``, ``unseen14``, ``unseen15``,
    ``unseen16``, ``unseen17``, ``unseen18``, ``unseen19``, ``unseen20``, ``unseen21``,
    ``unseen22``, ``unseen23``, ``unseen24``, ``unseen25``;
    None for the pages of labels.yaml, ``all`` for those of labels.yaml and unseen.yaml), of one
    ``kind`` if given."""
    if part is None:
        chosen = labels(root)
    elif part == "all":
        chosen = all_labels(root)
    elif part in FRESH_SETS:
        chosen = part_labels(part, root)
    else:
        chosen = [e for e in all_labels(root) if e["part"] == part]
    return [e for e in chosen if kind is None or e["kind"] == kind]


def score(part: str | None = None, root: Path = HERE, kind: str | None = None) -> Scores:
    """Scores over the pages of ``part`` (and ``kind``): see :func:`chosen_pages`."""
    import grandbargain
    from grandbargain.evidence.shape import scenario_vocabulary

    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    chosen = chosen_pages(part, root, kind)
    counts = {"passages": 0, "labelled": 0, "flagged": 0, "hit": 0}
    errors: list[str] = []
    for entry in chosen:
        wanted = set(entry.get("offtopic_lines") or [])
        for line, text, flagged in page_flags(entry, vocabulary):
            truth = line in wanted
            counts["passages"] += 1
            counts["labelled"] += truth
            counts["flagged"] += flagged
            counts["hit"] += truth and flagged
            if truth != flagged:
                kind = "missed" if truth else "hidden"
                errors.append(f"{kind} {entry['file']}:{line}: {text[:70]}")
    return Scores(
        len(chosen),
        counts["passages"],
        counts["labelled"],
        counts["flagged"],
        counts["hit"],
        tuple(errors),
    )
