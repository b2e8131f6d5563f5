"""The document sample's C-speed path for short paragraph lists against the loop."""

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
