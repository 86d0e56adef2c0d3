"""The rules of the off-topic detector's seventeenth round (issue 16; unseen15's first look),
each with cases that must not match: line forms by function (a trial offer for a token
price, a price-comparison link, a reviewer's margin comment, a caption's music cue, "related
articles" and "follow us" in further scripts), a commenter thread under a post, a speaker's
"you" in a transcript, and the coda rule's core without the lead's names."""

from __future__ import annotations

from pathlib import Path

import grandbargain
from grandbargain.evidence.notice_forms import read_also
from grandbargain.evidence.notice_lines import by_line_form, code_offer, review_comment, sound_cue
from grandbargain.evidence.notice_purpose import by_purpose
from grandbargain.evidence.offtopic import offtopic_reasons
from grandbargain.evidence.passages import split_passages
from grandbargain.evidence.shape import scenario_vocabulary


def test_offers_and_price_links_without_a_label_are_notices() -> None:
    assert code_offer("Get 3 months of Streamwave for 1 dollar. New subscribers only.")
    assert code_offer("Try two weeks of Ledger Plus for free")
    assert code_offer("Check price at GPUHaus")
    assert code_offer("Compare prices on PartsBay")
    # sentences of an article about prices and offers
    assert not code_offer("Check prices at the border rose 3% in May, the ministry said.")
    assert not code_offer("Get the latest news for free")
    assert not code_offer("Beijing offered to buy 3 months of soybean output for 1 billion.")


def test_a_reviewers_margin_comment_and_a_music_cue_are_notices() -> None:
    assert review_comment("Comment (L. Chen): Do we have a date for the antimony part?")
    assert review_comment("Suggested edit (R. Okafor): replace 'about 14' with '13-15'")
    assert not review_comment("Comment: the ministry declined to comment.")
    assert not review_comment("Commentators (in Beijing): the deal is fragile.")
    assert sound_cue("[music]") and sound_cue("[upbeat music]") and sound_cue("(music fades)")
    assert sound_cue("♪")
    assert not sound_cue("(Applause.)") and not sound_cue("[Laughter]")
    assert not sound_cue("[The music industry's exports fell sharply in May.]")
    assert by_line_form("[music]") and by_line_form("Comment (M. Ito): Finance wants a number.")


def test_related_and_follow_prompts_in_further_scripts() -> None:
    assert read_also("អត្ថបទពាក់ព័ន្ធ៖ តម្លៃប្រេងសាំងថ្ងៃនេះ")
    assert read_also("ข่าวที่เกี่ยวข้อง")
    assert by_purpose("តាមដានយើងនៅ Telegram")
    assert by_purpose("Theo dõi chúng tôi trên Facebook")
    assert not by_purpose("Theo dõi sát diễn biến đàm phán Mỹ-Trung là cần thiết.")


GENEVA = Path(__file__).parent / "labelled" / "unseen15" / "u15-bp-auto-transcript-geneva.txt"


def test_a_transcripts_music_cues_are_flagged_and_a_speakers_you_is_kept() -> None:
    texts = [p.text for p in split_passages(GENEVA.read_text(encoding="utf-8"))]
    vocabulary = scenario_vocabulary(grandbargain.load_scenario("us-china-2025"))
    reasons = offtopic_reasons(texts, vocabulary)
    assert [i for i, t in enumerate(texts) if t == "[music]"] == [3, 9, 15]
    assert all(reasons[i] is not None for i in (3, 9, 15))  # the jingles
    assert reasons[8] is not None  # the ad read
    assert reasons[7] is None  # "which tells you ...": a speaker's turn, beside the ad read
    assert all(reasons[i] is None for i in (4, 5, 6, 10, 11, 12, 13, 14))
