"""HTML reader: text nodes and translatable attributes; never scripts, styles or code."""

from __future__ import annotations

from pathlib import Path

from transcheck.formats import read_path

DATA = Path(__file__).parent / "data" / "formats"


def read(text: str):
    return read_path("t.html", text, "html").document


def visible(doc) -> list[str]:
    return [doc.analysis_text[b.start : b.end] for b in doc.paragraphs]


def sample():
    return read_path("sample.html", (DATA / "sample.html").read_bytes(), "html").document


def test_sample_units():
    doc = sample()
    assert [doc.slice(b) for b in doc.paragraphs] == [
        "Título de la página",
        "Una descripción breve",
        "Encabezado",
        "Primer párrafo con <b>negrita</b> y&nbsp;espacio.",
        "Mira",
        "un gato pequeño",
        "aquí.",
        "Uno",
        "Dos",
        "Escribe aquí",
    ]
    assert visible(doc)[3] == "Primer párrafo con    negrita     y      espacio."


def test_scripts_styles_code_comments_and_markup_are_masked():
    analysis = sample().analysis_text
    for hidden in (
        "no es texto",
        "alert",
        "font-family",
        "código",
        "MarcaRegistrada",
        "comentario",
        "<b>",
        "&nbsp;",
        "gato.png",
        "placeholder",
        "DOCTYPE",
        "description",
    ):
        assert hidden not in analysis, hidden


def test_positions_point_into_the_original_file():
    doc = sample()
    for word, line, column in [
        ("Título", 4, 8),
        ("Encabezado", 10, 5),
        ("negrita", 10, 45),
        ("gato pequeño", 11, 37),
        ("Escribe", 16, 33),
    ]:
        offset = doc.analysis_text.index(word)
        assert doc.position(offset) == (line, column), word


def test_script_payload_is_never_visible():
    doc = read('<p>Hola</p><script>alert("x")</script><p>Adiós</p>')
    assert visible(doc) == ["Hola", "Adiós"]
    assert "alert" not in doc.analysis_text


def test_unclosed_script_hides_the_rest_safely():
    doc = read("<p>Hola</p><script>alert('x') <p>not text</p>")
    assert visible(doc) == ["Hola"]


def test_malformed_html_is_read_safely():
    doc = read("<p>Uno <b>dos <i>tres</p> <div attr='x>cuatro")
    assert "Uno" in doc.analysis_text and "tres" in doc.analysis_text


def test_block_elements_on_one_line_are_separate_blocks():
    doc = read("<h2>Title</h2><p>Body text.</p><li>Item</li>")
    assert visible(doc) == ["Title", "Body text.", "Item"]


def test_inline_elements_do_not_split_a_block():
    doc = read("<p>Un <a href='/x'>enlace</a> y <em>más</em>.</p>")
    assert len(doc.paragraphs) == 1


def test_entities_are_masked_but_unknown_ampersands_are_text():
    doc = read("<p>AT&T &amp; &#8220;quoted&#8221;</p>")
    assert visible(doc) == ["AT&T" + " " * 14 + "quoted"]


def test_translate_no_and_nested_skip():
    doc = read('<div translate="no"><span>Brand</span> <b>X</b></div><p>Texto</p>')
    assert visible(doc) == ["Texto"]
