"""The off-topic detector on the hand-labelled pages (tests/evidence/labelled), and the failure
classes of issue 16, each on a page written for it (the third round's classes are in
test_offtopic_classes.py, the fourth's in test_offtopic_round4.py, the fifth's in
test_offtopic_round5.py, the sixth's in test_offtopic_round6.py, the seventh's in
test_offtopic_round7.py, the eighth's in test_offtopic_round8.py, the ninth's in
test_offtopic_round9.py, the tenth's in test_offtopic_round10.py, the eleventh's in
test_offtopic_round11.py, the twelfth's and thirteenth's in test_offtopic_round12.py and
test_offtopic_round13.py, the fourteenth's in test_offtopic_round14.py). The 546 labelled pages
up to unseen13 are development data now: the 48 of labels.yaml since the second round, the 26 of
unseen.yaml since the third, the 33 of unseen2.yaml (first look 0.993 / 0.917) since the fourth,
the 32 of unseen3.yaml (first look 0.907 / 0.894) since the fifth, the 33 of unseen4.yaml (first
look 0.882 / 0.902) since the sixth, the 37 of unseen5.yaml (first look 0.907 / 0.852) since the
seventh, the 39 of unseen6.yaml (first look 0.919 / 0.791) since the eighth, the 42 of
unseen7.yaml (first look 0.932 / 0.890) since the ninth, the 43 of unseen8.yaml (first look
0.919 / 0.852) since the tenth, the 45 of unseen9.yaml (first look 0.957 / 0.923) since the
eleventh, the 42 of unseen10.yaml (first look 0.927 / 0.864 against its corrected labels) since
the twelfth, the 42 of unseen11.yaml (first look 0.892 / 0.812 against its corrected labels)
since the thirteenth, the 42 of unseen12.yaml (first look 0.944 / 0.810) since the fourteenth,
the 42 of unseen13.yaml (first look 0.904 / 0.888) since the fifteenth (its classes in
test_offtopic_round15.py), the 42 of unseen14.yaml (first look 0.868 / 0.820) since the
sixteenth (its classes in test_offtopic_round16.py), the 42 of unseen15.yaml (first look 0.948 /
0.897) since the seventeenth (its classes in test_offtopic_round17.py), the 42 of unseen16.yaml
(first look 0.890 / 0.855) since the eighteenth (its classes in test_offtopic_round18.py).
unseen17 (adversarial layouts; first look 0.892 / 0.840) and unseen18-unseen21 (representative
pages) were judging sets of the eighteenth round; unseen18-unseen21 are development data since
the nineteenth. unseen22 (adversarial) and unseen23-unseen25 (representative) judge the
nineteenth."""

from __future__ import annotations

from pathlib import Path

import pytest

from .labelled.scoring import (
    HERE,
    PAGES,
    PARTS,
    UNSEEN,
    labels,
    page_flags,
    part_labels,
    score,
)


def _entry(name: str) -> dict[str, object]:
    return next(e for e in labels() if e["file"] == name)


def _flags(name: str) -> dict[int, bool]:
    return {line: flagged for line, _, flagged in page_flags(_entry(name), frozenset())}


def test_the_labelled_set_is_as_documented() -> None:
    entries = labels()
    assert len(entries) >= 40
    assert {e["kind"] for e in entries} >= {
        "boilerplate",
        "syndicated",
        "appended",
        "non-english",
        "short",
    }
    assert sorted(e["file"] for e in entries) == sorted(p.name for p in PAGES.glob("*.txt"))
    parts = [e["part"] for e in entries]
    assert parts.count("held-out") == 17 and parts.count("development") == 31


