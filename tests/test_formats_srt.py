"""SubRip reader: cue text visible, numbers, timecodes and tags masked; bad timecodes rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck.formats import read_path
from transcheck.inputs import InputError

DATA = Path(__file__).parent / "data" / "formats"


def sample():
    return read_path("sample.srt", (DATA / "sample.srt").read_bytes(), "srt").document


def test_cues_are_blocks():
    doc = sample()
    assert [doc.slice(b) for b in doc.paragraphs] == [
        "Hola</i> a todos,\nbienvenidos.",
        "Texto arriba.",
        "Adiós.",
    ]
    assert [doc.analysis_text[b.start : b.end] for b in doc.paragraphs] == [
        "Hola     a todos,\nbienvenidos.",
        "Texto arriba.",
        "Adiós.",
    ]
    for hidden in ("-->", "00:", "<i>", "an8"):
        assert hidden not in doc.analysis_text, hidden
    assert not any(ch.isdigit() for ch in doc.analysis_text)


def test_positions():
    doc = sample()
    for word, line, column in [("Hola", 3, 4), ("bienvenidos", 4, 1), ("arriba", 8, 13)]:
        assert doc.position(doc.analysis_text.index(word)) == (line, column), word


def test_crlf_dot_millis_and_position_hints():
    text = (
        "1\r\n00:00:01.000 --> 00:00:02.000 X1:10 X2:20\r\nUno\r\n\r\n"
        "2\r\n0:00:03,000-->0:00:04,000\r\nDos\r\n"
    )
    doc = read_path("a.srt", text, "srt").document
    assert [doc.slice(b) for b in doc.paragraphs] == ["Uno", "Dos"]
    assert doc.position(doc.analysis_text.index("Dos")) == (7, 1)


def test_cue_text_that_looks_like_a_number():
    doc = read_path("a.srt", "1\n00:00:01,000 --> 00:00:02,000\n42\n", "srt").document
    assert [doc.slice(b) for b in doc.paragraphs] == ["42"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1\n00:00:01,000 -> 00:00:02,000\nx\n", r"line 2: bad timing line"),
        ("1\n00:61:01,000 --> 00:00:02,000\nx\n", r"line 2: bad timing line"),
        ("1\n00:00:01 --> 00:00:02\nx\n", r"line 2: bad timing line .*HH:MM:SS,mmm"),
        ("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\nnot a time\n", r"line 6: bad timing line"),
        ("Just some text\n", r"line 1: bad timing line"),
        ("7\n", r"line 1: cue 7 has no timing line"),
    ],
)
def test_malformed_srt_is_a_clear_error(text, message):
    with pytest.raises(InputError, match=message):
        read_path("bad.srt", text, "srt")
