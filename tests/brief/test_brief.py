"""The briefing's sentences say what the outlook says: every number read back from the text
equals the outlook's own (computed separately with the same arguments), option labels stand
where a person reads them, and the confidence words follow the default rule."""

from __future__ import annotations

import re

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.outlook import IssueOutlook, Outlook

from .helpers import PERCENT, matches_probability, sentences, word_by_rule

CASES = {
    "us-china-2025": ("2025-07-20", 0),
    "us-china-2025 drawn": ("2025-07-20", 6),
    "us-china-phase-one-2019": ("2019-07-01", 0),
}
NUMBER = re.compile(r"\d%|[+-]?\d\.\d{3}")
GAIN = re.compile(
    r"^(?P<party>.+): (?P<gain>[+-]\d+\.\d{3}) utility over no deal from that deal "
    r"\((?:nominal: no draws|5-95% over (?P<draws>\d+) draws: (?P<low>[+-]\d+\.\d{3}) to "
    r"(?P<high>[+-]\d+\.\d{3}))\)(?P<worse>; worse than no deal)?\.$"
)


@pytest.fixture(scope="module", params=list(CASES))
def case(request: pytest.FixtureRequest) -> tuple[gb.Scenario, Outlook, gb.Briefing]:
    name = str(request.param)
    as_of, draws = CASES[name]
    scenario = gb.load_scenario(name.split()[0])
    found = gb.outlook(scenario, as_of, draws=draws, seed=1)
    return scenario, found, gb.brief(scenario, as_of, draws=draws, seed=1)


def _label(o: Outlook, issue: str, option: str) -> str:
    return next(x.label for x in o.issue(issue).options if x.id == option)


