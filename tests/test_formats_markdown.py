"""Markdown reader: visible units, masked markup, positions in the original file."""

from __future__ import annotations

from pathlib import Path

from transcheck.formats import read_path

DATA = Path(__file__).parent / "data" / "formats"


def read(text: str):
    return read_path("t.md", text, "markdown").document


def visible(doc) -> list[str]:
    return [doc.analysis_text[b.start : b.end] for b in doc.paragraphs]


def test_sample_units():
    doc = read_path("sample.md", (DATA / "sample.md").read_bytes(), "markdown").document
    assert next(doc.slice(b) for b in doc.paragraphs) == "The *first* heading"
    assert visible(doc) == [
        "The  first  heading",
        "A paragraph with   bold   text,              , a  link text"
        + " " * 40
        + "\nand an image   a small cat          . It costs 5        and has a  * star."
        + "\nSee                          for more.",
        "A quoted line\n  that goes on.",
        "First item",
        "Second item",
        "Name",
        "Value",
        "Alpha",
        "Beta",
        "Closing words.",
    ]


def test_masked_regions_never_visible():
    doc = read_path("sample.md", (DATA / "sample.md").read_bytes(), "markdown").document
    analysis = doc.analysis_text
    for hidden in (
        "front matter",
        "tags:",
        "inline code",
        "https://",
        "Link title",
        "cat.png",
        "&euro;",
        "comment",
        "print(",
        "never text",
        "indented code",
        "|",
        "---",
        "#",
        "**",
    ):
        assert hidden not in analysis, hidden


def test_positions_point_into_the_original_file():
    doc = read_path("sample.md", (DATA / "sample.md").read_bytes(), "markdown").document
    for word, line, column in [
        ("first", 5, 8),
        ("link text", 7, 51),
        ("small cat", 8, 18),
        ("goes", 12, 8),
        ("Beta", 19, 11),
        ("Closing", 29, 1),
    ]:
        offset = doc.analysis_text.index(word)
        assert doc.position(offset) == (line, column), word
        assert doc.text[offset : offset + len(word)] == word


def test_crlf_and_lists_and_escapes():
    doc = read("# Título\r\n\r\n1. Uno *dos*\r\n2. Tres \\_x\\_ y `c`\r\n")
    assert visible(doc) == ["Título", "Uno  dos", "Tres  _x _ y"]
    offset = doc.analysis_text.index("Tres")
    assert doc.position(offset) == (4, 4)


def test_ordered_list_item_starting_with_a_digit():
    doc = read("1. 1 apple and 2 pears\n")
    assert visible(doc) == ["1 apple and 2 pears"]
    assert doc.position(doc.analysis_text.index("1 apple")) == (1, 4)


def test_front_matter_only_at_the_top_and_closed():
    doc = read("Intro text.\n\n---\n\nAfter rule.\n")
    assert visible(doc) == ["Intro text.", "After rule."]
    doc = read("+++\ntitle = 'x'\n+++\nBody.\n")
    assert visible(doc) == ["Body."]


def test_html_blocks_and_inline_html_are_masked():
    doc = read('<div class="x">\nblock html\n</div>\n\nText <span>inside</span> end.\n')
    assert visible(doc) == ["Text       inside        end."]


def test_autolink_and_reference_link():
    doc = read("Go to <https://example.com> or [the site][ref].\n\n[ref]: https://e.org\n")
    assert visible(doc) == ["Go to                       or  the site      ."]


def test_unclosed_markup_is_read_safely():
    doc = read("Some `unclosed code and *emphasis and [link](\n")
    assert doc.paragraphs
    assert "Some" in doc.analysis_text
