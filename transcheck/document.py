"""A text as read, with its line index, paragraphs and sentences.

The text is never normalised: CRLF, NBSP and everything else stay as read so
that offsets point at what the user sees and a fix can write the file back.
A UTF-8 BOM is not part of `text`; `bom` remembers it.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from operator import attrgetter, is_, le
from typing import ClassVar

from transcheck.findings import Span

# A line break is LF, CRLF or a lone CR; columns count code points.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PLUS_ONE = (1).__add__
# Shorter texts index their lines faster without numpy's per-call cost.
_NUMPY_LINES_MIN = 2000
_START_END = attrgetter("start", "end")  # a sort key compared in C, unlike Span's ordering
_START = attrgetter("start")
_MATCH_SPAN = re.Match.span
# Every byte but CR and LF to a space (`blanked` of a Latin-1 text).
_BLANK_BYTES = bytes.maketrans(
    bytes(range(256)), bytes(c if c in b"\r\n" else 32 for c in range(256))
)
# Starts at a line break, so that a long run of spaces is not rescanned from each of its
# positions (quadratic); spaces before the first break are trimmed with the paragraph.
BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\u00a0]*(?:\r\n|\r|\n))+")
# A content region: from a non-space character, line by line, up to a line break that
# starts a blank line (two line breaks with only spaces, tabs or CRs between). One match
# per region: the same regions as cutting at every such gap and trimming the parts'
# leading whitespace (tests/test_document.py compares the two).
# (`[^ \n](?<=\S)` is `\S`: a class of two literals, which the scan for a match start
# tests faster than the whitespace category over a catalogue's blanked lines.)
_CONTENT = re.compile(r"[^ \n](?<=\S)[^\n]*(?:\n(?![ \t\r]*\n)[^\n]*)*")
_NON_SPACE = re.compile(r"\S")


@dataclass(eq=False)
class Document:
    # Every masked character reads as a blank (a space, or the CR or LF it is) in
    # `analysis_text`: what is not blank lies outside the masked regions. (A subclass that
    # shows text over masked regions says False.)
    masks_read_blank: ClassVar[bool] = True

    path: str
    text: str
    lang: str | None = None
    lang_confidence: float | None = None
    bom: bool = False
    encoding: str = "utf-8"
    # Regions rules must not look at (suppression comments, markup), blanked in `analysis_text`.
    # (Factories, not plain defaults: then the class has no attribute of that name and an
    # unpickled document can rebuild them on first use, in `__getattr__`.)
    masked: tuple[Span, ...] = field(default_factory=tuple)
    # Paragraph-level blocks given by a structured reader (HTML elements, PO entries, SRT cues);
    # None means "split the text on blank lines".
    blocks: tuple[Span, ...] | None = field(default_factory=lambda: None)

    # Pickling (`--jobs` workers send documents back): span collections travel as flat
    # integer arrays and become Spans again only if the receiver reads them; rebuilding
    # thousands of Spans per file was most of the parent's unpickling time.
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        # The masked copy of the text is rebuilt from it if read: the receiver seldom
        # does (the name summaries and unit texts are computed where the file was read),
        # and it was a second copy of a structured file's text on the wire.
        state.pop("analysis_text", None)
        state.pop("content_regions", None)  # derived from it, rebuilt if read
        packed = dict(state.pop("_packed", {}))
        _pack_into(state, packed)
        state["_packed"] = packed
        return state

    @classmethod
    def prepared(
        cls,
        path: str,
        text: str,
        masked: list[int],
        blocks: tuple[Span, ...] | None,
        analysis_text: str,
    ) -> Document:
        """A document whose reader built `analysis_text` itself, along with its masked
        regions: sorted, merged, as flat (start, end) integers. They become Spans only
        if read (the rules seldom do; a catalogue has hundreds)."""
        doc = cls(path=path, text=text, blocks=blocks)
        state = doc.__dict__
        if masked:
            del state["masked"]
            state["_packed"] = {"masked": (True, array("q", masked))}
        state["analysis_text"] = analysis_text
        return doc

    def set_masked(self, masked: tuple[Span, ...]) -> None:
        """Replace the masked regions; what was derived from them is computed again."""
        self.masked = masked
        for name in ("analysis_text", "content_regions", "paragraphs", "sentences"):
            self.__dict__.pop(name, None)
        packed = self.__dict__.get("_packed")
        if packed:
            packed.pop("masked", None)

    def compact(self) -> None:
        """Store the span collections packed, as pickling does (rebuilt when next read).

        A run keeps every document until its report is written: 100,000 small files
        hold several million Span objects otherwise."""
        state = self.__dict__
        packed = state.get("_packed")
        if packed is None:
            packed = {}
        _pack_into(state, packed)
        if packed:
            state["_packed"] = packed

    def bounds(self, name: str) -> list[tuple[int, int]]:
        """(start, end) of each span of `name` ("sentences", "paragraphs"…), read from
        the packed form when the document is compact, without unpacking it for good."""
        packed = self.__dict__.get("_packed")
        if packed and name in packed:
            it = iter(packed[name][1].tolist())
            return list(zip(it, it, strict=True))
        return [(s.start, s.end) for s in getattr(self, name)]

    def masked_flat(self) -> Sequence[int]:
        """The masked regions as flat (start, end) integers, in the order of `masked`,
        read from the packed form when there is one (a catalogue's hundreds of regions
        then need no Span each: `formats.touches_mask` asks a few offsets)."""
        packed = self.__dict__.get("_packed")
        if packed and "masked" in packed:
            return packed["masked"][1]
        flat: list[int] = []
        for span in self.masked:
            flat += (span.start, span.end)
        return flat

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> object:
        # Only reached for attributes not set: an unpickled document's packed spans.
        spans = self._unpack(name)
        if spans is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return spans

    def _unpack(self, name: str) -> tuple[Span, ...] | list[Span] | None:
        packed = self.__dict__.get("_packed")
        if not packed or name not in packed:
            return None
        is_tuple, flat = packed.pop(name)
        it = iter(flat.tolist())
        spans = list(map(Span, it, it))
        value = tuple(spans) if is_tuple else spans
        self.__dict__[name] = value
        return value

    @cached_property
    def line_starts(self) -> list[int]:
        text = self.text
        if "\r" in text:
            return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        numpy = sys.modules.get("numpy")
        if numpy is not None and len(text) >= _NUMPY_LINES_MIN:
            # Already loaded (the language model uses it): the break positions in a few
            # array calls, without a string per line (0.54 -> 0.24 M instructions for a
            # 10 KB catalogue, whose report needs the index).
            # (surrogatepass: a lone surrogate, which a caller's text may hold, is one
            # more code point here, not an error.)
            codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), numpy.uint32)
            breaks = numpy.flatnonzero(codes == 10)
            breaks += 1
            return [0, *breaks.tolist()]
        # LF only (most files): running sums of the line lengths + 1, all in C.
        lengths = map(len, text.split("\n")[:-1])
        return list(accumulate(map(_PLUS_ONE, lengths), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        starts = self.line_starts
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @cached_property
    def analysis_text(self) -> str:
        """`text` with masked regions replaced by spaces (same length, same offsets)."""
        if not self.masked:
            return self.text
        text = self.text
        merged = _merged(self.masked)
        if merged and merged[-1][1] > len(text):
            raise IndexError("masked span beyond the end of the text")
        # Slices of the text and of its blanked copy, not a loop over characters:
        # structured formats (PO, XLIFF, HTML) mask most of the file.
        parts: list[str] = []
        pos = 0
        if len(merged) > 8:  # many regions (markup): blank the whole text once
            blank = blanked(text)
            for start, end in merged:
                parts.append(text[pos:start])
                parts.append(blank[start:end])
                pos = end
        else:
            for start, end in merged:
                parts.append(text[pos:start])
                parts.append(blanked(text[start:end]))
                pos = end
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def content_regions(self) -> list[tuple[int, int]]:
        """(start, end) of the parts of `analysis_text` that hold all its non-whitespace
        characters: cut at every blank line (two line breaks with only spaces, tabs or
        CRs between) and trimmed of leading whitespace.

        Structured formats (PO, XLIFF, HTML) blank most of their text; a whole-text
        regex scan spends most of its time stepping over those blanks. A pattern whose
        matches start at or just after a non-space character and never hold two line
        breaks finds
        exactly the same matches scanning `pattern.finditer(text, start, end)` over these
        regions (a lookbehind still sees the text before `start`; a lookahead at `end`
        sees the end of the text where the whole text has a line break)."""
        text = self.analysis_text
        if self.masks_read_blank and (masked := self.masked_flat()):
            regions = _content_between(text, masked)
            if regions is not None:
                return regions
        return list(map(_MATCH_SPAN, _CONTENT.finditer(text)))

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks separated by blank lines, trimmed of surrounding whitespace.

        A text with no blank line at all but several lines (one paragraph per
        line, common in pasted articles) gets one paragraph per line.
        """
        unpickled = self._unpack("paragraphs")
        if unpickled is not None:
            return unpickled  # type: ignore[return-value]
        text = self.analysis_text
        if self.blocks is not None:
            kept: list[Span] = []
            for block in self.blocks:
                start, end = block.start, block.end
                # The usual block (a PO string, an HTML element's text) is kept as is.
                if start < end and not text[start].isspace() and not text[end - 1].isspace():
                    kept.append(block)
                elif (trimmed := _trim(text, block)) is not None:
                    kept.append(trimmed)
            return kept
        blocks: list[Span] = []
        pos = 0
        for sep in BLANK_LINES.finditer(text):
            blocks.append(Span(pos, sep.start()))
            pos = sep.end()
        blocks.append(Span(pos, len(text)))
        if len(blocks) == 1:
            blocks = _line_spans(text)
        return [s for s in (_trim(text, b) for b in blocks) if s is not None]

    @cached_property
    def sentences(self) -> list[Span]:
        from transcheck.segment import TERMINATOR, sentence_spans

        unpickled = self._unpack("sentences")
        if unpickled is not None:
            return unpickled  # type: ignore[return-value]
        text = self.analysis_text
        lang = self.lang or "en"
        result: list[Span] = []
        search = TERMINATOR.search
        for para in self.paragraphs:
            # No full stop, question mark… before its last character: one sentence (most
            # UI strings), known without splitting.
            if search(text, para.start, para.end - 1) is None:
                result.append(para)
                continue
            chunk = text[para.start : para.end]
            spans = sentence_spans(chunk, lang)
            if len(spans) == 1 and spans[0] == (0, len(chunk)):
                result.append(para)  # one sentence (most UI strings): the paragraph's span
                continue
            for start, end in spans:
                result.append(Span(para.start + start, para.start + end))
        return result

    def crosses_block(self, start: int, end: int) -> bool:
        """Whether text[start:end] runs from one unit of a structured reader into the next
        (JSON values, XLIFF targets, HTML elements and `<br>` lines, Markdown table cells,
        PO entries): words of two units are not neighbours, whatever blanks lie between.
        Plain text has no such units: its paragraphs are cut at blank lines, which the
        rules' patterns never run over (a line of its own may still wrap a sentence)."""
        blocks = self.blocks
        if not blocks:
            return False
        i = bisect_right(blocks, start, key=_START)
        return i < len(blocks) and blocks[i].start < end

    def paragraph_of(self, offset: int) -> Span | None:
        starts = [p.start for p in self.paragraphs]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


