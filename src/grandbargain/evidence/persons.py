"""Pronouns of the second person and of the first person plural, by language: a passage
that speaks to its reader ("your inbox") or as the site ("our partners") is a notice's
(:func:`~grandbargain.evidence.shape.addresses_reader`,
:func:`~grandbargain.evidence.shape.speaks_as_we`). Under "other" stand the pronouns of
languages whose letters no Latin-script language shares (Ukrainian, Russian, Greek, Hindi,
Bengali), read in every document."""

from __future__ import annotations

SECOND_PERSON_TEXT = {
    "en": "you your yours yourself yourselves",
    "de": "du dich dir dein deine deinen deinem deiner deines euch euer eure euren eurem eurer",
    "fr": "vous votre vos tu toi",
    "es": "usted ustedes tu tus tú vosotros vosotras vuestro vuestra vuestros vuestras",
    "it": "voi vostro vostra vostri vostre tuo tuoi",
    "nl": "jij jou jouw jullie uw",
    "pt": "você vocês",
    "other": "ви вас вам ваш ваша ваше ваші вашого вы ваши вашего σας εσείς σου εσύ "
    "आप आपका आपके आपकी तुम तुम्हारा तुम्हारे तुम्हारी আপনি আপনার আপনাদের তুমি তোমার তোমাদের",
}
SECOND_PERSON = {code: frozenset(text.split()) for code, text in SECOND_PERSON_TEXT.items()}
"""Second-person pronouns and possessives, by language (lower case)."""
GERMAN_FORMAL = frozenset(["Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"])
"""The German polite "you": capitalised in mid-sentence (at a sentence start it may be
"she" or "they")."""
FIRST_PLURAL_TEXT = {
    "en": "we our ours ourselves us",
    "de": "wir uns unser unsere unseren unserem unserer",
    "fr": "nous notre nos",
    "es": "nosotros nosotras nuestro nuestra nuestros nuestras",
    "it": "noi nostro nostra nostri nostre",
    "nl": "wij ons onze",
    "pt": "nós nosso nossa nossos nossas",
    "other": "ми нас нам наш наша наше наші нашого мы наши нашего μας εμείς "
    "हम हमारा हमारे हमारी हमें আমরা আমাদের আমাদেরকে",
}
FIRST_PLURAL = {code: frozenset(text.split()) for code, text in FIRST_PLURAL_TEXT.items()}
"""First-person plural pronouns, by language: a site speaking of itself ("our partners",
"help us")."""
