"""Fast paths of transcheck.language against what they replace: the document sample of
short paragraph lists, the letter count of Latin-1 texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.findings import Span
from transcheck.language import _sample_step, _spread_sample


def _loop_sample(text: str, paragraphs: list[Span], limit: int) -> str:
    """`_spread_sample` as it was before the joined fast path."""
    parts: list[str] = []
    size = 0
    for span in paragraphs[:: _sample_step(paragraphs, limit)]:
        parts.append(text[span.start : min(span.end, span.start + limit - size)])
        size += len(parts[-1])
        if size >= limit:
            break
    return "\n\n".join(parts)


@st.composite
def _paragraphs(draw: st.DrawFn) -> tuple[str, list[Span], int]:
    text = draw(st.text(alphabet="ab \n", max_size=300))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=40)))
    spans = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return text, spans, draw(st.integers(1, 320))


@settings(max_examples=500)
@given(_paragraphs())
def test_spread_sample_matches_loop(case: tuple[str, list[Span], int]) -> None:
    text, spans, limit = case
    if spans:
        assert _spread_sample(text, spans, limit) == _loop_sample(text, spans, limit)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("aZ 09_.ªµºß×÷ÿ\x00\xa0\xadĀ字🙂\u0301")) | st.text())
def test_letter_count_counts_isalpha(text: str) -> None:
    # Latin-1 texts are counted as bytes; the rest character by character.
    from transcheck.language import letter_count

    assert letter_count(text) == sum(map(str.isalpha, text))


def test_latin1_letters_are_isalpha() -> None:
    from transcheck.language import _LATIN1_LETTERS, letter_count

    assert bytes(b for b in range(256) if chr(b).isalpha()) == _LATIN1_LETTERS
    assert letter_count("".join(map(chr, range(256)))) == len(_LATIN1_LETTERS)