_SPAN_ATTRIBUTES = ("masked", "blocks", "paragraphs", "sentences")


def _content_between(text: str, masked: Sequence[int]) -> list[tuple[int, int]] | None:
    """`Document.content_regions` of a text whose masked regions (flat, sorted, disjoint)
    are blank, looked for between them only: a region starts at the first non-space
    character after the last one, which lies outside them; `_CONTENT` matched there gives
    the region the whole-text scan finds (it did not start earlier, where all is blank).
    A structured file masks most of its text, which the scan stepped over character by
    character. None when the masked regions are not in order (the caller scans)."""
    edges = [0, *masked, len(text)]
    if not all(map(le, edges[:-1], edges[1:])):
        return None
    regions: list[tuple[int, int]] = []
    end = 0  # the end of the last region
    search, match, find = _NON_SPACE.search, _CONTENT.match, text.find
    last = len(text) - 1
    pieces = iter(edges)
    for start, stop in zip(pieces, pieces, strict=True):  # the unmasked stretches
        if start < end:
            start = end
        while start < stop:
            if text[start].isspace():  # most strings start with their first word
                found = search(text, start, stop)
                if found is None:
                    break
                start = found.start()
            end = find("\n", start)
            # A line followed by an empty one ends the region (most catalogue strings):
            # `_CONTENT` would stop there too; anything else is its to say.
            if end == -1 or end >= last or text[end + 1] != "\n":
                end = match(text, start).end()  # type: ignore[union-attr]
            regions.append((start, end))
            start = end
    return regions


