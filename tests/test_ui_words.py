"""untranslated-segment: catalogue strings left equal to their English msgid."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_rules_source import run

from transcheck.rules.source import UntranslatedSegment
from transcheck.ui_words import mostly_code, untranslated_english

_ROWS = [
    tuple(line.split("\t"))
    for line in (Path(__file__).parent / "data" / "ui_identical.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("lang", "text", "label"), _ROWS)
def test_identical_catalogue_strings(lang: str, text: str, label: str) -> None:
    assert untranslated_english(text, lang) is (label == "1")


def test_rule_flags_short_english_ui_string_without_mt() -> None:
    results = run(UntranslatedSegment, "Cancel", "Cancel", None, sl="en", tl="es")
    assert [f.rule for f, _ in results] == ["untranslated-segment"]
    assert run(UntranslatedSegment, "Error", "Error", None, sl="en", tl="es") == []
    assert run(UntranslatedSegment, "Firefox", "Firefox", None, sl="en", tl="es") == []
    # only an English source: a Spanish string kept in a French draft is left to the rest
    assert run(UntranslatedSegment, "Cancel", "Cancel", None, sl="es", tl="fr") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [("it", "Account"), ("it", "Privacy"), ("de", "Account"), ("de", "Setup"), ("de", "Sync")],
)
def test_loanwords_the_target_ui_keeps_are_not_untranslated(lang: str, text: str) -> None:
    # Italian software writes account and privacy; German Account, Setup and Sync.
    assert untranslated_english(text, lang) is False


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Reset is translated in Italian and German interfaces (Reimposta, Zurücksetzen),
        # Home in German (Startseite); other languages translate these loanwords.
        ("it", "Reset"),
        ("de", "Reset"),
        ("de", "Home"),
        ("es", "Account"),
        ("fr", "Setup"),
        ("pt", "Privacy"),
        # a kept loanword does not excuse an English word next to it
        ("it", "Privacy settings"),
        ("de", "Sync settings"),
    ],
)
def test_words_the_target_ui_translates_stay_untranslated(lang: str, text: str) -> None:
    assert untranslated_english(text, lang) is True


@pytest.mark.parametrize(
    "text",
    [
        # command synopses, options, identifiers, field dumps: the same in every language
        "tool shelf drop [-q|--quiet] [<name>]",
        "tool tidy [--auto] [--step=<step>] [--timer]",
        "sleep [secs ...]",
        "  --strip-all-symbols\n",
        "-march={v1|v2|v3|generic}",
        "%P: load_section %s: %E\n",
        "** debug_frame_hdr",
        "next_line_l: +%u\n",
        "  base: %u, count: %5u, dst: %08x\n",
        "<name>:<value>",
        "max-retries",
        "http://example.org/pool/%s/%s.tar.gz",
    ],
)
def test_code_is_no_untranslated_text(text: str) -> None:
    assert mostly_code(text)
    results = run(UntranslatedSegment, text, text, None, sl="en", tl="es")
    assert results == []


@pytest.mark.parametrize(
    "text",
    [
        # prose around code, a UI string with a placeholder or an acronym
        "Run the tool with --force before saving",
        "Overwrite existing files (--force)",
        "unknown option --bar",
        "cannot open file %s",
        "Delete %s?",
        "Export PDF",
        "Name: %s, Size: %s",
        "The meeting was moved to Friday.",
    ],
)
def test_prose_with_code_is_still_text(text: str) -> None:
    assert not mostly_code(text)


def test_rule_still_flags_prose_left_untranslated_next_to_code() -> None:
    text = "Run the tool with --force before saving the file."
    results = run(UntranslatedSegment, text, text, None, sl="en", tl="es")
    assert [f.rule for f, _ in results] == ["untranslated-segment"]
    results = run(UntranslatedSegment, "Delete %s?", "Delete %s?", None, sl="en", tl="es")
    assert [f.rule for f, _ in results] == ["untranslated-segment"]


def test_a_name_the_draft_wrote_in_lower_case_was_edited() -> None:
    # Spanish writes the names of scripts and languages in lower case
    assert run(UntranslatedSegment, "Old Hungarian", "old hungarian", None, "en", "es") == []
    assert run(UntranslatedSegment, "Nyiakeng Puachue", "nyiakeng puachue", None, "en", "es") == []


def test_code_tokens_and_prose_tokens() -> None:
    # a call, a lower-case compound, a vowel-less abbreviation are code; the words of
    # unspaced scripts and capitalised compounds are prose
    assert mostly_code("oldscript(lig)")
    assert mostly_code("next_line(b): +%u")
    assert not mostly_code("Read-only file")
    assert not mostly_code("董事会周二晚上开会讨论新的公交线路。")
    assert not mostly_code("Use ALTER TABLE ... SET SCHEMA ... WITH (cascade = true).")


def _mostly_code_by_every_token(text: str) -> bool:
    """`mostly_code` as first written (both patterns always run, every token tested):
    the reference for its shortcuts."""
    from transcheck import ui_words as u

    plain = u._NOISE.sub(" ", u._FIELD.sub(" _field_ ", text))
    tokens = [t for t in plain.split() if u._CODE_MARK.search(t) and not u._CAPS.fullmatch(t)]
    if not tokens:
        return True
    prose = [t for t in tokens if u._prose_token(t)]
    if len(prose) == len(tokens):
        return False
    if any(t.rstrip(",.;:!?").lower() in u._FUNCTION for t in prose):
        return False
    start = text.lstrip()[:1]
    if start.isascii() and start.islower() and ("[" in text or "|" in text):
        return True
    return 2 * len(prose) <= len(tokens)


_PIECES = [
    "the",
    "The",
    "THE",
    "to",
    "by,",
    "file",
    "Save",
    "PDF",
    "--all",
    "-q",
    "[<name>]",
    "|",
    "%s",
    "%d",
    "name:",
    "count:",
    "%u",
    "<b>",
    "</b>",
    "{0}",
    "a.out",
    "x-y",
    "http://x.org/a",
    "me@x.org",
    "$HOME",
    "&amp;",
    "café",
    "42",
    "(the",
    "é",
    ":",
]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.sampled_from([" ", "  ", "\n"]))
@example(["THE", "--all"], " ")  # a function word in capitals counts for nothing
@example(["<b>the</b>", "-q"], " ")  # nor one inside markup (blanked)
@example(["count:", "%u", "to"], " ")
def test_mostly_code_shortcuts_change_nothing(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    assert mostly_code(text) is _mostly_code_by_every_token(text)
