import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.document import Document, _trim, blanked
from transcheck.findings import Span


def test_position_is_one_based_and_counts_code_points():
    doc = Document("x", "ab\r\nçd😀e\nlast")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(doc.text.index("e")) == (2, 4)
    assert doc.position(len(doc.text)) == (3, 5)
    assert doc.line_text(2) == "çd😀e"


def test_paragraphs_split_on_blank_lines_and_trim():
    text = "  First para\nstill first.\n\n \t\nSecond.\r\n\r\nThird.  "
    doc = Document("x", text)
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "First para\nstill first.",
        "Second.",
        "Third.",
    ]


def test_one_paragraph_per_line_when_no_blank_lines():
    doc = Document("x", "Title\nFirst paragraph.\nSecond paragraph.\n")
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "Title",
        "First paragraph.",
        "Second paragraph.",
    ]


def test_masked_regions_are_blanked_with_same_offsets():
    text = "Hello <!-- note --> world"
    doc = Document("x", text, masked=(Span(6, 19),))
    assert len(doc.analysis_text) == len(text)
    assert doc.analysis_text == "Hello" + " " * 15 + "world"


def test_sentences_have_document_offsets():
    doc = Document("x", "Title\n\nDr. Smith arrived. He sat down.", lang="en")
    assert [doc.slice(s) for s in doc.sentences] == ["Title", "Dr. Smith arrived.", "He sat down."]


def test_long_run_of_spaces_splits_paragraphs_in_linear_time():
    # Found by bench/fuzz.py: the blank-line pattern rescanned a run of spaces from each
    # of its positions (quadratic: 100,000 spaces took minutes).

    # No timing assertion (machines are noisy): bench/hostile.py measures the time; at
    # this size the old quadratic scan would take minutes, which CI would notice.
    text = "a" + " " * 200_000 + "b\n \n" + "\t" * 100_000 + "c"
    doc = Document("x", text)
    assert [doc.slice(p) for p in doc.paragraphs] == ["a" + " " * 200_000 + "b", "c"]


@given(st.text(alphabet=" \t\u00a0\r\nab", max_size=30))
def test_paragraphs_same_as_the_backtracking_pattern(text):
    old = re.compile(r"(?:[ \t\u00a0]*(?:\r\n|\r|\n)){2,}")
    blocks, pos = [], 0
    for sep in old.finditer(text):
        blocks.append(Span(pos, sep.start()))
        pos = sep.end()
    blocks.append(Span(pos, len(text)))
    doc = Document("x", text)
    if len(blocks) > 1:
        expected = [s for s in (_trim(text, b) for b in blocks) if s is not None]
        assert doc.paragraphs == expected


# --- pickling (--jobs workers send documents back to the parent) ----------------------------


@given(
    st.text(alphabet="ab \n\r.", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
    st.booleans(),
)
def test_pickled_document_is_the_same_document(text, raw_spans, with_blocks):
    import pickle

    spans = tuple(Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans)
    doc = Document("x", text, lang="en", masked=spans, blocks=spans if with_blocks else None)
    doc.sentences  # noqa: B018 - computed before pickling, as a worker does
    copy = pickle.loads(pickle.dumps(doc))
    for name in (
        "path",
        "text",
        "lang",
        "masked",
        "blocks",
        "analysis_text",
        "paragraphs",
        "sentences",
        "line_starts",
    ):
        assert getattr(copy, name) == getattr(doc, name), name
    again = pickle.loads(pickle.dumps(copy))  # a copy of a copy, before and after use
    assert again.masked == doc.masked and again.sentences == doc.sentences


def test_pickled_document_rebuilds_spans_only_when_read():
    import pickle

    doc = Document("x", "one\n\ntwo", masked=(Span(0, 1),), blocks=(Span(0, 3), Span(5, 8)))
    doc.paragraphs  # noqa: B018
    copy = pickle.loads(pickle.dumps(doc))
    assert "masked" not in copy.__dict__ and "paragraphs" not in copy.__dict__
    assert copy.paragraphs == doc.paragraphs == [Span(1, 3), Span(5, 8)]
    assert copy.masked == (Span(0, 1),) and isinstance(copy.masked, tuple)
    assert copy.position(6) == (3, 2)
    with pytest.raises(AttributeError):
        copy.no_such_attribute  # noqa: B018


def test_default_document_fields():
    doc = Document("x", "text")
    assert doc.masked == () and doc.blocks is None


def test_compact_document_reads_the_same_spans() -> None:
    text = "First one. Second one.\n\nA new paragraph here. And more.\n"
    document = Document("a.txt", text, lang="en")
    sentences, paragraphs = list(document.sentences), list(document.paragraphs)
    bounds = [(s.start, s.end) for s in sentences]
    document.compact()
    assert "sentences" not in document.__dict__  # packed, not kept as Span objects
    assert document.bounds("sentences") == bounds
    assert "sentences" not in document.__dict__  # reading bounds does not unpack for good
    assert list(document.sentences) == sentences
    assert list(document.paragraphs) == paragraphs
    assert document.bounds("sentences") == bounds


def test_spans_are_validated_and_frozen():
    import dataclasses
    import pickle

    with pytest.raises(ValueError):
        Span(3, 1)
    with pytest.raises(ValueError):
        Span(-1, 2)
    span = Span(1, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 0  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(span)) == span == Span(start=1, end=4)
    assert dataclasses.replace(span, end=5) == Span(1, 5) and len(span) == 3


def test_block_sentences_are_trimmed_and_split():
    text = "  Save the file.  \n\nOne. Two.\n\nThree"
    blocks = (Span(0, 18), Span(20, 29), Span(31, 36))
    doc = Document(path="x", text=text, blocks=blocks)
    assert [text[s.start : s.end] for s in doc.paragraphs] == [
        "Save the file.",
        "One. Two.",
        "Three",
    ]
    assert [text[s.start : s.end] for s in doc.sentences] == [
        "Save the file.",
        "One.",
        "Two.",
        "Three",
    ]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("", [0]),
        ("a", [0]),
        ("a\nbc\n", [0, 2, 5]),
        ("\n\nx", [0, 1, 2]),
        ("a\r\nb\rc\nd", [0, 3, 5, 7]),
    ],
)
def test_line_starts_after_every_line_break(text, starts):
    doc = Document(path="x", text=text)
    assert doc.line_starts == starts
    assert doc.position(len(text)) == (len(starts), len(text) - starts[-1] + 1)