def test_the_headline_gives_the_outlooks_outcome_and_its_probability(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    _, o, b = case
    first, second = sentences(b, "deal")[:2]
    assert first.startswith(f"As of {o.as_of}, the most likely outcome is ")
    assert ("no deal" in first) is o.most_likely.is_status_quo
    written = PERCENT.findall(first)
    assert len(written) == 1 and matches_probability(written[0], o.most_likely.probability)
    deal = o.likely_deal
    assert deal is not None
    moved = [i for i in o.issues if deal.package[i.id] != i.status_quo]
    expected = "; ".join(
        f"{i.title}: {_label(o, i.id, i.status_quo)} -> {deal.labels[i.id]}" for i in moved
    )
    assert second.endswith(f"off the status quo: {expected}.")
    assert f"moves {len(moved)} of {len(o.issues)} issues" in second
    probabilities = PERCENT.findall(second.split(":")[0])
    shown = o.most_likely.probability
    if o.most_likely.is_status_quo:
        assert len(probabilities) == 1 and matches_probability(probabilities[0], deal.probability)
        shown += deal.probability
    rest = sentences(b, "deal")[2]
    assert rest.startswith("The other ")
    assert matches_probability(PERCENT.findall(rest)[0], 1 - shown)


def test_each_sides_gain_and_interval_are_the_outlooks(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    _, o, b = case
    read = {}
    for text in sentences(b, "deal")[2:]:
        found = GAIN.match(text)
        if found:
            read[found["party"]] = found
    assert list(read) == [g.party for g in o.gains] == list(o.parties)
    for gain in o.gains:
        found = read[gain.party]
        assert float(found["gain"]) == pytest.approx(gain.nominal, abs=5e-4)
        assert (found["worse"] is not None) == (gain.nominal < 0)
        if o.nominal:
            assert found["low"] is None and "nominal" in found[0]
        else:
            assert int(found["draws"]) == o.draws
            assert float(found["low"]) == pytest.approx(gain.low, abs=5e-4)
            assert float(found["high"]) == pytest.approx(gain.high, abs=5e-4)


def test_trades_name_labels_and_gains_and_who_gives_each_move(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    scenario, o, b = case
    texts = sentences(b, "trades")
    if not o.trades:
        assert len(texts) == 1 and texts[0].startswith("No trade")
        return
    assert len(texts) == len(o.trades)
    # who gives a move: the party whose utility table is lower there than at the status quo
    space = gb.analyze(scenario, o.as_of).space
    for text, trade in zip(texts, o.trades, strict=True):
        for issue, option in trade.moves.items():
            i = space.issue_ids.index(issue)
            new = space.option_ids[i].index(option)
            old = space.option_ids[i].index(o.issue(issue).status_quo)
            losers = [
                p
                for k, p in enumerate(space.parties)
                if space.tables[i][new][k] < space.tables[i][old][k]
            ]
            move = f"{o.issue(issue).title}: {trade.labels[issue]}"
            assert move in text
            if len(losers) == 1:
                assert f"{losers[0]} gives {move}" in text
        gains = re.search(r"\(gains (.*); joint ([+-]\d\.\d{3})\)\.$", text)
        assert gains is not None
        for party, value in trade.gains.items():
            assert f"{party} {value:+.3f}" in gains[1]
        assert float(gains[2]) == pytest.approx(trade.joint_gain, abs=5e-4)


def _check_disagreement(text: str, item: IssueOutlook) -> None:
    """Each predictor of the outlook's JSON (ids) but the no-change prior is named once, by
    its display name, beside its answer's label, with its share when it is below 100%; no
    id that is spelled otherwise for people shows."""
    groups = text.rstrip(".").split("; ")
    movers = [a for a in item.to_dict()["answers"] if a["family"] != "prior"]
    assert len(groups) == len({a["option"] for a in movers})
    for answer in movers:
        [group] = [g for g in groups if g.startswith(f"{answer['label']} (")]
        names = group[len(answer["label"]) + 2 : -1].split(", ")
        name = api.predictor_name(answer["predictor"])
        shown = [n for n in names if n == name or n.startswith(f"{name} ")]
        assert len(shown) == 1
        if answer["share"] < 1 - 1e-9:
            assert matches_probability(shown[0].split(" ")[1].rstrip("%"), answer["share"])
        else:
            assert shown[0] == name
        if name != answer["predictor"]:
            assert not re.search(rf"\b{re.escape(answer['predictor'])}\b", text)


def test_every_issue_has_its_probability_and_the_word_of_the_rule(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    _, o, b = case
    summary, *lines = sentences(b, "confidence")
    assert len(lines) == len(o.issues)
    words = []
    for text, item in zip(lines, o.issues, strict=True):
        top = item.most_likely
        head = f"{item.title}: {top.label}, "
        assert text.startswith(head)
        written, word = re.match(r"(\d+(?:\.\d+)?)% \((\w+)\)\.", text[len(head) :]).groups()  # type: ignore[union-attr]
        assert matches_probability(written, top.probability)
        assert word == word_by_rule(top.probability)
        words.append(word)
        assert ("The predictors disagree" in text) is item.disagreement
        if item.disagreement:
            _check_disagreement(text.split("The predictors disagree: ")[1], item)
    counts = re.match(r"How sure: (\d+) high, (\d+) medium and (\d+) low, of (\d+) issues", summary)
    assert counts is not None
    assert [int(x) for x in counts.groups()] == [
        words.count("high"),
        words.count("medium"),
        words.count("low"),
        len(o.issues),
    ]
    assert f"disagree on {len(o.disagreements)} issue" in summary
    assert [i.to_dict()["word"] for i in b.issues] == words


def test_evidence_keys_resolve_and_each_number_has_evidence_or_an_assumption(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    _, _, b = case
    keys = [e.key for e in b.evidence]
    assert keys == [f"E{k}" for k in range(1, len(keys) + 1)]
    cited = set()
    for part in b.sections:
        for sentence in part.sentences:
            cited |= set(sentence.evidence)
            assert set(sentence.evidence) <= set(keys)
            if NUMBER.search(sentence.text):  # a probability, a share or a utility
                assert sentence.evidence or sentence.assumption, sentence.text
    assert cited == set(keys)  # every item listed is cited
    for item in b.evidence:
        assert (item.kind == "quote") == (item.quote is not None and item.source is not None)
        assert (item.kind == "assumption") == (item.reasoning is not None)


def test_gain_sentences_cite_each_sides_stance_evidence_on_the_moved_issues(
    case: tuple[gb.Scenario, Outlook, gb.Briefing],
) -> None:
    scenario, o, b = case
    deal = o.likely_deal
    assert deal is not None
    moved = [i for i in o.issues if deal.package[i.id] != i.status_quo]
    by_key = {e.key: e for e in b.evidence}
    for sentence in b.section("deal").sentences:
        party = sentence.text.split(":")[0]
        if party not in o.parties:
            continue
        abouts = {by_key[k].about for k in sentence.evidence}
        expected = {
            f"{party} on {i.title}"
            for i in moved
            if scenario.party(party).stances.get(i.id) is not None
            and scenario.party(party).stances[i.id].evidence
        }
        assert abouts == expected


def test_the_text_holds_every_sentence_and_its_keys() -> None:
    b = gb.brief(gb.load_scenario("us-china-2025"), "2025-07-20", draws=0)
    text = " ".join(b.to_text(width=72).split())
    assert all(len(line) <= 72 or " " not in line.strip() for line in b.to_text(72).splitlines())
    for part in b.sections:
        assert part.title.upper() in text
        for sentence in part.sentences:
            assert " ".join(sentence.text.split()) in text
    for item in b.evidence:
        assert f"[{item.key}]" in text
    assert "ASSUMPTIONS OF THE TOOL" in text and "[A1]" in text
