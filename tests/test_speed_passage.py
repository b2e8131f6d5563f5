"""untranslated-passage's shortcuts give the verdicts of the full path."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.language import get_detector, has_dense_script, strip_noise
from transcheck.rules.language import FUNCTION_WORDS, _latin1, _pair_settled, _rank

DETECTOR = get_detector()
DOC_LANGS = ("en", "es", "de", "fr", "ja", "zh", "ru", "pt", "nl", "sv")
SENTENCES = (
    "Import the password before you close the app.",
    "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público.",
    "Der Stadtrat hat gestern einen neuen Plan für den Nahverkehr beschlossen.",
    "Le conseil municipal a approuvé hier un nouveau plan pour les transports.",
    "A câmara municipal aprovou ontem um novo plano para os transportes públicos.",
    "Городской совет вчера утвердил новый план развития общественного транспорта.",
    "市议会昨天批准了一项改善公共交通的新计划。",
    "市議会は昨日、公共交通を改善する新しい計画を承認しました。",
    "De gemeenteraad heeft gisteren een nieuw plan voor het openbaar vervoer goedgekeurd.",
    "Kommunfullmäktige godkände i går en ny plan för kollektivtrafiken.",
)


def _agrees(text: str, margin: float) -> None:
    """Where `_pair_settled` skips the two-language ranking, that ranking would have
    put the detected language first with at least `margin`."""
    clean = strip_noise(text)
    guess = DETECTOR.detect(clean)
    for doc_lang in DOC_LANGS:
        if doc_lang == guess.code or not _pair_settled(DETECTOR, guess.confidence, margin):
            continue
        pair = _rank(DETECTOR, clean, [doc_lang, guess.code])
        assert pair and pair[0].code == guess.code and pair[0].confidence >= margin, (
            text,
            doc_lang,
            guess,
            pair,
        )


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("margin", [0.0, 0.5, 0.95, 0.99])
def test_pair_settled_agrees_with_the_ranking(text: str, margin: float) -> None:
    _agrees(text, margin)


_CONTENT = ["plan", "transporte", "Stadt", "city", "nuevo", "novo", "neuen", "ville", "app"]
_WORDS = sorted({w for words in FUNCTION_WORDS.values() for w in words}.union(_CONTENT))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=6, max_size=25), st.sampled_from([0.8, 0.95]))
def test_pair_settled_agrees_on_word_salad(words: list[str], margin: float) -> None:
    _agrees(" ".join(words) + ".", margin)


def test_pair_settled_only_for_the_full_py3langid_model() -> None:
    assert _pair_settled(DETECTOR, 0.999, 0.95)
    assert not _pair_settled(get_detector("py3langid", ["en", "es"]), 0.999, 0.95)
    assert not _pair_settled(DETECTOR, 0.9505, 0.95)  # near the threshold: ranked
    assert not _pair_settled(DETECTOR, 0.5005, 0.2)  # a tie is possible: ranked


@given(st.text(max_size=80))
def test_latin1_text_has_no_dense_script(text: str) -> None:
    assert _latin1(text) == all(ord(c) < 256 for c in text)
    if _latin1(text):
        assert not has_dense_script(text)


def test_latin1_letters_are_the_unicode_ones() -> None:
    """`_LETTERS_LATIN1` lists exactly the characters below U+0100 of `[^\\W\\d_]`."""
    import re

    from transcheck.rules.language import _LETTERS_LATIN1

    letter = re.compile(r"[^\W\d_]")
    for code in range(256):
        char = chr(code)
        assert bool(_LETTERS_LATIN1.fullmatch(char)) == bool(letter.fullmatch(char)), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé ñ'’-_9²ª.,¿«»ßÿ\u0100Ωж日 \n", max_size=60))
def test_words_as_the_word_pattern(text: str) -> None:
    """`_words` finds the words `_WORD` finds, whichever pattern it picks."""
    from transcheck.rules.language import _WORD, _words

    assert _words(text, _latin1(text)) == _WORD.findall(text)
