"""untranslated-segment: catalogue strings left equal to their English msgid."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_source import run

from transcheck.rules.source import UntranslatedSegment
from transcheck.ui_words import untranslated_english

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