def _pack_into(state: dict[str, object], packed: dict[str, tuple[bool, array]]) -> None:
    """Move the span collections of `state` into `packed`, each as (is a tuple, flat
    array). A collection of the very Spans of the one before it (a catalogue's
    paragraphs are its blocks, its sentences those paragraphs) shares its array: packed
    once, and pickled once."""
    previous: tuple[Sequence[Span], array] | None = None
    for name in _SPAN_ATTRIBUTES:
        spans = state.get(name)
        if not spans:
            continue
        del state[name]
        if previous is not None and _same_spans(spans, previous[0]):
            flat = previous[1]
        else:
            flat = _pack(spans)
        previous = (spans, flat)
        packed[name] = (type(spans) is tuple, flat)


def _same_spans(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """The same Span objects in the same order (compared in C, by identity)."""
    return len(a) == len(b) and all(map(is_, a, b))


def _pack(spans: tuple[Span, ...] | list[Span]) -> array:
    flat = array("q")
    for span in spans:
        flat.append(span.start)
        flat.append(span.end)
    return flat


def blanked(text: str) -> str:
    """`text` with every character but line breaks replaced by a space."""
    # One byte per character (Latin-1, with "?" for any other), every byte but CR and LF
    # turned into a space by a table: all in C, a few times faster than building a run
    # of spaces per line (PO and XLIFF readers blank whole files).
    return text.encode("latin-1", "replace").translate(_BLANK_BYTES).decode("ascii")


def _merged(spans: tuple[Span, ...]) -> list[tuple[int, int]]:
    """Non-empty spans sorted and merged where they overlap or touch."""
    merged: list[tuple[int, int]] = []
    for span in sorted(spans, key=_START_END):
        if span.end <= span.start:
            continue
        if merged and span.start <= merged[-1][1]:
            if span.end > merged[-1][1]:
                merged[-1] = (merged[-1][0], span.end)
        else:
            merged.append((span.start, span.end))
    return merged


def _line_spans(text: str) -> list[Span]:
    spans = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(text)))
    return spans


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return span  # the usual block (a PO string, an HTML element's text): no new Span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None
