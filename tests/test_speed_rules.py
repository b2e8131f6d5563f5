"""Fast paths of the rules (session 7, branch s7-rules) give the answers of the code
they stand in front of."""

from __future__ import annotations

import operator
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from transcheck import numbers
from transcheck.name_match import normalise
from transcheck.rules.source import MatchedPairs, _ascii_keys, _same_sentence
from transcheck.rules.structure import _languages, _no_phrase_start, boilerplate_phrase

# Pieces that make numbers, separators, scale words, times, dates and clock readings.
_NUMBER_PIECES = (
    "3", "03", "30", "1990", "12", "7", "٣", "１２", "²", "1" * 20, ".", ",", ":", "h", "/",
    "-", "'", "’", "s", " ", "\u00a0", "million", "millones", "mil", "Mrd.", "pm", "a.m.",
    "files", "archivos", "th", "º", "de", "marzo", "XX", "siglo", "V", "tres", "un", "%d",
)  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_NUMBER_PIECES), max_size=6).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_texts(), _texts(), st.sampled_from(["en", "es", "fr", "de"]))
@example("Only 3 files left.", "Quedan 3 archivos.", "es")
@example("Only 3 files left.", "Quedan 3 millones.", "es")
@example("Only 3 million left.", "Quedan 3 millones.", "es")
@example("Version .5 out", "Versión .5", "es")
@example("1" * 400, "1" * 400, "es")
@example("the 90s", "los 90", "es")
@example("at 9 pm", "a las 9", "es")
def test_missing_numbers_fast_path(source: str, draft: str, lang: str) -> None:
    """`missing_numbers` answers a pair that writes one and the same plain number on
    each side without scanning it: the answer of the full comparison."""
    numbers._missing_numbers.cache_clear()
    numbers._extract_numbers.cache_clear()
    full = numbers._missing_numbers.__wrapped__(source, "en", draft, lang)
    assert numbers.missing_numbers(source, "en", draft, lang) == (list(full[0]), list(full[1]))
    if numbers._lone_number(source) is not None:
        assert numbers._lone_number(source) == numbers._DIGIT_RUN.findall(source)[0]


_KEY_SIDE = st.text(alphabet="aAbZz09 .,!{}_\x00ΣσςİiK\u0130\u212a¿«é\ud800", max_size=10)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(_KEY_SIDE, _KEY_SIDE), max_size=8))
@example([("Save", "Save"), ("Save", "save!"), ("İx", "i̇x"), ("ΟΔΟΣ", "οδος"), ("a\x00", "a")])
@example([("", ""), ("...", "..."), ("_", "_"), ("Привет", "Привет"), ("Привет", "привет.")])
def test_same_text_by_keys(rows: list[tuple[str, str]]) -> None:
    """`same_text` (ASCII keys first) finds the pairs equal after `normalise`, and a
    text's key is its lower case's ASCII letters and digits."""
    view = MatchedPairs.__new__(MatchedPairs)
    view.sources = [s for s, _ in rows]
    view.drafts = [t for _, t in rows]
    view._same = None
    assert view.same_text() == [i for i, (s, t) in enumerate(rows) if _same_sentence(s, t)]
    assert view.same_text() == [
        i for i, (s, t) in enumerate(rows) if normalise(s) == normalise(t) and normalise(s)
    ]
    keys = _ascii_keys(view.sources)
    if keys is not None:
        expected = [
            bytes(
                c
                for c in s.lower().encode("utf-8", "surrogatepass")
                if chr(c).isascii() and chr(c).isalnum() and not chr(c).isupper()
            )
            for s in view.sources
        ]
        assert keys == expected
    else:
        assert any("\x00" in s for s in view.sources)


_LINE_PIECES = (
    "Read", "more", "Leave", "a", "reply", "Tu", "archivo", "Este", "Share", "on", "Twitter",
    ":", " ", "  ", "\n", "\r\n", "»", "¿", "x" * 195, "—", "|", "3", "Comments", "İ", "Σ", "_",
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(_LINE_PIECES), max_size=8).map("".join),
    st.sampled_from(["en", "es", "fr", "el"]),
)
@example("Leave a reply", "en")
@example("  Leave a reply", "es")
@example("x" * 199 + " Leave", "en")
def test_no_phrase_start_only_skips_rejected_lines(chunk: str, lang: str) -> None:
    """A paragraph the boilerplate rule passes over at once is one line that
    `boilerplate_phrase` finds no phrase in."""
    if _no_phrase_start(chunk, _languages(lang)[1:]):
        assert "\n" not in chunk and "\r" not in chunk
        body = chunk.strip()
        assert not body or boilerplate_phrase(body, lang) is None


