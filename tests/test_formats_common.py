"""Format detection, read_path, masking invariants and the markup-artifact filter."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.formats import (
    FORMAT_BY_SUFFIX,
    READERS,
    detect_format,
    drop_markup_artifacts,
    read_path,
    touches_mask,
)
from transcheck.inputs import InputError

DATA = Path(__file__).parent / "data" / "formats"
SAMPLES = [
    "sample.txt",
    "sample.md",
    "sample.html",
    "sample.po",
    "sample.pot",
    "sample12.xlf",
    "sample20.xlf",
    "sample.es.json",
    "sample.srt",
]


def read_sample(name: str, **options):
    path = DATA / name
    return read_path(str(path), path.read_bytes(), detect_format(str(path), None), **options)


@pytest.mark.parametrize(
    ("path", "explicit", "expected"),
    [
        ("a/b.md", None, "markdown"),
        ("a/b.MARKDOWN", None, "markdown"),
        ("x.htm", None, "html"),
        ("x.po", None, "po"),
        ("x.pot", None, "po"),
        ("x.xlf", None, "xliff"),
        ("x.xliff", None, "xliff"),
        ("x.json", None, "json"),
        ("x.srt", None, "srt"),
        ("x.txt", None, "text"),
        ("x.unknown", None, "text"),
        ("-", None, "text"),
        ("x.txt", "po", "po"),
        ("x.txt", "MD", "markdown"),
        ("x.txt", ".xlf", "xliff"),
    ],
)
def test_detect_format(path, explicit, expected):
    assert detect_format(path, explicit) == expected


def test_detect_format_unknown_explicit_lists_valid_names():
    with pytest.raises(ValueError, match=r"unknown input format 'docx' \(valid: text, markdown"):
        detect_format("a.txt", "docx")


def test_every_suffix_maps_to_a_reader():
    assert set(FORMAT_BY_SUFFIX.values()) <= set(READERS)


def test_read_path_rejects_bad_options():
    with pytest.raises(ValueError, match="fuzzy"):
        read_path("a.po", 'msgid "a"\nmsgstr "b"\n', "po", fuzzy="maybe")
    with pytest.raises(ValueError, match="unknown input format"):
        read_path("a.x", "text", "docx")


def test_read_path_decodes_bytes_and_keeps_the_bom():
    result = read_path("a.srt", b"\xef\xbb\xbf1\n00:00:01,000 --> 00:00:02,000\nHola.\n", "srt")
    doc = result.document
    assert doc.bom
    assert doc.text.startswith("1\n")
    assert [doc.slice(b) for b in doc.paragraphs] == ["Hola."]


def test_read_path_empty_and_binary_input_are_input_errors():
    with pytest.raises(InputError, match="empty"):
        read_path("a.po", b"", "po")
    with pytest.raises(InputError, match="UTF-8"):
        read_path("a.po", b'msgid "\xff"\n', "po")


@pytest.mark.parametrize("name", SAMPLES)
def test_analysis_text_equals_the_file_outside_masked_regions(name):
    doc = read_sample(name).document
    text, analysis = doc.text, doc.analysis_text
    assert len(analysis) == len(text)
    masked = [False] * len(text)
    for span in doc.masked:
        for i in range(span.start, span.end):
            masked[i] = True
    for i, (a, b) in enumerate(zip(text, analysis, strict=True)):
        if masked[i]:
            assert b == (a if a in "\r\n" else " ")
        else:
            assert a == b


@pytest.mark.parametrize("name", SAMPLES)
def test_blocks_are_sorted_and_disjoint(name):
    doc = read_sample(name).document
    blocks = list(doc.blocks or ())
    assert blocks == sorted(blocks)
    for a, b in itertools.pairwise(blocks):
        assert a.end <= b.start


def test_suppression_comments_are_masked_in_every_format():
    text = 'msgid "a"\nmsgstr "Hola <!-- transcheck-disable --> mundo"\n'
    doc = read_path("a.po", text, "po").document
    assert "transcheck" not in doc.analysis_text
    assert "Hola" in doc.analysis_text and "mundo" in doc.analysis_text


def _finding(rule, start, end, fix_span=None):
    fix = Fix("x", (Edit(fix_span, " "),)) if fix_span else None
    return Finding(rule, Severity.WARNING, "m", Span(start, end), fix=fix)


def test_drop_markup_artifacts():
    doc = read_path("a.html", "<p>Hola <b>gran</b> mundo mundo.</p>", "html").document
    # "Hola <b>gran": the double space over <b> is markup, not a typo.
    tag = doc.text.index("<b>")
    assert touches_mask(doc, Span(tag - 1, tag + 3))
    assert not touches_mask(doc, Span(3, 7))
    kept = _finding("repeated-word", 24, 29)
    spacing = _finding("double-space", tag - 1, tag + 4)
    edits_markup = _finding("repeated-word", 19, 29, fix_span=Span(tag, tag + 3))
    result = drop_markup_artifacts(doc, [kept, spacing, edits_markup])
    assert result[0] == kept
    assert len(result) == 2
    assert result[1].fix is None and result[1].rule == "repeated-word"


def test_new_unit_equals_the_dataclass_constructor():
    import pickle
    from dataclasses import replace

    from transcheck.findings import Span
    from transcheck.formats import Unit, new_unit

    flags = frozenset({"fuzzy"})
    fast = new_unit("id", Span(3, 5), Span(0, 2), flags)
    slow = Unit(id="id", target=Span(3, 5), source=Span(0, 2), flags=flags)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert replace(fast, source=None) == replace(slow, source=None)