@pytest.mark.parametrize(
    ("part", "floor"),
    [("development", (1.00, 1.00)), ("held-out", (1.00, 1.00)), (None, (1.00, 1.00))],
)
def test_precision_and_recall_of_the_offtopic_class(
    part: str | None, floor: tuple[float, float]
) -> None:
    # docs/explanation/off-topic-detection.md: the held-out part has been development data
    # since the second round. The target is 0.95; the floors are the third round's measured
    # figures rounded down to two places (1.000 / 1.000 on each part), so a regression fails.
    found = score(part)
    assert found.precision >= 0.95 and found.recall >= 0.95, "\n".join(found.errors)
    assert (found.precision, found.recall) >= floor, "\n".join(found.errors)


def test_no_on_topic_passage_of_the_48_pages_is_hidden() -> None:
    found = score(None)
    assert found.flagged == found.true_positives, "\n".join(found.errors)


@pytest.mark.parametrize(
    ("part", "pages"),
    [
        (UNSEEN, 26),
        ("unseen2", 33),
        ("unseen3", 32),
        ("unseen4", 33),
        ("unseen5", 37),
        ("unseen6", 39),
        ("unseen7", 42),
        ("unseen8", 43),
        ("unseen9", 45),
        ("unseen10", 42),
        ("unseen11", 42),
        ("unseen12", 42),
        ("unseen13", 42),
        ("unseen14", 42),
        ("unseen15", 42),
        ("unseen16", 42),
        ("unseen17", 42),
        ("unseen18", 42),
        ("unseen19", 42),
        ("unseen20", 42),
        ("unseen21", 42),
        ("unseen22", 42),
        ("unseen23", 42),
        ("unseen24", 42),
        ("unseen25", 42),
    ],
)
def test_each_fresh_set_is_as_documented(part: str, pages: int) -> None:
    # Its label file names every page of its folder, and no page of an earlier set.
    entries = part_labels(part)
    assert len(entries) == pages and {e["part"] for e in entries} == {part}
    assert sorted(e["file"] for e in entries) == sorted(p.name for p in (HERE / part).glob("*.txt"))
    fresh_before = PARTS[PARTS.index(UNSEEN) : PARTS.index(part)]
    earlier = labels() + [e for k in fresh_before for e in part_labels(k)]
    assert not {e["file"] for e in entries} & {e["file"] for e in earlier}


def test_the_unseen_part_now_development_data_stays_at_its_third_round_figures() -> None:
    # docs/explanation/off-topic-detection.md: the first look (commit 393adb9, before any of
    # its errors was read) gave precision 0.909 and recall 0.828. In the third round the 26
    # pages became development data: the detector was changed with their errors in view, so
    # these are development figures, not unseen ones (the judging set, unseen2, is scored by
    # the lead). Measured 1.000 / 0.976 (165 of 165 flags right, 165 of 169 found: the market
    # wrap's headline and three paragraphs are missed); the floors are those rounded down.
    # The seventh round's register tail finds the market wrap: 1.000 / 1.000.
    found = score(UNSEEN)
    assert found.precision >= 1.00 and found.recall >= 0.99, "\n".join(found.errors)


def test_the_unseen2_part_now_development_data_stays_at_its_fourth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen2, first look": scored once
    # by the lead with the third-round detector (commit e536aaa) before any of its errors was
    # read: precision 0.993, recall 0.917 (277 flagged, 275 right, 300 off-topic of 557
    # passages). In the fourth round the detector was changed with its errors in view, so
    # these pages are development data now: measured 1.000 / 0.967 (290 of 290 flags right,
    # 290 of 300 found: three appended stories without a heading and a Japanese membership
    # notice are missed); the floors are those rounded down (unchanged by the fifth round).
    # Seventh round: 1.000 / 0.977 (a crop-weather tail found by its register).
    found = score("unseen2")
    assert found.passages == 557 and found.labelled == 300
    assert found.precision >= 1.00 and found.recall >= 0.97, "\n".join(found.errors)