def test_lone_number_cases() -> None:
    assert numbers._lone_number("Only 3 files left.") == "3"
    assert numbers._lone_number("Quedan 3 millones.") is None  # a scale word follows
    assert numbers._lone_number("Version .5") is None
    assert numbers._lone_number("3 of 4") is None
    assert numbers._lone_number("No number") is None


@settings(max_examples=800, deadline=None)
@given(st.lists(st.text(alphabet="aAzZ \x00ÀÁéΩωЯя.", max_size=6), max_size=8))
@example(["Open the File", "Ravi wants", "", "xY", "Z", "ÀÁ", "a\x00B"])
def test_texts_with_an_inner_capital(texts: list[str]) -> None:
    """The pairs name-mismatch looks at: those whose source has a capital after its
    first character, as `missing_names` tests it."""
    from transcheck.name_match import ANY_CAPITAL
    from transcheck.rules.source import _with_inner_capital

    expected = [i for i, t in enumerate(texts) if ANY_CAPITAL.search(t, 1) is not None]
    assert _with_inner_capital(texts) == expected


def test_scale_words_start_with_b_m_or_t() -> None:
    """`_SCALE_AFTER` reads only a word starting with b, m or t (or B, M, T): the scale
    tables must keep to these initials, which no other character lower-cases to."""
    initials = {word[0] for word in numbers._SCALES}
    initials |= {pair[0][0] for pair in numbers._COMPOUND_SCALES}
    assert initials <= set("bmt")
    assert numbers._scale_after("3 millones de", 1) == (1e6, 10)
    assert numbers._scale_after("3 Mrd. Euro", 1) == (1e9, 6)
    assert numbers._scale_after("3 devices", 1) == (1.0, 1)


_OLD_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]*([^\W\d_]+\.?)(?:\s+([^\W\d_]+))?")


def _old_scale_after(text: str, end: int) -> tuple[float, int]:
    m = _OLD_SCALE_AFTER.match(text, end)
    if not m:
        return 1.0, end
    first = m.group(1).lower()
    second = (m.group(2) or "").lower()
    if (first, second) in numbers._COMPOUND_SCALES:
        return numbers._COMPOUND_SCALES[(first, second)], m.end(2)
    word = first if first in numbers._SCALES else first.rstrip(".")
    if word in numbers._SCALES:
        return numbers._SCALES[word], m.start(1) + len(word)
    return 1.0, end


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from((*_NUMBER_PIECES, "Millones", "MIL", "İ", "bn", "x")), max_size=5))
def test_scale_after_as_before(pieces: list[str]) -> None:
    text = "3" + "".join(pieces)
    assert numbers._scale_after(text, 1) == _old_scale_after(text, 1)


# --- session 8 (branch s8-rules) ---------------------------------------------------


def _view_rows(rows: list[tuple[str, str]], one_to_one: bool) -> MatchedPairs:
    from transcheck.compare import comparison_from_sentences
    from transcheck.document import Document
    from transcheck.findings import Span

    def side(texts: list[str], lang: str) -> tuple[Document, list[Span]]:
        spans, pos = [], 0
        for text in texts:
            spans.append(Span(pos, pos + len(text)))
            pos += len(text) + 2
        return Document("x", "\n\n".join(texts), lang), spans

    (src, src_spans), (tgt, tgt_spans) = (
        side([s for s, _ in rows], "en"),
        side([t for _, t in rows], "es"),
    )
    return MatchedPairs(
        comparison_from_sentences(
            src, tgt, "en", "es", src_spans, tgt_spans, [], one_to_one=one_to_one
        )
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "Open", "3 files", "Ravi Kumar"]), _KEY_SIDE), max_size=6
    ),
    st.booleans(),
)
def test_matched_pairs_one_to_one_as_any_alignment(
    rows: list[tuple[str, str]], aligned: bool
) -> None:
    """The lists a one-to-one comparison (a catalogue's units) gets in C are those the
    general per-pair loop gives: empty sources left out, in pair order."""
    view = _view_rows(rows, not aligned)
    reference = MatchedPairs.__new__(MatchedPairs)
    reference.ks, reference.pairs, reference.sources, reference.drafts = [], [], [], []
    reference.merged = []
    comp = view.comp
    reference._take_pairs(comp, comp.sentence_texts(True), comp.sentence_texts(False))
    for name in ("ks", "sources", "drafts", "merged"):
        assert getattr(view, name) == getattr(reference, name), name
    assert all(map(operator.is_, view.pairs, reference.pairs))
    assert len(view.pairs) == len(reference.pairs)


