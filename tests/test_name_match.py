"""Which capitalised words of a source sentence name-mismatch asks the draft for."""

import pytest

from transcheck.name_match import source_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # software strings: a capitalised word after an instruction verb, or before the
        # kind of control it labels, is a UI label the translation renders in its own words
        ("Click Save to keep your changes.", []),
        ("Open Settings and choose Privacy.", []),
        ("Go to the Settings page and press Enter.", []),
        ("Tap the Share button to send it.", []),
        ("<strong>Note:</strong> you can skip this step.", []),
        # names stay names
        ("He met Obama in Paris on Monday.", ["Obama", "Paris"]),
        ("The White House said so.", ["White House"]),
        ("She saw the Prado collection with Ana López.", ["Prado", "Ana López"]),
        ("<b>Warning</b> from Ana López today.", ["Ana López"]),
    ],
)
def test_source_names(text: str, names: list[str]) -> None:
    assert source_names(text) == names
