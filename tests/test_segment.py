"""Sentence splitting: a table of tricky cases per language (texts written for these tests)."""

from __future__ import annotations

import itertools

import pytest

from transcheck.segment import abbreviation_kind, sentence_spans, sentences

CASES = [
    # English
    (
        "en",
        "Mr. Smith went to Washington. He arrived late.",
        ["Mr. Smith went to Washington.", "He arrived late."],
    ),
    (
        "en",
        "Dr. Jones and Mrs. Lee met at St. Mary's.",
        ["Dr. Jones and Mrs. Lee met at St. Mary's."],
    ),
    (
        "en",
        "J. R. R. Tolkien wrote it. It sold well.",
        ["J. R. R. Tolkien wrote it.", "It sold well."],
    ),
    (
        "en",
        "The U.S. Senate voted. Prices rose 3.5 percent.",
        ["The U.S. Senate voted.", "Prices rose 3.5 percent."],
    ),
    ("en", "Wait... what happened? Nobody knew.", ["Wait... what happened?", "Nobody knew."]),
    ("en", "Wait… What? Nothing.", ["Wait…", "What?", "Nothing."]),
    ("en", "He said: “No.” Then he left.", ["He said: “No.”", "Then he left."]),
    (
        "en",
        "It was late (after midnight.) Everyone slept.",
        ["It was late (after midnight.)", "Everyone slept."],
    ),
    (
        "en",
        "Apples, pears, etc. They were all sold.",
        ["Apples, pears, etc.", "They were all sold."],
    ),
    (
        "en",
        "See No. 5 for details. No. It was not.",
        ["See No. 5 for details.", "No.", "It was not."],
    ),
    (
        "en",
        "It costs approx. ten dollars, e.g. for a child. Fine.",
        ["It costs approx. ten dollars, e.g. for a child.", "Fine."],
    ),
    (
        "en",
        "He works for Acme Inc. The firm is small.",
        ["He works for Acme Inc.", "The firm is small."],
    ),
    ("en", "She has a Ph.D. from Oxford.", ["She has a Ph.D. from Oxford."]),
    ("en", "The text [...] Then more text.", ["The text [...] Then more text."]),
    ("en", "It ended in 1990. 2000 was different.", ["It ended in 1990.", "2000 was different."]),
    ("en", "  Trailing space.   ", ["Trailing space."]),
    ("en", "", []),
    ("en", "No final stop", ["No final stop"]),
    (
        "en",
        "He spoke to Martin Luther King, Jr. During the march.",
        ["He spoke to Martin Luther King, Jr.", "During the march."],
    ),
    (
        "en",
        "It was a large account. $5,000 was left.",
        ["It was a large account.", "$5,000 was left."],
    ),
    # Spanish
    (
        "es",
        "Nació en el año 700 a. C. Tres siglos después.",
        ["Nació en el año 700 a. C.", "Tres siglos después."],
    ),
    ("es", "Vive en EE. UU. Su madre no.", ["Vive en EE. UU.", "Su madre no."]),
    ("es", "Habló con el sr. Gillard en mayo.", ["Habló con el sr. Gillard en mayo."]),
    (
        "es",
        "La Sra. García llegó. ¿Qué dijo? ¡Nada!",
        ["La Sra. García llegó.", "¿Qué dijo?", "¡Nada!"],
    ),
    ("es", "Hablé con el Sr. Pérez. Después salí.", ["Hablé con el Sr. Pérez.", "Después salí."]),
    (
        "es",
        "Viajó a EE.UU. para estudiar. Volvió en 2010.",
        ["Viajó a EE.UU. para estudiar.", "Volvió en 2010."],
    ),
    ("es", "Hay frutas, p. ej. Manzanas y peras.", ["Hay frutas, p. ej. Manzanas y peras."]),
    ("es", "Subió un 3,5 %. Luego bajó.", ["Subió un 3,5 %.", "Luego bajó."]),
    ("es", "Llegó tarde. ¿por qué? No lo sé.", ["Llegó tarde.", "¿por qué?", "No lo sé."]),
    ("es", "Dijo: «Basta.» Y se fue.", ["Dijo: «Basta.»", "Y se fue."]),
    ("es", "Se fue. —Vuelvo mañana —dijo.", ["Se fue.", "—Vuelvo mañana —dijo."]),
    ("es", "Ver el núm. 4 de la revista.", ["Ver el núm. 4 de la revista."]),
    # French
    (
        "fr",
        "M. Dupont est arrivé. Mme Durand aussi.",
        ["M. Dupont est arrivé.", "Mme Durand aussi."],
    ),
    (
        "fr",
        "Il est né en 52 av. J.-C. Il est mort jeune.",
        ["Il est né en 52 av. J.-C.", "Il est mort jeune."],
    ),
    ("fr", "Vraiment ? Oui ! Bien sûr.", ["Vraiment ?", "Oui !", "Bien sûr."]),
    ("fr", "Il a dit : « Non. » Puis il est parti.", ["Il a dit : « Non. »", "Puis il est parti."]),
    # a spaced closing guillemet after ! or ? with the sentence going on: one sentence
    ("fr", "Il cria « Assez ! » et sortit.", ["Il cria « Assez ! » et sortit."]),
    (
        "fr",
        "Il cria «\u00a0Assez\u00a0!\u00a0» et sortit. Puis rien.",
        ["Il cria «\u00a0Assez\u00a0!\u00a0» et sortit.", "Puis rien."],
    ),
    ("fr", "Elle demanda « Pourquoi ? »", ["Elle demanda « Pourquoi ? »"]),
    # German and Danish » opens a quotation: a sentence may start with it
    (
        "de",
        "»Wirklich?« fragte sie. »Ja.« Dann ging er.",
        ["»Wirklich?« fragte sie.", "»Ja.«", "Dann ging er."],
    ),
    (
        "da",
        "Han sagde: »Det er godt.» »Virkelig?» spurgte hun.",
        ["Han sagde: »Det er godt.»", "»Virkelig?» spurgte hun."],
    ),
    # German
    (
        "de",
        "Das gilt z. B. für Berlin. Es ist groß.",
        ["Das gilt z. B. für Berlin.", "Es ist groß."],
    ),
    (
        "de",
        "Am 3. Oktober wurde gefeiert. Danach nicht.",
        ["Am 3. Oktober wurde gefeiert.", "Danach nicht."],
    ),
    ("de", "Er sagte: „Nein.“ Dann ging er.", ["Er sagte: „Nein.“", "Dann ging er."]),
    ("de", "Äpfel, Birnen usw. Alles war da.", ["Äpfel, Birnen usw.", "Alles war da."]),
    (
        "de",
        "Es kostet 3,50 Euro. Das ist d. h. billig.",
        ["Es kostet 3,50 Euro.", "Das ist d. h. billig."],
    ),
    # Italian
    (
        "it",
        "Il Sig. Rossi è arrivato. La Dott.ssa Bianchi no.",
        ["Il Sig. Rossi è arrivato.", "La Dott.ssa Bianchi no."],
    ),
    ("it", "Frutta, verdura ecc. Tutto fresco.", ["Frutta, verdura ecc.", "Tutto fresco."]),
    # Portuguese
    (
        "pt",
        "A Sra. Silva chegou. O Dr. Costa também.",
        ["A Sra. Silva chegou.", "O Dr. Costa também."],
    ),
    ("pt", "Custa 2,5 mil reais. É caro.", ["Custa 2,5 mil reais.", "É caro."]),
    # Catalan
    ("ca", "La Sra. Puig ha arribat. Després, res.", ["La Sra. Puig ha arribat.", "Després, res."]),
    ("ca", "Fruita, p. ex. Pomes i peres.", ["Fruita, p. ex. Pomes i peres."]),
    # Russian
    ("ru", "Это важно, т. е. нужно. Он ушёл.", ["Это важно, т. е. нужно.", "Он ушёл."]),
    ("ru", "Он живёт в г. Москва. Она тоже.", ["Он живёт в г. Москва.", "Она тоже."]),
    ("ru", "Книги, журналы и т. д. Всё продано.", ["Книги, журналы и т. д.", "Всё продано."]),
    (
        "ru",
        "А. С. Пушкин родился в 1799 г. в Москве.",
        ["А. С. Пушкин родился в 1799 г. в Москве."],
    ),
    # CJK needs no space
    ("zh", "我来了。你好吗？好。", ["我来了。", "你好吗？", "好。"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  One.  Two!\n Three?  "
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == ["One.", "Two!", "Three?"]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_unknown_language_falls_back() -> None:
    assert sentences("Mr. X came. He left.", "xx-YY") == ["Mr. X came.", "He left."]
    assert sentences("Dr. X came. He left.", "en-GB") == ["Dr. X came.", "He left."]


def test_abbreviation_kind() -> None:
    assert abbreviation_kind("Mr.", 2, "en") == "abbr"
    assert abbreviation_kind("the end.", 7, "en") is None
    assert abbreviation_kind("the U.S.", 7, "en") == "dotted"
    assert abbreviation_kind("by J.", 4, "en") == "initial"


def test_long_paragraph_splits_consistently() -> None:
    """Speed is measured in bench/accuracy_typography.py; here: no drift over a long input."""
    sentence = "Mr. Smith said it was 3.5 percent. Wait... what? He left the U.S. in 2010. "
    spans = sentence_spans(sentence * 1000, "en")
    assert len(spans) == 3 * 1000


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "Dr. med.", "abbr"),
        ("de", "Dr. rer. nat.", "abbr"),
        ("de", "in der Bahnhofstr.", "abbr"),  # a "-str" suffix row
        ("de", "vgl. ebd.", "abbr"),
        ("en", "the avg.", "abbr"),
        ("en", "op. cit.", "abbr"),
        ("es", "la Univ.", "abbr"),
        ("es", "el Pdte.", "abbr"),
        ("it", "l'avv.", "abbr"),  # after an elided article
        ("it", "L’Ing.", "abbr"),
        ("fr", "dell'art.", "abbr"),
        ("pl", "5 tys.", "final"),
        ("uk", "5 тис.", "final"),
        # Not abbreviations.
        ("de", "Der Meister.", None),
        ("de", "das Fenster.", None),  # ends in "ster", not "str"
        ("it", "l'arte.", None),
        ("en", "I'd.", None),  # one letter after the apostrophe: no initial
        ("en", "O'Neill.", None),
    ],
)
def test_abbreviation_kind_data(lang: str, text: str, kind: str | None) -> None:
    assert abbreviation_kind(text, len(text) - 1, lang) == kind


def test_sentences_after_new_abbreviations() -> None:
    # An abbreviation that ends a sentence before a capital still splits when "final".
    assert sentences("Es kostete 5 tys. Potem wzrosło.", "pl") == [
        "Es kostete 5 tys.",
        "Potem wzrosło.",
    ]
    assert sentences("Sie ist Dr. phil. Anna Weber.", "de") == ["Sie ist Dr. phil. Anna Weber."]
