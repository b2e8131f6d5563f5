"""JSON i18n reader: string values are the target; pairing with a source file by key."""

from __future__ import annotations

import pickle
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
        ('{"a": 1}', r"line 1: no string values \(the first value is a number\)"),
        ('{\n  "a": {\n    "b": [1, 2]\n  }\n}', r"line 3: no string values .* a number"),
        ('{"a": true}', r"the first value is a boolean\): not a translation file"),
        ('{"a": [null]}', r"the first value is null"),
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


# --- arrays and non-string values ---------------------------------------------------------


def test_arrays_are_read_item_by_item_with_the_index_in_the_key():
    text = '{"title": "Hola", "steps": ["Uno", {"x": "Dos"}, ["Tres"]], "n": [1, true, null]}'
    result = read_path("a.json", text, "json")
    assert [u.id for u in result.units] == ["title", "steps[0]", "steps[1].x", "steps[2][0]"]
    assert visible(result.document) == ["Hola", "Uno", "Dos", "Tres"]


def test_numbers_booleans_and_null_are_skipped_not_an_error():
    text = '{"name": "web", "version": "1.0.0", "private": true, "port": 8080, "x": null}'
    result = read_path("package.json", text, "json")
    assert [u.id for u in result.units] == ["name", "version"]
    assert "true" not in result.document.analysis_text
    assert "8080" not in result.document.analysis_text


def test_arrays_pair_by_key_with_a_source_file(tmp_path):
    source = tmp_path / "en.json"
    source.write_text('{"steps": ["First step", "Second step"]}', encoding="utf-8")
    text = '{"steps": ["Primer paso", "Segundo paso", "Tercero"]}'
    result = read_path("es.json", text, "json", source_path=str(source))
    assert [(u.id, u.source_text) for u in result.units] == [
        ("steps[0]", "First step"),
        ("steps[1]", "Second step"),
        ("steps[2]", None),
    ]


# --- letters written as \\uXXXX ------------------------------------------------------------


def escaped(value: str) -> str:
    """`value` as json.dump writes it by default (every non-ASCII character escaped)."""
    return "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in value)


def test_escaped_letters_are_shown_decoded_at_the_start_of_their_run():
    text = '{\n  "k": "' + escaped("Это это ошибка. попробуйте") + '"\n}'
    doc = read_path("ru.json", text, "json").document
    words = doc.analysis_text.split()
    assert words == ["Это", "это", "ошибка.", "попробуйте"]
    # Each word starts where its first escape is written in the file.
    second = doc.analysis_text.index("это")
    assert text[second : second + 6] == "\\u044d"
    assert doc.position(second) == (2, 9 + 6 * 3 + 1)  # after `  "k": "`, 3 escapes, a space
    # The runs are masked: no fix may edit the escapes.
    assert any(m.start <= second < m.end for m in doc.masked)


def test_mixed_literal_and_escaped_letters_form_one_word():
    doc = read_path("fr.json", '{"k": "Un caf\\u00e9 cr\\u00e8me."}', "json").document
    assert doc.analysis_text.split() == ["Un", "café", "crème."]


def test_escapes_without_a_letter_stay_masked():
    # Quotes, NBSP and line breaks written as escapes: masked whole, as before.
    doc = read_path("a.json", '{"k": "\\u00abhola\\u00a0\\u00bb\\nadi\\u00f3s"}', "json").document
    assert doc.analysis_text.split() == ["hola", "adiós"]
    assert "\u00ab" not in doc.analysis_text


def test_an_escaped_backslash_before_u_is_not_an_escape():
    doc = read_path("a.json", '{"k": "C:\\\\u0431in"}', "json").document
    assert "б" not in doc.analysis_text


def test_escaped_surrogate_pair_letter():
    doc = read_path("a.json", '{"k": "x\\ud801\\udc00y"}', "json").document
    assert doc.analysis_text.split() == ["x\U00010400y"]


def test_decoded_view_survives_pickling():
    # --jobs workers send documents back pickled; the analysis text is rebuilt there.
    doc = read_path("ru.json", '{"k": "' + escaped("Да нет") + '"}', "json").document
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.analysis_text == doc.analysis_text
    assert copy.analysis_text.split() == ["Да", "нет"]
