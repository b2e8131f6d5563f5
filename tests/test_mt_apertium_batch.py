"""Apertium batches: one text's words stay in that text (texts are separated by a blank
line, which ends a sentence for Apertium; a lone line break did not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_fake_apertium

from transcheck.mt.apertium import TEXT_SEPARATOR, ApertiumTranslator, join_lines, split_lines
from transcheck.mt.base import MTError

# Short texts with no final stop (catalogue strings, titles): with one text per line,
# Apertium's transfer rules moved "Child" and "Information" into the fourth text.
LABELS = ["Child", "Information", "Adult", "Action"]


def test_separator_round_trip_keeps_each_text() -> None:
    joined = join_lines(["uno", "dos\ntres", "cuatro"], TEXT_SEPARATOR)
    assert joined == "uno\n\ndos tres\n\ncuatro\n\n"
    assert split_lines(joined, 3, "spa-eng", TEXT_SEPARATOR) == ["uno", "dos tres", "cuatro"]


def test_separator_split_tolerates_a_different_ending() -> None:
    # Apertium may end its output with one line break where the input had two.
    out = split_lines("one\n\ntwo\n", 2, "spa-eng", TEXT_SEPARATOR)
    assert out == ["one", "two"]


def test_separator_split_reports_a_misaligned_output() -> None:
    with pytest.raises(MTError, match=r"returned 1 lines for 2 input lines"):
        split_lines("one two\n", 2, "spa-eng", TEXT_SEPARATOR)


def test_fake_binary_receives_blank_line_separated_texts(tmp_path: Path) -> None:
    seen = tmp_path / "input.txt"
    binary = write_fake_apertium(tmp_path, f"tee {seen}")
    out = ApertiumTranslator(binary=str(binary)).translate(["uno", "", "dos"], "es", "en")
    assert out == ["uno", "", "dos"]
    assert seen.read_text(encoding="utf-8") == "uno\n\ndos\n\n"


@pytest.mark.apertium
def test_words_stay_in_their_own_text(apertium_es_en: str) -> None:
    apertium = ApertiumTranslator()
    batch = apertium.translate(LABELS, "en", "es")
    alone = [apertium.translate([text], "en", "es")[0] for text in LABELS]
    assert batch == alone == ["Niño", "Información", "Adulto", "Acción"]


@pytest.mark.apertium
def test_sentences_translate_as_they_do_alone(apertium_es_en: str) -> None:
    texts = ["El gato duerme en la casa.", "Según los datos", "el río es muy largo."]
    apertium = ApertiumTranslator()
    batch = apertium.translate(texts, "es", "en")
    assert len(batch) == 3
    assert "cat" in batch[0].lower() and "river" not in batch[0].lower()
    assert "data" in batch[1].lower() and "river" not in batch[1].lower()
    assert "river" in batch[2].lower() and "data" not in batch[2].lower()


def test_separator_split_keeps_empty_translations() -> None:
    # A text Apertium translates to nothing (a lone soft hyphen) keeps its place, last too.
    assert split_lines("Hola\n\n\n\n", 2, "eng-spa", TEXT_SEPARATOR) == ["Hola", ""]
    assert split_lines("\n\nHola\n\n", 2, "eng-spa", TEXT_SEPARATOR) == ["", "Hola"]


@pytest.mark.apertium
def test_empty_last_translation_stays_aligned(apertium_es_en: str) -> None:
    apertium = ApertiumTranslator()
    assert apertium.translate(["Hello", "\xad"], "en", "es") == ["Hola", ""]
    assert apertium.translate(["Hello", "\xad", "World"], "en", "es")[0] == "Hola"
    assert apertium.translate(["Hello", "World"], "en", "es")[0] == "Hola"