def test_the_unseen3_part_now_development_data_stays_at_its_fifth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen3, first look": written by
    # someone who never ran the detector and scored once by the lead with the fourth-round
    # detector (commit 1e871dc), aggregate first: precision 0.907, recall 0.894 (215 flagged,
    # 195 right, 218 off-topic of 413 passages) - below the 0.95 target. In the fifth round the
    # detector was changed with its errors in view, so these pages are development data now
    # ("Fifth round"): measured 0.995 / 0.945 (207 flagged, 206 right; missed: three appended
    # stories without a heading, a caption without a verb or credit; hidden: a sub-heading
    # spelt "licence" over a paragraph saying "licensing"); the floors are those rounded
    # down. The judging set of the fifth round, unseen4, is not in this branch: the lead
    # scores it. Seventh round: 0.995 / 0.982 (two appended tails found by their register).
    found = score("unseen3")
    assert found.passages == 413 and found.labelled == 218
    assert found.precision >= 0.99 and found.recall >= 0.98, "\n".join(found.errors)


def test_the_unseen4_part_now_development_data_stays_at_its_sixth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen4, first look": written by
    # someone who never ran the detector and scored once by the lead with the fifth-round
    # detector (branch score5, 2402b66) before any of its errors was read: precision 0.882,
    # recall 0.902 (313 flagged, 276 right, 306 off-topic of 574 passages; the fourth round's
    # detector: 0.850 / 0.905). In the sixth round the detector was changed with its errors
    # in view, so these pages are development data now ("Sixth round"): measured 0.979 /
    # 0.931 (291 flagged, 285 right); the floors are those rounded down. The sixth round's
    # judging set is unseen5 (below). Seventh round: 0.987 / 0.961 (a miner's results tail,
    # automatic-transcript and AI-summary notices, Russian and Polish notices). Thirteenth
    # round: 0.971 / 0.971, precision floor 0.97 (was 0.98): a recording's chapter list is
    # flagged whole now, as unseen6's and unseen11's labellers have it (10 right flags there);
    # unseen4's labeller kept the five chapters naming the episode's subjects and the heading.
    found = score("unseen4")
    assert found.passages == 574 and found.labelled == 306
    assert found.precision >= 0.97 and found.recall >= 0.96, "\n".join(found.errors)


def test_the_unseen5_part_now_development_data_stays_at_its_seventh_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen5, first look": written by
    # someone who never ran the detector and scored once by the lead with the sixth-round
    # detector (branch score6, fe56456), aggregate first: precision 0.907, recall 0.852 (280
    # flagged, 254 right, 298 off-topic of 549 passages; the fifth round's detector: 0.904 /
    # 0.856) - below the 0.95 target. In the seventh round the detector was changed with its
    # errors in view, so these pages are development data now ("Seventh round"): measured
    # 0.983 / 0.946 (287 flagged, 282 right); the floors are those rounded down. The seventh
    # round's judging set is unseen6, scored by the lead. The fifteenth round's appended-story
    # rule (offtopic_coda) flags three right passages and one wrong here (the article's last
    # paragraph before an appended Fed story): 0.979 / 0.960, so the precision floor is 0.97.
    found = score("unseen5")
    assert found.passages == 549 and found.labelled == 298
    assert found.precision >= 0.97 and found.recall >= 0.95, "\n".join(found.errors)


def test_the_unseen6_part_now_development_data_stays_at_its_eighth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen6, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # seventh-round detector (main at fde16e8), aggregate first: precision 0.919, recall 0.791
    # (296 flagged, 272 right, 344 off-topic of 645 passages; the sixth round's detector:
    # 0.919 / 0.788) - below the 0.95 target. In the eighth round the detector was changed
    # with its errors in view, so these pages are development data now ("Eighth round"):
    # measured 0.990 / 0.860 (299 flagged, 296 right: 0.98997); the floors are those rounded
    # down. The
    # eighth round's judging set is unseen7, scored by the lead.
    found = score("unseen6")
    assert found.passages == 645 and found.labelled == 344
    assert found.precision >= 0.98 and found.recall >= 0.86, "\n".join(found.errors)


