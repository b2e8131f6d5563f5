"""The faster paths of reading, documents and the comparison give what the plain ones give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_formats_po import _PO_LINES, fast_entries

from transcheck.align import AlignedPair
from transcheck.compare import comparison_from_sentences
from transcheck.document import _CONTENT, _MATCH_SPAN, Document
from transcheck.findings import Span
from transcheck.formats import po, read_path

# --- the comparison of a catalogue's units ---------------------------------------------------

_WORDS = st.sampled_from(["", "a", "Save", "file 2", "¿Seguro?", "Open the map.", "x" * 30])


def _pair_fields(comp):
    return [
        (
            p.src,
            p.tgt,
            p.align_score,
            p.chrf,
            p.chrf_by_backend,
            p.length_ratio,
            p.divergence,
            p.suspicion,
        )
        for p in comp.pairs
    ]


@settings(max_examples=200)
@given(
    st.lists(st.tuples(_WORDS, _WORDS.filter(bool)), max_size=8),
    st.sampled_from([("en", "es"), ("es", "en"), ("de", "fr")]),
)
def test_unit_pairs_are_the_given_beads_pairs(units, langs):
    # `one_to_one` builds the pairs of a catalogue's units in one pass; the beads path
    # (one AlignedPair per unit, as build_comparison gave it before) is the reference.
    source = "\n\n".join(src for src, _ in units)
    draft = "\n\n".join(tgt for _, tgt in units)
    src_spans, tgt_spans, pos_s, pos_t = [], [], 0, 0
    for src, tgt in units:
        src_spans.append(Span(pos_s, pos_s + len(src)))
        tgt_spans.append(Span(pos_t, pos_t + len(tgt)))
        pos_s += len(src) + 2
        pos_t += len(tgt) + 2
    src_doc, tgt_doc = Document("s", source), Document("t", draft)
    beads = [AlignedPair((i,), (i,), 1.0) for i in range(len(units))]
    args = (src_doc, tgt_doc, *langs, src_spans, tgt_spans, [])
    fast = comparison_from_sentences(*args, one_to_one=True)
    plain = comparison_from_sentences(*args, beads=beads)
    assert _pair_fields(fast) == _pair_fields(plain)


# --- content regions found between the masked regions ----------------------------------------

_CHARS = st.sampled_from(list("ab .?\n\n\r\t \u00a0\u2028“"))


@st.composite
def _masked_texts(draw):
    text = "".join(draw(st.lists(_CHARS, max_size=40)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [Span(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    if draw(st.booleans()):  # out of order, overlapping: the whole-text scan
        spans = draw(st.permutations(spans))
        pairs = st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))
        spans += [Span(min(a, b), max(a, b)) for a, b in draw(st.lists(pairs, max_size=3))]
    return text, tuple(spans)


@settings(max_examples=1000)
@given(_masked_texts(), st.booleans())
def test_content_regions_are_the_whole_text_scan(masked_text, compact):
    text, masked = masked_text
    doc = Document("p", text, masked=masked)
    if compact:
        doc.compact()  # the masked regions packed, as a PO view keeps them
    assert doc.content_regions == list(map(_MATCH_SPAN, _CONTENT.finditer(doc.analysis_text)))


def test_content_regions_of_a_catalogue_are_the_whole_text_scan():
    text = (
        'msgid ""\nmsgstr "Language: es\\n"\n\n#: a.c:1\nmsgid "One. Two"\nmsgstr " Uno.\\n"\n'
        '"Dos"\n\nmsgid "x"\nmsgstr "\\tequis"\n# c\nmsgid "y"\nmsgstr "ye"\n'
        'msgid "z"\nmsgstr ""\n\nmsgid "w"\nmsgstr "uve"'
    )
    read = read_path("x.po", text, "po")
    for doc in (read.document, read.source_document):
        whole = list(map(_MATCH_SPAN, _CONTENT.finditer(doc.analysis_text)))
        assert doc.content_regions == whole
        assert whole


# --- the PO fast path adds its usual entries as `_Built.add` does ------------------------------


def _views(result):
    return [
        (doc.text, doc.analysis_text, list(doc.masked_flat()), doc.blocks)
        for doc in (result.document, result.source_document)
    ]


def _catalogues():
    from test_formats_po import _variants

    yield from _variants(17, 800)
    yield 'msgid ""\nmsgstr "Language: fr\\n"\n\n#, fuzzy\nmsgid "a b"\nmsgstr "c"\n'
    yield 'msgid "errors.network_404"\nmsgstr "Sin red"\nmsgid "k"\nmsgstr "\\"q\\""'
    yield 'msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr ""\n"b"\n"c"\n'


def test_read_gives_the_entries_of_the_fast_path_added_one_by_one():
    taken = 0
    for text in _catalogues():
        entries = fast_entries(text)
        if entries is None:
            continue
        taken += 1
        for fuzzy in ("check", "skip"):
            built = po._Built()
            for entry in entries:
                built.add(text, entry, fuzzy == "skip")
            read = po.read("x.po", text, fuzzy)
            assert read.units == built.units, text
            assert read.document.blocks == tuple(built.target_blocks)
            assert read.source_document.blocks == tuple(built.source_blocks)
            views = _views(read)
            assert [v[1] for v in views] == [
                po._view("x.po", text, po.blanked(text), shown, []).analysis_text
                for shown in (built.target, built.source)
            ]
    assert taken > 200


# The PO lines of the fast path's own pattern test, shuffled into catalogues.
_LINES = _PO_LINES


@given(st.lists(st.sampled_from(_LINES), max_size=12), st.booleans())
def test_usual_entry_pattern_is_the_entry_pattern_where_it_applies(lines, final_break):
    # `_USUAL` matches where `_ENTRY` matches an entry without msgctxt, plural or
    # continuation line, with the same spans; elsewhere not at all.
    text = "\n".join(lines) + ("\n" if final_break else "")
    plain = re.compile(po._USUAL.pattern.replace("*+", "*").replace("++", "+"))
    for pos in range(len(text) + 1):
        usual, entry = po._USUAL.match(text, pos), po._ENTRY.match(text, pos)
        assert (usual and usual.regs) == (plain.match(text, pos) and plain.match(text, pos).regs)
        if entry is None:
            assert usual is None
            continue
        whole, comments, ctxt, _, msgid, msgid_more, plural, _, _, msgstr, more = entry.regs
        shape = ctxt[0] < 0 and plural[0] < 0 and msgid_more[0] == msgid_more[1]
        if shape and more[0] == more[1]:
            assert usual is not None and usual.regs == (whole, comments, msgid, msgstr)
        else:
            assert usual is None


def test_content_regions_of_decoded_json_are_the_whole_text_scan():
    # Decoded letters stand over masked escapes: no region may be missed there.
    text = (
        '{\n  "a": "\\u042d\\u0442\\u043e \\u044d\\u0442\\u043e",\n  "b": "ok \\u00e9t\\u00e9"\n}\n'
    )
    doc = read_path("ru.json", text, "json").document
    whole = list(map(_MATCH_SPAN, _CONTENT.finditer(doc.analysis_text)))
    assert doc.content_regions == whole
    assert "Это" in doc.analysis_text