def test_prepared_document_unpacks_its_masked_regions_when_read():
    import pickle

    text = "ab cd\nef gh"
    plain = Document(path="p", text=text, masked=(Span(0, 3), Span(5, 8)))
    prepared = Document.prepared("p", text, [0, 3, 5, 8], None, plain.analysis_text)
    assert prepared.analysis_text == plain.analysis_text
    assert "masked" not in prepared.__dict__  # not built until read
    assert prepared.masked == plain.masked
    again = pickle.loads(pickle.dumps(Document.prepared("p", text, [0, 3], None, "   cd\nef gh")))
    assert again.masked == (Span(0, 3),) and again.analysis_text == "   cd\nef gh"


def test_set_masked_recomputes_what_derives_from_the_masked_regions():
    doc = Document.prepared("p", "ab cd", [0, 2], None, "   cd")
    assert doc.paragraphs == [Span(3, 5)]
    doc.set_masked((Span(0, 2), Span(3, 5)))
    assert doc.analysis_text == "     " and doc.paragraphs == []
    assert doc.masked == (Span(0, 2), Span(3, 5))


def _regions_by_cutting(text: str) -> list[tuple[int, int]]:
    """content_regions as documented: cut at blank lines, leading whitespace trimmed."""
    regions, pos = [], 0
    for gap in re.finditer(r"\n[ \t\r]*\n", text):
        first = re.compile(r"\S").search(text, pos, gap.start())
        if first is not None:
            regions.append((first.start(), gap.start()))
        pos = gap.end()
    first = re.compile(r"\S").search(text, pos)
    if first is not None:
        regions.append((first.start(), len(text)))
    return regions


@given(st.text(alphabet="ab \n\r\t\u00a0\u2028\x0b", max_size=40))
def test_content_regions_are_the_parts_between_blank_lines(text):
    assert Document("x", text).content_regions == _regions_by_cutting(text)


@given(st.text(alphabet="ab \n\r\t\u00a0\u2028\x0b\x1c\x85", max_size=60))
def test_content_pattern_matches_as_its_whitespace_class_form(text):
    # `_CONTENT` starts with `[^ \n](?<=\S)`, a faster form of `\S`.
    from transcheck.document import _CONTENT

    previous = re.compile(r"\S[^\n]*(?:\n(?![ \t\r]*\n)[^\n]*)*")
    assert [m.span() for m in _CONTENT.finditer(text)] == [
        m.span() for m in previous.finditer(text)
    ]


def _blanked_by_lines(text: str) -> str:
    """The previous implementation of `blanked`: a run of spaces per line."""
    if "\r" not in text:
        return "\n".join([" " * len(line) for line in text.split("\n")])
    return re.sub(r"[^\r\n]+", lambda m: " " * len(m.group()), text)


@given(st.text(alphabet=st.sampled_from("ab \t\r\n\u00e9\u00a0\u201c\u2028\U0001f600\ud800")))
def test_blanked_equals_a_run_of_spaces_per_line(text: str) -> None:
    assert blanked(text) == _blanked_by_lines(text)


@given(st.text())
def test_blanked_equals_a_run_of_spaces_per_line_any_text(text: str) -> None:
    assert blanked(text) == _blanked_by_lines(text)


@settings(deadline=None)  # the first example imports numpy
@given(
    st.text(
        alphabet=st.sampled_from(["a", "\n", " ", "é", "“", "\U0001f600", "\ud800"]), max_size=3000
    )
)
def test_line_starts_with_numpy_are_the_running_sums(text):
    # The numpy path (taken when numpy is loaded and the text long) against the sums.
    from itertools import accumulate

    import numpy  # noqa: F401  (loaded: the path is taken)

    document = Document(path="x", text=text * 3)
    sums = list(accumulate((len(line) + 1 for line in document.text.split("\n")[:-1]), initial=0))
    assert document.line_starts == sums


def test_line_starts_of_a_long_text_with_a_lone_surrogate() -> None:
    # A library caller's text may hold one (a JSON "\ud800" decoded): the numpy path
    # (long text) reads it as any other character rather than failing to encode it.
    import numpy  # noqa: F401  (loaded: the path is taken)

    document = Document(path="x", text="a\ud800b\n" * 1000)
    assert document.line_starts == list(range(0, 4001, 4))
    assert document.position(5) == (2, 2)