def test_the_unseen7_part_now_development_data_stays_at_its_ninth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen7, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # eighth-round detector (main at 2e08593), aggregate first: precision 0.932, recall 0.890
    # (365 flagged, 340 right, 382 off-topic of 716 passages; the seventh round's detector:
    # 0.931 / 0.887) - below the 0.95 target. In the ninth round the detector was changed
    # with its errors in view, so these pages are development data now ("Ninth round"):
    # measured 0.978 / 0.932 (364 flagged, 356 right); the floors are those rounded down.
    # The ninth round's judging set is unseen8, scored by the lead.
    found = score("unseen7")
    assert found.passages == 716 and found.labelled == 382
    assert found.precision >= 0.97 and found.recall >= 0.93, "\n".join(found.errors)


def test_the_unseen8_part_now_development_data_stays_at_its_tenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen8, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # ninth-round detector (offtopic9 at 24816e8, the same flags as main after the merge),
    # aggregate first: precision 0.919, recall 0.852 (396 flagged, 364 right, 427 off-topic of
    # 752 passages; the eighth round's detector: 0.928 / 0.850) - below the 0.95 target. In
    # the tenth round the detector was changed with its errors in view, so these pages are
    # development data now ("Tenth round"): measured 0.973 / 0.913 (401 flagged, 390 right);
    # the floors are those rounded down. The tenth round's judging set is unseen9, scored by
    # the lead.
    found = score("unseen8")
    assert found.passages == 752 and found.labelled == 427
    assert found.precision >= 0.97 and found.recall >= 0.91, "\n".join(found.errors)


def test_the_unseen9_part_now_development_data_stays_at_its_eleventh_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen9, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # tenth-round detector (offtopic10 at 0b92c36, the same flags as main after the merge),
    # aggregate first: precision 0.957, recall 0.923 (351 flagged, 336 right, 364 off-topic of
    # 688 passages; the ninth round's detector: 0.957 / 0.907). In the eleventh round the
    # detector was changed with its errors in view, so these pages are development data now
    # ("Eleventh round"): measured 0.969 / 0.951 (357 flagged, 346 right); the floors are
    # those rounded down. The eleventh round's judging set is unseen10, scored by the lead.
    found = score("unseen9")
    assert found.passages == 688 and found.labelled == 364
    assert found.precision >= 0.96 and found.recall >= 0.95, "\n".join(found.errors)


def test_the_unseen10_part_now_development_data_stays_at_its_twelfth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen10, first look" and "Label
    # correction": written by someone who never ran or read the detector and scored once by the
    # lead with the eleventh-round detector (offtopic11 at 61b3247), aggregate first. Seven
    # appended stories (22 passages) named off-topic in the notes were left out of the labels
    # then; against the corrected labels the first look is 0.927 / 0.864 (246 flagged, 228
    # right, 264 off-topic of 517 passages; the tenth round's detector: 0.919 / 0.856), as first
    # published 0.923 / 0.938. Development data since the twelfth round: measured after the
    # fourteenth 0.975 / 0.883 (239 flagged, 233 right); the floors are those rounded down.
    found = score("unseen10")
    assert found.passages == 517 and found.labelled == 264
    assert found.precision >= 0.97 and found.recall >= 0.88, "\n".join(found.errors)


def test_the_unseen11_part_now_development_data_stays_at_its_thirteenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen11, first look" and "Label
    # correction": written by someone who never ran or read the detector and scored once by the
    # lead with the twelfth-round detector (offtopic12 at 99bf931), aggregate first. Eight
    # appended stories (28 passages) named off-topic in the notes were left out of the labels
    # then; against the corrected labels the first look is 0.892 / 0.812 (194 flagged, 173
    # right, 213 off-topic of 486 passages; the eleventh round's detector: 0.883 / 0.812), as
    # first published 0.892 / 0.935. Development data since the thirteenth round: measured
    # after the fourteenth 0.968 / 0.864 (190 flagged, 184 right: none of the eight appended
    # stories is found); the floors are those rounded down.
    found = score("unseen11")
    assert found.passages == 486 and found.labelled == 213
    assert found.precision >= 0.96 and found.recall >= 0.86, "\n".join(found.errors)