_RATIOS = st.one_of(st.none(), st.just(float("nan")), st.floats(min_value=0, max_value=3))


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), _RATIOS), max_size=6),
    st.sampled_from([0.0, 0.5, 1.0]),
)
def test_none_short_as_omission_loop(
    rows: list[tuple[bool, bool, float | None]], floor: float
) -> None:
    """`_none_short` says yes only when Omission's loop finds no unpaired source and no
    short draft."""
    from transcheck.compare import PairInfo
    from transcheck.rules.source import _none_short

    pairs = [
        PairInfo((0,) if s else (), (0,) if t else (), 1.0, length_ratio=r) for s, t, r in rows
    ]
    flagged = any(
        (p.src and not p.tgt) or (p.tgt and p.length_ratio is not None and p.length_ratio < floor)
        for p in pairs
    )
    if _none_short(pairs, floor):
        assert not flagged


_PARAGRAPH_PIECES = (
    *_LINE_PIECES, "ΟΔΟΣ", "Tags", "Compartir", "\u00a0", "x" * 60, ".", "(", "İx", "tu",
    "comentario", "A'", "«", "Cookies", "Leave a", "Reply", "the", "Posted", "in",
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(_PARAGRAPH_PIECES), max_size=8).map("".join),
    st.sampled_from(["en", "es", "fr", "el"]),
)
@example("İShare", "en")
@example("Share" + "x" * 196, "en")
@example("  ¿Leave", "en")
@example("Tu comentario", "es")
@example("Leave «a reply", "en")
@example("A'ΣShare", "en")
def test_no_phrase_start_as_lowering_the_line(chunk: str, lang: str) -> None:
    """`_no_phrase_start` lower-cases the first words alone: the answer of
    `boilerplate_phrase`'s first test on the whole line lower-cased."""
    _, first_words, single_words, pairs = _languages(lang)
    old = "\n" not in chunk and "\r" not in chunk
    if old:
        lowered = chunk.lstrip()[:200].lower()
        words = re.findall(r"[^\W_]+", lowered)[:2]
        old = not (
            words
            and words[0] in first_words
            and (words[0] in single_words or " ".join(words) in pairs)
        )
    assert _no_phrase_start(chunk, (first_words, single_words, pairs)) == old


def test_lower_case_keeps_letters_and_digits_apart() -> None:
    """What `_no_phrase_start` relies on: a character is a letter or digit (`[^\\W_]`)
    if and only if every character of its lower case is one, for all but İ."""
    word = re.compile(r"[^\W_]")
    odd = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        kept = [word.match(c) is not None for c in char.lower()]
        if (word.match(char) is not None) != all(kept) or (not all(kept) and any(kept)):
            odd.append(char)
    assert odd == ["\u0130"]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.text(max_size=12), max_size=6), st.lists(st.sampled_from("AZaz09İKΣẞ"), max_size=3)
)
def test_ascii_keys_as_lower_casing_first(texts: list[str], extra: list[str]) -> None:
    """`_ascii_keys` lower-cases only the ASCII capitals unless İ or the Kelvin sign is
    there: the keys of lower-casing the texts first."""
    from transcheck.rules.source import _ascii_keys

    texts = [*texts, "".join(extra)]
    if any("\x00" in t for t in texts):
        assert _ascii_keys(texts) is None
        return
    expected = [
        bytes(b for b in t.lower().encode("utf-8", "surrogatepass") if bytes([b]).isalnum())
        for t in texts
    ]
    expected = [bytes(b for b in key if b < 128 and not bytes([b]).isupper()) for key in expected]
    assert _ascii_keys(texts) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé9٣ _-'’.MDCXVI\n²ß", max_size=40))
def test_patterns_written_class_first_find_the_same(text: str) -> None:
    """The patterns rewritten from `X+…` to `XX*…` (so that `re` scans for their first
    character in C) find what the `X+` forms find."""
    from transcheck.rules import language

    rewritten = {
        numbers._DIGIT_RUN: r"\d+",
        numbers._WORD: r"[^\W\d_]+",
        numbers._ROMAN_PAIR: r"[MDCLXVI]{2}",
        language._WORD: r"[^\W\d_]+(?:['’-][^\W\d_]+)*",
        language._WORD_ASCII: r"[A-Za-z]+(?:['-][A-Za-z]+)*",
        language._LETTERS: r"[^\W\d_]+",
        language._LETTERS_ASCII: r"[A-Za-z]+",
    }
    for pattern, original in rewritten.items():
        assert pattern.findall(text) == re.findall(original, text), original
