"""The rules of the off-topic detector's eleventh round (issue 16; unseen9's first look):
words of the Indic abugidas, with cases that must not match."""

from __future__ import annotations

from grandbargain.evidence.notice import calls_to_action, refers_to_itself
from grandbargain.evidence.shape import addresses_reader, ends_sentence, speaks_as_we, tokens


def test_an_indic_word_is_not_cut_at_its_vowel_signs_or_virama() -> None:
    # Bengali "the United States", Hindi "exporters", Tamil "port", Malayalam "trade"
    for word in ("যুক্তরাষ্ট্র", "निर्यातकों", "துறைமுகம்", "വ്യാപാരം"):
        assert tokens(word) == [word]
    # a zero-width joiner inside a conjunct (Malayalam chillu form, Sinhala "yansaya")
    assert tokens("ශ්\u200dරී") == ["ශ්\u200dරී"]
    # the danda is punctuation, not part of the word before it
    assert tokens("शुल्क बढ़ेगा।") == ["शुल्क", "बढ़ेगा"]
    # Latin-script words are cut as before
    assert tokens("Export-controls, rising.") == ["export", "control", "rising"]


def test_a_danda_ends_a_sentence() -> None:
    assert ends_sentence("नया समझौता किया।")
    assert ends_sentence("বাজার রয়েছে।")
    assert ends_sentence("(यह ख़बर एजेंसी फ़ीड से ली गई है।)")
    assert not ends_sentence("होम | व्यापार | बंदरगाह")


def test_hindi_and_bengali_pronouns_are_read_as_whole_words() -> None:
    assert speaks_as_we("हमारे ऐप पर ताज़ा ख़बरें पढ़ें।")
    assert speaks_as_we("আমাদের অ্যাপ ডাউনলোড করুন")
    assert addresses_reader("आपकी राय क्या है?")
    # "हमला" (attack) begins with the letters of "हम" (we): no pronoun
    assert not speaks_as_we("सीमा पर हमला हुआ।")
    assert not addresses_reader("आपूर्ति घटी।")  # "supply" begins with "आप" (you)


def test_polite_imperatives_of_hindi_and_bengali_are_calls_to_action() -> None:
    assert calls_to_action("আমাদের অ্যাপ ডাউনলোড করুন")
    assert calls_to_action("ताज़ा ख़बरों के लिए हमारा ऐप डाउनलोड करें।")
    assert calls_to_action("हमारे WhatsApp चैनल से जुड़ें और पाएं हर बड़ी खबर।")
    # "में" (in) ends like a polite imperative but does not close the sentence
    assert not calls_to_action("चीन में कारखाने बंद हैं।")
    assert not calls_to_action("निर्यातकों ने कहा कि शुल्क बढ़ेगा।")


def test_this_story_in_hindi_and_bengali_refers_to_itself() -> None:
    assert refers_to_itself("(यह ख़बर एजेंसी फ़ीड से ली गई है।)")
    assert refers_to_itself("এই প্রতিবেদন হালনাগাদ করা হয়েছে।")
    assert not refers_to_itself("यह समझौता दो साल चलेगा।")  # "this agreement"