def test_the_unseen12_part_now_development_data_stays_at_its_fourteenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen12, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # thirteenth-round detector (offtopic13 at 001652a, the same flags as main after the
    # merge), aggregate first: precision 0.944, recall 0.810 (266 flagged, 251 right, 310
    # off-topic of 612 passages; the twelfth round's detector gave the same flags: 0.944 /
    # 0.810) - below the 0.95 target. In the fourteenth round the detector was changed with
    # its errors in view, so these pages are development data now ("Fourteenth round"):
    # measured 0.971 / 0.877 (280 flagged, 272 right); the floors are those rounded down. The
    # fourteenth round's judging set is unseen13, scored by the lead. Seventeenth round:
    # 0.967 / 0.942 (302 flagged, 292 right), precision floor 0.96 (was 0.97): the coda
    # rule's core without the lead's names finds the appended India story of
    # u12-ap-greer-geneva-then-india and takes the article's last sentence with it (20 right
    # flags and 2 wrong over every set; "Seventeenth round").
    found = score("unseen12")
    assert found.passages == 612 and found.labelled == 310
    assert found.precision >= 0.96 and found.recall >= 0.87, "\n".join(found.errors)


def test_the_unseen13_part_now_development_data_stays_at_its_fifteenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen13, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # fourteenth-round detector (offtopic14 at 30c8c74), aggregate first: precision 0.904,
    # recall 0.888 (376 flagged, 340 right, 383 off-topic of 718 passages; the thirteenth
    # round's detector gives the same flags) - below the 0.95 target. In the fifteenth round
    # the detector was changed with its errors in view, so these pages are development data
    # now ("Fifteenth round"): measured 0.943 / 0.953 (387 flagged, 365 right); the floors are
    # those rounded down.
    found = score("unseen13")
    assert found.passages == 718 and found.labelled == 383
    assert found.precision >= 0.94 and found.recall >= 0.95, "\n".join(found.errors)


def test_the_unseen14_part_now_development_data_stays_at_its_sixteenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen14, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # fifteenth-round detector (offtopic15 at ae7f553), aggregate first: precision 0.868,
    # recall 0.820 (363 flagged, 315 right, 384 off-topic of 706 passages; the fourteenth
    # round's detector: 0.867 / 0.812) - below the 0.95 target. In the sixteenth round the
    # detector was changed with its errors in view, so these pages are development data now
    # ("Sixteenth round"): measured 0.982 / 0.849 (332 flagged, 326 right); the floors are
    # those rounded down.
    found = score("unseen14")
    assert found.passages == 706 and found.labelled == 384
    assert found.precision >= 0.97 and found.recall >= 0.84, "\n".join(found.errors)


def test_the_unseen15_part_now_development_data_stays_at_its_seventeenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen15, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # sixteenth-round detector (offtopic16 at 84921fc), aggregate first: precision 0.948,
    # recall 0.897 (229 flagged, 217 right, 242 off-topic of 510 passages; the fifteenth
    # round's detector: 0.939 / 0.897) - below the 0.95 target. In the seventeenth round the
    # detector was changed with its errors in view, so these pages are development data now
    # ("Seventeenth round"): measured 0.954 / 0.946 (240 flagged, 229 right); the floors are
    # those rounded down.
    found = score("unseen15")
    assert found.passages == 510 and found.labelled == 242
    assert found.precision >= 0.95 and found.recall >= 0.94, "\n".join(found.errors)


def test_the_unseen16_part_now_development_data_stays_at_its_eighteenth_round_figures() -> None:
    # docs/explanation/off-topic-detection.md, "Judging set unseen16, first look": written by
    # someone who never ran or read the detector and scored once by the lead with the
    # seventeenth-round detector (offtopic17 at a0c9dbd), aggregate first: precision 0.890,
    # recall 0.855 (272 flagged, 242 right, 283 off-topic of 536 passages; the sixteenth
    # round's detector: 0.893 / 0.852) - below the 0.95 target. In the eighteenth round the
    # detector was changed with its errors in view, so these pages are development data now
    # ("Eighteenth round"): measured 0.970 / 0.901 (263 flagged, 255 right: 0.9696); the
    # floors are those rounded down.
    found = score("unseen16")
    assert found.passages == 536 and found.labelled == 283
    assert found.precision >= 0.96 and found.recall >= 0.90, "\n".join(found.errors)


