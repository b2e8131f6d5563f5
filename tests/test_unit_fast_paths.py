"""The whole-file fast paths of the per-unit work (issue 5) give what the slow paths give:
`Document.content_regions` scans, the one-sentence paragraph shortcut, the source rules'
shared `MatchedPairs` prefilters and the untranslated-passage memo."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from transcheck.compare import comparison_from_sentences
from transcheck.document import Document
from transcheck.findings import Span
from transcheck.name_match import normalise
from transcheck.registry import RuleContext
from transcheck.rules.language import UntranslatedPassage
from transcheck.rules.source import MatchedPairs, UntranslatedSegment
from transcheck.rules.typography import _DOUBLE_SPACE, _REPEATED
from transcheck.segment import sentence_spans

_TEXT = st.text(alphabet="ab AB.\n\t\r \u00a0?!。Σσ1", max_size=60)


@given(_TEXT)
@example("the \n  \n the")
@example("word \n word and  two  spaces\n\n\n   end end")
@example("a a\r\n \r\nb b")
def test_region_scan_finds_the_whole_text_matches(text: str) -> None:
    doc = Document("t", text)
    for pattern in (_REPEATED, _DOUBLE_SPACE):
        whole = [m.span() for m in pattern.finditer(text)]
        regional = [m.span() for s, e in doc.content_regions for m in pattern.finditer(text, s, e)]
        assert regional == whole


def test_content_regions_hold_every_non_space_character() -> None:
    text = "  one\n   \n\ntwo three\n \t\nfour  "
    doc = Document("t", text)
    assert doc.content_regions == [(2, 5), (11, 20), (24, len(text))]
    covered = "".join(text[s:e] for s, e in doc.content_regions)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


def test_content_regions_follow_the_masks() -> None:
    text = 'msgid "Open"\nmsgstr "Abrir abrir"\n\nmsgid "x"\nmsgstr "y"\n'
    masked = (Span(0, 21), Span(32, 56))
    doc = Document("t", text, masked=masked)
    starts = [s for s, _ in doc.content_regions]
    assert starts == [21]  # the rest is blanked


@given(st.lists(st.text(alphabet="ab .?!。”\n", min_size=1, max_size=30), max_size=6))
def test_sentences_shortcut_equals_splitting(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    doc = Document("t", text, "en")
    expected = []
    for para in doc.paragraphs:
        chunk = text[para.start : para.end]
        expected += [(para.start + s, para.start + e) for s, e in sentence_spans(chunk, "en")]
    assert [(s.start, s.end) for s in doc.sentences] == expected


def _pairs(rows: list[tuple[str, str]]) -> MatchedPairs:
    src_text = "\n\n".join(s for s, _ in rows)
    tgt_text = "\n\n".join(t for _, t in rows)
    src, tgt = Document("s", src_text, "en"), Document("t", tgt_text, "es")

    def spans(texts: list[str]) -> list[Span]:
        out, pos = [], 0
        for t in texts:
            out.append(Span(pos, pos + len(t)))
            pos += len(t) + 2
        return out

    src_spans, tgt_spans = spans([s for s, _ in rows]), spans([t for _, t in rows])
    from transcheck.align import AlignedPair

    beads = [AlignedPair((i,), (i,), 1.0) for i in range(len(rows))]
    comp = comparison_from_sentences(src, tgt, "en", "es", src_spans, tgt_spans, [], beads=beads)
    return MatchedPairs(comp)


_SIDE = st.text(alphabet="aAbΣσİi .,!{}1_", min_size=1, max_size=12)


@given(st.lists(st.tuples(_SIDE, _SIDE), min_size=1, max_size=8))
@example([("Save", "save!"), ("İx", "i̇x"), ("{n} files", "{n} archivos"), ("_a", "a")])
def test_same_text_is_normalise_equality(rows: list[tuple[str, str]]) -> None:
    view = _pairs(rows)
    expected = [
        i
        for i, (s, t) in enumerate(zip(view.sources, view.drafts, strict=True))
        if normalise(s) and normalise(s) == normalise(t)
    ]
    assert view.same_text() == expected


def test_with_digits_finds_either_side() -> None:
    view = _pairs([("Open", "Abrir"), ("3 files", "tres archivos"), ("Page", "Página 2")])
    assert view.with_digits() == [1, 2]


def test_untranslated_segment_uses_the_shared_view() -> None:
    rows = [
        ("Open the file now", "Abrir el archivo"),
        ("Delete all the files now.", "delete all the files now"),  # must flag
        ("Units of measurement", "Units of measurement."),  # mostly names: must not flag
    ]
    view = _pairs(rows)
    ctx = RuleContext(document=view.comp.draft, lang="es", comparison=view.comp)
    ctx.source, ctx.source_lang = view.comp.source, "en"
    found = list(UntranslatedSegment().check(ctx))
    assert [f.span for f in found] == [view.comp.draft_sentences[1]]
    assert ctx.extra["matched-pairs"].same_text() == [1, 2]


def test_untranslated_passage_memo_gives_the_same_findings() -> None:
    text = (
        "El informe se publicó ayer por la tarde en la web del ministerio.\n\n"
        "The report was published yesterday afternoon on the ministry website.\n\n"
        "The report was published yesterday afternoon on the ministry website."
    )
    rule = UntranslatedPassage()

    def run() -> list:
        doc = Document("t", text, "es")
        return [(f.span, f.message) for f in rule.check(RuleContext(document=doc, lang="es"))]

    first = run()
    assert len(first) == 2  # the repeated English paragraph, judged once, flagged twice
    assert run() == first  # from the memo
