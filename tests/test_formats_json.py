"""JSON i18n reader: string values are the target; pairing with a source file by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck.formats import read_path
from transcheck.inputs import InputError

DATA = Path(__file__).parent / "data" / "formats"
TARGET = DATA / "sample.es.json"
SOURCE = DATA / "sample.en.json"


def visible(doc) -> list[str]:
    return [doc.analysis_text[b.start : b.end] for b in doc.paragraphs]


def test_values_visible_keys_and_metadata_masked():
    doc = read_path(str(TARGET), TARGET.read_bytes(), "json").document
    assert visible(doc) == [
        "Mi aplicación",
        'Hola \\"amigo\\"  bienvenido',
        "Guardar",
        "Solo en la traducción",
    ]
    for hidden in ("app", "title", "greeting", "Save button", "placeholders", "{", ":"):
        assert hidden not in doc.analysis_text, hidden


def test_positions():
    doc = read_path(str(TARGET), TARGET.read_bytes(), "json").document
    for word, line, column in [("aplicación", 3, 18), ("bienvenido", 4, 34), ("Guardar", 6, 12)]:
        offset = doc.analysis_text.index(word)
        assert doc.position(offset) == (line, column), word


def test_pairing_by_key():
    result = read_path(str(TARGET), TARGET.read_bytes(), "json", source_path=str(SOURCE))
    doc = result.document
    rows = [(u.id, doc.slice(u.target), u.source, u.source_text) for u in result.units]
    assert rows == [
        ("app.title", "Mi aplicación", None, "My application"),
        ("app.greeting", 'Hola \\"amigo\\"\\nbienvenido', None, 'Hello "friend"\nwelcome'),
        ("save", "Guardar", None, "Save"),
        ("extra", "Solo en la traducción", None, None),
    ]
    assert result.source_document is None


def test_unpaired_units_have_no_source_text():
    result = read_path(str(TARGET), TARGET.read_bytes(), "json")
    assert [u.source_text for u in result.units] == [None] * 4


def test_unicode_escapes_are_masked_whole():
    doc = read_path("a.json", '{"k": "Di \\u201chola\\u201d"}', "json").document
    assert visible(doc) == ["Di       hola"]


def test_empty_and_nested_empty_objects():
    result = read_path("a.json", '{"a": "", "b": {}, "c": {"d": {"e": "x"}}}', "json")
    assert [u.id for u in result.units] == ["a", "c.d.e"]
    assert visible(result.document) == ["x"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '["a", "b"]',
            r"line 1: expected an object of key → string at the top level, found an array",
        ),
        ('"just a string"', r"found a string"),
        ("42", r"found a number"),
        ('{"a": 1}', r"line 1: the value of 'a' is a number; expected a string"),
        ('{\n  "a": {\n    "b": [1, 2]\n  }\n}', r"line 3: the value of 'a.b' is an array"),
        ('{"a": true}', r"the value of 'a' is a boolean"),
        ('{"a": null}', r"the value of 'a' is null"),
        ('{"a": "x",}', r"invalid JSON at line 1, column 11"),
        ('{"a": "x"', r"invalid JSON at line 1"),
        ("[" * 100000 + "]" * 100000, r"nested too deeply"),
        ('{"a":' * 200 + '"x"' + "}" * 200, r"nested too deeply"),
    ],
)
def test_wrong_shape_or_invalid_json_is_a_clear_error(text, message):
    with pytest.raises(InputError, match=message):
        read_path("bad.json", text, "json")


def test_bad_source_file_is_an_error_naming_it(tmp_path):
    source = tmp_path / "src.json"
    source.write_text("[1]", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_path(str(TARGET), TARGET.read_bytes(), "json", source_path=str(source))
    assert info.value.path == str(source)
