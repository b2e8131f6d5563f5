"""Spanish, Catalan and Basque given names in names_given.tsv: a double surname after
one is a name, not a repeated word; a doubled word after no given name still is."""

from __future__ import annotations

import pytest

from transcheck.document import Document
from transcheck.names import given_name_row
from transcheck.registry import RuleContext
from transcheck.rules.typography import RepeatedWord


def repeated(text: str, lang: str) -> list[str]:
    doc = Document(path="t.txt", text=text, lang=lang)
    return [text[f.span.start : f.span.end] for f in RepeatedWord().check(RuleContext(doc, lang))]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El entrenador Aitor Karanka Karanka habló ayer.", "es"),
        ("Iñaki Etxeberria Etxeberria and Nuria Soler Soler signed.", "en"),
        ("La jutgessa Montserrat Puig Puig i Jordi Vila Vila hi eren.", "ca"),
    ],
)
def test_double_surname_after_an_iberian_given_name_is_not_flagged(text: str, lang: str) -> None:
    assert repeated(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El entrenador dijo que que no vendría.", "es"),
        ("The new Apple Watch Watch is out.", "en"),
    ],
)
def test_a_doubled_word_is_still_flagged(text: str, lang: str) -> None:
    assert repeated(text, lang)


def test_accented_and_plain_spellings_are_one_name() -> None:
    assert given_name_row("Núria") == given_name_row("Nuria") is not None
    assert given_name_row("Íñigo") == given_name_row("Inigo") is not None
    # different names stay different rows (Catalan Xavier, Spanish Javier)
    assert given_name_row("Xavier") != given_name_row("Javier")