def test_the_unseen17_part_holds_its_first_look() -> None:
    # docs/explanation/off-topic-detection.md, "Judging sets unseen17 to unseen20, first
    # looks": layouts no earlier set had, written by someone who never ran or read the
    # detector, scored once by the lead with the eighteenth-round detector (main at 2440fa5),
    # aggregate first: precision 0.892, recall 0.840 (259 flagged, 231 right, 275 off-topic of
    # 592 passages; the seventeenth round gives the same flags) - below the 0.95 target. The
    # floors are those rounded down; the pages are not development data yet.
    found = score("unseen17")
    assert found.passages == 592 and found.labelled == 275
    assert found.precision >= 0.89 and found.recall >= 0.84, "\n".join(found.errors)


@pytest.mark.parametrize(
    ("part", "passages", "labelled", "precision", "recall"),
    [
        # first look 0.969 / 0.952 (387 flagged, 375 right); nineteenth round 0.969 / 0.954
        ("unseen18", 671, 394, 0.96, 0.95),
        # first look 0.970 / 0.951 (400 flagged, 388 right); nineteenth round 0.990 / 0.951
        ("unseen19", 677, 408, 0.98, 0.95),
        # first look 0.973 / 0.977 (400 flagged, 389 right); nineteenth round 0.973 / 0.985
        ("unseen20", 685, 398, 0.97, 0.98),
        # first look 0.951 / 0.973 (412 flagged, 392 right); nineteenth round 0.973 / 0.978
        ("unseen21", 678, 403, 0.97, 0.97),
    ],
)
def test_the_representative_sets_now_development_data_stay_at_their_nineteenth_round_figures(
    part: str, passages: int, labelled: int, precision: float, recall: float
) -> None:
    # Same document, "Judging sets unseen17 to unseen21, first looks": four sets of the ordinary
    # pages an analyst collects (the kinds the issue's own test documents were), each written
    # by someone who never ran or read the detector and scored once with the eighteenth-round
    # detector (main at 2440fa5). All four met the 0.95 / 0.95 target at first look (together
    # 0.966 / 0.963). The nineteenth round was written with their errors in view ("Nineteenth
    # round"), so they are development data now; the floors are its figures rounded down.
    found = score(part)
    assert found.passages == passages and found.labelled == labelled
    assert found.precision >= precision and found.recall >= recall, "\n".join(found.errors)


def test_the_unseen22_and_unseen23_parts_hold_their_first_looks() -> None:
    # Same document, "Judging sets unseen22 and unseen23, first looks": written by two people who
    # never ran or read the detector, scored once by the lead with the nineteenth-round detector
    # (main at 1c4baaf), aggregate first. unseen22, layouts no earlier set had: 0.929 / 0.870
    # (280 flagged, 260 right, 299 off-topic of 569; the eighteenth round 0.900 / 0.870), below
    # the target. unseen23, representative: 0.988 / 0.971 (343 flagged, 339 right, 349 off-topic
    # of 615; the eighteenth round the same), above it. Floors: the first looks rounded down.
    adversarial, representative = score("unseen22"), score("unseen23")
    assert adversarial.passages == 569 and adversarial.labelled == 299
    assert adversarial.precision >= 0.92 and adversarial.recall >= 0.86
    assert representative.passages == 615 and representative.labelled == 349
    assert representative.precision >= 0.98 and representative.recall >= 0.97, "\n".join(
        representative.errors
    )


