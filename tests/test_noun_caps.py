"""German sources: capitalised common nouns are not missing names (noun_caps)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_source import run

from transcheck.noun_caps import common_noun, not_a_name
from transcheck.rules.source import NameMismatch

_ROWS = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "data" / "de_en_names.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("src", "good"), [(r[0], r[1]) for r in _ROWS])
def test_german_source_correct_draft_has_no_missing_name(src: str, good: str) -> None:
    assert run(NameMismatch, src, good, None, sl="de", tl="en") == []


@pytest.mark.parametrize(("src", "bad", "name"), [(r[0], r[2], r[3]) for r in _ROWS if r[3]])
def test_german_source_dropped_name_is_flagged(src: str, bad: str, name: str) -> None:
    messages = [f.message for f, _ in run(NameMismatch, src, bad, None, sl="de", tl="en")]
    assert any(name in m and m.endswith("is missing in the draft") for m in messages)


def test_spanish_source_keeps_capitalised_words_as_names() -> None:
    # Only languages that capitalise nouns get the filter.
    results = run(NameMismatch, "Lo dijo ayer Haushalt.", "He said it yesterday.", None)
    assert [f.message for f, _ in results] == ["source name Haushalt is missing in the draft"]


@pytest.mark.parametrize(
    "word", ["Stadt", "Schulen", "Haushaltsplan", "Bundesregierung", "CDU-Politiker", "Jahres"]
)
def test_common_nouns(word: str) -> None:
    assert common_noun(word)


@pytest.mark.parametrize(
    "word", ["Merkel", "Scholz", "Frankfurt", "Hamburg", "Dortmund", "Steinmeier", "Spanien"]
)
def test_names_are_not_common_nouns(word: str) -> None:
    assert not common_noun(word)


def test_run_of_nouns_and_function_words_is_not_a_name() -> None:
    text = "Das ist das Problem der Abtreibung, sagte Sie Ihre Kräfte."
    assert not_a_name(text, text.index("Problem"), "Problem der Abtreibung")
    assert not_a_name(text, text.index("Sie"), "Sie Ihre Kräfte")
    assert not not_a_name("Es sprach Angela Merkel.", 11, "Angela Merkel")
    # after a determiner, across adjectives: a noun even when the lexicon lacks it
    text = "Er kaufte einen sehr alten Zauberstab."
    assert not_a_name(text, text.index("Zauberstab"), "Zauberstab")
    assert not not_a_name("Er traf Zauberstab.", 8, "Zauberstab")


def test_previous_token_window_gives_the_whole_text_answer() -> None:
    # The look-back searches a window before `end`; a token or a gap longer than the
    # window must give what a search from the start of the text gives.
    from transcheck.noun_caps import _PREV_TOKEN, _prev_token

    texts = [
        "Die neue Regelung der sehr großen Stadt gilt ab heute. " * 20,
        "Das " + "x" * 450 + " Haus",  # a token longer than the window
        "Der Mann" + " -–/" * 120 + "Haus",  # a gap longer than the window
        "'" * 300 + "Haus",
        "",
    ]
    for text in texts:
        for end in range(len(text) + 1):
            want = _PREV_TOKEN.search(text, 0, end)
            got = _prev_token(text, end)
            assert (got and got.span(1)) == (want and want.span(1)), (text[:20], end)


@pytest.mark.parametrize(
    ("src", "name"),
    [
        ("Er reiste gestern in die Ukraine.", "Ukraine"),
        ("Die Sanktionen gegen den Libanon wirken nicht.", "Libanon"),
        ("Die Wirtschaft des Sudans wächst kaum.", "Sudans"),
        ("Sie flog im Mai in die Mongolei.", "Mongolei"),
    ],
)
def test_country_with_article_stays_a_name(src: str, name: str) -> None:
    assert not not_a_name(src, src.index(name), name)
    found = run(NameMismatch, src, "It happened.", None, sl="de", tl="en")
    messages = [f.message for f, _ in found]
    assert f"source name {name} is missing in the draft" in messages


@pytest.mark.parametrize(
    ("src", "draft"),
    [
        ("Er reiste gestern in die Türkei.", "He travelled to Turkey yesterday."),
        ("Die Sanktionen gegen den Iran wirken.", "The sanctions against Iran work."),
        ("Die Niederlande spielen heute.", "The Netherlands play today."),
    ],
)
def test_country_with_article_found_in_draft(src: str, draft: str) -> None:
    assert run(NameMismatch, src, draft, None, sl="de", tl="en") == []


@pytest.mark.parametrize(
    ("src", "draft"),
    [
        ("Er reiste gestern in die Schweiz.", "He travelled to Switzerland yesterday."),
        ("Die Minister aus Österreich und Griechenland stimmten.", "Austria and Greece voted."),
        ("Der Kanzler flog nach München und Wien.", "The chancellor flew to Munich and Vienna."),
    ],
)
def test_german_exonym_in_the_draft_is_the_name(src: str, draft: str) -> None:
    # exonyms.tsv's German column: Schweiz / Switzerland, München / Munich.
    assert run(NameMismatch, src, draft, None, sl="de", tl="en") == []


@pytest.mark.parametrize(
    ("src", "draft", "name"),
    [
        ("Er reiste gestern in die Schweiz.", "He travelled yesterday.", "Schweiz"),
        ("Die Minister aus Österreich und Griechenland stimmten.", "Greece voted.", "Österreich"),
    ],
)
def test_german_country_missing_from_the_draft_is_reported(src: str, draft: str, name: str) -> None:
    found = run(NameMismatch, src, draft, None, sl="de", tl="en")
    assert [f.message for f, _ in found] == [f"source name {name} is missing in the draft"]


def test_article_country_list_leaves_other_nouns_after_a_determiner() -> None:
    # The adjective Schweizer and a common noun after a determiner stay as before.
    src = "Die Schweizer Bank und die Stadt wachsen."
    assert not_a_name(src, src.index("Stadt"), "Stadt")
    assert not_a_name(src, src.index("Bank"), "Bank")
