"""XLIFF 1.2 and 2.0 reader: target/source per unit; DOCTYPE and entities refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck.formats import read_path
from transcheck.inputs import InputError

DATA = Path(__file__).parent / "data" / "formats"


def sample(name: str):
    return read_path(name, (DATA / name).read_bytes(), "xliff")


def visible(doc) -> list[str]:
    return [doc.analysis_text[b.start : b.end] for b in doc.paragraphs]


def test_xliff12_views_and_units():
    result = sample("sample12.xlf")
    doc, src = result.document, result.source_document
    assert visible(doc) == [
        "Bienvenido al           nuevo     sitio.",
        "Pulsa" + " " * 26 + "aquí" + " " * 18 + "espera.",
    ]
    assert visible(src) == [
        "Welcome to the           new     site.",
        "Click" + " " * 26 + "here" + " " * 18 + "wait.",
        "Not translated",
    ]
    for hidden in ("Texto alternativo", "BrandName", "&lt;", "&amp;", "<g", "state", "Welcome"):
        assert hidden not in doc.analysis_text, hidden
    rows = [(u.id, doc.slice(u.target), sorted(u.flags)) for u in result.units]
    assert rows == [
        ("greeting", 'Bienvenido al <g id="1">nuevo</g> sitio.', ["state:translated"]),
        ("click", 'Pulsa <ph id="1">&lt;b&gt;</ph>aquí<x id="2"/> &amp; espera.', []),
        ("todo", "", []),
    ]
    assert src.slice(result.units[0].source) == 'Welcome to the <g id="1">new</g> site.'


def test_xliff12_positions():
    doc = sample("sample12.xlf").document
    for word, line, column in [("Bienvenido", 7, 32), ("nuevo", 7, 56), ("espera", 12, 66)]:
        offset = doc.analysis_text.index(word)
        assert doc.position(offset) == (line, column), word


def test_xliff20_views_and_units():
    result = sample("sample20.xlf")
    doc, src = result.document, result.source_document
    assert visible(doc) == ["Hola            mundo     .", "Adiós", "Gato"]
    assert visible(src) == ["Hello            world     .", "Goodbye", "Cat"]
    rows = [(u.id, doc.slice(u.target), sorted(u.flags)) for u in result.units]
    assert rows == [
        ("u1/s1", 'Hola <pc id="1">mundo</pc>.', ["state:translated"]),
        ("u1/s2", 'Adiós<ph id="2"/>', []),
        ("u2", "Gato", []),
    ]
    assert doc.position(doc.analysis_text.index("Gato")) == (16, 41)


def test_non_ascii_before_a_unit_keeps_offsets_right():
    text = (
        '<xliff version="1.2"><file><body><!-- ñandú – “x” -->'
        '<trans-unit id="a"><source>ü</source><target>Über “alles”</target></trans-unit>'
        "</body></file></xliff>"
    )
    doc = read_path("a.xlf", text, "xliff").document
    assert visible(doc) == ["Über “alles”"]


def test_cdata_and_comments_inside_a_target():
    text = (
        '<xliff version="1.2"><file><body><trans-unit id="a"><source>s</source>'
        "<target>uno <!-- nota --><![CDATA[dos & tres]]> cuatro</target>"
        "</trans-unit></body></file></xliff>"
    )
    doc = read_path("a.xlf", text, "xliff").document
    assert visible(doc) == ["uno" + " " * 23 + "dos & tres    cuatro"]


XXE = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file><body><trans-unit id="a">
<source>&e;</source><target>&e;</target></trans-unit></body></file></xliff>
"""

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<xliff version="1.2"><file><body><trans-unit id="a"><source>&lol9;</source>'
    "</trans-unit></body></file></xliff>\n"
)


@pytest.mark.parametrize("payload", [XXE, BILLION_LAUGHS])
def test_doctype_and_entity_declarations_are_refused(payload):
    with pytest.raises(InputError, match=r"line 2: XML with a DOCTYPE or entity declarations"):
        read_path("evil.xlf", payload, "xliff")


def test_refused_even_after_a_long_comment():
    payload = "<!-- " + "x" * 1000 + " -->\n" + XXE.split("\n", 1)[1]
    with pytest.raises(InputError, match="not accepted"):
        read_path("evil.xlf", payload, "xliff")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<xliff version="1.2"><file>', r"invalid XML at line 1, column \d+: no element found"),
        ('<xliff version="1.2"><a></b></xliff>', r"invalid XML at line 1, column \d+: mismatched"),
        ("<xliff><x>&undefined;</x></xliff>", r"undefined entity"),
        ("<html><body/></html>", r"not an XLIFF file \(root element <html>\)"),
        ("plain text", r"invalid XML at line 1"),
    ],
)
def test_malformed_xml_is_a_clear_error(text, message):
    with pytest.raises(InputError, match=message):
        read_path("bad.xlf", text, "xliff")