@pytest.mark.parametrize(
    ("part", "passages", "labelled", "precision", "recall"),
    [
        # first look 0.948 / 0.968 (386 flagged, 366 right): one wrong flag over 0.95 precision
        ("unseen24", 632, 378, 0.94, 0.96),
        # first look 0.9497 / 0.971 (358 flagged, 340 right)
        ("unseen25", 630, 350, 0.94, 0.97),
    ],
)
def test_the_last_representative_sets_hold_their_first_looks(
    part: str, passages: int, labelled: int, precision: float, recall: float
) -> None:
    # Same document, "Judging sets unseen24 and unseen25, first looks": two more representative
    # sets, written by two people who never ran or read the detector, scored once with the
    # nineteenth-round detector (main at 1c4baaf; b3fb6f0 has the same source), aggregate
    # first. Both are just short of 0.95 precision and above it in recall; over the seven
    # representative sets the first looks are 0.964 / 0.966. Floors: the first looks rounded
    # down.
    found = score(part)
    assert found.passages == passages and found.labelled == labelled
    assert found.precision >= precision and found.recall >= recall, "\n".join(found.errors)


def test_the_scorer_reads_an_unseen_part_when_its_label_file_exists(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "labels.yaml").write_text("pages: []\n", encoding="utf-8")
    assert score("unseen", root=tmp_path).pages == 0
    (tmp_path / "unseen").mkdir()
    page = (PAGES / "short-legacy-301.txt").read_text(encoding="utf-8")
    (tmp_path / "unseen" / "a.txt").write_text(page, encoding="utf-8")
    (tmp_path / "unseen.yaml").write_text(
        "pages:\n- file: a.txt\n  kind: short\n  offtopic_lines: [4, 5]\n", encoding="utf-8"
    )
    found = score("unseen", root=tmp_path)
    assert (found.pages, found.labelled, found.flagged, found.true_positives) == (1, 2, 2, 2)
    assert score("all", root=tmp_path).pages == 1 and score(None, root=tmp_path).pages == 0


def test_a_chinese_article_is_not_flagged_as_fragments() -> None:
    flags = _flags("zh-clean-tariff-truce.txt")
    assert not any(flags.values())


@pytest.mark.parametrize("name", ["zh-rare-earth-licences.txt", "zh-tiktok-export-control.txt"])
def test_chinese_boilerplate_is_flagged_and_the_body_kept(name: str) -> None:
    wanted = set(_entry(name)["offtopic_lines"])  # type: ignore[call-overload]
    flags = _flags(name)
    body = [line for line in flags if line not in wanted]
    assert not any(flags[line] for line in body if line > 2)
    assert sum(flags[line] for line in wanted) >= len(wanted) - 1


@pytest.mark.parametrize("name", ["wire-orig-magnet-deal.txt", "wire-orig-chip-tools.txt"])
def test_a_body_whose_later_paragraphs_drift_is_not_cut_by_the_tail_rule(name: str) -> None:
    assert not any(_flags(name).values())


@pytest.mark.parametrize(
    ("name", "lines"),
    [("harbourline-port-fees.txt", (10, 11)), ("syndicated-copy-chip-tools.txt", (10, 11, 12))],
)
def test_on_topic_paragraphs_after_an_advertisement_line_are_kept(
    name: str, lines: tuple[int, ...]
) -> None:
    flags = _flags(name)
    assert not any(flags[line] for line in lines)


@pytest.mark.parametrize(
    "name",
    [
        "ev-tariff-short-appended.txt",
        "chip-controls-short-appended-stocks.txt",
        "soy-purchases-appended-weather.txt",
        "ev-jv-short-appended-autosales.txt",
    ],
)
def test_a_story_sharing_vocabulary_appended_to_a_short_article_is_flagged(name: str) -> None:
    wanted = set(_entry(name)["offtopic_lines"])  # type: ignore[call-overload]
    flags = _flags(name)
    assert all(flags[line] for line in wanted if line in flags and line > 3)
    assert not any(flagged for line, flagged in flags.items() if line not in wanted)
